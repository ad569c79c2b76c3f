"""Appraisal volumes: drafts appraised, proposals, drafts commented, documents checked, issued and
published to the national legal database, by place, period and tier (level). Totals only: the
Ministry's own checking or one district's drafts are listed apart (`analysis.metrics.parts`)."""

from __future__ import annotations

import pandas as pd

from analysis.records.figures import pick_figures
from analysis.records.periods import PERIOD_KINDS
from analysis.reference import load_catalog


def appraisal_indicators() -> tuple[str, ...]:
    """The catalog's appraisal-domain codes, in catalog order (documents drafted to published)."""
    catalog = load_catalog()
    return tuple(catalog.loc[catalog["domain"] == "appraisal", "code"].astype(str))


LEVEL_ORDER = ("central", "province", "district", "commune", None)
KEYS = ["jurisdiction", "period", "level"]
VOLUME_COLUMNS = [
    "jurisdiction",
    "period",
    "period_kind",
    "level",
    "indicator",
    "value",
    "qualifier",
    "n_records",
    "disputed",
    "doc_ids",
]


def appraisal_volumes(records: pd.DataFrame) -> pd.DataFrame:
    """One row per place, period, tier and indicator, in catalog order; level NA = not stated."""
    indicators = appraisal_indicators()
    figures = pick_figures(records, indicators, KEYS)
    if figures.empty:
        return pd.DataFrame(columns=VOLUME_COLUMNS)
    kinds = records.assign(period=records["period"].astype(str)).drop_duplicates("period")
    kind_of = dict(zip(kinds["period"], kinds["period_kind"].astype(str), strict=True))
    figures["period_kind"] = pd.Categorical(
        [kind_of[p] for p in figures["period"]], categories=PERIOD_KINDS
    )
    figures["level"] = pd.Series(
        [None if pd.isna(lv) else str(lv) for lv in figures["level"]],
        index=figures.index,
        dtype=object,
    )
    order = {
        "level": {lv: i for i, lv in enumerate(LEVEL_ORDER)},
        "indicator": {c: i for i, c in enumerate(indicators)},
    }
    figures = figures.assign(
        _ind=figures["indicator"].map(order["indicator"]),
        _lvl=[order["level"][lv] for lv in figures["level"]],
        _nat=figures["jurisdiction"] != "Việt Nam",
    ).sort_values(["period_kind", "period", "_nat", "jurisdiction", "_ind", "_lvl"], kind="stable")
    figures["value"] = figures["value"].astype("Float64")
    return figures[VOLUME_COLUMNS].reset_index(drop=True)
