"""Combining records into one figure per key: the one rule shared by tables, charts and `to_wide`.

Within one article, records sharing a key are parts of one figure (tiers of documents, kinds
of leaflets) and add up; where several articles give the figure, the largest is kept and
`check_consistency` lists the disagreement.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import pandas as pd


def sum_qualifier(qualifiers: Iterable[object]) -> str:
    """How a sum of qualified figures is bounded: lower bounds add up to a lower bound."""
    kinds = {"exact" if pd.isna(q) else str(q) for q in qualifiers} - {"exact"}
    if not kinds:
        return "exact"
    return kinds.pop() if len(kinds) == 1 and kinds <= {"at_least", "at_most"} else "approx"


def pick_figures(
    records: pd.DataFrame, indicators: Sequence[str], keys: Sequence[str]
) -> pd.DataFrame:
    """One figure per key and indicator: value, qualifier, the sources and records behind it.

    Within one article, records sharing a key are parts of one figure (40 + 130 drafts commented
    at the provincial tier) and are summed. Where several articles give the figure, the largest
    is kept; `check_consistency` lists such disagreements.
    """
    subset = records[records["indicator"].isin(indicators)]
    columns = [*keys, "indicator", "value", "qualifier", "n_records", "doc_ids"]
    if subset.empty:
        return pd.DataFrame(columns=columns)
    frame = subset.assign(
        indicator=subset["indicator"].astype(str),
        qualifier=subset["qualifier"].astype(str),
        doc_id=subset["doc_id"].astype(str),
        **{k: subset[k].astype(object) for k in keys},
    )
    group_keys = [*keys, "indicator"]
    per_doc = (
        frame.groupby([*group_keys, "doc_id"], dropna=False, sort=False)
        .agg(
            value=("value", "sum"),
            qualifier=("qualifier", sum_qualifier),
            n_records=("value", "size"),
        )
        .reset_index()
    )
    docs = per_doc.groupby(group_keys, dropna=False, sort=False)["doc_id"].agg(
        lambda d: ";".join(sorted(set(d)))
    )
    best = (
        per_doc.sort_values("value", ascending=False, kind="stable")
        .drop_duplicates(group_keys)
        .set_index(group_keys)[["value", "qualifier", "n_records"]]
    )
    best["doc_ids"] = docs
    order = frame.drop_duplicates(group_keys).set_index(group_keys).index
    return best.reindex(order).reset_index()[columns]
