"""One figure, several citations: the same figure stated by several sources is counted once.

Two records are the same figure when indicator, jurisdiction, period, level, scope (and the
area or part it names), value and qualifier all agree. `collapse_figures` keeps one row per figure and lists every source that states it,
so that counts of figures do not grow with the number of pages repeating them; figures that
differ are never merged here (`check_consistency` lists them).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

FIGURE_KEYS = [
    "indicator",
    "jurisdiction",
    "period",
    "level",
    "scope",
    "area",
    "scope_note",
    "value",
    "qualifier",
]
CITATION_COLUMNS = ["n_sources", "doc_ids", "record_ids", "citations"]


def citation(doc_id: object, outlet: object = None) -> str:
    """A source as a reader cites it: its id, and its outlet where the registry names one."""
    return f"{doc_id} [{outlet}]" if isinstance(outlet, str) and outlet else str(doc_id)


def citations_of(records: pd.DataFrame) -> pd.Series:
    """Each record's source cited (`doc_id [outlet]`), by the registry's outlet if joined."""
    outlets = records["source_outlet"] if "source_outlet" in records else [None] * len(records)
    return pd.Series(
        [citation(d, o) for d, o in zip(records["doc_id"], outlets, strict=True)],
        index=records.index,
        dtype="string",
    )


def figure_ids(records: pd.DataFrame) -> np.ndarray:
    """One integer per distinct figure (FIGURE_KEYS), in order of first appearance."""
    if records.empty:
        return np.zeros(0, dtype=np.int64)
    return (
        records[FIGURE_KEYS]
        .groupby(FIGURE_KEYS, observed=True, dropna=False, sort=False)
        .ngroup()
        .to_numpy()
    )


def collapse_figures(records: pd.DataFrame) -> pd.DataFrame:
    """One row per figure (the first record's columns) with every source that states it.

    Added columns: `n_sources` (distinct doc_ids), `doc_ids` and `record_ids` (`;`-joined),
    `citations` (`doc_id [outlet]`, `; `-joined). Row order is the order of first appearance.
    """
    if records.empty:
        return records.assign(
            n_sources=pd.Series(dtype="int64"),
            **{c: pd.Series(dtype="string") for c in CITATION_COLUMNS[1:]},
        )
    ids = figure_ids(records)
    sources = pd.DataFrame(
        {
            "figure": ids,
            "doc_id": records["doc_id"].astype(str).to_numpy(),
            "record_id": records["record_id"].astype(str).to_numpy(),
            "citation": citations_of(records).to_numpy(),
        }
    )
    per_figure = sources.groupby("figure", sort=True).agg(
        n_sources=("doc_id", "nunique"),
        doc_ids=("doc_id", lambda d: ";".join(dict.fromkeys(d))),
        record_ids=("record_id", ";".join),
        citations=("citation", lambda c: "; ".join(dict.fromkeys(c))),
    )
    first = ~pd.Series(ids).duplicated().to_numpy()
    out = records[first].reset_index(drop=True)
    taken = per_figure.loc[ids[first]].reset_index(drop=True)
    for column in CITATION_COLUMNS:
        out[column] = taken[column].astype("int64" if column == "n_sources" else "string")
    return out
