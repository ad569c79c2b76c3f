"""Like with like (issue 15): only totals form series, ranks, maps, per-resident rates and sums;
an area's or a part's figure is listed apart with its note, and never drawn.

Each chart kind is fed the same records: totals, and beside them an `area` and a `part` figure of
the same indicator, place and period, with values that appear nowhere else. The tests look at
what the chart is built from and at the artists drawn, not only at whether it ran.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from matplotlib.collections import LineCollection
from matplotlib.patches import Rectangle
from records_fixture import make_records

from analysis.metrics.appraisal import appraisal_volumes
from analysis.metrics.dissemination import dissemination_reach
from analysis.metrics.mediation import mediation_rates
from analysis.metrics.parts import part_figures
from analysis.metrics.profile import profile_figures
from analysis.metrics.provinces import province_values
from analysis.metrics.series import indicator_series
from analysis.records.citations import merged_ids
from analysis.records.load import load_records
from analysis.records.wide import to_wide
from analysis.report.appraisal import volumes_table
from analysis.report.coverage import coverage_map
from analysis.report.dissemination import reach_table
from analysis.report.maps import NO_DATA_HATCH
from analysis.report.mediation import rates_table
from analysis.report.parts import part_figures_table
from analysis.report.profile import profile_charts
from analysis.report.provinces import map_chart, side_by_side_chart
from analysis.report.series import series_chart

LS = "Lạng Sơn"
HG = "Hà Giang"
AREA = {"scope": "area", "area": "huyện Cao Lộc"}
PART = {"scope": "part", "scope_note": "Bộ đội Biên phòng"}
# Values only an area or a part figure has: none of them, nor anything made of them, is drawn.
AREA_SESSIONS, PART_SESSIONS = 313, 427
AREA_PEOPLE, PART_PEOPLE = 31_313, 42_727


def _row(indicator: str, value: float, place: str, period: str, **more: object) -> dict:
    return {"indicator": indicator, "value": value, "jurisdiction": place, "period": period, **more}


@pytest.fixture(scope="module")
def mixed(tmp_path_factory: pytest.TempPathFactory) -> pd.DataFrame:
    """Totals of Lạng Sơn and the country, and beside each an area and a part figure; Hà Giang
    has area and part figures only."""
    rows = []
    for period, sessions, people in (("2023", 4000, 300_000), ("2024", 5000, 400_000)):
        rows += [
            _row("dissemination_sessions", sessions, LS, period, qualifier="at_least"),
            _row("dissemination_attendees", people, LS, period),
            _row("dissemination_sessions", AREA_SESSIONS, LS, period, **AREA),
            _row("dissemination_sessions", PART_SESSIONS, LS, period, **PART),
            _row("dissemination_attendees", AREA_PEOPLE, LS, period, **AREA),
            _row("dissemination_attendees", PART_PEOPLE, LS, period, **PART),
            _row("mediation_cases", 1549, LS, period),
            _row("mediation_successful", 1259, LS, period),
            _row("mediation_cases", 54, LS, period, **PART),
            _row("mediation_successful", 53, LS, period, **PART),
            _row("mediation_cases", 99, LS, period, **AREA),
            _row("mediation_successful", 98, LS, period, **AREA),
            _row("docs_checked", 11, LS, period),
            _row("docs_checked", 999, LS, period, **PART),
        ]
    rows += [
        _row("dissemination_sessions", AREA_SESSIONS, HG, "2024", **AREA),
        _row("dissemination_attendees", PART_PEOPLE, HG, "2024", **PART),
        _row("mediation_cases", 99, HG, "2024", **AREA),
        _row("dissemination_sessions", 300_000, "Việt Nam", "2024"),
        _row(
            "dissemination_sessions",
            200_000,
            "Việt Nam",
            "2024",
            scope="part",
            scope_note="tuyên truyền, phổ biến Luật Biên phòng Việt Nam",
        ),
    ]
    return make_records(tmp_path_factory.mktemp("mixed"), rows)


def _drawn(figure) -> set[float]:
    """Every coordinate the figure's axes draw: points, lines, bars and span segments."""
    found: set[float] = set()
    for ax in figure.axes:
        for line in ax.get_lines():
            found |= {round(float(v), 6) for v in (*line.get_xdata(), *line.get_ydata())}
        for collection in ax.collections:
            if isinstance(collection, LineCollection):
                for segment in collection.get_segments():
                    found |= {round(float(v), 6) for v in np.ravel(segment)}
    return found


def _never(values: set[float], *forbidden: float) -> None:
    hit = sorted(v for v in values if any(abs(v - f) < 1e-6 for f in forbidden))
    assert not hit, f"a part's or an area's figure was drawn: {hit}"


def test_records_load_with_scope_as_categorical_and_text(mixed):
    assert list(mixed["scope"].cat.categories) == ["total", "area", "part"]
    assert str(mixed["area"].dtype) == "string" and str(mixed["scope_note"].dtype) == "string"
    assert mixed["is_total"].tolist() == (mixed["scope"] == "total").tolist()


def test_a_time_series_draws_the_totals_only(mixed):
    series = indicator_series(mixed, "dissemination_sessions", LS)
    assert series["value"].tolist() == [4000, 5000]
    chart = series_chart(series)
    drawn = _drawn(chart.figure)
    assert {4000.0, 5000.0} <= drawn
    _never(drawn, AREA_SESSIONS, PART_SESSIONS)
    assert "313" not in repr(chart) and "427" not in repr(chart)
    national = indicator_series(mixed, "dissemination_sessions")
    assert national["value"].tolist() == [300_000], "the Border Law campaign is no national point"


def test_provinces_side_by_side_and_their_ranks_take_totals_only(mixed):
    values = province_values(mixed, "dissemination_sessions")
    assert values["jurisdiction"].tolist() == [LS], "Hà Giang has no total: it is not ranked"
    assert values["value"].tolist() == [5000]
    chart = side_by_side_chart(mixed, "dissemination_sessions")
    drawn = _drawn(chart.figure)
    assert 5000.0 in drawn
    _never(drawn, AREA_SESSIONS, PART_SESSIONS)
    labels = [t.get_text() for ax in chart.figure.axes for t in ax.get_yticklabels()]
    assert not any(HG in label for label in labels)


def test_per_resident_rates_and_the_map_take_totals_only(mixed):
    values = province_values(mixed, "dissemination_attendees", 1000)
    assert values["value"].tolist() == [400_000]
    assert values["shown"].tolist() == pytest.approx([400_000 / 781_655 * 1000])
    chart = map_chart(mixed, "dissemination_attendees")
    squares = {p.get_gid(): p for p in chart.figure.axes[0].patches if isinstance(p, Rectangle)}
    assert squares[HG].get_hatch() == NO_DATA_HATCH, "Hà Giang's part figure coloured its square"
    assert squares[LS].get_hatch() is None
    assert chart.data.frame["Tỉnh, thành"].tolist() == [LS]
    assert "≥" not in chart.data.frame["Giá trị"].iloc[0]


def test_the_reach_table_takes_totals_only(mixed):
    reach = dissemination_reach(mixed)
    lang_son = reach[reach["jurisdiction"] == LS]
    assert lang_son["attendances"].tolist() == [300_000, 400_000]
    assert HG not in set(reach["jurisdiction"])
    per_1000 = reach["attendances_per_1000_residents"].dropna().astype(float)
    _never(set(per_1000.round(6)), *(v / 781_655 * 1000 for v in (AREA_PEOPLE, PART_PEOPLE)))
    assert "31.313" not in repr(reach_table(reach)) and "42.727" not in repr(reach_table(reach))


def test_the_mediation_rates_take_totals_only(mixed):
    rates = mediation_rates(mixed)
    assert rates["cases"].tolist() == [1549, 1549] and HG not in set(rates["jurisdiction"])
    computed = set(rates["computed_rate"].astype(float).round(6))
    assert round(100 * 1259 / 1549, 6) in computed
    _never(computed, 100 * 53 / 54, 100 * 98 / 99, 100 * 53 / 1549, 100 * 1259 / 54)
    assert "81,28 %" in repr(rates_table(rates)) and "98,15" not in repr(rates_table(rates))


def test_the_appraisal_volumes_take_totals_only(mixed):
    volumes = appraisal_volumes(mixed)
    assert volumes["value"].tolist() == [11, 11]
    assert "999" not in repr(volumes_table(volumes))


def test_the_profile_charts_and_table_take_totals_only(mixed):
    heading, *charts = profile_charts(mixed, LS)
    assert heading.title == "Theo thời gian", "the section's heading comes with its charts"
    drawn = set().union(*(_drawn(c.figure) for c in charts))
    assert {4000.0, 5000.0, 300_000.0, 400_000.0} <= drawn
    _never(drawn, AREA_SESSIONS, PART_SESSIONS, AREA_PEOPLE, PART_PEOPLE, 999)
    profile = profile_figures(mixed, LS)
    assert not set(profile["value"]) & {AREA_SESSIONS, PART_SESSIONS, 999, 54, 99}
    sessions = profile[profile["indicator"] == "dissemination_sessions"]
    assert sessions["national_value"].fillna(0).tolist() == [0, 300_000], (
        "the national figure beside 2024 is the country's total, not the campaign's 200.000"
    )


def test_the_coverage_map_counts_provincial_totals_only(mixed):
    chart = coverage_map(mixed)
    squares = {p.get_gid(): p for p in chart.figure.axes[0].patches if isinstance(p, Rectangle)}
    assert squares[HG].get_hatch() == NO_DATA_HATCH
    assert chart.data.frame.set_index("Tỉnh, thành").loc[LS, "Giá trị"] == "10"


def test_part_figures_are_listed_apart_with_their_part_named(mixed):
    listed = part_figures(mixed, ["dissemination"])
    border = listed[listed["jurisdiction"] == "Việt Nam"].iloc[0]
    assert (border["value"], border["scope"]) == (200_000, "part")
    assert border["whole_value"] == 300_000, "the same source states the country's total"
    text = repr(part_figures_table(listed))
    assert "Một phần: tuyên truyền, phổ biến Luật Biên phòng Việt Nam" in text
    assert "Một địa bàn: huyện Cao Lộc" in text and "Một phần: Bộ đội Biên phòng" in text


def test_quang_tri_attendances_are_not_counted_twice(tmp_path: Path):
    """Quảng Trị 2022: the province's 979.658 attendances and, from the same page, its three
    parts (85.000 by provincial bodies, 742.658 by districts and communes, 152.000 by others)."""
    qt = {"jurisdiction": "Quảng Trị", "period": "2022", "indicator": "dissemination_attendees"}
    records = make_records(
        tmp_path,
        [
            {**qt, "value": 979_658},
            {**qt, "value": 85_000, "scope": "part", "scope_note": "các Sở, ban, ngành"},
            {**qt, "value": 742_658, "scope": "part", "scope_note": "cấp huyện, cấp xã"},
            {**qt, "value": 152_000, "scope": "part", "scope_note": "các cơ quan khác"},
        ],
    )
    whole = records.loc[records["is_total"], "record_id"].item()
    assert (records.loc[~records["is_total"], "part_of"] == whole).all(), "parts name their whole"
    by_place = ["jurisdiction", "period", "indicator"]
    summed = records[records["is_total"]].groupby(by_place, observed=True)["value"].sum()
    assert summed.tolist() == [979_658], "dropping the parts is one step, and the sum is right"
    wide = to_wide(records)
    assert wide["dissemination_attendees"].tolist() == [979_658], "to_wide takes totals"
    parts = to_wide(records, scope="part")
    assert sorted(parts["dissemination_attendees"]) == [85_000, 152_000, 742_658]


def test_the_border_law_campaign_and_the_border_guards_are_listed_not_charted(cited_data):
    """Real figures (tests/fixtures/cited): the Border Law campaign's "hơn 200 nghìn cuộc"
    (hD21) and Lạng Sơn's border guards' 264 sessions (hD16) are parts: in no series, profile
    or rank, and in the part-figures table with the source's words for the part."""
    records = load_records()
    national = indicator_series(records, "dissemination_sessions")
    assert "hD21" not in merged_ids(national["doc_ids"]) and 200_000 not in set(national["value"])
    lang_son = indicator_series(records, "dissemination_sessions", LS)
    assert lang_son["period"].tolist() == ["2024-H1"] and lang_son["value"].tolist() == [5000]
    profile = profile_figures(records, LS)
    assert "hD16" not in merged_ids(profile["doc_ids"])
    assert "hD16" not in merged_ids(province_values(records, "dissemination_attendees")["doc_ids"])
    listed = part_figures(records, ["dissemination"])
    notes = dict(zip(listed["value"], listed["scope_note"], strict=True))
    assert notes[200_000] == "tuyên truyền, phổ biến Luật Biên phòng Việt Nam"
    assert notes[264] == "lực lượng bộ đội biên phòng tỉnh"
    text = repr(part_figures_table(part_figures(records, jurisdiction=LS)))
    assert "Một phần: lực lượng bộ đội biên phòng tỉnh" in text and "264" in text
