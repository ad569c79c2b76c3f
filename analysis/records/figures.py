"""Combining records into one figure per key: the one rule shared by tables, charts and `to_wide`.

Within one article, records sharing a key are parts of one figure (40 + 130 drafts commented
at the provincial tier) and add up, but only when they are alike: figures of different tiers
(central and provincial drafts) or of a unit whose parts are different things (leaflets and
books) are never added, and the combined figure is then missing, with the reason in `unlike`.
Where several articles give the figure, the largest is kept and `check_consistency` lists the
disagreement. Periods are a key, never summed: a year and its first half stay two figures.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import pandas as pd

# Units whose parts in one source name different things (tờ gấp, sách, sổ tay): copies of a
# leaflet and copies of a book are no one count. Every record of such a unit is a kind apart.
KINDED_UNITS = frozenset({"copies"})
FIGURE_COLUMNS = ["value", "qualifier", "n_records", "doc_ids", "unlike"]


def sum_qualifier(qualifiers: Iterable[object]) -> str:
    """How a sum of qualified figures is bounded: lower bounds add up to a lower bound."""
    kinds = {"exact" if pd.isna(q) else str(q) for q in qualifiers} - {"exact"}
    if not kinds:
        return "exact"
    return kinds.pop() if len(kinds) == 1 and kinds <= {"at_least", "at_most"} else "approx"


def _tiers(frame: pd.DataFrame, keys: Sequence[str]) -> pd.Series:
    """The tier of each record, when the key does not hold it already ('' when it does)."""
    if "level" in keys or "level" not in frame:
        return pd.Series("", index=frame.index, dtype=object)
    return frame["level"].astype(object).where(frame["level"].notna(), "unstated").astype(str)


def _kinds(frame: pd.DataFrame) -> pd.Series:
    """For a kinded unit, each record is a kind of its own ('' for every other unit)."""
    kinds = pd.Series("", index=frame.index, dtype=object)
    if "unit" not in frame:
        return kinds
    kinded = frame["unit"].astype(str).isin(KINDED_UNITS)
    ids = frame["record_id"].astype(str) if "record_id" in frame else frame.index.astype(str)
    return kinds.where(~kinded, ids)


def _tier_text(tiers: Iterable[str]) -> str:
    distinct = sorted(set(tiers))
    return " + ".join(distinct) if len(distinct) > 1 else ""


def pick_figures(
    records: pd.DataFrame, indicators: Sequence[str], keys: Sequence[str]
) -> pd.DataFrame:
    """One figure per key and indicator: value, qualifier, the sources and records behind it.

    Within one article, alike records sharing a key are parts of one figure (40 + 130 drafts
    commented at the provincial tier) and are summed; unlike ones (tiers, kinds of material) are
    not, leaving `value` missing and saying why in `unlike`. Where several articles give the
    figure, the largest is kept; `check_consistency` lists such disagreements.
    """
    subset = records[records["indicator"].isin(indicators)]
    columns = [*keys, "indicator", *FIGURE_COLUMNS]
    if subset.empty:
        return pd.DataFrame(columns=columns)
    frame = subset.assign(
        indicator=subset["indicator"].astype(str),
        qualifier=subset["qualifier"].astype(str),
        doc_id=subset["doc_id"].astype(str),
        _tier=_tiers(subset, keys),
        _kind=_kinds(subset),
        **{k: subset[k].astype(object) for k in keys},
    )
    group_keys = [*keys, "indicator"]
    per_part = (
        frame.groupby([*group_keys, "doc_id", "_tier", "_kind"], dropna=False, sort=False)
        .agg(
            value=("value", "sum"),
            qualifier=("qualifier", sum_qualifier),
            n_records=("value", "size"),
        )
        .reset_index()
    )
    per_doc = (
        per_part.groupby([*group_keys, "doc_id"], dropna=False, sort=False)
        .agg(
            value=("value", "sum"),
            qualifier=("qualifier", sum_qualifier),
            n_records=("n_records", "sum"),
            n_kinds=("_kind", "nunique"),
        )
        .reset_index()
    )
    kinds_apart = per_doc["n_kinds"] > 1
    per_doc["unlike"] = [f"{n} kinds" if n > 1 else "" for n in per_doc["n_kinds"]]
    per_doc["value"] = per_doc["value"].astype("Float64").mask(kinds_apart)
    per_doc["qualifier"] = per_doc["qualifier"].mask(kinds_apart)
    grouped = per_part.groupby(group_keys, dropna=False, sort=False)
    tiers = grouped["_tier"].agg(_tier_text)
    docs = per_doc.groupby(group_keys, dropna=False, sort=False)["doc_id"].agg(
        lambda d: ";".join(sorted(set(d)))
    )
    best = (
        per_doc.sort_values("value", ascending=False, kind="stable", na_position="last")
        .drop_duplicates(group_keys)
        .set_index(group_keys)[["value", "qualifier", "n_records", "unlike"]]
    )
    best["doc_ids"] = docs
    # Tiers are apart across sources too: one source's central figure is no rival to another's
    # provincial one.
    tiers = tiers.reindex(best.index)
    tiers_apart = (tiers != "").to_numpy()
    best.loc[tiers_apart, ["value", "qualifier"]] = pd.NA
    best["unlike"] = [
        "; ".join(t for t in (tier, kind) if t) if tier else kind
        for tier, kind in zip(tiers, best["unlike"], strict=True)
    ]
    order = frame.drop_duplicates(group_keys).set_index(group_keys).index
    return best.reindex(order).reset_index()[columns]
