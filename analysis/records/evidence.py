"""Each record traced to its source's words: bundled text at its offsets, cited page by quote."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from analysis.errors import DataError, Problem
from analysis.records.read import Locator, SourceRows
from analysis.schema.rules import Rule
from analysis.sources.articles import read_article


def _plain_doc_id(doc_id: str) -> bool:
    return bool(doc_id) and not re.search(r"[/\\\x00]|^\.", doc_id)


def evidence_problems(
    frame: pd.DataFrame,
    sources: list[SourceRows] | Locator,
    index: dict[str, Path],
    directory: Path,
    cited_ids: frozenset[str] | set[str] = frozenset(),
) -> list[Problem]:
    """A Problem for each record that does not trace to its source's words.

    A record of a bundled source (its article in `index`, doc_id -> file from `article_index`)
    must be that text at [start, end); a record of a cited source (registered, not bundled)
    carries the page's words as evidence and no offsets; a record whose source is neither is
    refused. Articles are looked up in `index` only, so a doc_id never reaches a file outside
    the articles folder; rows whose offsets or doc_id the schema already refuses are left to it.
    A row is named where it was written (its candidates or records file), even if a review
    corrected it.
    """
    locate = sources.as_written() if isinstance(sources, Locator) else Locator(sources)
    problems: list[Problem] = []

    def problem(row: object, message: str, rule: str) -> None:
        file, line = locate(row)
        problems.append(Problem(file, message, rule, line=line))

    has_offsets = frame["start"].notna() | frame["end"].notna()
    both = frame["start"].notna() & frame["end"].notna()
    spans = ((frame["end"] - frame["start"]) == frame["evidence"].str.len()).fillna(False)
    refused_by_schema = both & ~(spans.astype(bool) & (frame["start"].fillna(-1) >= 0))
    usable = frame["doc_id"].notna() & frame["evidence"].notna() & ~refused_by_schema
    for doc_id, group in frame[usable].groupby("doc_id", observed=True):
        doc_id = str(doc_id)
        if not _plain_doc_id(doc_id):
            continue
        path = index.get(doc_id)
        if path is None and doc_id in cited_ids:
            with_offsets = group[has_offsets[group.index]]
            for row, rid in zip(with_offsets.index, with_offsets["record_id"], strict=True):
                problem(
                    row,
                    f"record {rid}: source {doc_id!r} is cited, not bundled: its text is not "
                    "in the project, so offsets mean nothing (leave start and end empty)",
                    Rule.OFFSETS_WITHOUT_TEXT,
                )
            continue
        if path is None:
            problem(
                group.index[0],
                f"record {group['record_id'].iloc[0]}: doc_id {doc_id!r} has no article in "
                f"{directory} and is not a cited source in the registry (data/sources.csv)",
                Rule.UNKNOWN_SOURCE,
            )
            continue
        try:
            text = read_article(path).text
        except DataError as exc:
            problems += exc.problems
            continue
        for row, rid, ev, s, e in zip(
            group.index,
            group["record_id"],
            group["evidence"],
            group["start"],
            group["end"],
            strict=False,
        ):
            if pd.isna(s) or pd.isna(e):
                where = text.find(ev)
                hint = (
                    f" (the evidence stands at {where}-{where + len(ev)})"
                    if where >= 0
                    else " and the evidence is not in its text"
                )
                problem(
                    row,
                    f"record {rid}: source {doc_id!r} is bundled: start and end are needed" + hint,
                    Rule.MISSING_OFFSETS,
                )
            elif text[s:e] != ev:
                found = " and the evidence is nowhere in its text" if ev not in text else ""
                problem(
                    row,
                    f"record {rid}: evidence is not the article's text at {s}-{e} "
                    f"(found {text[s:e][:60]!r}){found}",
                    Rule.EVIDENCE_MISMATCH,
                )
    return problems


# What load_records gives for every record, in this order (then the review columns, the
# extractor's own columns of candidates, and the source's citation).
