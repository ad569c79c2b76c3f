"""A reviewer's decisions appended to their file in `data/reviews/`, one line each, at once.

The review view (and anything else that records a person's decision) goes through
`append_review`: under the writers' lock the file is checked to parse to its last byte, the
decision is refused if its record was already decided (here or in any other review file), and
one line is appended and flushed to disk before the call returns. No line already written is
ever rewritten, so a closed browser or a killed kernel loses at most the decision being typed.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import re
from collections.abc import Iterable, Mapping
from pathlib import Path

from analysis.errors import DataError, Problem
from analysis.fileio import list_files, locked, read_bytes, strict_csv_rows
from analysis.paths import data_dir, reviews_dir
from analysis.records.reviews import CORRECTABLE, DECISIONS, REVIEW_COLUMNS
from analysis.schema.rules import Rule

# A reviewer's name is the name of their file: letters, digits, '.', '_' or '-'.
REVIEWER_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")


def reviewer_file(reviewer: str, folder: Path | None = None) -> Path:
    """The reviewer's own file, `<reviews folder>/<reviewer>.csv`; ValueError for a name that
    is not a plain file name."""
    if not REVIEWER_NAME.fullmatch(reviewer or ""):
        raise ValueError(
            f"reviewer {reviewer!r}: give a short name of letters, digits, '.', '_' or '-' "
            "(it names your file in data/reviews/)"
        )
    return (folder or reviews_dir()) / f"{reviewer}.csv"


def ids_in(files: Iterable[Path]) -> dict[str, str]:
    """Every record_id named in the files' `record_id` column -> `file:line` of its first
    mention; a file that does not parse is a DataError naming it and its line."""
    found: dict[str, str] = {}
    for path in files:
        rows = strict_csv_rows(read_bytes(path), str(path))
        _, header = next(rows, (1, []))
        if "record_id" not in header:
            continue
        at = header.index("record_id")
        for line, cells in rows:
            if cells and cells[at].strip():
                found.setdefault(cells[at].strip(), f"{path}:{line}")
    return found


def decided_ids(data: Path | None = None) -> dict[str, str]:
    """Record ids people decided: written in `records/` or reviewed in `reviews/` of the data
    folder (the one in force by default) -> where (`file:line`)."""
    base = data or data_dir()
    files = []
    for folder in (base / "records", base / "reviews"):
        if folder.is_dir():
            files += list_files(folder, (".csv",))[0]
    return ids_in(files)


def review_row(
    record_id: str,
    decision: str,
    reviewer: str,
    corrections: Mapping[str, str] | None = None,
    reason: str = "",
    when: dt.date | None = None,
) -> dict[str, str]:
    """One decision as a review row: reviewer and date filled in, the reason on one line."""
    if decision not in DECISIONS:
        raise ValueError(f"decision {decision!r} is not one of {', '.join(DECISIONS)}")
    unknown = set(corrections or {}) - set(CORRECTABLE)
    if unknown:
        raise ValueError(f"cannot correct {', '.join(sorted(unknown))}: not a review column")
    row = dict.fromkeys(REVIEW_COLUMNS, "")
    row.update({c: str(v).strip() for c, v in (corrections or {}).items() if str(v).strip()})
    row.update(
        record_id=record_id,
        decision=decision,
        reason=" ".join(reason.split()),
        reviewer=reviewer,
        reviewed_at=(when or dt.date.today()).isoformat(),
    )
    return row


def append_review(path: Path, row: Mapping[str, str], decided: Iterable[Path] = ()) -> None:
    """Append one decision to the review file `path` (created with the full header if absent),
    under the writers' lock, flushed to disk before returning.

    The file keeps its own header: a hand-written file of fewer columns takes the decision if
    every filled cell has its column. Refused (DataError, nothing written): a file that does not
    parse to its last byte, a record already decided in it or in one of the files `decided`.
    """
    name = str(path)
    with locked(path):
        raw = read_bytes(path) if path.exists() else b""
        header = list(REVIEW_COLUMNS)
        if raw.strip():
            rows = strict_csv_rows(raw, name)
            _, header = next(rows)
            missing = [c for c in ("record_id", "decision") if c not in header]
            if missing:
                raise DataError.single(
                    name,
                    f"no {', '.join(missing)} column: not a review file",
                    Rule.BAD_HEADER,
                    line=1,
                )
            at = header.index("record_id")
            for line, cells in rows:
                if cells and cells[at].strip() == row["record_id"]:
                    raise _already(name, row["record_id"], f"{name}:{line}")
        others = ids_in(p for p in decided if p.resolve() != path.resolve())
        if row["record_id"] in others:
            raise _already(name, row["record_id"], others[row["record_id"]])
        lost = [c for c in REVIEW_COLUMNS if row.get(c) and c not in header]
        if lost:
            raise DataError.single(
                name,
                f"the file has no column for {', '.join(lost)}: add the column(s) to its header, "
                "or review under another name",
                Rule.BAD_HEADER,
                line=1,
            )
        out = io.StringIO(newline="")
        writer = csv.writer(out, lineterminator="\n")
        if not raw.strip():
            writer.writerow(header)
        writer.writerow([row.get(c, "") for c in header])
        data = out.getvalue().encode("utf-8")
        if raw.strip() and not raw.endswith(b"\n"):
            data = b"\n" + data
        path.parent.mkdir(parents=True, exist_ok=True)
        flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT
        fd = os.open(path, flags, 0o666)
        try:
            if not raw.strip():
                os.ftruncate(fd, 0)  # an empty or blank file gets the header first
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            os.close(fd)


def _already(name: str, record_id: str, where: str) -> DataError:
    return DataError(
        [
            Problem(
                name,
                f"review of {record_id}: already decided at {where}: one decision per record "
                "(change that line by hand to change the decision)",
                Rule.DUPLICATE_REVIEW,
            )
        ]
    )
