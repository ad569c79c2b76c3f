"""The `extract` command's work: stream extracted rows to a CSV file or into the candidates.

Rows are written as files finish, so memory stays flat however large the corpus; every file
that fails is reported on one line and the others are still extracted.
"""

from __future__ import annotations

import csv
import io
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from tqdm import tqdm

from analysis.errors import Problem
from analysis.extract.batch import (
    EXTRACT_COLUMNS,
    Extractor,
    FileResult,
    extract_files,
    registered_places,
)
from analysis.fileio import formula_safe, read_bytes

# Candidates handed to the records store per merge: bounds memory on large corpora while
# keeping the number of store rewrites small. `$VN_JUSTICE_MERGE_BATCH_ROWS` changes it.
MERGE_BATCH_ROWS = 50_000
MERGE_BATCH_ENV = "VN_JUSTICE_MERGE_BATCH_ROWS"


@dataclass
class RunSummary:
    """Counts for the summary line: files read and failed, figures found, added, already stored."""

    files_read: int = 0
    files_failed: int = 0
    files_skipped: int = 0
    figures: int = 0
    added: int | None = None
    already_present: int | None = None
    already_decided: int = 0

    def line(self) -> str:
        parts = [f"{self.files_read} files read", f"{self.figures} figures found"]
        if self.added is not None:
            parts += [f"{self.added} added", f"{self.already_present} already present"]
        if self.already_decided:
            parts.append(f"{self.already_decided} already decided in records/")
        if self.files_skipped:
            parts.append(f"{self.files_skipped} skipped")
        parts.append(f"{self.files_failed} failed")
        return "extract: " + ", ".join(parts)

    def count(self, result: FileResult) -> None:
        if result.failed:
            self.files_failed += 1
        else:
            self.files_read += 1
            self.figures += len(result.records)


@contextmanager
def stdout_utf8() -> Iterator[IO[str]]:
    """Standard output as UTF-8 with `\\n` line ends, whatever the locale says."""
    out = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", newline="", write_through=True)
    try:
        yield out
    finally:
        out.flush()
        out.detach()


def _results(
    paths: list[Path], jobs: int, extractor: Extractor | None, progress: bool
) -> Iterator[FileResult]:
    results = extract_files(paths, jobs=jobs, extractor=extractor or registered_places())
    first_with: dict[str, str] = {}
    with tqdm(total=len(paths), unit="file", disable=not progress, file=sys.stderr) as bar:
        for result in results:
            yield _unique_doc_id(result, first_with)
            bar.update()


def _rows_of(
    paths: list[Path],
    jobs: int,
    extractor: Extractor | None,
    progress: bool,
    report: Callable[[Problem], None],
    summary: RunSummary,
) -> Iterator[FileResult]:
    """Each file's result as it finishes; its problems reported and counted on the way."""
    for result in _results(paths, jobs, extractor, progress):
        summary.count(result)
        for problem in result.problems:
            report(problem)
        yield result


def _unique_doc_id(result: FileResult, first_with: dict[str, str]) -> FileResult:
    """Fail a file whose name repeats an earlier one's: the doc_id, and so the record ids, would
    be the same, and the store would take its figures for ones already present."""
    first = first_with.setdefault(result.doc_id, result.path)
    if first == result.path:
        return result
    message = f"doc_id {result.doc_id!r} is already the id of {first}: file names must be unique"
    return FileResult(
        result.path, result.doc_id, [], (Problem(result.path, message, "same-doc-id"),)
    )


def write_csv(
    paths: list[Path],
    out: IO[str],
    *,
    jobs: int = 1,
    extractor: Extractor | None = None,
    progress: bool = False,
    report: Callable[[Problem], None],
) -> RunSummary:
    """Extract every file and write its rows to `out` as they come, in EXTRACT_COLUMNS."""
    summary = RunSummary()
    writer = csv.DictWriter(out, fieldnames=EXTRACT_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for result in _rows_of(paths, jobs, extractor, progress, report, summary):
        writer.writerows({c: formula_safe(v) for c, v in row.items()} for row in result.rows)
    return summary


def merge_into_store(
    paths: list[Path],
    into: Path,
    *,
    jobs: int = 1,
    extractor: Extractor | None = None,
    progress: bool = False,
    report: Callable[[Problem], None],
    cited: frozenset[str] = frozenset(),
) -> RunSummary:
    """Extract every file and add its new figures to the candidates (data/candidates/).

    `into` is a candidates CSV, or a folder standing for its candidates.csv (the store decides
    and refuses a file people edit). Rows of `cited` sources (registered, text not stored) keep
    their evidence but no offsets.
    """
    from analysis.records.store import merge_candidates, read_stored, records_path

    store = records_path(into)
    if store.is_file():  # a broken store is refused before anything is extracted
        raw = read_bytes(store)
        if raw.strip():
            read_stored(raw, str(store))
    batch_rows = int(os.environ.get(MERGE_BATCH_ENV) or MERGE_BATCH_ROWS)
    summary = RunSummary(added=0, already_present=0)
    pending: list[dict[str, Any]] = []
    sources: dict[str, Path] = {}
    unchecked: set[Problem] = set()

    def flush() -> None:
        if pending:
            merged = merge_candidates(into, pending, sources)
            summary.added += merged.added
            summary.already_present += merged.skipped
            summary.already_decided += merged.decided
            for problem in merged.unchecked:
                if problem not in unchecked:
                    unchecked.add(problem)
                    report(problem)
            for doc_id, problem in merged.refused.items():
                report(problem)
                summary.files_read -= 1
                summary.files_failed += 1
                summary.figures -= sum(r["doc_id"] == doc_id for r in pending)
            pending.clear()
            sources.clear()

    for result in _rows_of(paths, jobs, extractor, progress, report, summary):
        if result.records:
            pending.extend(
                {**r, "start": "", "end": ""} if r["doc_id"] in cited else r for r in result.records
            )
            sources[result.doc_id] = Path(result.path)
        if len(pending) >= batch_rows:
            flush()
    flush()
    return summary
