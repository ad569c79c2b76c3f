"""Writing candidates without losing anything: new ones are appended, existing rows kept byte for byte.

Extraction writes only to the candidates (`data/candidates/`), never to a file people edit
(`data/records/`, `data/reviews/`): `merge_candidates` refuses those. The file's existing bytes
are copied unchanged and only rows whose record_id is new are added. The new file replaces the
old one atomically, so a crash mid-write leaves the old file intact. Candidates can be rebuilt
from the articles at any time: delete the file and extract again.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from analysis.contract import format_value
from analysis.errors import DataError
from analysis.extract.batch import EXTRACT_COLUMNS
from analysis.fileio import atomic_write_bytes

CANDIDATES_FILE = "candidates.csv"


@dataclass(frozen=True)
class MergeResult:
    """How many candidates were added and how many were already present (by record_id)."""

    added: int
    skipped: int


def records_path(target: str | Path) -> Path:
    """A folder means its candidates.csv; a file path is used as is."""
    target = Path(target)
    return target / CANDIDATES_FILE if target.is_dir() or not target.suffix else target


def _refuse_human_file(path: Path, header: list[str] | None) -> None:
    """Programs never write where people decide: the records and reviews folders, or a file
    with a status or decision column, whatever folder it is in."""
    from analysis.paths import records_dir, reviews_dir

    folder = path.resolve().parent
    human = folder in (records_dir().resolve(), reviews_dir().resolve())
    if human or (header and {"status", "decision"} & set(header)):
        raise DataError.single(
            str(path),
            "is a file people edit (records or reviews): extract writes candidates only, "
            "into data/candidates/",
            "human-file",
        )


def _existing_ids(raw: bytes, name: str) -> set[str]:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DataError.single(
            name, "not UTF-8: refusing to merge into it", "not-utf8", byte=exc.start
        ) from None
    reader = csv.DictReader(io.StringIO(text, newline=""))
    if reader.fieldnames is None or "record_id" not in reader.fieldnames:
        raise DataError.single(
            name, "no record_id column: refusing to merge into it", "missing-column", line=1
        )
    _refuse_human_file(Path(name), reader.fieldnames)
    if list(reader.fieldnames) != list(EXTRACT_COLUMNS):
        raise DataError.single(
            name,
            f"columns {reader.fieldnames} differ from {list(EXTRACT_COLUMNS)}: refusing to "
            "merge into it (candidates can be rebuilt: delete the file and extract again)",
            "bad-header",
            line=1,
        )
    return {row["record_id"] for row in reader}


def candidate_row(record: Mapping[str, Any]) -> dict[str, str]:
    """An extracted record as a candidate row: the extractor's columns, plain decimal value."""
    row = {c: "" if record.get(c) is None else str(record.get(c)) for c in EXTRACT_COLUMNS}
    row["value"] = format_value(record["value"])
    return row


def merge_candidates(target: str | Path, candidates: Iterable[Mapping[str, Any]]) -> MergeResult:
    """Append candidates whose record_id is not yet in the file; everything else stays as it was."""
    path = records_path(target)
    _refuse_human_file(path, None)
    raw = path.read_bytes() if path.exists() else b""
    present = _existing_ids(raw, str(path)) if raw.strip() else set()
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, fieldnames=EXTRACT_COLUMNS, lineterminator="\n")
    if not raw.strip():
        raw = b""
        writer.writeheader()
    added = skipped = 0
    for record in candidates:
        row = candidate_row(record)
        if row["record_id"] in present:
            skipped += 1
            continue
        present.add(row["record_id"])
        writer.writerow(row)
        added += 1
    if added or not path.exists():
        if raw and not raw.endswith(b"\n"):
            raw += b"\n"
        atomic_write_bytes(path, raw + out.getvalue().encode("utf-8"))
    return MergeResult(added=added, skipped=skipped)
