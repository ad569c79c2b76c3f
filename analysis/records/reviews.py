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

import csv
import datetime as dt
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa

from analysis.contract import CONTRACT_COLUMNS, SCOPE_COLUMNS
from analysis.errors import DataError, Problem
from analysis.fileio import column_problems, csv_error_problem, list_files, read_bytes
from analysis.records.cells import row_problems
from analysis.records.plausibility import future_date
from analysis.records.schemas import FIELDS

DECISIONS = ("reviewed", "rejected")
# Every field of a figure but its source and its words.
CORRECTABLE = tuple(
    c for c in (*CONTRACT_COLUMNS, *SCOPE_COLUMNS) if c not in ("doc_id", "evidence")
)
REVIEW_COLUMNS = ("record_id", "decision", *CORRECTABLE, "reason", "reviewer", "reviewed_at")
# What a file written by hand needs: `record_id, decision` accepts. Any other review column may be
# left out (no correction, no reason; the reviewer is then the file's name, the date unknown), so
# files written before scope existed still load: nothing there is corrected.
REQUIRED_REVIEW_COLUMNS = ("record_id", "decision")
# Written in `level`, `area` or `scope_note` to say "none" (an empty cell means "unchanged").
CLEAR = "-"
EXTRACTED = {c: f"extracted_{c}" for c in CORRECTABLE}
REVIEW_OUTPUT = (*EXTRACTED.values(), "corrected")


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


def _is_iso(text: str) -> bool:
    try:
        dt.datetime.fromisoformat(text)
    except ValueError:
        return False
    return True


def _row_problems(
    row: dict[str, str], name: str, line: int, header: Iterable[str] = REVIEW_COLUMNS
) -> list[Problem]:
    rid = row["record_id"]
    head = f"review of {rid}: " if rid else ""

    def problem(message: str, rule: str) -> Problem:
        return Problem(name, head + message, rule, line=line)

    found = []
    for c in ("record_id", "decision", "reviewer", "reviewed_at"):
        if not row[c] and c in header:  # a column left out is not stated; one given is filled
            found.append(problem(f"column {c!r} is empty", "missing-value"))
    if row["decision"] and row["decision"] not in DECISIONS:
        found.append(
            problem(
                f"decision {row['decision']!r} is not one of {', '.join(DECISIONS)}", "bad-decision"
            )
        )
    value = row["value"]
    if value:
        from analysis.records.read import value_problem

        refused = value_problem(value)
        if refused:
            found.append(problem(*refused))
    if row["reviewed_at"] and not _is_iso(row["reviewed_at"]):
        found.append(
            problem(
                f"reviewed_at {row['reviewed_at']!r} is not an ISO date (YYYY-MM-DD)", "bad-date"
            )
        )
    future = future_date("reviewed_at", row["reviewed_at"]) if row["reviewed_at"] else None
    if future:
        found.append(problem(*future))
    found += row_problems(row, name, line, head, skip=("value",))  # control, invisible chars
    changes = [c for c in CORRECTABLE if row[c]]
    if not row["reason"] and (row["decision"] == "rejected" or changes):
        why = (
            "a rejection"
            if row["decision"] == "rejected"
            else f"a correction of {', '.join(changes)}"
        )
        empty = "'reason' is empty" if "reason" in header else "the file has no 'reason' column"
        found.append(problem(f"{why} needs its reason: {empty}", "missing-reason"))
    return found


def read_reviews(files: Iterable[Path]) -> tuple[list[Review], list[Problem]]:
    """Every review of the files, with every problem of their headers and rows (file:line)."""
    reviews: list[Review] = []
    problems: list[Problem] = []
    first: dict[str, tuple[str, int]] = {}
    for path in files:
        name = str(path)
        try:
            raw = read_bytes(path)
        except DataError as exc:
            problems += exc.problems
            continue
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            problems.append(Problem(name, "not UTF-8", "not-utf8", byte=exc.start))
            continue
        reader = csv.reader(io.StringIO(text, newline=""), strict=True)
        header = next(reader, None)
        if header is None:
            problems.append(Problem(name, "empty file: no header row", "empty-file"))
            continue
        bad = column_problems(name, header, REQUIRED_REVIEW_COLUMNS, extras=True)
        bad += [
            p for p in column_problems(name, header, REVIEW_COLUMNS) if p.rule != "missing-column"
        ]
        if bad:
            problems += bad
            continue
        line = reader.line_num
        try:
            for cells in reader:
                at = line + 1
                line = reader.line_num
                if not cells:
                    continue
                if len(cells) != len(header):
                    problems.append(
                        Problem(
                            name,
                            f"{len(cells)} fields where the header has {len(header)}",
                            "bad-row",
                            line=at,
                        )
                    )
                    continue
                row = dict.fromkeys(REVIEW_COLUMNS, "")
                row.update((k, v.strip()) for k, v in zip(header, cells, strict=True))
                found = _row_problems(row, name, at, header)
                rid = row["record_id"]
                if rid in first:
                    where = first[rid]
                    found.append(
                        Problem(
                            name,
                            f"review of {rid}: the record is reviewed again (first at "
                            f"{where[0]}:{where[1]}): one decision per record",
                            "duplicate-review",
                            line=at,
                        )
                    )
                problems += found
                if found:
                    continue
                first[rid] = (name, at)
                reviews.append(
                    Review(
                        name,
                        at,
                        rid,
                        row["decision"],
                        {c: row[c] for c in CORRECTABLE if row[c]},
                        row["reason"],
                        row["reviewer"] or ("" if "reviewer" in header else path.stem),
                        row["reviewed_at"],
                    )
                )
        except csv.Error as exc:
            problems.append(csv_error_problem(exc, name, line + 1))
    return reviews, problems


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
            problems.append(Problem(review.file, message, "unknown-record", line=review.line))
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
