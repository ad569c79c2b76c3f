"""Records: read the stored CSV files, validate them, and join them to the reference tables.

`load_records()` is the one call an analyst needs: validated, typed, one row per figure,
with domain, unit, period dates and the province both as reported and after the 2025 merger.
"""

from __future__ import annotations

import csv
import difflib
import hashlib
import io
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv
from pandas.api.types import union_categoricals

from analysis.contract import CANDIDATE_COLUMNS, STATUSES, STORED_COLUMNS
from analysis.errors import DataError, Problem
from analysis.paths import articles_dir, candidates_dir, records_dir, reference_dir, reviews_dir
from analysis.records.cache import cached_frame, content_key
from analysis.records.figures import pick_figures
from analysis.records.periods import ordered_periods, period_columns
from analysis.records.reviews import (
    REVIEW_OUTPUT,
    apply_reviews,
    empty_originals,
    read_reviews,
    review_files,
)
from analysis.records.schemas import FIELDS, records_hold, records_schema, run_schema
from analysis.reference import MERGER_DATE, jurisdictions, load_catalog
from analysis.sources.articles import read_article
from analysis.sources.registry import load_sources, registry_path

CATEGORY_COLUMNS = [c for c in STORED_COLUMNS if FIELDS[c].dtype == "category"]
_ARROW_TYPES = {
    "category": pa.dictionary(pa.int32(), pa.string()),
    "string": pa.string(),
    "Float64": pa.float64(),
    "Int64": pa.int64(),
}
_PANDAS_TYPES = {
    pa.string(): pd.StringDtype(),
    pa.large_string(): pd.StringDtype(),
    pa.float64(): pd.Float64Dtype(),
    pa.int64(): pd.Int64Dtype(),
}
NUMERIC_COLUMNS = [c for c in STORED_COLUMNS if FIELDS[c].dtype in ("Float64", "Int64")]
# Empty cells are missing values except in the note, where an empty note is just no note.
NULLABLE_TEXT = ["note"]


@dataclass(frozen=True)
class _Source:
    """Which rows of the combined frame came from which file."""

    path: Path
    first_row: int
    n_rows: int


def record_files(directory: Path | None = None) -> list[Path]:
    """The records CSV files of a folder, sorted by name."""
    return sorted((directory or records_dir()).glob("*.csv"))


def _check_header(
    path: Path, raw: bytes, columns: tuple[str, ...] = STORED_COLUMNS, extras: bool = False
) -> list[str]:
    """The header's names; every missing, unknown (unless `extras`) or repeated one a problem."""
    name = str(path)
    if not raw or raw.isspace():  # neither copies a large file, unlike strip() and split()
        raise DataError.single(name, "empty file: no header row", "empty-file")
    end = raw.find(b"\n")
    first = (raw if end < 0 else raw[:end]).rstrip(b"\r")
    try:
        header = next(csv.reader([first.decode("utf-8-sig")]))
    except UnicodeDecodeError as exc:
        raise DataError.single(
            name,
            f"not UTF-8: invalid byte 0x{first[exc.start]:02x}",
            "not-utf8",
            line=1,
            byte=exc.start,
        ) from None
    problems = [
        Problem(name, f"missing column '{c}'", "missing-column", line=1)
        for c in columns
        if c not in header
    ]
    problems += [
        Problem(
            name,
            f"unknown column '{c}' (expected {', '.join(columns)})",
            "unknown-column",
            line=1,
        )
        for c in header
        if c not in columns and not extras
    ]
    if extras:
        problems += [
            Problem(
                name,
                f"column '{c}' in a candidates file: the name is taken by what load_records "
                "gives (decisions and corrections go in data/reviews/)",
                "reserved-column",
                line=1,
            )
            for c in header
            if c in RESERVED_NAMES
        ]
    if len(set(header)) != len(header):
        problems.append(
            Problem(name, "a column name is repeated in the header", "bad-header", line=1)
        )
    if problems:
        raise DataError(problems)
    return header


def _arrow_type(column: str) -> pa.DataType:
    """A stored column's Arrow type; a column the extractor adds is text."""
    return _ARROW_TYPES[FIELDS[column].dtype] if column in STORED_COLUMNS else pa.string()


def _head(path: Path) -> bytes:
    """The file's first line (and a little more), or all of it if it is only blank: what the
    header check needs, without reading a large file into memory."""
    with path.open("rb") as fh:
        head = fh.read(1 << 16)
        while b"\n" not in head and (more := fh.read(1 << 16)):
            head += more
        if head.isspace():
            head += fh.read()
    return head


def _read_fast(path: Path, header: list[str]) -> pa.Table:
    """pyarrow's multi-threaded reader on the mapped file; raises pyarrow errors on anything
    unusual."""
    convert = pacsv.ConvertOptions(
        column_types={c: _arrow_type(c) for c in header},
        null_values=[""],
        strings_can_be_null=True,
        quoted_strings_can_be_null=False,
    )
    return pacsv.read_csv(
        pa.memory_map(str(path)),
        read_options=pacsv.ReadOptions(use_threads=True, block_size=1 << 22),
        parse_options=pacsv.ParseOptions(newlines_in_values=False),
        convert_options=convert,
    )


def _read_slow(path: Path, raw: bytes) -> tuple[pa.Table, list[Problem]]:
    """Python's csv module: handles anything CSV allows, and names the line of what it cannot.

    A row with the wrong number of fields is left out and a number that does not parse is
    left empty, each with its problem, so that the schema still checks everything else.
    """
    name = str(path)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise DataError.single(
            name,
            f"not UTF-8: invalid byte 0x{raw[exc.start]:02x}",
            "not-utf8",
            line=line,
            byte=exc.start,
        ) from None
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader)
    problems: list[Problem] = []
    columns: dict[str, list] = {c: [] for c in header}
    line = reader.line_num
    for row in reader:
        if len(row) != len(header):
            problems.append(
                Problem(
                    name,
                    f"{len(row)} fields where the header has {len(header)}",
                    "bad-row",
                    line=line + 1,
                )
            )
        else:
            for c, cell in zip(header, row, strict=False):
                columns[c].append(cell)
            for c in NUMERIC_COLUMNS:
                cell = columns[c][-1]
                if cell and _number(cell, FIELDS[c].dtype) is None:
                    problems.append(
                        Problem(name, _not_a_number(c, cell), "not-a-number", line=line + 1)
                    )
        line = reader.line_num
    arrays = {}
    for c in header:
        kind = FIELDS[c].dtype if c in STORED_COLUMNS else "string"
        cells = columns[c]
        if kind in ("Float64", "Int64"):
            arrays[c] = pa.array([_number(x, kind) for x in cells], type=_ARROW_TYPES[kind])
        else:
            values = pa.array([x if x != "" else None for x in cells], type=pa.string())
            arrays[c] = values.dictionary_encode() if kind == "category" else values
    return pa.table(arrays), problems


def _number(cell: str, kind: str) -> float | int | None:
    try:
        return float(cell) if kind == "Float64" else int(cell)
    except ValueError:
        return None


def _not_a_number(column: str, cell: str) -> str:
    hint = " ('.' for decimals, no thousands separator)" if "," in cell else ""
    kind = "a plain decimal number" if column == "value" else "a whole number"
    return f"{column} {cell!r} is not {kind}{hint}"


def _line_numbers(path: Path) -> list[int]:
    """The line each data row starts on (rows may span lines when a quoted cell holds a newline)."""
    with path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.reader(fh)
        next(reader)
        starts, line = [], reader.line_num
        for _ in reader:
            starts.append(line + 1)
            line = reader.line_num
    return starts


def read_record_tables(
    files: Iterable[Path], *, candidates: bool = False
) -> tuple[pd.DataFrame, list[_Source], list[Problem]]:
    """Read and concatenate record files into one typed frame (not yet validated).

    Files that cannot be read at all raise DataError; problems of single cells come back
    with the frame, for `validate_records` to report with everything else. Candidate files
    (`candidates=True`) hold no status or note (they come back as `candidate` and empty) and
    may carry columns of the extractor's own, kept as text after the stored ones.
    """
    columns = CANDIDATE_COLUMNS if candidates else STORED_COLUMNS
    tables, sources, first = [], [], 0
    problems: list[Problem] = []
    cell_problems: list[Problem] = []
    for path in files:
        try:
            header = _check_header(path, _head(path), columns, extras=candidates)
            try:
                table = _read_fast(path, header)
            except (pa.ArrowInvalid, pa.ArrowTypeError):
                table, found = _read_slow(path, path.read_bytes())
                cell_problems += found
        except DataError as exc:
            problems += exc.problems
            continue
        table = table.select([*columns, *(c for c in header if c not in columns)])
        tables.append(table)
        sources.append(_Source(path, first, table.num_rows))
        first += table.num_rows
    if problems:
        raise DataError(problems)
    if not tables:
        return _empty_frame(), sources, cell_problems
    combined = pa.concat_tables(tables, promote_options="default").unify_dictionaries()
    frame = combined.to_pandas(types_mapper=_PANDAS_TYPES.get)
    if candidates:
        frame.insert(len(columns), "status", pd.Categorical(["candidate"] * len(frame)))
        frame.insert(len(columns) + 1, "note", pd.array([""] * len(frame), dtype="string"))
    for c in NULLABLE_TEXT:
        frame[c] = frame[c].fillna("")
    return frame, sources, cell_problems


def _empty_frame() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=FIELDS[c].dtype) for c in STORED_COLUMNS})


class _Locator:
    """Maps a row of the combined frame back to its file and line, for messages.

    `rows` maps a frame row to its row in the files read one after the other (when rows were
    left out); a row a review corrected answers to that review's line (`corrected_at`).
    """

    def __init__(
        self,
        sources: list[_Source],
        rows: np.ndarray | None = None,
        corrected_at: dict[int, tuple[str, int]] | None = None,
    ):
        self.sources = sources
        self.rows = rows
        self.corrected_at = corrected_at or {}
        self._starts = np.array([s.first_row for s in sources])
        self._lines: dict[Path, list[int]] = {}

    def __call__(self, row: object) -> tuple[str, int | None]:
        if isinstance(row, (int, np.integer)) and int(row) in self.corrected_at:
            return self.corrected_at[int(row)]
        return self.written(row)

    def written(self, row: object) -> tuple[str, int | None]:
        """Where the row was written: its records or candidates file and line."""
        if not isinstance(row, (int, np.integer)) or not self.sources:
            return (str(self.sources[0].path) if self.sources else "records", None)
        at = int(self.rows[int(row)]) if self.rows is not None else int(row)
        source = self.sources[int(np.searchsorted(self._starts, at, side="right")) - 1]
        if source.path not in self._lines:
            self._lines[source.path] = _line_numbers(source.path)
        return str(source.path), self._lines[source.path][at - source.first_row]

    def suffix(self, row: object) -> str:
        """For a row a review corrected: where the candidate itself stands."""
        if not (isinstance(row, (int, np.integer)) and int(row) in self.corrected_at):
            return ""
        file, line = self.written(row)
        return f" (as corrected by this review of the candidate at {file}:{line})"

    def as_written(self) -> _Locator:
        """The same rows located where they were written, reviews aside."""
        return _Locator(self.sources, self.rows)


def _describer(frame: pd.DataFrame, parts: dict[str, str], locate: _Locator):
    def describe(rule: str, column: str | None, row: object, value: object) -> str:
        if not isinstance(row, (int, np.integer)):
            return f"column {column!r}: {value}"
        r = frame.loc[row]
        head = f"record {r['record_id']}: " if pd.notna(r["record_id"]) else ""
        return head + _message(rule, column, r, value, frame, parts, locate) + locate.suffix(row)

    return describe


def _message(rule, column, r, value, frame, parts, locate) -> str:
    from analysis.records.periods import parse_period

    v = r["value"]
    if rule == "unknown-indicator":
        return f"indicator {value!r} is not in the catalog"
    if rule == "unknown-province":
        return f"jurisdiction {value!r} is not a province or city, nor 'Việt Nam'{_suggest(value)}"
    if rule == "malformed-period":
        try:
            parse_period(str(value))
        except ValueError as exc:
            return str(exc)
    if rule == "negative-count":
        return f"{r['indicator']} value {v:g} is negative: a count cannot be"
    if rule == "rate-out-of-range":
        return f"{r['indicator']} value {v:g} is outside 0-100 percent"
    if rule == "not-whole-count":
        return f"{r['indicator']} value {v:g} is not a whole number: counts are whole"
    if rule == "part-exceeds-whole":
        whole = parts[r["indicator"]]
        same = frame[(frame["indicator"] == whole) & (frame["status"] != "rejected")]
        for k in ("doc_id", "jurisdiction", "period", "level"):
            same = same[(same[k] == r[k]) | (same[k].isna() & pd.isna(r[k]))]
        w = same["value"].max()
        line = locate(same["value"].idxmax())[1]
        return (
            f"{r['indicator']} {v:g} exceeds its whole, {whole} {w:g} (line {line}), "
            f"for {r['jurisdiction']} {r['period']} in {r['doc_id']}"
        )
    if rule == "duplicate-id":
        first = frame.index[frame["record_id"] == r["record_id"]][0]
        file, line = locate(first)
        return f"record_id {r['record_id']!r} is used again (first at {file}:{line})"
    if rule == "bad-offsets":
        ev = r["evidence"]
        n = len(ev) if pd.notna(ev) else 0
        return f"start {r['start']} and end {r['end']} do not span the evidence's {n} characters"
    if rule == "missing-value":
        return f"column {column!r} is empty"
    if rule in ("bad-qualifier", "bad-level", "bad-status"):
        allowed = {
            "bad-qualifier": "exact, at_least, approx, at_most",
            "bad-level": "central, province, district, commune or empty",
            "bad-status": ", ".join(STATUSES),
        }[rule]
        return f"{column} {value!r} is not one of {allowed}"
    return f"{column} {value!r} breaks {rule}"


def _suggest(name: object) -> str:
    """A 'did you mean' for a misspelt or unaccented province name."""
    names = list(jurisdictions()["jurisdiction"].unique())
    plain = {_strip_marks(n): n for n in names}
    match = difflib.get_close_matches(_strip_marks(str(name)), list(plain), n=1, cutoff=0.8)
    return f" (did you mean {plain[match[0]]!r}?)" if match else ""


def _strip_marks(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


def _reference(directory: Path | None, catalog: pd.DataFrame | None = None):
    catalog = load_catalog(directory) if catalog is None else catalog
    units = dict(zip(catalog["code"].astype(str), catalog["unit"].astype(str), strict=False))
    parts = {
        str(c): str(w)
        for c, w in zip(catalog["code"], catalog["whole"], strict=False)
        if pd.notna(w)
    }
    return catalog, units, parts


def validate_records(
    frame: pd.DataFrame,
    sources: list[_Source] | _Locator,
    found: list[Problem] = (),
    reference: Path | None = None,
    catalog: pd.DataFrame | None = None,
) -> None:
    """Run the records schema; DataError lists every problem with its file, line and rule.

    Valid data is proved so by vectorised checks of the same rules (`records_hold`); only data
    that fails them goes through pandera, which names each problem.

    `found` are problems the reader already met (unparseable cells); a cell reported there
    is not reported again as merely empty.
    """
    catalog, units, parts = _reference(reference, catalog)
    names = jurisdictions(reference)["jurisdiction"]
    codes = catalog["code"].astype(str)
    if len(frame.columns) != len(STORED_COLUMNS):
        frame = frame[list(STORED_COLUMNS)]
    if not found and records_hold(frame, codes, names, units, parts):
        return
    schema = records_schema(codes, names, units, parts)
    locate = sources if isinstance(sources, _Locator) else _Locator(sources)
    problems = list(found)
    try:
        run_schema(schema, frame, locate, _describer(frame, parts, locate))
    except DataError as exc:
        seen = {(p.file, p.line) for p in found}
        problems += [
            p for p in exc.problems if not (p.rule == "missing-value" and (p.file, p.line) in seen)
        ]
    if problems:
        raise DataError(problems)


def check_evidence(
    frame: pd.DataFrame, sources: list[_Source] | _Locator, directory: Path, cited: pd.DataFrame
) -> None:
    """Every record traces to its source's words.

    A record of a bundled source (its article in `directory`) must be that text at
    [start, end); a record of a cited source (registered, not bundled) carries the page's
    words as evidence and no offsets; a record whose source is neither is refused.
    """
    locate = sources.as_written() if isinstance(sources, _Locator) else _Locator(sources)
    problems = []
    cited_ids = set(cited["source_id"].astype(str))

    def problem(row: object, message: str, rule: str) -> None:
        file, line = locate(row)
        problems.append(Problem(file, message, rule, line=line))

    for doc_id, group in frame.groupby("doc_id", observed=True):
        path = next(
            (p for p in (directory / f"{doc_id}.txt", directory / f"{doc_id}.md") if p.exists()),
            None,
        )
        if path is None and doc_id in cited_ids:
            for row, rid in zip(
                group.index[group["start"].notna() | group["end"].notna()],
                group["record_id"][group["start"].notna() | group["end"].notna()],
                strict=True,
            ):
                problem(
                    row,
                    f"record {rid}: source {doc_id!r} is cited, not bundled: its text is not "
                    "in the project, so offsets mean nothing (leave start and end empty)",
                    "offsets-without-text",
                )
            continue
        if path is None:
            problem(
                group.index[0],
                f"record {group['record_id'].iloc[0]}: doc_id {doc_id!r} has no article in "
                f"{directory} and is not a cited source in the registry (data/sources.csv)",
                "unknown-source",
            )
            continue
        text = read_article(path).text
        for row, rid, ev, s, e in zip(
            group.index,
            group["record_id"],
            group["evidence"],
            group["start"],
            group["end"],
            strict=False,
        ):
            if pd.isna(s) or pd.isna(e):
                where = text.find(ev) if pd.notna(ev) else -1
                hint = (
                    f" (the evidence stands at {where}-{where + len(ev)})"
                    if where >= 0
                    else (" and the evidence is not in its text")
                )
                problem(
                    row,
                    f"record {rid}: source {doc_id!r} is bundled: start and end are needed" + hint,
                    "missing-offsets",
                )
            elif text[s:e] != ev:
                found = " and the evidence is nowhere in its text" if ev not in text else ""
                problem(
                    row,
                    f"record {rid}: evidence is not the article's text at {s}-{e} "
                    f"(found {text[s:e][:60]!r}){found}",
                    "evidence-mismatch",
                )
    if problems:
        raise DataError(problems)


# What load_records gives for every record, in this order (then the review columns, the
# extractor's own columns of candidates, and the source's citation).
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
    "evidence",
    "start",
    "end",
    "status",
    "note",
)


def enrich(
    frame: pd.DataFrame, reference: Path | None = None, catalog: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Join validated records to the catalog, periods and provinces; fix category orders."""
    catalog = load_catalog(reference) if catalog is None else catalog
    out = frame.copy()
    codes = list(catalog["code"].astype(str))
    out["indicator"] = out["indicator"].cat.set_categories(codes)
    indicator_codes = out["indicator"].cat.codes.to_numpy()
    for col in ("domain", "unit"):
        out[col] = _from_small(indicator_codes, catalog[col].astype(str).reset_index(drop=True))
    out["qualifier"] = out["qualifier"].cat.set_categories(list(_QUALIFIER_ORDER))
    out["is_lower_bound"] = (out["qualifier"] == "at_least").to_numpy(dtype=bool)
    out["level"] = out["level"].cat.set_categories(list(_LEVEL_ORDER))
    out["status"] = out["status"].cat.set_categories(list(STATUSES))
    out["period"] = ordered_periods(out["period"])
    periods = period_columns(out["period"])
    out = pd.concat([out, periods], axis=1)
    out = out.join(_places(out, reference))
    if REVIEW_OUTPUT[0] not in out:
        out = out.assign(**empty_originals(len(out)))
    extra = [c for c in out.columns if c not in LOADED_COLUMNS and c not in REVIEW_OUTPUT]
    return out[[*LOADED_COLUMNS, *REVIEW_OUTPUT, *extra]]


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
    """Each record's source as a reader cites it: address, outlet, title, publication date.

    Looked up once per distinct source, then spread to the records by category code.
    """
    docs = doc_ids.astype("category")
    codes = docs.cat.codes.to_numpy().astype(np.int64)
    table = registered.set_index("source_id")
    found = table.reindex(docs.cat.categories.astype(str)).reset_index(drop=True)
    out = {new: _from_small(codes, found[old]) for old, new in SOURCE_FIELDS.items()}
    published = found["published"].to_numpy()
    out["source_published"] = published[codes] if len(published) else published[:0]
    return pd.DataFrame(out, index=doc_ids.index)


def _from_small(codes: np.ndarray, values: pd.Series) -> pd.Categorical:
    """A categorical of `values[codes]` built from codes, without materialising a million strings."""
    present = values.dropna().unique()
    # No categories at all: plain object ones, as the cache's Arrow round trip gives them back.
    cats = pd.Index(list(present)) if len(present) else pd.Index([], dtype=object)
    small = cats.get_indexer(values)  # -1 where the value is missing
    return pd.Categorical.from_codes(small[codes], categories=cats)


def _places(records: pd.DataFrame, reference: Path | None) -> pd.DataFrame:
    """province_2025, region, population, is_national for each record, by name and era."""
    lookup = jurisdictions(reference).set_index(["jurisdiction", "after_merger"])
    juris = records["jurisdiction"].astype("category")
    keys = pd.MultiIndex.from_product([list(juris.cat.categories), [False, True]])
    found = lookup.reindex(keys).reset_index(drop=True)
    after = (records["period_start"] >= MERGER_DATE).to_numpy(dtype=bool)
    take = juris.cat.codes.to_numpy().astype(np.int64) * 2 + after
    return pd.DataFrame(
        {
            "province_2025": _from_small(take, found["province_2025"]),
            "is_national": found["is_national"].to_numpy(dtype=bool)[take],
            "region": _from_small(take, found["region"]),
            "population": pd.array(found["population"].to_numpy()[take], dtype="Int64"),
        },
        index=records.index,
    )


_QUALIFIER_ORDER = ("exact", "at_least", "approx", "at_most")
_LEVEL_ORDER = ("central", "province", "district", "commune")


def _with_candidates(
    frame: pd.DataFrame,
    located: list[_Source],
    found: list[Problem],
    candidate_files: list[Path],
    review_paths: list[Path],
) -> tuple[pd.DataFrame, _Locator, list[Problem]]:
    """The records people wrote, then the candidates with their reviews applied.

    A candidate whose record_id is already among the written records is that record, decided
    by a person: it is left out. Problems of the reviews come back with the reader's.
    """
    candidates, candidate_located, candidate_found = read_record_tables(
        candidate_files, candidates=True
    )
    decisions, review_problems = read_reviews(review_paths)
    new = ~candidates["record_id"].isin(frame["record_id"].dropna()).to_numpy(dtype=bool)
    kept = np.flatnonzero(new)
    locate_written = _Locator(located)
    written_ids = frame["record_id"].astype(object).to_numpy()

    def decided(record_id: str) -> str | None:
        hits = np.flatnonzero(written_ids == record_id)
        return ":".join(map(str, locate_written(int(hits[0])))) if len(hits) else None

    applied = apply_reviews(candidates.iloc[kept], decisions, decided)
    n = len(frame)
    combined = _stack(frame.assign(**empty_originals(n)), applied.frame)
    shifted = [_Source(s.path, s.first_row + n, s.n_rows) for s in candidate_located]
    locate = _Locator(
        [*located, *shifted],
        np.concatenate([np.arange(n), n + kept]),
        {n + row: where for row, where in applied.corrected_at.items()},
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
    unknown = set(statuses) - set(STATUSES)
    if unknown:
        raise ValueError(f"unknown status {sorted(unknown)}: choose from {', '.join(STATUSES)}")
    folder = directory or records_dir()
    files = record_files(folder)
    candidate_files = record_files(folder.parent / "candidates" if directory else candidates_dir())
    reviews = review_files(folder.parent / "reviews" if directory else reviews_dir())
    source_dir = articles or (folder.parent / "articles" if directory else articles_dir())
    sources = sorted(source_dir.glob("*")) if source_dir.is_dir() else []
    registry = registry_path(folder.parent if directory else None)
    reference_files = sorted((reference or reference_dir()).glob("*.csv"))
    inputs = [*files, *candidate_files, *reviews, *reference_files, *sources]
    inputs += [registry] if registry.exists() else []
    layout = [len(files), len(candidate_files), len(reviews)]

    def key() -> str:
        return content_key(inputs, *statuses, f"articles={bool(sources)}", f"layout={layout}")

    def build() -> pd.DataFrame:
        frame, located, found = read_record_tables(files)
        if candidate_files or reviews:
            frame, located, found = _with_candidates(
                frame, located, found, candidate_files, reviews
            )
        catalog = load_catalog(reference)
        validate_records(frame, located, found, reference, catalog)
        registered = load_sources(registry.parent)
        if source_dir.is_dir():
            check_evidence(frame, located, source_dir, registered[~registered["bundled"]])
        wanted = frame["status"].isin(statuses).to_numpy(dtype=bool)
        if not wanted.all():
            frame = frame[wanted].reset_index(drop=True)
        return enrich(frame, reference, catalog).join(_citations(frame["doc_id"], registered))

    return cached_frame(key, build)


def to_wide(records: pd.DataFrame, *, by_level: bool = False) -> pd.DataFrame:
    """One row per jurisdiction and period, one column per indicator (or indicator[level]).

    Figures are combined as everywhere in the package (`analysis.records.figures.pick_figures`):
    parts one source lists add up, and of several sources the largest is kept.
    """
    frame = records.assign(indicator=records["indicator"].astype(str))
    if by_level:
        level = frame["level"].astype(str)
        frame["indicator"] = frame["indicator"].where(
            frame["level"].isna(), frame["indicator"] + "[" + level + "]"
        )
    keys = ["jurisdiction", "period"]
    figures = pick_figures(frame, frame["indicator"].unique(), keys)
    wide = figures.pivot(index=keys, columns="indicator", values="value")
    wide.columns.name = None
    return wide.reset_index()


def data_version(directory: Path | None = None) -> str:
    """A short hash of the bytes of every records, candidates and reviews file: the same data
    and decisions give the same version."""
    folder = directory or records_dir()
    candidates = folder.parent / "candidates" if directory else candidates_dir()
    reviews = folder.parent / "reviews" if directory else reviews_dir()
    digest = hashlib.sha256()
    for path in [*record_files(folder), *record_files(candidates), *review_files(reviews)]:
        name = f"{path.parent.name}/{path.name}".encode()
        digest.update(name + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:12]
