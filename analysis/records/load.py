"""Records: read the stored CSV files, validate them, and join them to the reference tables.

`load_records()` is the one call an analyst needs: validated, typed, one row per figure,
with domain, unit, period dates and the province both as reported and after the 2025 merger.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
from pandas.api.types import union_categoricals

from analysis.contract import CANDIDATE_COLUMNS
from analysis.errors import DataError, Problem
from analysis.fileio import read_bytes
from analysis.paths import articles_dir, candidates_dir, records_dir, reference_dir, reviews_dir
from analysis.records.cache import cached_frame, content_key
from analysis.records.evidence import evidence_problems
from analysis.records.periods import ordered_periods, period_columns
from analysis.records.read import (
    PANDAS_TYPES,
    Locator,
    SourceRows,
    read_record_tables,
    record_files,
    scan_record_files,
)
from analysis.records.reviews import (
    REVIEW_OUTPUT,
    apply_reviews,
    empty_originals,
    read_reviews,
    review_files,
    scan_review_files,
)
from analysis.records.scope import is_total, part_of
from analysis.reference import MERGER_DATE, jurisdictions, load_catalog, reference_lists
from analysis.schema.fields import FIELDS
from analysis.schema.rules import Rule
from analysis.schema.tables import RECORDS, records_context
from analysis.sources.articles import article_index
from analysis.sources.registry import load_sources, registry_path


def validate_records(
    frame: pd.DataFrame,
    sources: list[SourceRows] | Locator,
    found: list[Problem] = (),
    reference: Path | None = None,
    catalog: pd.DataFrame | None = None,
) -> None:
    """Check the records against their declaration (analysis.schema.tables.RECORDS); DataError
    lists every problem with its file, line and rule.

    Valid data is proved so by the declaration's vectorised rules alone; only data that fails
    them has its failing rows named, by the same rules.

    `found` are problems the reader already met (unparseable cells); a cell reported there
    is not reported again as merely empty.
    """
    catalog = load_catalog(reference) if catalog is None else catalog
    ctx = records_context(catalog, reference_lists(reference))
    locate = sources if isinstance(sources, Locator) else Locator(sources)
    seen = {(p.file, p.line) for p in found}
    unscoped = {p.file for p in found if p.rule == Rule.MISSING_SCOPE_COLUMNS}  # said once
    problems = list(found)
    for p in RECORDS.problems(  # valid data: proved by the vectorised rules alone
        frame, {**ctx, "review_of": locate.review_of}, locate, tail=locate.suffix
    ):
        if p.rule == Rule.MISSING_VALUE and (p.file, p.line) in seen:
            continue
        if p.rule == Rule.NEEDS_SCOPE and p.file in unscoped:
            continue
        problems.append(p)
    if problems:
        raise DataError(problems)


LOADED_COLUMNS = (
    "record_id",
    "doc_id",
    "indicator",
    "domain",
    "unit",
    "value",
    "qualifier",
    "is_lower_bound",
    "jurisdiction",
    "province_2025",
    "is_national",
    "region",
    "population",
    "period",
    "period_kind",
    "period_start",
    "period_end",
    "period_months",
    "level",
    "scope",
    "is_total",
    "area",
    "scope_note",
    "part_of",
    "evidence",
    "start",
    "end",
    "status",
    "note",
)


def enrich(
    frame: pd.DataFrame, reference: Path | None = None, catalog: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Join validated records to the catalog, periods and provinces; fix category orders.

    Built column by column into one new frame: the columns it does not change are not copied."""
    catalog = load_catalog(reference) if catalog is None else catalog
    out = dict(frame.items())
    indicator = frame["indicator"].cat.set_categories(list(catalog["code"].astype(str)))
    out["indicator"] = indicator
    indicator_codes = indicator.cat.codes.to_numpy()
    for col in ("domain", "unit"):
        out[col] = _from_small(indicator_codes, catalog[col].astype(str).reset_index(drop=True))
    for column in ("qualifier", "level", "scope", "status"):  # in the order declared
        out[column] = frame[column].astype("category").cat.set_categories(FIELDS[column].values)
    out["is_lower_bound"] = (out["qualifier"] == "at_least").to_numpy(dtype=bool)
    scoped = pd.DataFrame(out, index=frame.index, copy=False)
    out["is_total"] = is_total(scoped)
    out["part_of"] = part_of(scoped)
    out["period"] = ordered_periods(frame["period"])
    out.update(period_columns(out["period"]).items())
    out.update(_places(out["jurisdiction"], out["period_start"], reference).items())
    if REVIEW_OUTPUT[0] not in out:
        out.update(empty_originals(len(frame)))
    extra = [c for c in out if c not in LOADED_COLUMNS and c not in REVIEW_OUTPUT]
    names = [*LOADED_COLUMNS, *REVIEW_OUTPUT, *extra]
    return pd.DataFrame({c: out[c] for c in names}, index=frame.index, copy=False)


SOURCE_FIELDS = {"url": "source_url", "outlet": "source_outlet", "title": "source_title"}
# Names a candidates file may not use for a column of its own: load_records gives them.
RESERVED_NAMES = frozenset(
    {
        *(set(LOADED_COLUMNS) - set(CANDIDATE_COLUMNS)),
        *REVIEW_OUTPUT,
        *SOURCE_FIELDS.values(),
        "source_published",
    }
)


def _citations(doc_ids: pd.Series, registered: pd.DataFrame) -> pd.DataFrame:
    """Each record's source as a reader cites it: address, outlet, title, publication date,
    typed as the field registry says.

    Looked up once per distinct source, then spread to the records by category code (Arrow
    builds the text columns from the codes without a Python string per record).
    """
    docs = doc_ids.astype("category")
    codes = docs.cat.codes.to_numpy().astype(np.int32)
    indices = pa.array(codes, mask=codes < 0)
    table = registered.set_index("source_id")
    found = table.reindex(docs.cat.categories.astype(str)).reset_index(drop=True)
    texts = {
        new: pa.DictionaryArray.from_arrays(
            indices,
            pa.array(found[old].astype(object).where(found[old].notna(), None), pa.string()),
        ).cast(pa.string())
        for old, new in SOURCE_FIELDS.items()
    }
    out = pa.table(texts).to_pandas(types_mapper=PANDAS_TYPES.get)
    out.index = doc_ids.index
    published = found["published"].to_numpy()
    out["source_published"] = published[codes] if len(published) else published[:0]
    return out.astype(
        {new: FIELDS[new].dtype for new in [*SOURCE_FIELDS.values(), "source_published"]}
    )


def _from_small(codes: np.ndarray, values: pd.Series) -> pd.Categorical:
    """A categorical of `values[codes]` built from codes, without materialising a million strings."""
    present = values.dropna().unique()
    # No categories at all: plain object ones, as the cache's Arrow round trip gives them back.
    cats = pd.Index(list(present)) if len(present) else pd.Index([], dtype=object)
    small = cats.get_indexer(values)  # -1 where the value is missing
    return pd.Categorical.from_codes(small[codes], categories=cats)


def _places(
    jurisdiction: pd.Series, period_start: pd.Series, reference: Path | None
) -> pd.DataFrame:
    """province_2025, region, population, is_national for each record, by name and era."""
    lookup = jurisdictions(reference).set_index(["jurisdiction", "after_merger"])
    juris = jurisdiction.astype("category")
    keys = pd.MultiIndex.from_product([list(juris.cat.categories), [False, True]])
    found = lookup.reindex(keys).reset_index(drop=True)
    after = (period_start >= MERGER_DATE).to_numpy(dtype=bool)
    take = juris.cat.codes.to_numpy().astype(np.int64) * 2 + after
    return pd.DataFrame(
        {
            "province_2025": _from_small(take, found["province_2025"]),
            "is_national": found["is_national"].to_numpy(dtype=bool)[take],
            "region": _from_small(take, found["region"]),
            "population": pd.array(found["population"].to_numpy()[take], dtype="Int64"),
        },
        index=jurisdiction.index,
    )


def _with_candidates(
    frame: pd.DataFrame,
    located: list[SourceRows],
    found: list[Problem],
    candidate_files: list[Path],
    review_paths: list[Path],
) -> tuple[pd.DataFrame, Locator, list[Problem]]:
    """The records people wrote, then the candidates with their reviews applied.

    A candidate whose record_id is already among the written records is that record, decided
    by a person: it is left out. Problems of the reviews come back with the reader's.
    """
    candidates, candidate_located, candidate_found = read_record_tables(
        candidate_files, candidates=True, reserved=RESERVED_NAMES
    )
    decisions, review_problems = read_reviews(review_paths)
    new = ~candidates["record_id"].isin(frame["record_id"].dropna()).to_numpy(dtype=bool)
    kept = np.flatnonzero(new)
    locate_written = Locator(located)
    written_ids = frame["record_id"].astype(object).to_numpy()

    def decided(record_id: str) -> str | None:
        hits = np.flatnonzero(written_ids == record_id)
        return ":".join(map(str, locate_written(int(hits[0])))) if len(hits) else None

    applied = apply_reviews(candidates.iloc[kept], decisions, decided)
    n = len(frame)
    combined = _stack(frame.assign(**empty_originals(n)), applied.frame)
    shifted = [SourceRows(s.path, s.first_row + n, s.n_rows, s.lines) for s in candidate_located]
    locate = Locator(
        [*located, *shifted],
        np.concatenate([np.arange(n), n + kept]),
        {n + row: where for row, where in applied.corrected_at.items()},
        {n + row: where for row, where in applied.decided_at.items()},
    )
    problems = [*found, *candidate_found, *review_problems, *applied.problems]
    return combined, locate, problems


def _stack(top: pd.DataFrame, bottom: pd.DataFrame) -> pd.DataFrame:
    """Rows of `bottom` under those of `top`: categories united, a column one lacks left empty."""
    columns = {}
    for c in dict.fromkeys([*top.columns, *bottom.columns]):
        a = top[c] if c in top else pd.Series(pd.NA, index=top.index, dtype="string")
        b = bottom[c] if c in bottom else pd.Series(pd.NA, index=bottom.index, dtype="string")
        if isinstance(a.dtype, pd.CategoricalDtype) or isinstance(b.dtype, pd.CategoricalDtype):
            columns[c] = union_categoricals([_text_category(a), _text_category(b)])
        else:
            columns[c] = pd.concat([a, b], ignore_index=True)
    return pd.DataFrame(columns)


def _text_category(values: pd.Series) -> pd.Categorical:
    """A categorical whose categories are plain Python strings, so that any two unite."""
    cat = values.astype("category").array
    categories = pd.Index(cat.categories.astype(object), dtype=object)
    return pd.Categorical.from_codes(cat.codes, categories=categories)


def load_records(
    status: str | Iterable[str] = ("reviewed",),
    directory: Path | None = None,
    *,
    reference: Path | None = None,
    articles: Path | None = None,
) -> pd.DataFrame:
    """Reviewed records (or those of the statuses asked for), validated, typed and joined.

    The records people wrote (`records/`) and the extractor's candidates (`candidates/` beside
    it) with people's decisions on them (`reviews/`): a reviewed candidate takes its decision
    and corrections, its original values stay in `extracted_*`. Every file is validated whole,
    whatever the status filter, so a broken candidate row is reported too. Evidence is checked
    against the articles folder when one exists beside the records (as in the project's data/).
    The result for the same bytes is cached (analysis.records.cache), so a second load of
    unchanged data skips the checks it has already passed.
    """
    statuses = (status,) if isinstance(status, str) else tuple(status)
    allowed = FIELDS["status"].values
    unknown = set(statuses) - set(allowed)
    if unknown:
        raise ValueError(f"unknown status {sorted(unknown)}: choose from {', '.join(allowed)}")
    folder = directory or records_dir()
    files, listed = scan_record_files(folder)
    candidate_dir = folder.parent / "candidates" if directory else candidates_dir()
    candidate_files, unlisted = (
        scan_record_files(candidate_dir) if candidate_dir.is_dir() else ([], [])
    )
    listed += unlisted
    reviews, unlisted = scan_review_files(folder.parent / "reviews" if directory else reviews_dir())
    listed += unlisted
    source_dir = articles or (folder.parent / "articles" if directory else articles_dir())
    index, unlisted = article_index(source_dir) if source_dir.is_dir() else ({}, [])
    listed += unlisted
    registry = registry_path(folder.parent if directory else None)
    reference_files = sorted((reference or reference_dir()).glob("*.csv"))
    inputs = [*files, *candidate_files, *reviews, *reference_files, *index.values()]
    inputs += [registry] if registry.exists() else []
    layout = [len(files), len(candidate_files), len(reviews)]

    def key() -> str:
        return content_key(
            inputs,
            *statuses,
            f"articles={bool(index) or source_dir.is_dir()}",
            f"layout={layout}",
            *map(str, listed),
        )

    def build() -> pd.DataFrame:
        frame, located, found = read_record_tables(files)
        if candidate_files or reviews:
            frame, located, found = _with_candidates(
                frame, located, found, candidate_files, reviews
            )
        problems = [*listed, *found]
        catalog = None
        try:
            catalog = load_catalog(reference)
            validate_records(frame, located, found, reference, catalog)
        except DataError as exc:
            problems += exc.problems
        registered, cited_ids = None, set()
        try:
            registered = load_sources(registry.parent)
            cited_ids = set(registered.loc[~registered["bundled"], "source_id"].astype(str))
        except DataError as exc:
            problems += exc.problems
        if source_dir.is_dir():
            # A cell the reader could not parse is not also missing; with the registry broken,
            # no source can be told unknown (its problems say what to fix).
            unreadable = {(p.file, p.line) for p in found}
            problems += [
                p
                for p in evidence_problems(frame, located, index, source_dir, cited_ids)
                if not (p.rule == Rule.MISSING_OFFSETS and (p.file, p.line) in unreadable)
                and not (p.rule == Rule.UNKNOWN_SOURCE and registered is None)
            ]
        if problems:
            raise DataError(list(dict.fromkeys(problems)))
        wanted = frame["status"].isin(statuses).to_numpy(dtype=bool)
        if not wanted.all():
            frame = _rows(frame, wanted)
        return enrich(frame, reference, catalog).join(_citations(frame["doc_id"], registered))

    return cached_frame(key, build)


def _rows(frame: pd.DataFrame, wanted: np.ndarray) -> pd.DataFrame:
    """The rows `wanted` marks, indexed from 0: each column filtered by the mask (a frame's own
    boolean indexing turns it into row numbers, slower on Arrow text)."""
    return pd.DataFrame(
        {c: frame[c].array[wanted] for c in frame.columns}, index=pd.RangeIndex(wanted.sum())
    )


def data_version(directory: Path | None = None) -> str:
    """A short hash of the bytes of every records, candidates and reviews file (named by their
    folder and path in it): the same data and decisions give the same version."""
    folder = directory or records_dir()
    candidates = folder.parent / "candidates" if directory else candidates_dir()
    reviews = reviews_dir() if directory is None else folder.parent / "reviews"
    digest = hashlib.sha256()
    for base, paths in (
        (folder, record_files(folder)),
        (candidates, record_files(candidates) if candidates.is_dir() else []),
        (reviews, review_files(reviews)),
    ):
        for path in paths:
            name = f"{base.name}/{path.relative_to(base).as_posix()}".encode()
            digest.update(name + b"\0" + read_bytes(path) + b"\0")
    return digest.hexdigest()[:12]
