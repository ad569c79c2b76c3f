"""An indicator over time for one place (the country by default): each kind of period apart,
multi-year spans kept as spans with their yearly average, every point with its sources, and for
a rate the same rate computed from its parts (catalog `rate_numerator` / `rate_denominator`).

A series is made of totals only (a campaign's or a district's figure is never a point of the
province's or the country's line); sources that disagree on a period each keep a row with their
own value, never one number made of them (`analysis.report.series` draws and lists them)."""

from __future__ import annotations

import pandas as pd

from analysis.contract import NATIONAL
from analysis.metrics.common import reference_table
from analysis.records.bounds import ratio_qualifier
from analysis.records.citations import merged_ids
from analysis.records.figures import FIGURE_COLUMNS, pick_figures
from analysis.records.periods import PERIOD_KINDS, parse_period

STATED = "stated"
COMPUTED = "computed"
KEYS = ["period", "level"]
SERIES_COLUMNS = [
    "jurisdiction",
    "indicator",
    "series",
    "period",
    "period_kind",
    "level",
    "x_start",
    "x_end",
    "x",
    "years",
    "value",
    "qualifier",
    "per_year",
    "disputed",
    "doc_ids",
]
# Kinds of period drawn on a time axis; a year-to-date figure has no known end and is not.
CHARTED_KINDS = ("year", "half", "quarter", "nine_months")
# Kinds of period a headline figure may be: a figure for a known length of time.
HEADLINE_KINDS = ("year", "half", "nine_months", "quarter")
LATEST_COLUMNS = ["indicator", "period", "value", "qualifier", "disputed", "doc_ids"]


FIGURE_INPUTS = [
    "record_id",
    "doc_id",
    "indicator",
    "unit",
    "value",
    "qualifier",
    "jurisdiction",
    "period",
    "level",
    "scope",
    "is_national",
]


def slim(records: pd.DataFrame) -> pd.DataFrame:
    """Only the columns that picking figures reads: every filter after this copies less."""
    return records[[c for c in FIGURE_INPUTS if c in records.columns]]


def figures_of(records: pd.DataFrame, code: str, keys: list[str] = KEYS) -> pd.DataFrame:
    """`pick_figures` for one indicator."""
    return figures_of_many(records, [code], keys).get(code, _no_figures(keys))


def _no_figures(keys: list[str]) -> pd.DataFrame:
    return pd.DataFrame(columns=[*keys, "indicator", *FIGURE_COLUMNS])


def figures_of_many(
    records: pd.DataFrame, codes: list[str], keys: list[str] = KEYS
) -> dict[str, pd.DataFrame]:
    """`figures_of` for several indicators in one pass (one pick, not one per indicator)."""
    rows = slim(records[records["indicator"].astype(str).isin(codes)])
    if rows.empty:
        return {}
    picked = pick_figures(rows, list(codes), keys)
    return {str(code): part.reset_index(drop=True) for code, part in picked.groupby("indicator")}


def rate_parts(catalog: pd.DataFrame, code: str) -> tuple[str, str] | None:
    row = catalog[catalog["code"].astype(str) == code]
    if row.empty:
        return None
    num, den = row["rate_numerator"].iloc[0], row["rate_denominator"].iloc[0]
    return None if pd.isna(num) or pd.isna(den) else (str(num), str(den))


def computed_rate(
    records: pd.DataFrame,
    parts: tuple[str, str],
    keys: list[str] = KEYS,
    picked: dict[str, pd.DataFrame] | None = None,
) -> pd.DataFrame:
    """numerator ÷ denominator × 100 per key, its bound from its parts', the sources of both;
    `picked` (from `figures_of_many`) saves picking the parts again."""
    found = picked if picked is not None else figures_of_many(records, list(parts), keys)
    num, den = (found.get(c, _no_figures(keys)).set_index(keys) for c in parts)
    both = (
        num.add_suffix("_n")
        .join(den.add_suffix("_d"), how="inner")
        .dropna(subset=["value_n", "value_d"])
    )
    if both.empty:
        return pd.DataFrame(columns=[*keys, "value", "qualifier", "doc_ids", "disputed"])
    out = pd.DataFrame(
        {
            "value": (100 * both["value_n"].astype(float) / both["value_d"].astype(float)),
            "qualifier": [
                ratio_qualifier(a, b)
                for a, b in zip(both["qualifier_n"], both["qualifier_d"], strict=True)
            ],
            "doc_ids": [
                merged_ids((a, b))
                for a, b in zip(both["doc_ids_n"], both["doc_ids_d"], strict=True)
            ],
            # Parts that sources disagree on give one rate from each of their values.
            "disputed": both["disputed_n"].astype(bool) | both["disputed_d"].astype(bool),
        },
        index=both.index,
    )
    return out.reset_index()


def place_in_time(period: str) -> tuple[float, float, float, int]:
    """Start and end as fractional years, the point's x, and the number of whole years."""
    p = parse_period(period)
    start = p.start.year + (p.start.month - 1) / 12
    months = p.months if p.months is not None else 12
    end = start + months / 12
    years = max(1, months // 12) if p.kind == "years" else 0
    return start, end, (start + end) / 2, years


def indicator_series(
    records: pd.DataFrame,
    indicator: str,
    jurisdiction: str = NATIONAL,
    picked: dict[str, pd.DataFrame] | None = None,
) -> pd.DataFrame:
    """One row per period, tier and series (stated; computed from parts for a rate) of one place.

    `x_start`/`x_end` are the period's bounds in fractional years and `x` its middle; a span of
    several years keeps its total in `value` and its yearly average in `per_year` (a rate over a
    span is a rate, not a total, and `per_year` repeats it). `picked` (from `figures_of_many`
    on the place's records) saves picking again when charting many indicators of one place.
    """
    place = slim(records[records["jurisdiction"].astype(str) == jurisdiction])
    catalog = reference_table("catalog")
    parts = rate_parts(catalog, indicator)
    if picked is None:
        picked = figures_of_many(place, [indicator, *(parts or ())])
    frames = [picked.get(indicator, _no_figures(KEYS)).assign(series=STATED)]
    if parts:
        frames.append(computed_rate(place, parts, KEYS, picked).assign(series=COMPUTED))
    frames = [f for f in frames if not f.empty]
    if not frames:
        empty = pd.DataFrame(columns=SERIES_COLUMNS)
        empty.attrs.update(indicator=indicator, jurisdiction=jurisdiction)
        return empty
    rows = pd.concat(frames, ignore_index=True)
    rows = rows.dropna(subset=["value"]).reset_index(drop=True)
    placed = pd.DataFrame(
        [place_in_time(str(p)) for p in rows["period"]],
        columns=["x_start", "x_end", "x", "years"],
    )
    rows = pd.concat([rows, placed], axis=1)
    unit = catalog.set_index("code").loc[indicator, "unit"]
    rows["value"] = rows["value"].astype(float)
    rows["per_year"] = [
        v if unit == "percent" or not y else v / y
        for v, y in zip(rows["value"], rows["years"], strict=True)
    ]
    rows["period_kind"] = pd.Categorical(
        [parse_period(str(p)).kind for p in rows["period"]], categories=PERIOD_KINDS
    )
    rows["jurisdiction"] = jurisdiction
    rows["indicator"] = indicator
    rows["level"] = [None if pd.isna(v) else str(v) for v in rows["level"]]
    rows["disputed"] = rows["disputed"].fillna(False).astype(bool)
    rows = rows.sort_values(["period_kind", "x_start", "x_end", "series"], kind="stable")
    rows = rows[SERIES_COLUMNS].reset_index(drop=True)
    rows.attrs.update(indicator=indicator, jurisdiction=jurisdiction)
    return rows


def national_indicators(records: pd.DataFrame) -> list[str]:
    """Catalog indicators with at least one national figure, in catalog order."""
    present = set(records.loc[records["is_national"], "indicator"].astype(str))
    return [str(c) for c in reference_table("catalog")["code"] if str(c) in present]


def distinct_years(series: pd.DataFrame) -> list[int]:
    """The calendar years a series has a figure for, spans excepted (each counts its own year)."""
    single = series[series["period_kind"].astype(str) != "years"]
    return sorted({int(parse_period(str(p)).start.year) for p in single["period"]})


def _latest(figures: pd.DataFrame) -> pd.DataFrame:
    """The figure of the period that ends last (the longest of those): every source's value
    where they disagree on it."""
    rows = figures.dropna(subset=["value"])
    parsed = [parse_period(str(p)) for p in rows["period"]]
    keyed = rows.assign(
        _kind=[p.kind for p in parsed],
        _end=[p.end for p in parsed],
        _months=[p.months or 0 for p in parsed],
    )
    keyed = keyed[keyed["_kind"].isin(HEADLINE_KINDS)]
    if keyed.empty:
        return keyed
    first = keyed.sort_values(["_end", "_months"], ascending=False, kind="stable").iloc[0]
    return keyed[keyed["period"].astype(str) == str(first["period"])]


def latest_national_figures(records: pd.DataFrame) -> pd.DataFrame:
    """Each national indicator's latest figure of a year, half-year, quarter or nine months (no
    tier named), in catalog order; one row per source's value where sources disagree."""
    national = records[records["jurisdiction"].astype(str) == NATIONAL]
    unstated = national[national["level"].isna()]
    frames = []
    for code in national_indicators(records):
        latest = _latest(figures_of(unstated, code, ["period"]))
        if not latest.empty:
            frames.append(latest.assign(indicator=code, period=latest["period"].astype(str)))
    if not frames:
        return pd.DataFrame(columns=LATEST_COLUMNS)
    return pd.concat(frames, ignore_index=True)[LATEST_COLUMNS]
