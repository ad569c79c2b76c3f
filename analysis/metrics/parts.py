"""Figures for part of a province (or of the country): one district's, one body's, one campaign's,
one group's. They are not the province's figure, so no series, rank, map or sum takes them
(`analysis.records.scope`); they are listed here, each with the part it counts in the source's
words, the whole the same source states where it does, and its sources."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from analysis.contract import NATIONAL
from analysis.metrics.common import reference_table
from analysis.records.citations import collapse_figures
from analysis.records.periods import parse_period
from analysis.records.scope import parts

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
