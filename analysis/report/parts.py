"""Figures for part of a province (`analysis.metrics.parts.part_figures`) as a table: each with
the part it counts in the source's words, the whole the same source states and its sources;
never added to, compared with or ranked against a total."""

from __future__ import annotations

import pandas as pd

from analysis.records.citations import merged_ids
from analysis.report.labels import period_vi, scope_vi, short_vi, unit_vi
from analysis.report.numfmt import fmt_stated
from analysis.report.sources import cite_cell, cite_many
from analysis.report.tables import Note, ReportTable

TITLE = (
    "Số liệu của một phần tỉnh, thành phố (hoặc cả nước): liệt kê riêng, không cộng, không so "
    "sánh với số toàn tỉnh"
)
# The part's words need room; the automatic layout would give it to the sources.
WIDTHS = (
    ("Địa bàn", "11%"),
    ("Kỳ", "11%"),
    ("Chỉ tiêu", "13%"),
    ("Phần nào", "29%"),
    ("Số liệu", "10%"),
    ("Tổng nguồn nêu", "9%"),
    ("Nguồn", "17%"),
)


def _the_part(scope: str, area: object, note: object) -> str:
    named = [str(x) for x in (area, note) if isinstance(x, str) and x]
    return f"{scope_vi(scope)}: {'; '.join(named)}" if named else scope_vi(scope)


def _value(v: object, q: object, code: str) -> str:
    if v is None or pd.isna(v):
        return "–"
    return fmt_stated(v, q, " %" if unit_vi(code) == "%" else "")


def part_figures_table(figures: pd.DataFrame, title: str = TITLE) -> ReportTable | Note:
    """The part figures in Vietnamese: place, period, indicator, which part (area or part, in
    the source's words), the figure as the source wrote it, the whole it states, sources."""
    if figures.empty:
        return Note(("- Không có số liệu nào của một phần tỉnh, thành phố ở đây.",))
    frame = pd.DataFrame(
        {
            "Địa bàn": figures["jurisdiction"],
            "Kỳ": [period_vi(p) for p in figures["period"]],
            "Chỉ tiêu": [short_vi(c) for c in figures["indicator"]],
            "Phần nào": [
                _the_part(s, a, n)
                for s, a, n in zip(
                    figures["scope"], figures["area"], figures["scope_note"], strict=True
                )
            ],
            "Số liệu": [
                _value(v, q, c)
                for v, q, c in zip(
                    figures["value"], figures["qualifier"], figures["indicator"], strict=True
                )
            ],
            "Tổng nguồn nêu": [
                _value(v, q, c)
                for v, q, c in zip(
                    figures["whole_value"],
                    figures["whole_qualifier"],
                    figures["indicator"],
                    strict=True,
                )
            ],
            "Nguồn": [cite_cell(ids) for ids in figures["doc_ids"]],
        }
    )
    return ReportTable(
        title,
        frame,
        cite_many(merged_ids(figures["doc_ids"])),
        numeric=("Số liệu", "Tổng nguồn nêu"),
        widths=WIDTHS,
        notes=(
            "Mỗi dòng là số liệu của một phần: một hay vài huyện, xã (địa bàn), hoặc một cơ "
            "quan, một chiến dịch, một luật, một nhóm người, một kênh, một mục “trong đó” (một "
            "phần), như nguồn ghi. Không số nào ở đây được cộng vào, so sánh hay xếp hạng với số "
            "liệu toàn tỉnh (cả nước).",
            "Tổng nguồn nêu: số toàn tỉnh (cả nước) mà cùng nguồn nêu cho cùng chỉ tiêu và kỳ; "
            "“–”: nguồn không nêu tổng.",
        ),
    )
