"""Legal dissemination reach: sessions, person-attendances, attendances per session and per
1,000 residents (2019 census population; the national figure against the national total).

Totals only: a district's, a body's or a campaign's sessions are not the province's and are
listed apart (`analysis.metrics.parts`)."""

from __future__ import annotations

import pandas as pd

from analysis.metrics.common import PLACE_PERIOD, one_per_key, side_by_side
from analysis.records.bounds import ratio_qualifier
from analysis.records.citations import merged_ids
from analysis.records.figures import pick_figures

SESSIONS = "dissemination_sessions"
ATTENDEES = "dissemination_attendees"
PER_RESIDENTS = 1000
PLACE_COLUMNS = ["period_kind", "period_start", "is_national", "population"]
REACH_COLUMNS = [
    "jurisdiction",
    "period",
    "period_kind",
    "population_2019",
    "sessions",
    "sessions_qualifier",
    "attendances",
    "attendances_qualifier",
    "attendances_per_session",
    "per_session_qualifier",
    "attendances_per_1000_residents",
    "per_1000_qualifier",
    "sessions_rivals",
    "attendances_rivals",
    "doc_ids",
]


def _places(records: pd.DataFrame) -> pd.DataFrame:
    keyed = records.assign(**{k: records[k].astype(object) for k in PLACE_PERIOD})
    return keyed.drop_duplicates(PLACE_PERIOD).set_index(PLACE_PERIOD)[PLACE_COLUMNS]


def dissemination_reach(records: pd.DataFrame) -> pd.DataFrame:
    """One row per place and period that reports sessions or attendances, with both ratios.

    A ratio's qualifier follows from its parts: a lower-bound attendance over an exact
    population is a lower bound; over a lower-bound session count it bounds nothing (approx).
    Where sources disagree on sessions or attendances, the value is missing and
    `sessions_rivals` / `attendances_rivals` hold every stated (value, qualifier).
    """
    figures = one_per_key(pick_figures(records, [SESSIONS, ATTENDEES], PLACE_PERIOD), PLACE_PERIOD)
    if figures.empty:
        return pd.DataFrame(columns=REACH_COLUMNS)
    reach = side_by_side(figures, PLACE_PERIOD, {SESSIONS: "sessions", ATTENDEES: "attendances"})
    reach["doc_ids"] = figures.groupby(PLACE_PERIOD, sort=False)["doc_ids"].agg(merged_ids)
    reach = reach.join(_places(records))
    reach["population_2019"] = reach["population"].astype("Int64")
    reach["attendances_per_session"] = (reach["attendances"] / reach["sessions"]).astype("Float64")
    reach["per_session_qualifier"] = [
        ratio_qualifier(a, s)
        for a, s in zip(reach["attendances_qualifier"], reach["sessions_qualifier"], strict=True)
    ]
    reach["attendances_per_1000_residents"] = (
        reach["attendances"] / reach["population_2019"].astype("Float64") * PER_RESIDENTS
    ).astype("Float64")
    reach["per_1000_qualifier"] = [
        ratio_qualifier(a, "exact") for a in reach["attendances_qualifier"]
    ]
    reach = reach.reset_index().sort_values(
        ["period_kind", "period_start", "is_national", "jurisdiction"],
        ascending=[True, True, False, True],
        kind="stable",
    )
    return reach[REACH_COLUMNS].reset_index(drop=True)
