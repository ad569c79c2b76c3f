"""Provinces side by side: each province's latest figure of an indicator per axis group (figures
of one group share an axis), per resident where the population is known, ranked.

Only provincial totals are ranked, mapped or divided by the population: one district's or one
body's figure is not the province's. Where sources disagree on a province's latest figure, each
value is a row of its own (never one number made of them)."""

from __future__ import annotations

import pandas as pd

from analysis.metrics.common import reference_table
from analysis.metrics.series import (
    computed_rate,
    figures_of_many,
    place_in_time,
    rate_parts,
    slim,
)
from analysis.records.periods import parse_period

PLACE_KEYS = ["jurisdiction", "period"]
# Axis groups: figures of one group share an axis. A year and a span's yearly average are both
# "per year"; half-years, quarters and nine months each stand apart; year-to-date has no length.
GROUP_OF_KIND = {
    "year": "per_year",
    "years": "per_year",
    "half": "half",
    "quarter": "quarter",
    "nine_months": "nine_months",
}
GROUP_ORDER = ("per_year", "half", "quarter", "nine_months")
VALUE_COLUMNS = [
    "jurisdiction",
    "region",
    "group",
    "period",
    "value",
    "qualifier",
    "source_kind",
    "population",
    "per_year",
    "shown",
    "is_average",
    "rank",
    "n_ranked",
    "disputed",
    "doc_ids",
]


def _place_figures(
    records: pd.DataFrame, indicator: str, picked: dict[str, pd.DataFrame] | None = None
) -> pd.DataFrame:
    """Stated figures per province and period; for a rate, computed from its parts where unstated."""
    parts = rate_parts(reference_table("catalog"), indicator)
    codes = [indicator, *(parts or ())]
    found = picked if picked is not None else figures_of_many(records, codes, PLACE_KEYS)
    stated = found.get(indicator)
    stated = (
        stated.dropna(subset=["value"]).assign(source_kind="stated")
        if stated is not None
        else pd.DataFrame(
            columns=[*PLACE_KEYS, "value", "qualifier", "doc_ids", "disputed", "source_kind"]
        )
    )
    if not parts:
        return stated
    computed = computed_rate(records, parts, PLACE_KEYS, found).assign(source_kind="computed")
    have = set(zip(stated["jurisdiction"], stated["period"], strict=True))
    extra = computed[
        [
            (j, p) not in have
            for j, p in zip(computed["jurisdiction"], computed["period"], strict=True)
        ]
    ]
    return pd.concat([stated, extra], ignore_index=True)


def picked_by_place(records: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Every indicator's provincial figures per province and period, picked in one pass: give it
    to `province_values` when ranking many indicators of the same records."""
    provincial = slim(records[~records["is_national"].astype(bool)])
    codes = sorted(set(provincial["indicator"].astype(str)))
    return figures_of_many(provincial, codes, PLACE_KEYS)


def province_values(
    records: pd.DataFrame,
    indicator: str,
    per_residents: int | None = None,
    picked: dict[str, pd.DataFrame] | None = None,
) -> pd.DataFrame:
    """Each province's latest figure per axis group, ranked within the group (1 = highest).

    `shown` is what the axis plots: the figure (a span's yearly average), divided by the 2019
    population and multiplied by `per_residents` when asked. A lower bound stays a lower bound.
    `source_kind` says whether `value` is the stated figure or a rate computed from its parts.
    """
    provincial = records if picked is not None else slim(records[~records["is_national"]])
    figures = _place_figures(provincial, indicator, picked)
    if figures.empty:
        return pd.DataFrame(columns=VALUE_COLUMNS)
    figures = figures.assign(
        jurisdiction=figures["jurisdiction"].astype(str), period=figures["period"].astype(str)
    )
    kinds = [parse_period(p).kind for p in figures["period"]]
    figures["group"] = [GROUP_OF_KIND.get(k) for k in kinds]
    figures = figures.dropna(subset=["group"]).copy()
    timing = pd.DataFrame(
        [place_in_time(p) for p in figures["period"]],
        columns=["x_start", "x_end", "x", "years"],
        index=figures.index,
    )
    figures = figures.join(timing)
    percent = str(reference_table("catalog").set_index("code").loc[indicator, "unit"]) == "percent"
    figures["value"] = figures["value"].astype(float)
    figures["is_average"] = (figures["years"] > 0) & (not percent)
    figures["per_year"] = [
        v / y if avg else v
        for v, y, avg in zip(figures["value"], figures["years"], figures["is_average"], strict=True)
    ]
    places = reference_table("provinces").set_index("province")
    figures["region"] = figures["jurisdiction"].map(places["region"].astype(str)).fillna("")
    figures["population"] = figures["jurisdiction"].map(places["population_2019"]).astype("Int64")
    if per_residents:
        figures = figures.dropna(subset=["population"])
        people = figures["population"].astype(float)
        figures["shown"] = figures["per_year"] / people * per_residents
    else:
        figures["shown"] = figures["per_year"]
    ordered = figures.sort_values(["x_end", "is_average"], ascending=[False, True], kind="stable")
    chosen = ordered.drop_duplicates(["jurisdiction", "group"])[["jurisdiction", "group", "period"]]
    latest = ordered.merge(chosen, on=["jurisdiction", "group", "period"])  # rivals kept
    latest["disputed"] = latest["disputed"].fillna(False).astype(bool)
    latest["group"] = pd.Categorical(latest["group"], categories=GROUP_ORDER)
    latest = latest.sort_values(["group", "shown", "jurisdiction"], ascending=[True, False, True])
    latest["rank"] = latest.groupby("group", observed=True).cumcount() + 1
    latest["n_ranked"] = latest.groupby("group", observed=True)["rank"].transform("size")
    return latest[VALUE_COLUMNS].reset_index(drop=True)


# Per how many residents a count is compared between provinces, by the indicator's unit.
PER_RESIDENTS_BY_UNIT = {"attendances": 1000, "cases": 10000, "applications": 10000}


def per_residents(indicator: str) -> int | None:
    """1,000 for attendances, 10,000 for cases and applications; None for rates and the rest."""
    unit = str(reference_table("catalog").set_index("code").loc[indicator, "unit"])
    return PER_RESIDENTS_BY_UNIT.get(unit)
