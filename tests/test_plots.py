"""The shared look: Vietnamese number formats, lower bounds marked, charts that state their numbers."""

from __future__ import annotations

import io

import matplotlib as mpl
import pandas as pd
import pytest
from PIL import Image

from analysis.report.labels import period_vi
from analysis.report.maps import tile_map
from analysis.report.numfmt import fmt_axis, fmt_number, fmt_percent, fmt_trimmed, fmt_value
from analysis.report.plots import DPI, Chart, chart_style, rank_panels
from analysis.report.sources import cite_many


@pytest.mark.parametrize(
    ("value", "digits", "expected"),
    [
        (2164, 0, "2.164"),
        (24_000_000, 0, "24.000.000"),
        (81.28, 1, "81,3"),
        (81.25, 1, "81,3"),  # half-up, not half-to-even
        (0.5, 0, "1"),
        (72.555, 2, "72,56"),
        (None, 0, "–"),
        (float("nan"), 0, "–"),
    ],
)
def test_fmt_number_vietnamese(value, digits, expected):
    assert fmt_number(value, digits) == expected


def test_fmt_value_and_percent_marks():
    assert fmt_value(5000, "at_least") == "≥ 5.000"
    assert fmt_value(40, "approx") == "≈ 40"
    assert fmt_value(10, "at_most") == "≤ 10"
    assert fmt_value(2164, "exact") == "2.164"
    assert fmt_value(2164, pd.NA) == "2.164"
    assert fmt_percent(81.2) == "81,2 %"
    assert fmt_axis(1500.0) == "1.500" and fmt_axis(2.5) == "2,5"
    assert [fmt_trimmed(v) for v in (81.2, 81.2782, 5, 1549.0)] == ["81,2", "81,28", "5", "1.549"]


def test_period_and_source_labels():
    assert period_vi("2024-H1") == "6 tháng đầu năm 2024"
    assert period_vi("2021-YTD") == "Từ đầu năm 2021"
    assert period_vi("2021-Q3") == "Quý III/2021"
    assert period_vi("2020") == "Năm 2020"
    assert cite_many(["002_ee5b86ab325aa10c", "000_dad9108531b79d33", "002_ee5b86ab325aa10c"]) == (
        "Nguồn: Báo Lạng Sơn (LSO), 27/01/2021; TTXVN, 09/12/2023"
    ), "sources are cited by outlet and date, each once, never by file id"


@pytest.fixture
def points() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "panel": ["Cả năm", "6 tháng", "6 tháng"],
            "label": ["Hậu Giang (2023)", "Việt Nam (6 tháng 2024)", "Lạng Sơn (6 tháng 2024)"],
            "value": [251.0, 249.46, 511.7],
            "qualifier": ["exact", "at_least", "at_least"],
            "region": ["Đồng bằng sông Cửu Long", "", "Trung du và miền núi phía Bắc"],
            "is_average": [False, False, False],
        }
    )


def _chart(points: pd.DataFrame, **more: object) -> Chart:
    return rank_panels(points, title="T", xlabel="x", source="Nguồn: x", **more)


def test_chart_has_one_panel_per_period_kind_with_vietnamese_labels(points):
    chart = rank_panels(
        points, title="Lượt người dự", xlabel="lượt người / 1.000 dân", source="Nguồn: x"
    )
    panels = chart.figure.axes[:-1]
    assert [ax.get_title(loc="left") for ax in panels] == ["Cả năm", "6 tháng"]
    assert all(ax.get_xlabel() == "lượt người / 1.000 dân" for ax in panels)
    assert [t.get_text() for t in panels[1].get_yticklabels()] == [
        "1. Lạng Sơn (6 tháng 2024)",
        "2. Việt Nam (6 tháng 2024)",
    ], "ranked from the highest, one row each"
    assert chart.figure.get_suptitle() == "Lượt người dự"


def test_lower_bounds_are_open_markers_and_labelled(points):
    half = _chart(points).figure.axes[1]
    open_markers = [
        line for line in half.get_lines() if line.get_markerfacecolor() in ("white", (1, 1, 1, 1))
    ]
    assert sorted(x for line in open_markers for x in line.get_xdata()) == [249.46, 511.7]
    labels = {t.get_text() for t in half.texts}
    assert labels == {"≥ 249", "≥ 511"}, "lower bounds are rounded down"


def test_chart_text_lists_every_plotted_number(points):
    text = repr(rank_panels(points, title="Lượt người dự", xlabel="x", source="Nguồn: 002_a"))
    assert text.startswith("Biểu đồ — Lượt người dự")
    for shown in ("251", "≥ 249", "≥ 511", "Nguồn: 002_a", "≥: cận dưới"):
        assert shown in text, f"{shown!r} missing from the chart's text form"


def test_chart_png_is_the_same_bytes_twice_and_carries_no_software_stamp(points):
    first = _chart(points).png()
    second = _chart(points).png()
    assert first == second
    image = Image.open(io.BytesIO(first))
    assert "Software" not in image.info and image.mode == "RGB"
    assert image.width == 7 * DPI


def test_chart_png_reports_its_display_width(points):
    data, meta = _chart(points)._repr_png_()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and meta["width"] == 672
    assert "layout_problems" not in meta, "a sound chart carries no layout problems"


def test_rank_panels_names_missing_columns():
    with pytest.raises(ValueError, match="lack column\\(s\\) qualifier"):
        rank_panels(
            pd.DataFrame({"panel": [], "label": [], "value": []}), title="", xlabel="", source=""
        )


def test_a_chart_leaves_matplotlib_settings_as_it_found_them(points):
    """No hidden state: the theme is set inside each figure, never globally; a notebook's own
    settings neither change the project's charts nor are changed by them."""
    baseline = _chart(points).png()
    before = dict(mpl.rcParams)
    with mpl.rc_context({"font.size": 20, "axes.facecolor": "black", "lines.markersize": 20}):
        mine = dict(mpl.rcParams)
        assert _chart(points).png() == baseline, "the notebook's settings changed the chart"
        tile_map(pd.Series({"Lạng Sơn": 1.0}), title="T", label="x", source="Nguồn: x").png()
        assert dict(mpl.rcParams) == mine, "a chart changed matplotlib's settings"
    assert dict(mpl.rcParams) == before


def test_the_chart_style_is_in_force_only_inside_its_block():
    size = mpl.rcParams["axes.titlesize"]
    with chart_style({"hatch.linewidth": 0.25}):
        assert mpl.rcParams["axes.titlesize"] == 9 and mpl.rcParams["hatch.linewidth"] == 0.25
        assert mpl.rcParams["font.family"] == ["DejaVu Sans"]
    assert mpl.rcParams["axes.titlesize"] == size
