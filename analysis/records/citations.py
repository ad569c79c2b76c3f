"""One figure, several citations: the same figure stated by several sources is counted once.

Two records are the same figure when indicator, jurisdiction, period, level, scope (and the
area or part it names), value and qualifier all agree. `collapse_figures` keeps one row per figure and lists every source that states it,
so that counts of figures do not grow with the number of pages repeating them; figures that
differ are never merged here (`check_consistency` lists them).

Sources and records behind a figure travel as tuples of ids in a frame (`doc_ids`,
`record_ids`), never as one joined string: `merged_ids` unites them and `ids_text` is the one
place they are joined, for people to read.
"""

from __future__ import annotations

from collections.abc import Iterable

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
# How ids are written for people: `000_a; 002_b`.
ID_SEPARATOR = "; "


def merged_ids(cells: Iterable[Iterable[str]]) -> tuple[str, ...]:
    """Every id of a column of id tuples (a frame's `doc_ids`), each once, sorted."""
    return tuple(sorted({str(i) for cell in cells for i in cell}))


def ids_text(ids: Iterable[str]) -> str:
    """Ids as people read them, `000_a; 002_b`: the one place ids are joined."""
    return ID_SEPARATOR.join(ids)


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

    Added columns: `n_sources` (distinct doc_ids), `doc_ids` and `record_ids` (tuples, in order
    of appearance), `citations` (`doc_id [outlet]`, `; `-joined, for reading). Row order is the
    order of first appearance.
    """
    if records.empty:
        return records.assign(
            n_sources=pd.Series(dtype="int64"),
            doc_ids=pd.Series(dtype=object),
            record_ids=pd.Series(dtype=object),
            citations=pd.Series(dtype="string"),
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
        doc_ids=("doc_id", lambda d: tuple(dict.fromkeys(d))),
        record_ids=("record_id", tuple),
        citations=("citation", lambda c: "; ".join(dict.fromkeys(c))),
    )
    first = ~pd.Series(ids).duplicated().to_numpy()
    out = records[first].reset_index(drop=True)
    taken = per_figure.loc[ids[first]].reset_index(drop=True)
    out["n_sources"] = taken["n_sources"].astype("int64")
    out["doc_ids"] = taken["doc_ids"].astype(object)
    out["record_ids"] = taken["record_ids"].astype(object)
    out["citations"] = taken["citations"].astype("string")
    return out
