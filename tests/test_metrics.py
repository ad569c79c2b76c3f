"""Metric functions on the project's reviewed records, against numbers worked out by hand."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.metrics.appraisal import appraisal_volumes
from analysis.metrics.coverage import coverage_matrix
from analysis.metrics.dissemination import dissemination_reach
from analysis.metrics.mediation import mediation_rates
from analysis.metrics.parts import part_figures
from analysis.records.bounds import ratio_qualifier, rounding_tolerance
from analysis.records.consistency import check_consistency
from analysis.records.figures import pick_figures
from analysis.records.load import load_records
from analysis.reference import load_catalog
from analysis.report.appraisal import volumes_table
from analysis.report.coverage import coverage_note, findings_table, pending_review
from analysis.report.dissemination import reach_table
from analysis.report.mediation import rates_table


@pytest.fixture(scope="module")
def records() -> pd.DataFrame:
    return load_records()


def _row(frame: pd.DataFrame, jurisdiction: str, period: str) -> pd.Series:
    match = frame[(frame["jurisdiction"] == jurisdiction) & (frame["period"] == period)]
    assert len(match) == 1, f"expected one row for {jurisdiction} {period}, got {len(match)}"
    return match.iloc[0]


def test_mediation_rate_is_computed_from_its_parts_beside_the_stated_rate(records):
    rates = mediation_rates(records)
    lang_son = _row(rates, "Lạng Sơn", "2024-H1")
    assert lang_son["cases"] == 1549 and lang_son["settled"] == 1259
    assert lang_son["computed_rate"] == pytest.approx(100 * 1259 / 1549)  # 81.2782...
    assert round(lang_son["computed_rate"], 2) == 81.28
    assert lang_son["stated_rate"] == 81.2
    assert lang_son["gap_points"] == pytest.approx(81.2 - 100 * 1259 / 1549)
    assert lang_son["gap_flagged"], "81.2 stated vs 81.28 computed exceeds the 0.05 rounding"


def test_mediation_rate_without_a_stated_rate_is_not_flagged(records):
    rates = mediation_rates(records)
    year_2020 = _row(rates, "Lạng Sơn", "2020")
    assert round(year_2020["computed_rate"], 2) == 62.13  # 2164 / 3483
    assert pd.isna(year_2020["stated_rate"]) and not year_2020["gap_flagged"]
    assert list(rates["period"]) == ["2020", "2024-H1"], "year before half-year, as period kinds"


def test_mediation_table_shows_both_rates_and_the_flag(records):
    text = repr(rates_table(mediation_rates(records)))
    assert "81,28 %" in text and "81,2 %" in text
    assert "−0,08 điểm % ⚠ lệch" in text
    assert (
        "Nguồn: Báo Lạng Sơn (LSO), 27/01/2021; “Hội nghị trực tuyến toàn quốc sơ kết công tác "
        "tư pháp 6 tháng đầu năm”, 10/07/2024" in text
    ), "sources are cited by outlet (or title) and date"


def test_rounding_tolerance_is_half_a_unit_of_the_last_stated_decimal():
    assert rounding_tolerance(81.2) == pytest.approx(0.05)
    assert rounding_tolerance(81) == pytest.approx(0.5)
    assert rounding_tolerance(81.25) == pytest.approx(0.005)


def test_dissemination_reach_per_session_and_per_thousand_residents(records):
    reach = dissemination_reach(records)
    hau_giang = _row(reach, "Hậu Giang", "2023")
    assert hau_giang["attendances_per_session"] == pytest.approx(184000 / 2536)  # 72.56
    assert hau_giang["per_session_qualifier"] == "at_least"
    assert hau_giang["population_2019"] == 733017
    assert hau_giang["attendances_per_1000_residents"] == pytest.approx(184000 / 733017 * 1000)
    national = _row(reach, "Việt Nam", "2024-H1")
    assert national["population_2019"] == 96_208_984
    assert national["attendances_per_1000_residents"] == pytest.approx(24e6 / 96_208_984 * 1000)
    assert national["per_1000_qualifier"] == "at_least"
    assert national["per_session_qualifier"] == "approx", "two lower bounds bound no ratio"


def test_dissemination_table_marks_lower_bounds(records):
    text = repr(reach_table(dissemination_reach(records)))
    assert "≥ 5.000" in text and "≥ 400.000" in text and "≥ 511" in text
    assert "≥ 512" not in text, "400.000 ÷ 781.655 × 1.000 = 511,7 is a lower bound: rounded down"
    assert "≈ 80,0" in text
    assert "≥: cận dưới" in text


def test_appraisal_volumes_by_place_period_and_tier(records):
    volumes = appraisal_volumes(records)
    assert len(volumes) == 14
    national = volumes[volumes["jurisdiction"] == "Việt Nam"]
    assert dict(zip(national["level"], national["value"], strict=True)) == {
        "central": 292,
        "province": 1528,
        "district": 1038,
        "commune": 810,
    }
    commented = volumes[
        (volumes["jurisdiction"] == "Quảng Ninh") & (volumes["indicator"] == "drafts_commented")
    ]
    found = zip(commented["level"], commented["value"], commented["qualifier"], strict=True)
    assert sorted(found) == [("central", 30, "at_least")], (
        "the article's 40 and 'trên 130' provincial drafts are two kinds (parts), never a total"
    )
    parts = part_figures(records, ["appraisal"], "Quảng Ninh")
    assert sorted(zip(parts["value"], parts["scope_note"], strict=True)) == [
        (40, "dự thảo VBQPPL của tỉnh"),
        (130, "dự thảo văn bản khác do các sở, ngành gửi đến"),
    ]
    assert list(volumes["period_kind"].astype(str).unique()) == ["year", "half", "year_to_date"]


def test_appraisal_table_names_unstated_tiers_and_sources(records):
    text = repr(volumes_table(appraisal_volumes(records)))
    assert "Không nêu cấp" in text and "≥ 30" in text and "1.528" in text
    assert "170" not in text, "two parts were added into a figure no source states"
    assert "Báo Pháp luật Việt Nam (PLVN)" in text


@pytest.mark.parametrize(
    ("numerator", "denominator", "expected"),
    [
        ("exact", "exact", "exact"),
        ("at_least", "exact", "at_least"),
        ("exact", "at_least", "at_most"),
        ("at_least", "at_least", "approx"),
        ("approx", "exact", "approx"),
        (None, "exact", "exact"),
    ],
)
def test_ratio_qualifier(numerator, denominator, expected):
    assert ratio_qualifier(numerator, denominator) == expected


def test_two_sources_that_disagree_are_both_kept_never_one_figure(records):
    row = records[records["indicator"] == "mediation_cases"].iloc[[0]]
    second = row.assign(doc_id=pd.Categorical(["999_other"]), value=row["value"] - 100)
    both = pd.concat([row, second], ignore_index=True)
    picked = pick_figures(both, ["mediation_cases"], ["jurisdiction", "period"])
    assert sorted(zip(picked["value"], picked["doc_ids"], strict=True)) == [
        (3383, ("999_other",)),
        (3483, ("000_dad9108531b79d33",)),
    ], "each source keeps its own value"
    assert picked["disputed"].all()


def test_statements_that_fit_one_value_give_the_most_precise(records):
    row = records[records["indicator"] == "mediation_cases"].iloc[[0]]
    bound = row.assign(
        doc_id=pd.Categorical(["999_other"]),
        value=row["value"] - 83,
        qualifier=pd.Categorical(["at_least"]),
    )
    picked = pick_figures(
        pd.concat([row, bound], ignore_index=True), ["mediation_cases"], ["period"]
    )
    assert picked[["value", "qualifier", "disputed"]].values.tolist() == [[3483, "exact", False]]
    assert picked.iloc[0]["doc_ids"] == ("000_dad9108531b79d33", "999_other")


def test_coverage_matrix_counts_figures_per_indicator_and_kind_of_period(records):
    catalog = load_catalog()
    matrix = coverage_matrix(records, catalog)
    assert list(matrix.columns) == [
        "year",
        "half",
        "year_to_date",
        "provinces",
        "national",
        "parts",
    ]
    assert matrix["parts"].sum() == 5, "the seeds' five part figures (003's lists, 002's 6)"
    assert len(matrix) == 17
    kinds = matrix[["year", "half", "year_to_date"]]
    assert int(kinds.to_numpy().sum()) == len(records) == 35
    assert matrix.loc["docs_issued", "half"] == 4 and matrix.loc["docs_issued", "national"] == 4
    assert matrix.loc["mediation_cases", "provinces"] == 1, "Lạng Sơn only"
    assert int((kinds > 0).to_numpy().sum()) == 26
    note = repr(coverage_note(records, catalog, 63))
    assert "26 trên 51 ô" in note and "3 trên 63 tỉnh" in note


def test_pending_review_escapes_article_text_in_html(records):
    hostile = records.iloc[[0]].assign(
        evidence=pd.array(['<img src="http://evil.invalid/x.png">'], dtype="string")
    )
    html = pending_review(hostile)._repr_html_()
    assert "<img" not in html and "&lt;img" in html


def test_findings_table_describes_the_mediation_gap_in_vietnamese(records):
    text = repr(findings_table(check_consistency(records)))
    assert "Tỷ lệ nêu lệch với các thành phần" in text
    assert "nguồn nêu 81,2 %, các thành phần cho 81,28 %" in text
    assert "Nguồn: “Hội nghị trực tuyến toàn quốc sơ kết công tác tư pháp 6 tháng đầu năm”" in text


def test_findings_table_names_every_source_of_a_disagreement():
    finding = pd.DataFrame(
        {
            "finding": ["sources-disagree"],
            "indicator": ["mediation_cases"],
            "jurisdiction": ["Việt Nam"],
            "period": ["2020"],
            "level": [None],
            "doc_ids": [("000_dad9108531b79d33", "002_ee5b86ab325aa10c")],
            "record_ids": [("ra", "rb")],
            "stated": [20.0],
            "qualifier": ["exact"],
            "computed": [10.0],
            "computed_qualifier": ["exact"],
            "message": [""],
        }
    )
    frame = findings_table(finding).frame
    assert frame.loc[0, "Nguồn"] == "Báo Lạng Sơn (LSO), 27/01/2021; TTXVN, 09/12/2023", (
        "a finding must name each source by outlet and date, not by record id"
    )
