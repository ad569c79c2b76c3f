"""What the records cover: an indicator × kind-of-period matrix, the counts a cover page or an
overview states (sources, figures, places, years), and the provincial totals per province for
the map. Figures are counted one per figure however many sources state it (`figure_count`), the
same count everywhere; the map counts provincial totals only."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from analysis.contract import NATIONAL
from analysis.metrics.common import figure_count
from analysis.metrics.provinces import GROUP_OF_KIND
from analysis.records.citations import collapse_figures, merged_ids
from analysis.records.periods import PERIOD_KINDS, parse_period
from analysis.records.scope import parts, totals

PROVINCE_COUNT_COLUMNS = ["jurisdiction", "figures", "doc_ids"]


def coverage_matrix(records: pd.DataFrame, catalog: pd.DataFrame) -> pd.DataFrame:
    """Figures per catalog indicator (rows, catalog order) and kind of period (columns, in time
    order), with the number of provinces and of national figures: readable at any size. A figure
    several sources state is counted once (`collapse_figures`)."""
    codes = [str(c) for c in catalog["code"]]
    figures = collapse_figures(records)
    kinds = [k for k in PERIOD_KINDS if k in set(figures["period_kind"].astype(str))]
    keyed = figures.assign(
        indicator=figures["indicator"].astype(str), period_kind=figures["period_kind"].astype(str)
    )
    counts = pd.crosstab(keyed["indicator"], keyed["period_kind"]) if len(keyed) else None
    matrix = (
        counts.reindex(index=codes, columns=kinds, fill_value=0)
        if counts is not None
        else pd.DataFrame(0, index=codes, columns=kinds)
    )
    provincial = keyed[~keyed["is_national"].astype(bool)]
    matrix["provinces"] = (
        provincial.groupby("indicator")["jurisdiction"].nunique().reindex(codes).fillna(0)
    ).astype(int)
    matrix["national"] = (
        (keyed[keyed["is_national"].astype(bool)].groupby("indicator").size().reindex(codes))
        .fillna(0)
        .astype(int)
    )
    matrix["parts"] = (
        (keyed[~keyed["is_total"].astype(bool)].groupby("indicator").size().reindex(codes))
        .fillna(0)
        .astype(int)
    )
    matrix.index.name = "indicator"
    matrix.columns.name = None
    return matrix


@dataclass(frozen=True)
class Coverage:
    """What records cover, counted: the cover page, the overview and a province's profile say
    it in words."""

    n_records: int
    n_figures: int  # one per figure, however many sources state it
    n_part_figures: int  # of them, an area's or a part's (a district, a body, a campaign)
    n_lower_bounds: int  # of them, stated as "trên", "hơn"
    n_approximate: int  # of them, stated as "khoảng", "gần"
    n_sources: int
    n_outlets: int
    n_indicators: int
    n_provinces: int
    has_national: bool
    n_periods: int
    n_period_groups: int  # kinds of period that compare with each other (year, half, ...)
    first_year: int  # the year the earliest period starts (0 without records)
    last_start_year: int  # the year the latest period starts
    last_year: int  # the year the latest period ends
    latest_published: dt.date | None  # the newest source's date


def coverage(records: pd.DataFrame) -> Coverage:
    """Records, figures, sources, outlets, indicators, places and years of the records."""
    places = set(records["jurisdiction"].astype(str))
    periods = [parse_period(str(p)) for p in records["period"].astype(str).unique()]
    published = pd.to_datetime(records["source_published"]).dropna()
    outlets = records["source_outlet"].astype(str).where(records["source_outlet"].notna())
    figures = collapse_figures(records)
    return Coverage(
        n_records=len(records),
        n_figures=len(figures),
        n_part_figures=figure_count(parts(records)),
        n_lower_bounds=int((figures["qualifier"] == "at_least").sum()),
        n_approximate=int((figures["qualifier"] == "approx").sum()),
        n_sources=int(records["doc_id"].nunique()),
        n_outlets=int(outlets.nunique()),
        n_indicators=int(records["indicator"].nunique()),
        n_provinces=len(places - {NATIONAL}),
        has_national=NATIONAL in places,
        n_periods=len(periods),
        n_period_groups=len({GROUP_OF_KIND.get(p.kind) for p in periods} - {None}),
        first_year=min((p.start.year for p in periods), default=0),
        last_start_year=max((p.start.year for p in periods), default=0),
        last_year=max(((p.end or p.start).year for p in periods), default=0),
        latest_published=published.max().date() if len(published) else None,
    )


def figures_by_province(records: pd.DataFrame) -> pd.DataFrame:
    """How many provincial totals each province has (one per figure however many sources state
    it; a district's or a body's figure is not the province's), with their sources."""
    provincial = collapse_figures(totals(records[~records["is_national"].astype(bool)]))
    if provincial.empty:
        return pd.DataFrame(columns=PROVINCE_COUNT_COLUMNS)
    grouped = provincial.groupby(provincial["jurisdiction"].astype(str), sort=True)
    return (
        pd.DataFrame(
            {
                "figures": grouped.size(),
                "doc_ids": grouped["doc_ids"].agg(merged_ids),
            }
        )
        .rename_axis("jurisdiction")
        .reset_index()[PROVINCE_COUNT_COLUMNS]
    )
