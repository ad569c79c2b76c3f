"""Numbers as the source gave them (issue 15): every table keeps ≥ / ≈ / ≤ and the source's own
digits, a computed value says how it is rounded, a bound never produces a finding it allows, and
the report counts its figures one way everywhere."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest
from records_fixture import make_records

from analysis.metrics.coverage import coverage
from analysis.metrics.mediation import mediation_rates
from analysis.metrics.profile import profile_figures
from analysis.metrics.series import indicator_series
from analysis.records.consistency import check_consistency
from analysis.reference import load_catalog
from analysis.report.coverage import coverage_note, findings_table
from analysis.report.front import coverage_sentences, headline_table
from analysis.report.mediation import rates_table
from analysis.report.numfmt import fmt_stated
from analysis.report.plots import QUALIFIER_LEGEND, time_panels
from analysis.report.profile import profile_table
from analysis.report.provinces import side_by_side_chart
from analysis.report.series import series_chart, series_table

RATE = "mediation_success_rate"


def _rate(value: float, place: str, period: str, **more: object) -> dict:
    return {"indicator": RATE, "value": value, "jurisdiction": place, "period": period, **more}


@pytest.fixture(scope="module")
def rates(tmp_path_factory: pytest.TempPathFactory) -> pd.DataFrame:
    """The country's "gần 85%" for 2024 and "84,8%" for 2023; Lạng Sơn's rates of both years
    (so its profile sets the national figure beside them); Hà Nội's "80,75%"."""
    return make_records(
        tmp_path_factory.mktemp("rates"),
        [
            _rate(85, "Việt Nam", "2024", qualifier="approx", evidence="đạt gần 85%"),
            _rate(84.8, "Việt Nam", "2023", evidence="đạt 84,8%"),
            _rate(81.2, "Lạng Sơn", "2024"),
            _rate(79.5, "Lạng Sơn", "2023"),
            _rate(80.75, "Hà Nội", "2021-H1"),
        ],
    )


def _tables(records: pd.DataFrame) -> dict[str, str]:
    """The text of every table a national or provincial rate reaches."""
    national = indicator_series(records, RATE)
    return {
        "series table": repr(series_table(national)),
        "series chart": repr(series_chart(national)),
        "headline": repr(headline_table(records)),
        "mediation table": repr(rates_table(mediation_rates(records))),
        "profile": repr(profile_table(profile_figures(records, "Lạng Sơn"), "Lạng Sơn")),
        "provinces chart": repr(side_by_side_chart(records, RATE)),
    }


def test_gan_85_shows_as_about_85_in_every_table_it_reaches(rates):
    for name, text in _tables(rates).items():
        if name == "provinces chart":
            continue  # the country is not a province
        assert "≈ 85 %" in text, f"{name}: 'gần 85%' lost its ≈"
        assert "85,0" not in text and not re.search(r"(?<![≈,\d]) 85 %", text), (
            f"{name}: 'gần 85%' shown as an exact or padded figure"
        )


def test_a_stated_value_keeps_the_digits_the_source_wrote(rates):
    tables = _tables(rates)
    for name in ("series table", "series chart", "mediation table", "profile"):
        assert "84,8 %" in tables[name], f"{name}: 84,8 not shown as the source wrote it"
        assert "84,80" not in tables[name], f"{name}: 84,8 padded to 84,80"
    assert "80,75 %" in tables["mediation table"] and "80,8 %" not in tables["mediation table"]
    assert "80,75 %" in tables["provinces chart"], "a stated rate is ranked with its own digits"
    assert "81,2 %" in tables["profile"] and "81,20" not in tables["profile"]
    assert fmt_stated(2164, "exact") == "2.164" and fmt_stated(209.5, "exact") == "209,5"


def test_a_computed_value_states_its_rounding(tmp_path: Path):
    records = make_records(
        tmp_path,
        [
            {"indicator": "mediation_cases", "value": 1549, "jurisdiction": "Lạng Sơn", "period": "2024"},
            {"indicator": "mediation_successful", "value": 1259, "jurisdiction": "Lạng Sơn", "period": "2024"},
            {**_rate(81.2, "Lạng Sơn", "2024")},
        ],
    )  # fmt: skip
    table = rates_table(mediation_rates(records))
    text = repr(table)
    assert "81,28 %" in text and "81,2 %" in text
    assert any("làm tròn 2 chữ số thập phân" in n for n in table.notes)


@pytest.mark.parametrize(("stated", "finding"), [(88, False), (95, True)])
def test_a_bound_gives_no_finding_the_bound_allows(tmp_path: Path, stated, finding):
    """Hải Dương 2013..2023: "trên 16.000" cases, 14.699 settled, "đạt 88%". 14.699/16.000 is
    91,87 %, but over more cases the rate is lower: 88 % fits, 95 % cannot."""
    place = {"jurisdiction": "Hải Dương", "period": "2013..2023"}
    records = make_records(
        tmp_path,
        [
            {**place, "indicator": "mediation_cases", "value": 16000, "qualifier": "at_least"},
            {**place, "indicator": "mediation_successful", "value": 14699},
            {**place, "indicator": RATE, "value": stated},
        ],
    )
    findings = check_consistency(records)
    rate_findings = findings[findings["finding"] == "rate-differs-from-parts"]
    assert len(rate_findings) == int(finding), rate_findings["message"].tolist()
    row = mediation_rates(records).iloc[0]
    assert bool(row["gap_flagged"]) is finding
    assert pd.isna(row["gap_points"]), "a rate of a bound has a range, not one gap"
    table = rates_table(mediation_rates(records))
    assert "≥ 16.000" in repr(table) and "≤ 91,87 %" in repr(table)
    gap = table.frame["Chênh lệch (nêu − tính)"].iloc[0]
    assert gap.startswith("⚠") is finding, gap
    if finding:
        assert "nguồn nêu 95 %" in repr(findings_table(findings))


def test_a_qualified_stated_rate_keeps_its_mark_in_findings(tmp_path: Path):
    place = {"jurisdiction": "Cà Mau", "period": "2014..2020"}
    records = make_records(
        tmp_path,
        [
            {**place, "indicator": "mediation_cases", "value": 20937},
            {**place, "indicator": "mediation_successful", "value": 16809},
            {**place, "indicator": RATE, "value": 82, "qualifier": "at_least"},
        ],
    )
    text = repr(findings_table(check_consistency(records)))
    assert "nguồn nêu ≥ 82 %" in text, "'từ 82% trở lên' lost its ≥"
    assert "≥ 82 %" in repr(rates_table(mediation_rates(records)))


def test_lower_bounds_and_approximations_have_markers_of_their_own():
    frame = pd.DataFrame(
        {
            "x_start": [2020.0, 2021.0, 2022.0],
            "x_end": [2021.0, 2022.0, 2023.0],
            "x": [2020.5, 2021.5, 2022.5],
            "years": [0, 0, 0],
            "value": [10.0, 12.0, 14.0],
            "per_year": [10.0, 12.0, 14.0],
            "qualifier": ["exact", "at_least", "approx"],
            "series": ["stated"] * 3,
            "label": ["a", "b", "c"],
        }
    )
    chart = time_panels([("Cả năm", frame)], title="t", ylabel="y", source="Nguồn: x")
    ax = chart.figure.axes[0]
    styles = {
        float(line.get_ydata()[0]): (line.get_fillstyle(), str(line.get_markerfacecolor()))
        for line in ax.get_lines()
    }
    assert styles[12.0][1] in ("white", "(1.0, 1.0, 1.0, 1.0)") and styles[12.0][0] == "full"
    assert styles[14.0][0] == "left", "an approximation is half filled, not hollow like a bound"
    legend = [t.get_text() for ax in chart.figure.axes for lg in [ax.get_legend()] if lg
              for t in lg.get_texts()]  # fmt: skip
    assert QUALIFIER_LEGEND["at_least"] in legend and QUALIFIER_LEGEND["approx"] in legend


def test_two_sources_that_disagree_are_both_shown_never_averaged(tmp_path: Path):
    records = make_records(
        tmp_path,
        [
            {"indicator": "appraisal_drafts", "value": 5800, "jurisdiction": "Việt Nam",
             "period": "2020", "doc_id": "001_a"},
            {"indicator": "appraisal_drafts", "value": 6000, "jurisdiction": "Việt Nam",
             "period": "2020", "doc_id": "002_b"},
        ],
    )  # fmt: skip
    series = indicator_series(records, "appraisal_drafts")
    assert sorted(series["value"]) == [5800, 6000] and series["disputed"].all()
    text = repr(series_table(series))
    assert "5.800" in text and "6.000" in text and "5.900" not in text
    headline = repr(headline_table(records))
    assert "5.800 văn bản / 6.000 văn bản" in headline and "a / b: các nguồn" in headline


def test_the_cover_and_every_page_give_the_same_figure_count(tmp_path: Path):
    same = {
        "indicator": "legal_aid_cases",
        "value": 490,
        "jurisdiction": "Lạng Sơn",
        "period": "2020",
    }
    records = make_records(
        tmp_path,
        [
            {**same, "doc_id": "001_a"},
            {**same, "doc_id": "002_b"},  # one figure, two sources
            {**same, "value": 12, "scope": "part", "scope_note": "tư vấn"},
        ],
    )  # fmt: skip
    cover = coverage(records)
    assert (cover.n_figures, cover.n_part_figures) == (2, 1)
    words = " ".join(coverage_sentences(cover))
    assert words.startswith("2 số liệu đã được người duyệt")
    note = repr(coverage_note(records, load_catalog(), 63))
    assert note.startswith("- 2 số liệu đã duyệt (3 bản ghi"), note
