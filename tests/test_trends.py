"""Series over time, provinces side by side, a province's profile and the report's front pages:
on the fixture data (the five seeds) and on small record sets written by the test."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from records_fixture import make_records

from analysis.metrics.coverage import coverage
from analysis.metrics.parts import part_figures
from analysis.metrics.profile import profile_figures
from analysis.metrics.provinces import province_values
from analysis.metrics.series import distinct_years, indicator_series
from analysis.records.load import load_records
from analysis.report.front import contents_html, coverage_sentences, headline_table
from analysis.report.profile import profile_table
from analysis.report.provinces import rank_points, shown_texts, side_by_side_chart
from analysis.report.series import series_chart, series_table
from analysis.report.sources import SourceList, cite_many


@pytest.fixture(scope="module")
def records() -> pd.DataFrame:
    return load_records()


def _row(indicator: str, value: object, place: str, period: str, **more: object) -> dict:
    return {"indicator": indicator, "value": value, "jurisdiction": place, "period": period, **more}


def test_national_series_keeps_tiers_apart_and_names_its_sources(records):
    series = indicator_series(records, "docs_issued")
    assert set(series["period"]) == {"2024-H1"}
    assert dict(zip(series["level"], series["value"], strict=True)) == {
        "central": 292,
        "province": 1528,
        "district": 1038,
        "commune": 810,
    }, "tiers are four points, never one sum"
    text = repr(series_table(series))
    assert "Cấp tỉnh" in text and "1.528" in text
    assert "“Hội nghị trực tuyến toàn quốc sơ kết công tác tư pháp 6 tháng đầu năm”" in text


def test_a_rate_series_holds_the_stated_and_the_computed_rate(records):
    series = indicator_series(records, "mediation_success_rate", "Lạng Sơn")
    rows = series[["period", "series", "value"]].itertuples(index=False)
    got = {(p, s): round(v, 2) for p, s, v in rows}
    assert got == {
        ("2020", "computed"): 62.13,
        ("2024-H1", "computed"): 81.28,
        ("2024-H1", "stated"): 81.2,
    }
    assert distinct_years(series) == [2020, 2024]
    chart = series_chart(series)
    assert "81,28 %" in repr(chart) and "62,13 %" in repr(chart)


def test_a_span_keeps_its_total_and_states_its_yearly_average(tmp_path: Path):
    frame = make_records(
        tmp_path,
        [
            _row("docs_checked", 25193, "Việt Nam", "2016..2021"),
            _row("docs_checked", 5161, "Việt Nam", "2020", doc_id="002_b"),
            _row("mediation_success_rate", 80.4, "Việt Nam", "2014..2023"),
        ],
    )
    series = indicator_series(frame, "docs_checked")
    span = series[series["period"] == "2016..2021"].iloc[0]
    assert span["value"] == 25193 and span["years"] == 6
    assert span["per_year"] == pytest.approx(25193 / 6)
    assert (span["x_start"], span["x_end"]) == (2016.0, 2022.0), "the bar covers 2016 to 2021"
    table = repr(series_table(series))
    assert "25.193" in table and "4.199" in table and "TB mỗi năm" in table
    assert "4.199 /năm (TB)" in repr(series_chart(series))
    rate = indicator_series(frame, "mediation_success_rate").iloc[0]
    assert rate["per_year"] == rate["value"] == 80.4, "a rate over a span is not divided"
    assert distinct_years(series) == [2020], "a span is not a year of the series"


def test_an_empty_series_says_so_instead_of_drawing(records):
    series = indicator_series(records, "mediation_success_rate")
    assert series.empty
    assert "chưa có số liệu" in repr(series_chart(series))
    assert "Tỷ lệ hòa giải thành — Việt Nam" in repr(series_table(series))


def test_a_total_is_never_added_to_its_own_parts(tmp_path: Path):
    def part(value: int, note: str, **more: object) -> dict:
        return _row("criminal_record_requests", value, "Việt Nam", "2020", scope="part",
                    scope_note=note, **more)  # fmt: skip

    frame = make_records(
        tmp_path,
        [
            _row("criminal_record_requests", 689125, "Việt Nam", "2020"),
            part(408314, "Phiếu số 1"),
            part(208811, "Phiếu số 2"),
            part(20968, "Riêng Bộ Tư pháp"),
            _row("drafts_commented", 40, "Quảng Ninh", "2020", scope="part", scope_note="của tỉnh"),
            _row("drafts_commented", 130, "Quảng Ninh", "2020", scope="part", scope_note="khác"),
        ],
    )
    total = frame.loc[frame["is_total"], "record_id"].iloc[0]
    parts = frame[(frame["indicator"] == "criminal_record_requests") & ~frame["is_total"]]
    assert set(parts["part_of"]) == {total}, "each part names the whole its source states"
    assert frame.loc[frame["is_total"], "part_of"].isna().all()
    series = indicator_series(frame, "criminal_record_requests")
    assert series["value"].tolist() == [689125], "the parts are no points of the series"
    profile = profile_figures(frame, "Quảng Ninh")
    assert profile.empty, "40 and 130 drafts of two kinds are parts: never added into a total"
    listed = part_figures(frame, jurisdiction="Quảng Ninh")
    assert sorted(listed["value"]) == [40, 130]


def test_provinces_share_one_axis_per_kind_of_period_ranked_per_resident(tmp_path: Path):
    frame = make_records(
        tmp_path,
        [
            _row("dissemination_attendees", 400000, "Lạng Sơn", "2024", qualifier="at_least"),
            _row("dissemination_attendees", 184000, "Hậu Giang", "2023"),
            _row("dissemination_attendees", 1881661, "Bình Thuận", "2020..2024"),
            _row("dissemination_attendees", 296028, "Nghệ An", "2016-H1"),
            _row("dissemination_attendees", 20000, "Nghệ An", "2015"),
            _row("dissemination_attendees", 24000000, "Việt Nam", "2024"),
        ],
    )
    values = province_values(frame, "dissemination_attendees", 1000)
    per_year = values[values["group"] == "per_year"]
    assert per_year["jurisdiction"].tolist() == ["Lạng Sơn", "Bình Thuận", "Hậu Giang", "Nghệ An"]
    assert per_year["rank"].tolist() == [1, 2, 3, 4] and set(per_year["n_ranked"]) == {4}
    lang_son = per_year.iloc[0]
    assert lang_son["shown"] == pytest.approx(400000 / 781655 * 1000)
    assert lang_son["qualifier"] == "at_least"
    binh_thuan = per_year.iloc[1]
    assert binh_thuan["is_average"] and binh_thuan["per_year"] == pytest.approx(1881661 / 5)
    half = values[values["group"] == "half"]
    assert half["jurisdiction"].tolist() == ["Nghệ An"], "a half-year is on an axis of its own"
    assert "Việt Nam" not in set(values["jurisdiction"])
    points = rank_points(values, shown_texts(values, 1000, percent=False))
    assert "Bình Thuận (2020–2024)" in set(points["label"])
    chart = repr(side_by_side_chart(frame, "dissemination_attendees"))
    assert "≥ 511" in chart, "a lower bound per 1,000 residents is rounded down (511,7)"
    assert "(TB/năm)" in chart


def test_a_province_profile_has_its_figures_rank_and_the_national_figure(records):
    profile = profile_figures(records, "Lạng Sơn")
    assert set(profile["indicator"]) >= {"mediation_cases", "dissemination_attendees"}
    attendees = profile[profile["indicator"] == "dissemination_attendees"].iloc[0]
    assert attendees["national_value"] == 24_000_000
    assert attendees["per_residents"] == pytest.approx(400000 / 781655 * 1000)
    rate = profile[profile["indicator"] == "mediation_success_rate"]
    assert rate["computed"].tolist() == [True, False], "2020 has no stated rate: computed"
    text = repr(profile_table(profile, "Lạng Sơn"))
    assert "62,13 %" in text and "≥ 511 /1.000" in text and "≥ 24.000.000" in text
    for other in ("Hậu Giang", "Quảng Ninh", "Thái Nguyên"):
        assert other not in text, f"a profile of Lạng Sơn names {other}"


def test_sources_are_cited_by_outlet_date_title_and_a_safe_link(data_copy: Path):
    registry = data_copy / "sources.csv"
    rows = registry.read_text(encoding="utf-8").splitlines()
    rows.append(
        'h1,https://example.org/a?x=1&y=<2>,Báo <b>X</b>,"Tiêu đề <script>",2024-01-02,,'
        "Lạng Sơn,false,,transcribed"
    )
    registry.write_text("\n".join(rows) + "\n", encoding="utf-8")
    listing = SourceList("Nguồn", ("h1", "002_ee5b86ab325aa10c"))
    html = listing._repr_html_()
    assert "<script>" not in html and "&lt;script&gt;" in html and "<b>X</b>" not in html
    assert 'href="https://example.org/a?x=1&amp;y=&lt;2&gt;"' in html
    assert "TTXVN" in html and "09/12/2023" in html
    assert "Bài lưu kèm bộ dữ liệu" in html, "a bundled source has no web address to link"
    assert cite_many(["h1", "002_ee5b86ab325aa10c"]) == (
        "Nguồn: Báo <b>X</b>, 02/01/2024; TTXVN, 09/12/2023"
    )


def test_front_pages_state_coverage_in_words_and_link_the_contents(records):
    cover = coverage(records)
    assert (cover.n_sources, cover.n_figures, cover.n_provinces) == (4, 35, 3)
    assert cover.has_national and (cover.first_year, cover.last_year) == (2020, 2024)
    words = " ".join(coverage_sentences(cover))
    assert "35 số liệu" in words and "4 bài báo" in words and "10/07/2024" in words
    headline = repr(headline_table(records))
    assert "≥ 24.000.000 lượt người" in headline and "6 tháng đầu năm 2024" in headline
    contents = contents_html([("phan-1", "Hòa giải <1>")])
    assert 'href="#phan-1"' in contents and "Hòa giải &lt;1&gt;" in contents
