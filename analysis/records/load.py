"""Records: read the stored CSV files, validate them, and join them to the reference tables.

`load_records()` is the one call an analyst needs: validated, typed, one row per figure,
with domain, unit, period dates and the province both as reported and after the 2025 merger.
"""

from __future__ import annotations

import csv
import difflib
import hashlib
import io
import math
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
from pandas.api.types import union_categoricals

from analysis.contract import CANDIDATE_COLUMNS, STATUSES, STORED_COLUMNS
from analysis.errors import DataError, Problem
from analysis.fileio import (
    column_problems,
    csv_error_problem,
    list_files,
    read_bytes,
    regular_file_problem,
)
from analysis.paths import articles_dir, candidates_dir, records_dir, reference_dir, reviews_dir
from analysis.records.cache import cached_frame, content_key
from analysis.records.periods import ordered_periods, period_columns
from analysis.records.reviews import (
    REVIEW_OUTPUT,
    apply_reviews,
    empty_originals,
    read_reviews,
    review_files,
    scan_review_files,
)
from analysis.records.schemas import FIELDS, records_hold, records_schema, run_schema
from analysis.reference import MERGER_DATE, jurisdictions, load_catalog
from analysis.sources.articles import article_index, read_article
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
# The contract's plain decimal and whole number, ASCII digits only (float() and int() would also
# take "inf", "1_000", full-width or Arabic-Indic digits).
PLAIN_DECIMAL = r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?"
PLAIN_WHOLE = r"[+-]?[0-9]+"
# A dot before groups of three digits: a Vietnamese reader sees a thousands separator.
THOUSANDS_DOT = r"[+-]?[0-9]{1,3}(?:\.[0-9]{3})+"
# The quote `analysis.fileio.formula_safe` puts before a formula character (`formula_unsafe`
# in RE2 terms), and the cells it leaves alone although they match: quoted plain numbers.
_FORMULA_QUOTE = r"^'('*[=+\-@\t\r])"
_QUOTED_NUMBER = f"^'+{PLAIN_DECIMAL}$"


@dataclass(frozen=True)
class _Source:
    """Which rows of the combined frame came from which file."""

    path: Path
    first_row: int
    n_rows: int
    lines: list[int] | None = None  # the line each row starts on, when the reader knows it


def record_files(directory: Path | None = None) -> list[Path]:
    """The records CSV files of a folder and its subfolders, sorted (hidden ones left out)."""
    return scan_record_files(directory)[0]


def scan_record_files(directory: Path | None = None) -> tuple[list[Path], list[Problem]]:
    """The records CSV files, and a Problem for each special file (FIFO, socket) among them."""
    return list_files(directory or records_dir(), (".csv",))


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
    problems = column_problems(name, header, columns, extras=extras)
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
    header check needs, without reading a large file into memory. DataError naming the file
    when it is not a regular file (decided before it is opened) or cannot be read."""
    problem = regular_file_problem(path)
    if problem:
        raise DataError([problem])
    try:
        with path.open("rb") as fh:
            head = fh.read(1 << 16)
            while b"\n" not in head and (more := fh.read(1 << 16)):
                head += more
            if head.isspace():
                head += fh.read()
    except OSError as exc:
        raise DataError.single(str(path), f"cannot read: {exc.strerror}", "unreadable") from None
    return head


def _read_fast(path: Path, header: list[str]) -> pa.Table:
    """pyarrow's multi-threaded reader on the mapped file; raises pyarrow errors on anything
    unusual. The value column stays text: `_values` checks and converts it."""
    types = {c: _arrow_type(c) for c in header}
    types["value"] = pa.string()
    convert = pacsv.ConvertOptions(
        column_types=types,
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


def _quotes_balance(path: Path) -> bool:
    """True if the file holds an even number of double quotes; an odd number means one is never
    closed, which the fast reader (no newlines in values) would not see. Counted on the mapped
    file in blocks, so a large file is neither copied nor held twice."""
    data = np.frombuffer(pa.memory_map(str(path)).read_buffer(), dtype=np.uint8)
    block = 1 << 24
    quotes = sum(
        int(np.count_nonzero(data[i : i + block] == ord('"'))) for i in range(0, len(data), block)
    )
    return quotes % 2 == 0


def _read_slow(path: Path, raw: bytes) -> tuple[pa.Table, list[Problem], list[int]]:
    """Python's csv module: handles anything CSV allows, and names the line of what it cannot.

    A row with the wrong number of fields is left out and a number that does not parse is
    left empty, each with its problem, so that the schema still checks everything else. A
    quote never closed stops the reading there (it would swallow every later row). Returns
    the table, the problems and the line each kept row starts on.
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
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    header = next(reader)
    problems: list[Problem] = []
    columns: dict[str, list] = {c: [] for c in header}
    lines: list[int] = []
    line = reader.line_num
    try:
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
                lines.append(line + 1)
                for c, cell in zip(header, row, strict=False):
                    columns[c].append(cell)
                for c in NUMERIC_COLUMNS:
                    cell = columns[c][-1]
                    if c != "value" and cell and _number(cell, FIELDS[c].dtype) is None:
                        problems.append(
                            Problem(name, _not_a_number(c, cell), "not-a-number", line=line + 1)
                        )
            line = reader.line_num
    except csv.Error as exc:
        problems.append(csv_error_problem(exc, name, line + 1))
    arrays = {}
    for c in header:
        kind = FIELDS[c].dtype if c in STORED_COLUMNS else "string"
        cells = columns[c]
        if c == "value":
            arrays[c] = pa.array([x if x != "" else None for x in cells], type=pa.string())
        elif kind in ("Float64", "Int64"):
            arrays[c] = pa.array([_number(x, kind) for x in cells], type=_ARROW_TYPES[kind])
        else:
            values = pa.array([x if x != "" else None for x in cells], type=pa.string())
            arrays[c] = values.dictionary_encode() if kind == "category" else values
    return pa.table(arrays), problems, lines


def _number(cell: str, kind: str) -> float | int | None:
    if not re.fullmatch(PLAIN_DECIMAL if kind == "Float64" else PLAIN_WHOLE, cell):
        return None
    return float(cell) if kind == "Float64" else int(cell)


def _not_a_number(column: str, cell: str) -> str:
    hint = " ('.' for decimals, no thousands separator)" if "," in cell else ""
    kind = "a plain decimal number" if column == "value" else "a whole number"
    return f"{column} {cell!r} is not {kind}{hint}"


def value_problem(cell: str) -> tuple[str, str] | None:
    """Why a value cell cannot be taken as the number it seems, with a hint, and the rule;
    None if it can.

    Refused besides what is not a number at all: `300.000` (a Vietnamese reader sees three
    hundred thousand), digits split by an invisible character, `inf` and `nan`.
    """
    if re.fullmatch(THOUSANDS_DOT, cell):
        plain = cell.replace(".", "")
        return (
            f"value {cell!r} has a dot before a group of three digits: a Vietnamese reader "
            f"takes it for {plain}, the program for {float(cell):g}; write the plain number "
            f"({plain}), or a decimal without trailing zeros"
        ), "thousands-dot"
    hidden = [ch for ch in cell if unicodedata.category(ch) in ("Cf", "Zs", "Cc")]
    if hidden and re.fullmatch(PLAIN_DECIMAL, "".join(ch for ch in cell if ch not in hidden)):
        ch = hidden[0]
        what = (
            "a space"
            if ch == " "
            else f"an invisible U+{ord(ch):04X} ({unicodedata.name(ch, 'control character')})"
        )
        return f"value {cell!r} has {what} in it: delete it", "invisible-char"
    if not re.fullmatch(PLAIN_DECIMAL, cell):
        if cell.strip().lower().lstrip("+-") in ("inf", "infinity", "nan"):
            return (
                f"value {cell!r} is not a number a figure can have: write the plain number",
                "not-finite",
            )
        return _not_a_number("value", cell), "not-a-number"
    if not math.isfinite(float(cell)):
        return f"value {cell!r} is too large to be a figure: write the plain number", "not-finite"
    return None


def _values(
    strings: pa.ChunkedArray | pa.Array,
) -> tuple[pa.Array, list[tuple[int, tuple[str, str]]]]:
    """The value column as float64 (refused cells empty), and (row, (message, rule)) for each
    refused cell.

    Arrow's own conversion takes every plain decimal and, beyond them, only `inf` and `nan`:
    when it converts the whole column to finite numbers with no cell shaped like `300.000`, the
    column is proved plain without a regular expression over every cell."""
    strings = pa.chunked_array([strings]) if isinstance(strings, pa.Array) else strings
    strings = strings.combine_chunks() if strings.num_chunks != 1 else strings.chunk(0)
    try:
        numbers = pc.cast(strings, pa.float64())
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return _values_checked(strings)
    dot = pc.find_substring(strings, ".")
    tail = pc.subtract(pc.binary_length(strings), dot)  # 4 for "d.ddd"
    grouped = pc.and_(pc.and_(pc.greater_equal(dot, 1), pc.less_equal(dot, 4)), pc.equal(tail, 4))
    suspect = pc.or_(pc.invert(pc.is_finite(numbers)), grouped)
    if pc.any(pc.fill_null(suspect, False)).as_py():
        return _values_checked(strings)
    return numbers, []


def _values_checked(strings: pa.Array) -> tuple[pa.Array, list[tuple[int, tuple[str, str]]]]:
    """`_values` cell by cell with the contract's regular expressions: which cells are refused
    and why."""
    ok = pc.and_(
        pc.match_substring_regex(strings, f"^{PLAIN_DECIMAL}$"),
        pc.invert(pc.match_substring_regex(strings, f"^{THOUSANDS_DOT}$")),
    )
    kept = pc.if_else(ok, strings, pa.scalar(None, pa.string()))
    numbers = pc.cast(kept, pa.float64())
    finite = pc.is_finite(numbers)
    bad = pc.or_(pc.invert(pc.fill_null(ok, True)), pc.invert(pc.fill_null(finite, True)))
    rows = np.flatnonzero(bad.to_numpy(zero_copy_only=False))
    if not len(rows):
        return numbers, []
    cells = strings.take(pa.array(rows)).to_pylist()
    problems = [
        (int(r), value_problem(c) or (f"value {c!r} is refused", "not-a-number"))
        for r, c in zip(rows, cells, strict=True)
    ]
    numbers = pc.if_else(bad, pa.scalar(None, pa.float64()), numbers)
    return numbers, problems


def _unquote(values: pa.Array | pa.ChunkedArray) -> pa.Array | pa.ChunkedArray:
    return pc.if_else(
        pc.match_substring_regex(values, _QUOTED_NUMBER),
        values,
        pc.replace_substring_regex(values, _FORMULA_QUOTE, r"\1"),
    )


def _unquote_formulas(table: pa.Table) -> pa.Table:
    """Cells written as text by `formula_safe` ('=…) read back as the text they were given.

    A category column is looked at through its dictionary (one entry per distinct text), so a
    million cells cost no more than their few distinct values."""
    for i, name in enumerate(table.column_names):
        column = table.column(i)
        kind = column.type
        if pa.types.is_dictionary(kind) and pa.types.is_string(kind.value_type):
            if not any(pc.any(pc.starts_with(c.dictionary, "'")).as_py() for c in column.chunks):
                continue
            fixed = _unquote(column.cast(pa.string())).dictionary_encode().cast(kind)
        elif pa.types.is_string(kind):
            if not pc.any(pc.starts_with(column, "'")).as_py():
                continue
            fixed = _unquote(column)
        else:
            continue
        table = table.set_column(i, name, fixed)
    return table


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

    A file that cannot be read at all is left out with its problem; problems of single cells
    come back too. All of them are returned with the frame, for `validate_records` to report
    with everything else. Candidate files (`candidates=True`) hold no status or note (they come
    back as `candidate` and empty) and may carry columns of the extractor's own, kept as text
    after the stored ones.
    """
    columns = CANDIDATE_COLUMNS if candidates else STORED_COLUMNS
    tables, sources, first = [], [], 0
    problems: list[Problem] = []
    for path in files:
        name = str(path)
        try:
            header = _check_header(path, _head(path), columns, extras=candidates)
            lines = None
            try:
                if not _quotes_balance(path):  # an odd number of quotes: one is never closed
                    raise pa.ArrowInvalid("unbalanced quotes")
                table = _read_fast(path, header)
            except (pa.ArrowInvalid, pa.ArrowTypeError):
                table, found, lines = _read_slow(path, read_bytes(path))
                problems += found
        except DataError as exc:
            problems += exc.problems
            continue
        table = table.select([*columns, *(c for c in header if c not in columns)])
        numbers, refused = _values(table.column("value"))
        if refused:
            lines = lines or _line_numbers(path)
            problems += [Problem(name, m, rule, line=lines[r]) for r, (m, rule) in refused]
        at = table.schema.get_field_index("value")
        table = _unquote_formulas(table.set_column(at, "value", numbers))
        tables.append(table)
        sources.append(_Source(path, first, table.num_rows, lines))
        first += table.num_rows
    if not tables:
        return _empty_frame(), sources, problems
    combined = pa.concat_tables(tables, promote_options="default").unify_dictionaries()
    frame = combined.to_pandas(types_mapper=_PANDAS_TYPES.get)
    if candidates:
        frame.insert(len(columns), "status", pd.Categorical(["candidate"] * len(frame)))
        frame.insert(len(columns) + 1, "note", pd.array([""] * len(frame), dtype="string"))
    for c in NULLABLE_TEXT:
        frame[c] = frame[c].fillna("")
    return frame, sources, problems


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
            self._lines[source.path] = source.lines or _line_numbers(source.path)
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
    if rule == "bad-doc-id":
        return (
            f"doc_id {value!r} is not a file name: a doc_id is an article's file name without "
            "folder or extension, so it can only name a file inside the articles folder"
        )
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
    frame: pd.DataFrame,
    sources: list[_Source] | _Locator,
    directory: Path,
    cited_ids: frozenset[str] | set[str] = frozenset(),
) -> None:
    """Every record traces to its source's words (see `evidence_problems`)."""
    index, problems = article_index(directory)
    problems += evidence_problems(frame, sources, index, directory, cited_ids)
    if problems:
        raise DataError(problems)


def _plain_doc_id(doc_id: str) -> bool:
    return bool(doc_id) and not re.search(r"[/\\\x00]|^\.", doc_id)


def evidence_problems(
    frame: pd.DataFrame,
    sources: list[_Source] | _Locator,
    index: dict[str, Path],
    directory: Path,
    cited_ids: frozenset[str] | set[str] = frozenset(),
) -> list[Problem]:
    """A Problem for each record that does not trace to its source's words.

    A record of a bundled source (its article in `index`, doc_id -> file from `article_index`)
    must be that text at [start, end); a record of a cited source (registered, not bundled)
    carries the page's words as evidence and no offsets; a record whose source is neither is
    refused. Articles are looked up in `index` only, so a doc_id never reaches a file outside
    the articles folder; rows whose offsets or doc_id the schema already refuses are left to it.
    A row is named where it was written (its candidates or records file), even if a review
    corrected it.
    """
    locate = sources.as_written() if isinstance(sources, _Locator) else _Locator(sources)
    problems: list[Problem] = []

    def problem(row: object, message: str, rule: str) -> None:
        file, line = locate(row)
        problems.append(Problem(file, message, rule, line=line))

    has_offsets = frame["start"].notna() | frame["end"].notna()
    both = frame["start"].notna() & frame["end"].notna()
    spans = ((frame["end"] - frame["start"]) == frame["evidence"].str.len()).fillna(False)
    refused_by_schema = both & ~(spans.astype(bool) & (frame["start"].fillna(-1) >= 0))
    usable = frame["doc_id"].notna() & frame["evidence"].notna() & ~refused_by_schema
    for doc_id, group in frame[usable].groupby("doc_id", observed=True):
        doc_id = str(doc_id)
        if not _plain_doc_id(doc_id):
            continue
        path = index.get(doc_id)
        if path is None and doc_id in cited_ids:
            with_offsets = group[has_offsets[group.index]]
            for row, rid in zip(with_offsets.index, with_offsets["record_id"], strict=True):
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
        try:
            text = read_article(path).text
        except DataError as exc:
            problems += exc.problems
            continue
        for row, rid, ev, s, e in zip(
            group.index,
            group["record_id"],
            group["evidence"],
            group["start"],
            group["end"],
            strict=False,
        ):
            if pd.isna(s) or pd.isna(e):
                where = text.find(ev)
                hint = (
                    f" (the evidence stands at {where}-{where + len(ev)})"
                    if where >= 0
                    else " and the evidence is not in its text"
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
    return problems


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
    out = pa.table(texts).to_pandas(types_mapper=_PANDAS_TYPES.get)
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
    shifted = [_Source(s.path, s.first_row + n, s.n_rows, s.lines) for s in candidate_located]
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
                if not (p.rule == "missing-offsets" and (p.file, p.line) in unreadable)
                and not (p.rule == "unknown-source" and registered is None)
            ]
        if problems:
            raise DataError(list(dict.fromkeys(problems)))
        wanted = frame["status"].isin(statuses).to_numpy(dtype=bool)
        if not wanted.all():
            frame = frame[wanted].reset_index(drop=True)
        return enrich(frame, reference, catalog).join(_citations(frame["doc_id"], registered))

    return cached_frame(key, build)


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
