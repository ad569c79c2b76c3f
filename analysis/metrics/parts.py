"""Figures for part of a province (or of the country): one district's, one body's, one campaign's,
one group's. They are not the province's figure, so no series, rank, map or sum takes them
(`analysis.records.scope`); they are listed here, each with the part it counts in the source's
words, the whole the same source states where it does, and its sources."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from analysis.metrics.common import reference_table
from analysis.records.citations import collapse_figures
from analysis.records.periods import parse_period
from analysis.records.scope import parts
from analysis.report.labels import period_vi, scope_vi, short_vi, unit_vi
from analysis.report.numfmt import fmt_stated
from analysis.report.sources import cite_many, split_ids
from analysis.report.tables import Note, ReportTable

NATIONAL = "Việt Nam"
PART_COLUMNS = [
    "jurisdiction",
    "period",
    "indicator",
    "level",
    "scope",
    "area",
    "scope_note",
    "value",
    "qualifier",
    "whole_value",
    "whole_qualifier",
    "n_sources",
    "doc_ids",
]
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


def part_figures(
    records: pd.DataFrame,
    domains: Iterable[str] | None = None,
    jurisdiction: str | None = None,
) -> pd.DataFrame:
    """The area and part figures of the records (of `domains`, of `jurisdiction` if given),
    one row per figure (a figure several sources state once), each with the whole its source
    states (`part_of`), the country first, then places by name, periods in time order."""
    rows = parts(records)
    if domains is not None:
        rows = rows[rows["domain"].astype(str).isin(list(domains))]
    if jurisdiction is not None:
        rows = rows[rows["jurisdiction"].astype(str) == jurisdiction]
    if rows.empty:
        return pd.DataFrame(columns=PART_COLUMNS)
    figures = collapse_figures(rows)
    wholes = records.set_index(records["record_id"].astype(str))[["value", "qualifier"]]
    link = figures["part_of"].astype(object).where(figures["part_of"].notna(), None)
    found = [w in wholes.index if w else False for w in link]
    figures["whole_value"] = [
        float(wholes.loc[w, "value"]) if ok else None for w, ok in zip(link, found, strict=True)
    ]
    figures["whole_qualifier"] = [
        str(wholes.loc[w, "qualifier"]) if ok else None for w, ok in zip(link, found, strict=True)
    ]
    order = {c: i for i, c in enumerate(reference_table("catalog")["code"].astype(str))}
    figures = figures.assign(
        _national=figures["jurisdiction"].astype(str) != NATIONAL,
        _place=figures["jurisdiction"].astype(str),
        _start=[parse_period(str(p)).start for p in figures["period"]],
        _ind=figures["indicator"].astype(str).map(order),
    ).sort_values(["_national", "_place", "_start", "_ind"], kind="stable")
    out = figures.assign(
        jurisdiction=figures["jurisdiction"].astype(str),
        period=figures["period"].astype(str),
        indicator=figures["indicator"].astype(str),
        scope=figures["scope"].astype(str),
    )
    return out[PART_COLUMNS].reset_index(drop=True)


def _the_part(scope: str, area: object, note: object) -> str:
    named = [str(x) for x in (area, note) if isinstance(x, str) and x]
    return f"{scope_vi(scope)}: {'; '.join(named)}" if named else scope_vi(scope)


def part_figures_table(figures: pd.DataFrame, title: str = TITLE) -> object:
    """The part figures in Vietnamese: place, period, indicator, which part (area or part, in
    the source's words), the figure as the source wrote it, the whole it states, sources."""
    if figures.empty:
        return Note(("- Không có số liệu nào của một phần tỉnh, thành phố ở đây.",))

    def value(v: object, q: object, code: str) -> str:
        if v is None or pd.isna(v):
            return "–"
        return fmt_stated(v, q, " %" if unit_vi(code) == "%" else "")

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
                value(v, q, c)
                for v, q, c in zip(
                    figures["value"], figures["qualifier"], figures["indicator"], strict=True
                )
            ],
            "Tổng nguồn nêu": [
                value(v, q, c)
                for v, q, c in zip(
                    figures["whole_value"],
                    figures["whole_qualifier"],
                    figures["indicator"],
                    strict=True,
                )
            ],
            "Nguồn": [
                cite_many(str(d).split(";")).removeprefix("Nguồn: ") for d in figures["doc_ids"]
            ],
        }
    )
    return ReportTable(
        title,
        frame,
        cite_many(split_ids(figures["doc_ids"])),
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
