"""Grassroots mediation: cases, settled cases, the success rate computed from them beside the rate
the source states, and the gap flagged when no value the parts allow is within the rounding the
stated rate shows."""

from __future__ import annotations

import pandas as pd

from analysis.metrics.common import PLACE_PERIOD, one_per_key, side_by_side
from analysis.records.bounds import rate_fits, ratio_interval, ratio_qualifier
from analysis.records.citations import merged_ids
from analysis.records.figures import pick_figures
from analysis.records.periods import PERIOD_KINDS

CASES = "mediation_cases"
SETTLED = "mediation_successful"
STATED = "mediation_success_rate"
RATE_COLUMNS = [
    "jurisdiction",
    "period",
    "period_kind",
    "cases",
    "cases_qualifier",
    "settled",
    "settled_qualifier",
    "computed_rate",
    "computed_qualifier",
    "stated_rate",
    "stated_rate_qualifier",
    "cases_rivals",
    "settled_rivals",
    "stated_rate_rivals",
    "gap_points",
    "gap_flagged",
    "doc_ids",
]


def mediation_rates(records: pd.DataFrame) -> pd.DataFrame:
    """One row per place and period with mediation figures: parts, computed rate, stated rate, gap.

    Totals only. `gap_points` is stated minus computed, in percentage points, where both parts
    are exact; `gap_flagged` is true when no value the parts allow (a lower bound allows a
    range) is within the rounding the stated rate shows (Lạng Sơn 2024-H1: 81.2 vs 81.28; not
    Hải Dương's 88 % of "trên 16.000" cases, which the bound allows). Where sources disagree
    on a figure, it is missing and `<name>_rivals` holds every stated (value, qualifier).
    """
    figures = one_per_key(
        pick_figures(records, [CASES, SETTLED, STATED], PLACE_PERIOD), PLACE_PERIOD
    )
    if figures.empty:
        return pd.DataFrame(columns=RATE_COLUMNS)
    names = {CASES: "cases", SETTLED: "settled", STATED: "stated_rate"}
    rates = side_by_side(figures, PLACE_PERIOD, names)
    rates = rates.astype({"cases": "Float64", "settled": "Float64", "stated_rate": "Float64"})
    rates["computed_rate"] = (100 * rates["settled"] / rates["cases"]).astype("Float64")
    rates["computed_qualifier"] = [
        ratio_qualifier(s, c)
        for s, c in zip(rates["settled_qualifier"], rates["cases_qualifier"], strict=True)
    ]
    exact = rates["computed_qualifier"] == "exact"
    rates["gap_points"] = (
        (rates["stated_rate"] - rates["computed_rate"]).where(exact).astype("Float64")
    )
    rates["gap_flagged"] = [
        bool(
            pd.notna(stated)
            and pd.notna(computed)
            and not rate_fits(stated, sq, ratio_interval(n, nq, d, dq))
        )
        for stated, sq, computed, n, nq, d, dq in zip(
            rates["stated_rate"],
            rates["stated_rate_qualifier"],
            rates["computed_rate"],
            rates["settled"],
            rates["settled_qualifier"],
            rates["cases"],
            rates["cases_qualifier"],
            strict=True,
        )
    ]
    rates["doc_ids"] = figures.groupby(PLACE_PERIOD, sort=False)["doc_ids"].agg(merged_ids)
    kinds = records.assign(period=records["period"].astype(str)).drop_duplicates("period")
    kind_of = dict(zip(kinds["period"], kinds["period_kind"].astype(str), strict=True))
    rates = rates.reset_index()
    rates["period_kind"] = pd.Categorical(
        [kind_of[p] for p in rates["period"]], categories=PERIOD_KINDS
    )
    rates = rates.sort_values(["period_kind", "period", "jurisdiction"], kind="stable")
    return rates[RATE_COLUMNS].reset_index(drop=True)
