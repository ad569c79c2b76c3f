"""People's decisions on extracted candidates (`data/reviews/*.csv`), read, checked and applied.

A review names a candidate by `record_id`, accepts it (`reviewed`) or rejects it (`rejected`),
and may correct its indicator, value, qualifier, jurisdiction, period, level or scope (`scope`,
`area`, `scope_note`): an empty cell leaves what the extractor found, `-` in `level`, `area` or
`scope_note` empties it. Review files from before scope have no scope columns: nothing of the
scope is corrected there. `apply_reviews` gives each candidate
its decision and corrections and keeps what the extractor found beside them (`extracted_*`
columns, and `corrected` naming the fields a review changed), so no program ever rewrites the
file a person edits and no correction hides the original.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa

from analysis.errors import DataError, Problem
from analysis.fileio import list_files, read_bytes
from analysis.schema.fields import FIELDS
from analysis.schema.read import check_text, read_text
from analysis.schema.rules import Rule
from analysis.schema.tables import CLEAR, CORRECTABLE, REVIEWS

__all__ = ["CLEAR", "CORRECTABLE", "DECISIONS", "REVIEW_COLUMNS", "apply_reviews", "read_reviews"]

DECISIONS = FIELDS["decision"].values
REVIEW_COLUMNS = REVIEWS.columns
# What a file written by hand needs: `record_id, decision` accepts. Any other review column may be
# left out (no correction, no reason; the reviewer is then the file's name, the date unknown), so
# files written before scope existed still load: nothing there is corrected.
REQUIRED_REVIEW_COLUMNS = REVIEWS.required
EXTRACTED = {c: f"extracted_{c}" for c in CORRECTABLE}
REVIEW_OUTPUT = (*EXTRACTED.values(), "corrected")
# One file's rows are checked alone (a file may leave out a column another has); a record
# decided twice is found across all files (`REVIEWS.repeats`).
_ONE_FILE = replace(REVIEWS, key=())


@dataclass(frozen=True)
class Review:
    """One person's decision on one candidate, and where it was written."""

    file: str
    line: int
    record_id: str
    decision: str
    corrections: dict[str, str] = field(default_factory=dict)
    reason: str = ""
    reviewer: str = ""
    reviewed_at: str = ""


def review_files(directory: Path) -> list[Path]:
    """The review CSV files of a folder and its subfolders, sorted (none if the folder is absent)."""
    return scan_review_files(directory)[0]


def scan_review_files(directory: Path) -> tuple[list[Path], list[Problem]]:
    """The review CSV files, and a Problem for each special file (FIFO, socket) among them."""
    return list_files(directory, (".csv",)) if directory.is_dir() else ([], [])


def read_reviews(files: Iterable[Path]) -> tuple[list[Review], list[Problem]]:
    """Every review of the files, with every problem of their headers and rows (file:line),
    each checked as the reviews' declaration says (analysis.schema.tables.REVIEWS). A review
    with a problem decides nothing."""
    reviews: list[Review] = []
    problems: list[Problem] = []
    for path in files:
        name = str(path)
        try:
            raw = read_bytes(path)
        except DataError as exc:
            problems += exc.problems
            continue
        read = read_text(raw, name, REVIEWS)
        if not read.header or (read.problems and read.problems[0].line == 1):
            problems += read.problems
            continue
        check_text(read, name, _ONE_FILE, {}, ids=("record_id",))
        problems += read.problems
        refused = {p.line for p in read.problems}
        for row, cells in zip(read.lines, read.text.to_dict("records"), strict=True):
            if row in refused:
                continue
            text = {c: "" if v is None else v for c, v in cells.items()}
            reviews.append(
                Review(
                    name,
                    row,
                    text["record_id"],
                    text["decision"],
                    {c: text[c] for c in CORRECTABLE if text.get(c)},
                    text.get("reason", ""),
                    text.get("reviewer", "") or ("" if "reviewer" in read.header else path.stem),
                    text.get("reviewed_at", ""),
                )
            )
    ids = pd.DataFrame({"record_id": pd.array([r.record_id for r in reviews], dtype="string")})
    where = {i: (r.file, r.line) for i, r in enumerate(reviews)}
    repeated = REVIEWS.repeats(ids, {"where": where.__getitem__})
    for f in repeated:
        r = reviews[f.row]
        problems.append(
            Problem(r.file, REVIEWS.heading(ids, f.row) + f.message, f.rule, line=r.line)
        )
    again = {f.row for f in repeated}
    return [r for i, r in enumerate(reviews) if i not in again], problems


@dataclass
class Applied:
    """Candidates after their reviews, the review line each corrected row now answers to, and
    the review line of every decided row."""

    frame: pd.DataFrame
    corrected_at: dict[int, tuple[str, int]]
    problems: list[Problem]
    decided_at: dict[int, tuple[str, int]] = field(default_factory=dict)


def apply_reviews(
    candidates: pd.DataFrame, reviews: list[Review], decided: Callable[[str], str | None]
) -> Applied:
    """Each candidate with its review's decision and corrections; originals kept in `extracted_*`.

    `decided` gives where a record people wrote (data/records/) stands, by its id: a review
    of one of them, or of an id no candidate has, is a problem at the review's line.
    """
    frame = candidates.reset_index(drop=True)
    position = pd.Series(np.arange(len(frame)), index=frame["record_id"].astype(str).to_numpy())
    position = position[~position.index.duplicated()]
    problems: list[Problem] = []
    applied: list[tuple[int, Review]] = []
    for review in reviews:
        row = position.get(review.record_id)
        if row is None:
            where = decided(review.record_id)
            message = (
                f"review of {review.record_id}: the record was written by a person ({where}): "
                "correct it there; reviews are for candidates (data/candidates/)"
                if where
                else f"review of {review.record_id}: no candidate has this record_id"
            )
            problems.append(Problem(review.file, message, Rule.UNKNOWN_RECORD, line=review.line))
            continue
        applied.append((int(row), review))
    out = _with_originals(frame)
    if not applied:
        return Applied(out, {}, problems)
    rows = np.array([r for r, _ in applied])
    decisions = [rv.decision for _, rv in applied]
    status = out["status"].to_numpy(dtype=object, copy=True)
    status[rows] = decisions
    out["status"] = pd.Categorical(status)
    note = out["note"].to_numpy(dtype=object, copy=True)
    note[rows] = [rv.reason for _, rv in applied]
    out["note"] = pd.array(note, dtype="string")
    corrected = np.full(len(out), "", dtype=object)
    corrected_at: dict[int, tuple[str, int]] = {}
    for column in CORRECTABLE:
        changes = {r: rv.corrections[column] for r, rv in applied if column in rv.corrections}
        if not changes:
            continue
        where = np.array(list(changes))
        if column == "value":
            values = out["value"].to_numpy(dtype=float, na_value=np.nan, copy=True)
            values[where] = [float(v) for v in changes.values()]
            out["value"] = pd.array(values, dtype="Float64")
        else:
            values = out[column].to_numpy(dtype=object, copy=True)
            values[where] = [None if v == CLEAR else v for v in changes.values()]
            text = FIELDS[column].dtype == "string"
            out[column] = pd.array(values, dtype="string") if text else pd.Categorical(values)
        corrected[where] = [f"{c},{column}" if c else column for c in corrected[where]]
    for r, rv in applied:
        if rv.corrections:
            corrected_at[r] = (rv.file, rv.line)
    out["corrected"] = pd.array(corrected, dtype="string")
    decided_at = {r: (rv.file, rv.line) for r, rv in applied}
    return Applied(out, corrected_at, problems, decided_at)


def _with_originals(frame: pd.DataFrame) -> pd.DataFrame:
    """The candidates with what the extractor found copied to `extracted_*`, nothing corrected."""
    out = frame.copy()
    for column, original in EXTRACTED.items():
        out[original] = frame[column]
    out["corrected"] = pd.array([""] * len(out), dtype="string")
    return out


def empty_originals(n: int) -> dict[str, object]:
    """The review columns of `n` records people wrote: nothing extracted, nothing corrected."""
    missing = np.full(n, -1, dtype=np.int8)
    columns: dict[str, object] = {
        original: pd.StringDtype().__from_arrow__(pa.nulls(n, pa.string()))
        if FIELDS[column].dtype == "string"
        else pd.Categorical.from_codes(missing, categories=[])
        for column, original in EXTRACTED.items()
        if column != "value"
    }
    columns[EXTRACTED["value"]] = pd.array(np.full(n, np.nan), dtype="Float64")
    columns["corrected"] = pd.StringDtype().__from_arrow__(pa.repeat("", n))  # no str objects
    return columns
