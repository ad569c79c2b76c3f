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

from analysis.contract import STATUSES, STORED_COLUMNS
from analysis.errors import DataError, Problem
from analysis.paths import articles_dir, records_dir, reference_dir
from analysis.records.cache import cached_frame, content_key
from analysis.records.periods import period_columns
from analysis.records.schemas import FIELDS, records_schema, run_schema
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


def _check_header(path: Path, raw: bytes) -> list[str]:
    name = str(path)
    if not raw.strip():
        raise DataError.single(name, "empty file: no header row", "empty-file")
    first = raw.split(b"\n", 1)[0].rstrip(b"\r")
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
        for c in STORED_COLUMNS
        if c not in header
    ]
    problems += [
        Problem(
            name,
            f"unknown column '{c}' (expected {', '.join(STORED_COLUMNS)})",
            "unknown-column",
            line=1,
        )
        for c in header
        if c not in STORED_COLUMNS
    ]
    if len(set(header)) != len(header):
        problems.append(
            Problem(name, "a column name is repeated in the header", "bad-header", line=1)
        )
    if problems:
        raise DataError(problems)
    return header


def _read_fast(path: Path, raw: bytes) -> pa.Table:
    """pyarrow's multi-threaded reader; raises pyarrow errors on anything unusual."""
    convert = pacsv.ConvertOptions(
        column_types={c: _ARROW_TYPES[FIELDS[c].dtype] for c in STORED_COLUMNS},
        null_values=[""],
        strings_can_be_null=True,
        quoted_strings_can_be_null=False,
    )
    return pacsv.read_csv(
        pa.BufferReader(raw),
        read_options=pacsv.ReadOptions(use_threads=True, block_size=1 << 24),
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
    for c in STORED_COLUMNS:
        kind = FIELDS[c].dtype
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
    files: Iterable[Path],
) -> tuple[pd.DataFrame, list[_Source], list[Problem]]:
    """Read and concatenate record files into one typed frame (not yet validated).

    Files that cannot be read at all raise DataError; problems of single cells come back
    with the frame, for `validate_records` to report with everything else.
    """
    tables, sources, first = [], [], 0
    problems: list[Problem] = []
    cell_problems: list[Problem] = []
    for path in files:
        raw = path.read_bytes()
        try:
            _check_header(path, raw)
            try:
                table = _read_fast(path, raw)
            except (pa.ArrowInvalid, pa.ArrowTypeError):
                table, found = _read_slow(path, raw)
                cell_problems += found
        except DataError as exc:
            problems += exc.problems
            continue
        table = table.select(list(STORED_COLUMNS))
        tables.append(table)
        sources.append(_Source(path, first, table.num_rows))
        first += table.num_rows
    if problems:
        raise DataError(problems)
    if not tables:
        return _empty_frame(), sources, cell_problems
    combined = pa.concat_tables(tables, promote_options="default").unify_dictionaries()
    frame = combined.to_pandas(types_mapper=_PANDAS_TYPES.get)
    for c in NULLABLE_TEXT:
        frame[c] = frame[c].fillna("")
    return frame, sources, cell_problems


def _empty_frame() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=FIELDS[c].dtype) for c in STORED_COLUMNS})


class _Locator:
    """Maps a row of the combined frame back to its file and line, for messages."""

    def __init__(self, sources: list[_Source]):
        self.sources = sources
        self._starts = np.array([s.first_row for s in sources])
        self._lines: dict[Path, list[int]] = {}

    def __call__(self, row: object) -> tuple[str, int | None]:
        if not isinstance(row, (int, np.integer)) or not self.sources:
            return (str(self.sources[0].path) if self.sources else "records", None)
        source = self.sources[int(np.searchsorted(self._starts, row, side="right")) - 1]
        if source.path not in self._lines:
            self._lines[source.path] = _line_numbers(source.path)
        return str(source.path), self._lines[source.path][int(row) - source.first_row]


def _describer(frame: pd.DataFrame, parts: dict[str, str], locate: _Locator):
    def describe(rule: str, column: str | None, row: object, value: object) -> str:
        if not isinstance(row, (int, np.integer)):
            return f"column {column!r}: {value}"
        r = frame.loc[row]
        head = f"record {r['record_id']}: " if pd.notna(r["record_id"]) else ""
        return head + _message(rule, column, r, value, frame, parts, locate)

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


def _reference(directory: Path | None):
    catalog = load_catalog(directory)
    units = dict(zip(catalog["code"].astype(str), catalog["unit"].astype(str), strict=False))
    parts = {
        str(c): str(w)
        for c, w in zip(catalog["code"], catalog["whole"], strict=False)
        if pd.notna(w)
    }
    return catalog, units, parts


def validate_records(
    frame: pd.DataFrame,
    sources: list[_Source],
    found: list[Problem] = (),
    reference: Path | None = None,
) -> None:
    """Run the records schema; DataError lists every problem with its file, line and rule.

    `found` are problems the reader already met (unparseable cells); a cell reported there
    is not reported again as merely empty.
    """
    catalog, units, parts = _reference(reference)
    names = jurisdictions(reference)["jurisdiction"]
    schema = records_schema(catalog["code"].astype(str), names, units, parts)
    locate = _Locator(sources)
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
    frame: pd.DataFrame, sources: list[_Source], directory: Path, cited: pd.DataFrame
) -> None:
    """Every record traces to its source's words.

    A record of a bundled source (its article in `directory`) must be that text at
    [start, end); a record of a cited source (registered, not bundled) carries the page's
    words as evidence and no offsets; a record whose source is neither is refused.
    """
    locate = _Locator(sources)
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


def enrich(frame: pd.DataFrame, reference: Path | None = None) -> pd.DataFrame:
    """Join validated records to the catalog, periods and provinces; fix category orders."""
    catalog = load_catalog(reference)
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
    periods = period_columns(out["period"])
    out = pd.concat([out, periods], axis=1)
    out = out.join(_places(out, reference))
    columns = [
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
    ]
    return out[columns]


SOURCE_FIELDS = {"url": "source_url", "outlet": "source_outlet", "title": "source_title"}


def _citations(doc_ids: pd.Series, registered: pd.DataFrame) -> pd.DataFrame:
    """Each record's source as a reader cites it: address, outlet, title, publication date."""
    table = registered.set_index("source_id")
    found = table.reindex(doc_ids.astype(str).to_numpy())
    out = {new: found[old].astype("category").to_numpy() for old, new in SOURCE_FIELDS.items()}
    out["source_published"] = found["published"].to_numpy()
    return pd.DataFrame(out, index=doc_ids.index).astype(
        {new: "category" for new in SOURCE_FIELDS.values()}
    )


def _from_small(codes: np.ndarray, values: pd.Series) -> pd.Categorical:
    """A categorical of `values[codes]` built from codes, without materialising a million strings."""
    cats = pd.Index(values.dropna().unique())
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


def load_records(
    status: str | Iterable[str] = ("reviewed",),
    directory: Path | None = None,
    *,
    reference: Path | None = None,
    articles: Path | None = None,
) -> pd.DataFrame:
    """Reviewed records (or those of the statuses asked for), validated, typed and joined.

    Every file in the records folder is validated whole, whatever the status filter, so a
    broken candidate row is reported too. Evidence is checked against the articles folder
    when one exists beside the records (as in the project's data/). The result for the same
    bytes is cached (analysis.records.cache), so a second load of unchanged data skips the checks
    it has already passed.
    """
    statuses = (status,) if isinstance(status, str) else tuple(status)
    unknown = set(statuses) - set(STATUSES)
    if unknown:
        raise ValueError(f"unknown status {sorted(unknown)}: choose from {', '.join(STATUSES)}")
    folder = directory or records_dir()
    files = record_files(folder)
    source_dir = articles or (folder.parent / "articles" if directory else articles_dir())
    sources = sorted(source_dir.glob("*")) if source_dir.is_dir() else []
    registry = registry_path(folder.parent if directory else None)
    reference_files = sorted((reference or reference_dir()).glob("*.csv"))
    inputs = [*files, *reference_files, *sources, *([registry] if registry.exists() else [])]
    key = content_key(inputs, *statuses, f"articles={bool(sources)}")

    def build() -> pd.DataFrame:
        frame, located, found = read_record_tables(files)
        validate_records(frame, located, found, reference)
        registered = load_sources(registry.parent)
        if source_dir.is_dir():
            check_evidence(frame, located, source_dir, registered[~registered["bundled"]])
        records = enrich(frame, reference).join(_citations(frame["doc_id"], registered))
        return records[records["status"].isin(statuses)].reset_index(drop=True)

    return cached_frame(key, build)


def data_version(directory: Path | None = None) -> str:
    """A short hash of every records file's bytes: the same data gives the same version."""
    digest = hashlib.sha256()
    for path in record_files(directory):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:12]
