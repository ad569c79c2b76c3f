"""Writing candidates without losing anything: new ones are appended, existing rows kept byte for byte.

Extraction writes only to the candidates (`data/candidates/`), never to a file people edit
(`data/records/`, `data/reviews/`): `merge_candidates` refuses those. The file's existing bytes
are copied unchanged and only rows whose record_id is new are added. The new file replaces the
old one atomically, so a crash mid-write leaves the old file intact. Candidates can be rebuilt
from the articles at any time: delete the file and extract again. Three guards make sure nothing is
lost on the way, each a function of the target path so that any file programs append to can
use them:
- one writer at a time (`analysis.fileio.locked`): the file is read, checked and replaced
  under the lock, so two `extract --into` at once keep every row of both;
- the file must parse to its last byte (`analysis.fileio.check_csv_complete`) before anything
  is appended: a stray quote would swallow every row after it;
- a source whose doc_id the file, or another candidates file in its folder, already holds for
  another article is refused (`source_conflict`), never merged as "already present".
"""

from __future__ import annotations

import csv
import dataclasses
import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from analysis.contract import to_row
from analysis.errors import DataError, Problem
from analysis.fileio import (
    atomic_write_bytes,
    formula_safe,
    formula_unsafe,
    list_files,
    locked,
    read_bytes,
    strict_csv_rows,
)
from analysis.guard import people_place
from analysis.paths import candidates_dir, records_dir
from analysis.records.review_log import ids_in
from analysis.schema.rules import Rule
from analysis.schema.tables import CANDIDATES
from analysis.sources.articles import read_article

CANDIDATES_FILE = "candidates.csv"
# A candidates file's columns, in order: the declaration's (analysis.schema.tables.CANDIDATES).
EXTRACT_COLUMNS = CANDIDATES.columns


@dataclass(frozen=True)
class MergeResult:
    """How many candidates were added, how many were already present (by record_id), how many
    people already decided in records/, and the sources refused because their doc_id belongs to
    another article in the file."""

    added: int
    skipped: int
    refused: dict[str, Problem] = field(default_factory=dict)
    decided: int = 0  # figures people already decided in records/: never candidates again
    # records/ files that could not be read to see what is decided (their figures may come again)
    unchecked: tuple[Problem, ...] = ()


@dataclass(frozen=True)
class StoredRow:
    """Where a doc_id's first stored row is, and the evidence that ties it to its article."""

    file: Path
    line: int
    evidence: str
    start: int | None
    end: int | None


@dataclass
class StoredFile:
    """What a merge needs to know of the file: its ids and, per doc_id, its first row."""

    ids: set[str] = field(default_factory=set)
    first_rows: dict[str, StoredRow] = field(default_factory=dict)


def records_path(target: str | Path) -> Path:
    """A folder means its candidates.csv; a file path is used as is."""
    target = Path(target)
    return target / CANDIDATES_FILE if target.is_dir() or not target.suffix else target


def _refuse_human_file(path: Path, header: list[str] | None) -> None:
    """Programs never write where people decide: a people-only place of a data folder
    (records/, reviews/, at any depth: `analysis.guard`), or a file with a status or decision
    column, whatever folder it is in."""
    place = people_place(path)
    if place is not None:
        why = f"is a file people edit (it lies in {place}/)"
    elif header and {"status", "decision"} & set(header):
        why = "is a file people edit (records or reviews)"
    else:
        return
    raise DataError.single(
        str(path), f"{why}: extract writes candidates only, into data/candidates/", Rule.HUMAN_FILE
    )


def _int(cell: str) -> int | None:
    try:
        return int(cell)
    except ValueError:
        return None


def read_stored(raw: bytes, name: str) -> StoredFile:
    """Parse the whole file strictly (DataError with file:line if any row is broken) and
    collect its record ids and each doc_id's first row."""
    stored = StoredFile()
    rows = iter(list(strict_csv_rows(raw, name)))  # a broken row is named before the header
    _, header = next(rows)
    if "record_id" not in header:
        raise DataError.single(
            name, "no record_id column: refusing to merge into it", Rule.MISSING_COLUMN, line=1
        )
    _refuse_human_file(Path(name), header)
    if header != list(EXTRACT_COLUMNS):
        raise DataError.single(
            name,
            f"columns {header} differ from {list(EXTRACT_COLUMNS)}: refusing to merge into it "
            "(candidates can be rebuilt: delete the file and extract again)",
            Rule.BAD_HEADER,
            line=1,
        )
    col = {c: i for i, c in enumerate(header)}
    for line, row in rows:
        stored.ids.add(row[col["record_id"]])
        doc_id = formula_unsafe(row[col["doc_id"]])
        if doc_id not in stored.first_rows:
            stored.first_rows[doc_id] = StoredRow(
                Path(name),
                line,
                formula_unsafe(row[col["evidence"]]),
                _int(row[col["start"]]),
                _int(row[col["end"]]),
            )
    return stored


def _other_files_rows(path: Path) -> dict[str, StoredRow]:
    """Each doc_id's first row in the other candidates files of the target's folder: a doc_id is
    taken wherever in the folder it is used. Files that do not parse are left to `validate`."""
    rows: dict[str, StoredRow] = {}
    for other in list_files(path.parent, (".csv",))[0]:
        if other.resolve() == path.resolve():
            continue
        try:
            found = read_stored(read_bytes(other), str(other)).first_rows
        except DataError:
            continue
        for doc_id, row in found.items():
            rows.setdefault(doc_id, row)
    return rows


def source_conflict(doc_id: str, source: Path, first: StoredRow) -> Problem | None:
    """A Problem if `source` is not the article the stored rows of `doc_id` came from: their
    evidence is not its text at their offsets (a reused file name, another folder)."""
    try:
        text = read_article(source).text
    except DataError as exc:
        return exc.problems[0]
    if first.start is not None and text[first.start : first.end] == first.evidence:
        return None
    return Problem(
        str(source),
        f"doc_id {doc_id!r} is already used in {first.file}:{first.line} by another article (its "
        f"evidence is not this file's text at {first.start}-{first.end}): give the file a new "
        "name; none of its figures were added",
        Rule.DOC_ID_TAKEN,
    )


def candidate_row(record: Mapping[str, Any]) -> dict[str, str]:
    """An extracted record as a candidate row: the extractor's columns, plain decimal value,
    every cell safe to open in a spreadsheet."""
    return {c: formula_safe(v) for c, v in to_row(record, EXTRACT_COLUMNS).items()}


def merge_candidates(
    target: str | Path,
    candidates: Iterable[Mapping[str, Any]],
    sources: Mapping[str, Path] | None = None,
) -> MergeResult:
    """Append candidates whose record_id is not yet in the file; everything else stays as it was.

    `sources` maps each candidate's doc_id to its article file: a doc_id the file already holds
    for another article is refused (its candidates are not added) and reported in the result.
    Into the data folder's candidates (`candidates/`), a figure whose record_id people wrote in
    its records/ is decided: it is not added. (A candidate decided in reviews/ stays a
    candidate: its review applies to it.) The file is locked, read, checked and replaced as one
    step.
    """
    path = records_path(target)
    _refuse_human_file(path, None)
    written = records_dir()
    ours = path.resolve().is_relative_to(candidates_dir().resolve())
    decided_ids: dict[str, str] = {}
    unchecked: list[Problem] = []
    for people_file in list_files(written, (".csv",))[0] if ours and written.is_dir() else []:
        try:
            decided_ids |= ids_in([people_file])
        except DataError as exc:  # a broken file of people's is named, and the rest still read
            unchecked += [
                dataclasses.replace(
                    p,
                    message=f"{p.message}; figures decided there may be added again as candidates",
                )
                for p in exc.problems
            ]
    decided = 0
    with locked(path):
        raw = read_bytes(path) if path.exists() else b""
        stored = read_stored(raw, str(path)) if raw.strip() else StoredFile()
        taken = {**_other_files_rows(path), **stored.first_rows} if sources else {}
        out = io.StringIO(newline="")
        writer = csv.DictWriter(out, fieldnames=EXTRACT_COLUMNS, lineterminator="\n")
        if not raw.strip():
            raw = b""
            writer.writeheader()
        added = skipped = 0
        verdicts: dict[str, Problem | None] = {}
        for record in candidates:
            doc_id = str(record.get("doc_id"))
            if doc_id not in verdicts:
                first = taken.get(doc_id)
                source = (sources or {}).get(doc_id)
                verdicts[doc_id] = (
                    source_conflict(doc_id, source, first) if first and source else None
                )
            if verdicts[doc_id] is not None:
                continue
            row = candidate_row(record)
            if row["record_id"] in decided_ids:
                decided += 1
                continue
            if row["record_id"] in stored.ids:
                skipped += 1
                continue
            stored.ids.add(row["record_id"])
            writer.writerow(row)
            added += 1
        if added or not path.exists():
            if raw and not raw.endswith(b"\n"):
                raw += b"\n"
            atomic_write_bytes(path, raw + out.getvalue().encode("utf-8"))
    refused = {d: p for d, p in verdicts.items() if p is not None}
    return MergeResult(
        added=added, skipped=skipped, refused=refused, decided=decided, unchecked=tuple(unchecked)
    )
