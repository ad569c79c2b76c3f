"""Combining records into one figure per key: the one rule shared by tables, charts and `to_wide`.

Only figures of one scope meet (`analysis.records.scope`): totals by default, so an area's or a
part's figure never joins a total's series, rank or sum. Records that share a key are statements
of one figure, by one source twice ("gần 85%" and "84,8%") or by several sources, and are never
added up nor averaged: where one true value fits them all (an exact count and a lower bound below
it; "about 85" and 84.8) the most precise statement is the figure; where none does, the sources
disagree and each keeps its own row (`disputed`), never one number made of them. Statements of
different tiers (central and provincial drafts) or of a unit whose records are different things
(leaflets and books) are no rivals either: the figure is missing and `unlike` says why. Periods
are a key, never summed: a year and its first half stay two figures.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from analysis.contract import TOTAL
from analysis.records.bounds import APPROX, common_value

# Units whose records in one source name different things (tờ gấp, sách, sổ tay): copies of a
# leaflet and copies of a book are no one count. Every record of such a unit is a kind apart.
KINDED_UNITS = frozenset({"copies"})
FIGURE_COLUMNS = ["value", "qualifier", "n_records", "doc_ids", "unlike", "disputed"]
# Which qualifier is the most precise statement of one figure, when several fit one value.
_PRECISION = {"exact": 0, "at_least": 1, "at_most": 1, "approx": 2}
# Keys that keep every area and every part a figure of its own when they are asked for.
PART_KEYS = ["scope", "area", "scope_note"]


def of_scope(records: pd.DataFrame, scope: str | None) -> pd.DataFrame:
    """The records of one scope (`None`: all of them); a frame without scope is refused."""
    if scope is None:
        return records
    if "scope" not in records.columns:
        raise ValueError(
            "the records have no 'scope' column: load them with load_records(), which gives "
            "every record its scope; without it a part cannot be told from a total"
        )
    return records[(records["scope"] == scope).fillna(False).to_numpy(dtype=bool)]


def _tier(level: object) -> str:
    return "unstated" if pd.isna(level) else str(level)


def _best(statements: pd.DataFrame) -> pd.Series:
    """The most precise of statements that fit one value: exact, else the tightest bound."""
    ranked = statements.assign(
        _p=statements["qualifier"].map(_PRECISION).fillna(2),
        _v=[v if q != "at_most" else -v for v, q in zip(
            statements["value"], statements["qualifier"], strict=True)],
    )  # fmt: skip
    return ranked.sort_values(["_p", "_v"], ascending=[True, False], kind="stable").iloc[0]


def _one_key(group: pd.DataFrame, by_tier: bool) -> list[dict[str, object]]:
    """The figure (or, sources disagreeing, each source's statement) of one key."""
    docs = tuple(sorted(set(group["doc_id"])))
    base = {"n_records": len(group), "doc_ids": docs, "unlike": "", "disputed": False}
    missing = {**base, "value": pd.NA, "qualifier": pd.NA}
    tiers = sorted({_tier(v) for v in group["level"]}) if by_tier else []
    if len(tiers) > 1:
        return [{**missing, "unlike": " + ".join(tiers)}]
    kinded = "unit" in group and bool(group["unit"].isin(KINDED_UNITS).any())
    kinds = int(group.groupby("doc_id").size().max()) if kinded else 1
    if kinds > 1:
        return [{**missing, "unlike": f"{kinds} kinds"}]
    statements = group.drop_duplicates(["value", "qualifier", "doc_id"])
    if common_value(statements["value"], statements["qualifier"], APPROX):
        best = _best(statements)
        return [{**base, "value": best["value"], "qualifier": best["qualifier"]}]
    rows = []
    for (value, qualifier), same in group.groupby(["value", "qualifier"], sort=True):
        rows.append(
            {
                **base,
                "value": value,
                "qualifier": qualifier,
                "n_records": len(same),
                "doc_ids": tuple(sorted(set(same["doc_id"]))),
                "disputed": True,
            }
        )
    return rows


def pick_figures(
    records: pd.DataFrame,
    indicators: Sequence[str],
    keys: Sequence[str],
    *,
    scope: str | None = TOTAL,
) -> pd.DataFrame:
    """One figure per key and indicator: value, qualifier, the sources behind it (`doc_ids`, a
    tuple) and how many records state it.

    Only records of `scope` are taken (totals by default; `None` or another scope keeps each
    area and part apart by its name). Statements of one figure that fit one value give the most
    precise; statements that do not are each kept, one row per value with `disputed` true and
    its own sources, so that no figure is made of two. Statements of different tiers (when the
    key holds no tier) or of different kinds of material give no figure: `value` is missing and
    `unlike` says why.
    """
    subset = of_scope(records[records["indicator"].isin(indicators)], scope)
    keys = [*keys, *(k for k in PART_KEYS if scope != TOTAL and k not in keys)]
    columns = [*keys, "indicator", *FIGURE_COLUMNS]
    if subset.empty:
        return pd.DataFrame(columns=columns)
    frame = subset.assign(
        indicator=subset["indicator"].astype(str),
        qualifier=subset["qualifier"].astype(str),
        doc_id=subset["doc_id"].astype(str),
        value=subset["value"].astype(float),
        **{k: subset[k].astype(object) for k in keys},
    )
    group_keys = [*keys, "indicator"]
    rows = []
    for key, group in frame.groupby(group_keys, dropna=False, sort=False):
        for figure in _one_key(group, by_tier="level" not in keys):
            rows.append({**dict(zip(group_keys, key, strict=True)), **figure})
    out = pd.DataFrame(rows, columns=columns)
    out["value"] = out["value"].astype("Float64")
    return out
