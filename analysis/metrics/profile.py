"""One province's profile: its figures over time, its rank among the provinces with the same kind
of figure, the national figure of the same period beside it, and its sources. Nothing of any
other province is shown: a rank is a number out of how many.

The province's totals are profiled, ranked and set beside the national total of the same period
(a kind of period of its own); its area and part figures (a district, the border guards, one
campaign) are listed apart (`analysis.metrics.parts`), never charted."""

from __future__ import annotations

import pandas as pd

from analysis.contract import NATIONAL
from analysis.metrics.common import one_per_key, reference_table
from analysis.metrics.provinces import per_residents, picked_by_place, province_values
from analysis.metrics.series import (
    CHARTED_KINDS,
    computed_rate,
    figures_of_many,
    indicator_series,
    rate_parts,
    slim,
)
from analysis.records.periods import PERIOD_KINDS, parse_period

PROFILE_COLUMNS = [
    "indicator",
    "period",
    "period_kind",
    "level",
    "value",
    "qualifier",
    "per_residents",
    "national_value",
    "national_qualifier",
    "rank",
    "n_ranked",
    "doc_ids",
    "national_doc_ids",
    "computed",
    "disputed",
    "national_rivals",
]


def province_records(records: pd.DataFrame, province: str) -> pd.DataFrame:
    """The province's own records."""
    return records[records["jurisdiction"].astype(str) == province]


def profile_figures(records: pd.DataFrame, province: str) -> pd.DataFrame:
    """One row per indicator, period and tier of the province, catalog order then time order:
    its figure (`computed` for a rate from its parts the source does not state), per resident
    (per year for a span), its rank among the provinces with the same kind of figure (its latest
    figures only, with no tier), and the national figure of the same period beside it
    (`national_rivals`: every source's value where sources disagree on it)."""
    records = slim(records)
    own = province_records(records, province)
    national = records[records["jurisdiction"].astype(str) == NATIONAL]
    places = reference_table("provinces").set_index("province")
    population = int(places.loc[province, "population_2019"]) if province in places.index else None
    catalog = reference_table("catalog")
    codes = [str(c) for c in catalog["code"]]
    tiers = ["period", "level"]
    own_picked = figures_of_many(own, codes, tiers)
    national_picked = {
        code: one_per_key(figures, ["period"])
        for code, figures in figures_of_many(
            national[national["level"].isna()], codes, ["period"]
        ).items()
    }
    place_picked = picked_by_place(records)
    empty = pd.DataFrame(columns=[*tiers, "value", "qualifier", "n_records", "doc_ids"])
    rows = []
    for code in codes:
        figures = own_picked.get(code, empty).dropna(subset=["value"])
        parts = rate_parts(catalog, code)
        if parts:
            computed = computed_rate(own, parts, tiers, own_picked).assign(computed=True)
            stated = set(figures["period"].astype(str))
            computed = computed[~computed["period"].astype(str).isin(stated)]
            figures = pd.concat([figures.assign(computed=False), computed], ignore_index=True)
        else:
            figures = figures.assign(computed=False)
        if figures.empty:
            continue
        per = per_residents(code)
        nat = national_picked.get(code, empty.assign(rivals=pd.Series(dtype=object)))
        nat = nat[nat["value"].notna() | nat["rivals"].astype(bool)]
        nat = nat.set_index(nat["period"].astype(str))
        ranks = province_values(records, code, per, place_picked)
        ranks = ranks[ranks["jurisdiction"] == province]
        for f in figures.itertuples():
            period = str(f.period)
            kind = parse_period(period).kind
            months = parse_period(period).months or 0
            years = months // 12 if kind == "years" else 1
            mine = ranks[(ranks["period"] == period) & (ranks["value"] == float(f.value))]
            rank = mine.iloc[0] if len(mine) and pd.isna(f.level) else None
            disputed = bool(f.disputed) if pd.notna(f.disputed) else False
            rows.append(
                {
                    "indicator": code,
                    "period": period,
                    "period_kind": kind,
                    "level": None if pd.isna(f.level) else str(f.level),
                    "value": float(f.value),
                    "qualifier": str(f.qualifier),
                    "per_residents": (
                        float(f.value) / years / population * per if per and population else None
                    ),
                    "national_value": float(nat.loc[period, "value"])
                    if period in nat.index and pd.notna(nat.loc[period, "value"])
                    else None,
                    "national_qualifier": (
                        str(nat.loc[period, "qualifier"]) if period in nat.index else None
                    ),
                    "rank": int(rank["rank"]) if rank is not None else None,
                    "n_ranked": int(rank["n_ranked"]) if rank is not None else None,
                    "doc_ids": tuple(f.doc_ids),
                    "national_doc_ids": tuple(nat.loc[period, "doc_ids"])
                    if period in nat.index
                    else (),
                    "computed": bool(f.computed),
                    "disputed": disputed,
                    "national_rivals": tuple(nat.loc[period, "rivals"])
                    if period in nat.index
                    else (),
                }
            )
    frame = pd.DataFrame(rows, columns=PROFILE_COLUMNS)
    if frame.empty:
        return frame
    frame["_kind"] = frame["period_kind"].map({k: i for i, k in enumerate(PERIOD_KINDS)})
    frame["_start"] = [parse_period(p).start for p in frame["period"]]
    order = {c: i for i, c in enumerate(reference_table("catalog")["code"].astype(str))}
    frame["_ind"] = frame["indicator"].map(order)
    frame = frame.sort_values(["_ind", "_kind", "_start"], kind="stable")
    return frame[PROFILE_COLUMNS].reset_index(drop=True)


def profile_series(records: pd.DataFrame, province: str) -> list[pd.DataFrame]:
    """The province's series (`indicator_series`) worth a chart over time, in catalog order:
    those with two periods of one kind (two years, two half-years) of its totals; one figure of
    each kind says nothing about a trend, and the profile's table has it."""
    own = province_records(slim(records), province)
    codes = [str(c) for c in reference_table("catalog")["code"]]
    picked = figures_of_many(own, codes)
    found = []
    for code in codes:
        series = indicator_series(own, code, province, picked)
        charted = series[series["period_kind"].astype(str).isin([*CHARTED_KINDS, "years"])]
        groups = charted["period_kind"].astype(str).replace("years", "year")
        if (charted.groupby(groups.to_numpy())["period"].nunique() >= 2).any():
            found.append(charted)
    return found
