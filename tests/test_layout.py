"""The layout check the report build runs: near-empty pages, text outside the page, overlapping
labels, in the PDF (PDFium's boxes) and in charts (matplotlib's, at draw time); and the label
placement that keeps a chart's labels apart."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from analysis.report.build import output_problems
from analysis.report.layout import (
    LAYOUT_PROBLEMS,
    RULE_CHART,
    RULE_EMPTY,
    RULE_OUTSIDE,
    RULE_OVERLAP,
    pdf_problems,
)
from analysis.report.pdf import PdfJob, ReportMeta, Section, render_pdfs
from analysis.report.placement import text_problems
from analysis.report.plots import time_panels

pytestmark = pytest.mark.integration  # PDFs rendered in a child process

META = ReportMeta("Thử bố cục", "abc123", dt.date(2024, 7, 10))
PARAGRAPH = "<p>" + "Số liệu công tác tư pháp do báo chí đưa tin, đã đối chiếu với nguồn. " * 6
BLOCK = PARAGRAPH * 8 + "</p>"  # about three quarters of a page


@pytest.fixture(scope="module")
def crafted(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Three PDFs rendered with the report's own stylesheet: sound, with a near-empty middle
    page, and with two labels drawn on one spot and one off the page."""
    folder = tmp_path_factory.mktemp("layout")
    jobs = {
        "sound": f"<h1>Thử</h1>{BLOCK}{BLOCK}{PARAGRAPH}</p>",
        "near_empty": f'<h1>Thử</h1>{BLOCK}<p style="break-before: page">Ba dòng.</p>'
        f'<div style="break-before: page">{BLOCK}</div>',
        "overlap": '<p style="position: absolute; top: 20mm; left: 10mm">Lượt người 391</p>'
        '<p style="position: absolute; top: 21mm; left: 12mm">Lượt người 348</p>'
        '<p style="position: absolute; top: 60mm; left: 170mm; white-space: nowrap">'
        "Nhãn bị cắt ở mép trang</p>",
    }
    targets = {name: folder / f"{name}.pdf" for name in jobs}
    render_pdfs([PdfJob([Section("Thử", body)], META, targets[n]) for n, body in jobs.items()])
    return targets


def test_a_sound_report_passes(crafted: dict[str, Path]):
    assert pdf_problems(crafted["sound"]) == []


def test_a_near_empty_page_fails_but_a_short_last_page_does_not(crafted: dict[str, Path]):
    problems = pdf_problems(crafted["near_empty"])
    assert [(p.rule, p.message.split(" is ")[0]) for p in problems] == [(RULE_EMPTY, "page 2")]
    assert "less than a third" in problems[0].message and "Ba dòng." in problems[0].message


def test_overlapping_labels_and_text_off_the_page_fail(crafted: dict[str, Path]):
    problems = pdf_problems(crafted["overlap"])
    rules = [p.rule for p in problems]
    assert RULE_OVERLAP in rules, problems
    overlap = next(p for p in problems if p.rule == RULE_OVERLAP)
    assert "391" in overlap.message and "348" in overlap.message
    outside = [p for p in problems if p.rule == RULE_OUTSIDE]
    assert outside and "mép trang" in outside[0].message


def test_chart_labels_drawn_on_one_spot_are_found():
    figure = Figure(figsize=(3, 2))
    ax = figure.add_subplot()
    ax.text(0.5, 0.5, "5.161", fontsize=7)
    ax.text(0.51, 0.5, "4.702", fontsize=7)
    ax.text(0.98, 0.2, "305,8 /năm (TB)", fontsize=7, transform=figure.transFigure)
    problems = text_problems(figure)
    assert "text '5.161' overlaps '4.702'" in problems
    assert "text '305,8 /năm (TB)' is cut off by the chart's edge" in problems


def _panel(values: list[tuple[float, float]]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "x_start": [x for x, _ in values],
            "x_end": [x + 1 for x, _ in values],
            "x": [x for x, _ in values],
            "years": 0,
            "value": [v for _, v in values],
            "per_year": [v for _, v in values],
            "qualifier": "exact",
            "series": [f"s{i}" for i in range(len(values))],
            "label": [str(v) for _, v in values],
            "text": [f"{v:,.0f}".replace(",", ".") for _, v in values],
        }
    )


def test_labels_of_points_on_one_spot_are_placed_apart():
    # Four figures of one year, nearly equal (report p15: 5.161 and 4.702 on top of each other).
    panel = _panel([(2021.5, 5161), (2021.5, 4702), (2021.5, 4990), (2021.5, 4850)])
    chart = time_panels([("Cả năm", panel)], title="T", ylabel="văn bản", source="Nguồn: x")
    assert chart.layout_problems() == []
    assert {t.get_text() for t in chart.figure.axes[0].texts} >= {"5.161", "4.702"}


def notebook_of_outputs(*outputs: tuple[dict, dict]) -> nbformat.NotebookNode:
    """A notebook of one code cell showing each (data, metadata) as a display output."""
    cell = nbformat.v4.new_code_cell("x")
    cell.outputs = [
        nbformat.v4.new_output("display_data", data=data, metadata=metadata)
        for data, metadata in outputs
    ]
    nb = nbformat.v4.new_notebook()
    nb.cells = [cell]
    return nb


def test_the_build_refuses_a_notebook_whose_chart_has_overlapping_labels():
    nb = notebook_of_outputs(
        (
            {"image/png": "iVBORw0KGgo=", "text/plain": "Biểu đồ"},
            {"image/png": {"width": 672, LAYOUT_PROBLEMS: ["text '1' overlaps '2'"]}},
        )
    )
    problems = output_problems(nb, "x.ipynb")
    assert [(p.rule, p.message) for p in problems] == [
        (RULE_CHART, "cell 1: chart: text '1' overlaps '2'")
    ]


def test_an_empty_table_is_a_sentence_not_an_empty_grid():
    from analysis.report.tables import ReportTable

    frame = pd.DataFrame(columns=["Mã bản ghi", "Giá trị"])
    table = ReportTable("Chờ duyệt", frame, "Nguồn: không có bài nào", empty="Không có gì chờ.")
    assert table._repr_html_() == '<p class="none">Không có gì chờ.</p>'
    assert repr(table) == "Không có gì chờ."
    assert "<table" not in ReportTable("Bảng", frame, "Nguồn: x")._repr_html_()


def test_a_cell_tagged_report_hide_stays_out_of_the_pdf_html():
    from analysis.report.build import HIDE_TAG, notebook_html

    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell("# Hồ sơ\n\nCho người đọc."),
        nbformat.v4.new_markdown_cell("ô được gắn thẻ `parameters`", metadata={"tags": [HIDE_TAG]}),
    ]
    html = notebook_html(nb)
    assert "Cho người đọc." in html and "parameters" not in html


def test_a_notebook_pdf_lists_the_sources_its_outputs_cite():
    from analysis.report.build import cited_sources
    from analysis.report.sources import CITED

    nb = notebook_of_outputs(
        ({"text/html": "<p>bảng</p>"}, {"text/html": {CITED: ["b", "a"]}}),
        ({"image/png": "iVBORw0KGgo="}, {"image/png": {CITED: ["a", "c"]}}),
    )
    assert cited_sources(nb) == ["b", "a", "c"]


def test_a_table_and_a_chart_carry_the_ids_of_the_sources_they_cite():
    from analysis.report.sources import CITED, cite_many
    from analysis.report.tables import ReportTable

    source = cite_many(["000_dad9108531b79d33"])
    table = ReportTable("Bảng", pd.DataFrame({"a": ["1"]}), source)
    data, metadata = table._repr_mimebundle_()
    assert metadata["text/html"][CITED] == ["000_dad9108531b79d33"]
    assert data["text/html"] == table._repr_html_()


def test_a_map_of_counts_is_ticked_on_whole_numbers():
    from analysis.report.maps import COLOUR_BAR, tile_map

    counts = pd.Series([1.0, 2.0, 3.0], index=["Lạng Sơn", "Hà Nội", "Cà Mau"])
    chart = tile_map(counts, title="Số số liệu", label="số liệu", source="Nguồn: x")
    (bar,) = chart.figure.findobj(lambda a: isinstance(a, Axes) and a.get_label() == COLOUR_BAR)
    ticks = [t for t in bar.get_yticks() if 1 <= t <= 3]
    assert ticks and all(float(t).is_integer() for t in ticks), ticks
    assert chart.layout_problems() == []


def test_a_profile_of_one_period_names_it_and_shows_no_empty_section():
    from analysis import load_records
    from analysis.report.profile import profile_charts, profile_note, profile_parts

    records = load_records()
    periods = records.groupby(records["jurisdiction"].astype(str))["period"].nunique()
    province = next(p for p, n in periods.items() if n == 1 and p != "Việt Nam")
    text = repr(profile_note(records, province))
    assert "- Một kỳ báo cáo: năm " in text or "- Một kỳ báo cáo: 6 tháng" in text, text
    assert "từ năm" not in text and "1 kỳ khác nhau" not in text, text
    assert profile_charts(records, province) == [], "one period: no section over time"
    assert "chưa có biểu đồ theo thời gian" in text, "the note says why there is no chart"
    assert profile_parts(pd.DataFrame(columns=["doc_ids"])) == [], "no part figures: no section"
