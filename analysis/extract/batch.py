"""Running the extractor over many article files: streamed, in sorted file order, on N processes.

Workers read their own files, so the parent never holds more than a small window of results;
a file that cannot be read or extracted becomes a problem on its result, and the run goes on.
"""

from __future__ import annotations

import itertools
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from analysis.contract import (
    CONTRACT_COLUMNS,
    EXPLAIN_COLUMNS,
    OFFSET_COLUMNS,
    SCOPE_COLUMNS,
    to_row,
)
from analysis.errors import DataError, Problem
from analysis.extract import extract_article
from analysis.sources.articles import Article, doc_id_of
from analysis.sources.readers import read_file

# A candidate row (COORDINATION of issue 15): its id, the contract's columns, its scope, the
# offsets of its evidence, then why the extractor read it so (the cue row that named the
# indicator, where its place, period and scope came from: a reviewer checks the weak ones first).
EXTRACT_COLUMNS = (
    "record_id",
    *CONTRACT_COLUMNS,
    *SCOPE_COLUMNS,
    *OFFSET_COLUMNS,
    *EXPLAIN_COLUMNS,
)
# Files per task sent to a worker: enough to hide the cost of a round trip between processes.
BATCH_FILES = 8
# Tasks queued per worker: keeps every worker busy while bounding the results held in memory.
TASKS_PER_WORKER = 4

Extractor = Callable[[Article], list[dict[str, Any]]]


@dataclass(frozen=True)
class FileResult:
    """What one file gave: its records (as the extractor returns them), or the problems that
    stopped it."""

    path: str
    doc_id: str
    records: list[dict[str, Any]]
    problems: tuple[Problem, ...] = ()

    @property
    def failed(self) -> bool:
        return bool(self.problems)

    @property
    def rows(self) -> list[dict[str, str]]:
        """The records as CSV rows in EXTRACT_COLUMNS (`analysis.contract.to_row`)."""
        return [to_row(r, EXTRACT_COLUMNS) for r in self.records]


def _default_extractor(article: Article) -> list[dict[str, Any]]:
    return extract_article(article)


# The meta key saying where a jurisdiction given to the extractor came from (see context.py).
PLACE_SOURCE = "jurisdiction_from"
REGISTRY = "registry"


@dataclass(frozen=True)
class RegisteredPlaces:
    """The extractor, giving an article whose front matter states no jurisdiction the one its
    source's row of the registry (data/sources.csv) states: the place a person recorded for
    the source decides before the text is guessed from. Picklable, for --jobs."""

    places: Mapping[str, str]

    def __call__(self, article: Article) -> list[dict[str, Any]]:
        place = self.places.get(article.doc_id)
        if place and not article.meta.get("jurisdiction"):
            meta = {**article.meta, "jurisdiction": place, PLACE_SOURCE: REGISTRY}
            article = Article(article.doc_id, article.path, article.text, meta)
        return _default_extractor(article)


def registered_places() -> RegisteredPlaces | None:
    """The registry's jurisdictions by source id, when the registry exists and reads as CSV
    (read with the csv module alone: an extraction run stays light; `validate` checks it)."""
    import csv
    import io

    from analysis.fileio import read_bytes
    from analysis.paths import data_dir

    # The registry's own module (analysis.sources.registry) loads pandas: a run stays light.
    path = data_dir() / "sources.csv"
    if not path.is_file():
        return None
    try:
        rows = list(csv.DictReader(io.StringIO(read_bytes(path).decode("utf-8-sig"))))
    except (DataError, UnicodeDecodeError, csv.Error):
        return None
    places = {
        (r.get("source_id") or "").strip(): (r.get("jurisdiction") or "").strip() for r in rows
    }
    places = {k: v for k, v in places.items() if k and v}
    return RegisteredPlaces(places) if places else None


def extract_file(path: str | Path, extractor: Extractor | None = None) -> FileResult:
    """Read and extract one file; unreadable input or a failing extractor becomes a Problem."""
    name = str(path)
    doc_id = doc_id_of(Path(path))
    try:
        article = read_file(path)
    except DataError as exc:
        return FileResult(name, doc_id, [], tuple(exc.problems))
    try:
        records = list((extractor or _default_extractor)(article))
    except DataError as exc:  # the rule tables: their own file and line say what is wrong
        return FileResult(name, doc_id, [], tuple(exc.problems))
    except Exception as exc:  # one bad file must not stop a corpus run; it is reported instead
        message = f"extractor failed: {type(exc).__name__}: {exc}".splitlines()[0]
        return FileResult(name, doc_id, [], (Problem(name, message, "extract-failed"),))
    return FileResult(name, doc_id, records)


def _extract_batch(paths: list[str], extractor: Extractor | None) -> list[FileResult]:
    return [extract_file(p, extractor) for p in paths]


def extract_files(
    paths: Iterable[str | Path], jobs: int = 1, extractor: Extractor | None = None
) -> Iterator[FileResult]:
    """Yield one FileResult per path, in the order given, whatever the number of processes.

    With jobs > 1 the extractor must be picklable (a module-level function).
    """
    if jobs <= 1:
        for p in paths:
            yield extract_file(p, extractor)
        return
    batches = _batches(paths, BATCH_FILES)
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        try:
            window: deque[Future[list[FileResult]]] = deque(
                pool.submit(_extract_batch, b, extractor)
                for b in itertools.islice(batches, jobs * TASKS_PER_WORKER)
            )
            while window:
                done = window.popleft()
                following = next(batches, None)
                if following is not None:
                    window.append(pool.submit(_extract_batch, following, extractor))
                yield from done.result()
        finally:
            pool.shutdown(cancel_futures=True)


def _batches(paths: Iterable[str | Path], size: int) -> Iterator[list[str]]:
    it = iter(paths)
    while batch := [str(p) for p in itertools.islice(it, size)]:
        yield batch
