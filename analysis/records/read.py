"""Reading records files: CSV bytes to one typed frame, with every problem of a cell kept.

Records, candidates and their rows' places: `read_record_tables` reads the files one after the
other (pyarrow where it can, Python's csv module where a file is unusual), refuses values a
Vietnamese reader would misread, takes off the quote that made a formula-looking cell safe, and
`Locator` maps every row of the result back to its file and line for messages.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from analysis.contract import CANDIDATE_COLUMNS, SCOPE_COLUMNS, STORED_COLUMNS
from analysis.errors import DataError, Problem
from analysis.fileio import (
    csv_error_problem,
    line_ends,
    list_files,
    read_bytes,
    regular_file_problem,
)
from analysis.paths import records_dir
from analysis.schema.cells import (
    PLAIN_DECIMAL,
    THOUSANDS_DOT,
    dictionaries,
    number_problem,
    table_problems,
    value_problem,
)
from analysis.schema.fields import FIELDS
from analysis.schema.rules import Rule
from analysis.schema.table import Table
from analysis.schema.tables import CANDIDATES, RECORDS

# The whole numbers of a record (offsets); its value, a decimal, is judged by `value_problem`.
NUMBERS = [c for c in STORED_COLUMNS if FIELDS[c].dtype == "Int64"]

PANDAS_TYPES = {
    pa.string(): pd.StringDtype(),
    pa.large_string(): pd.StringDtype(),
    pa.float64(): pd.Float64Dtype(),
    pa.int64(): pd.Int64Dtype(),
}
# Empty cells are missing values except in the note, where an empty note is just no note.
NULLABLE_TEXT = ["note"]
# The quote `analysis.fileio.formula_safe` puts before a formula character (`formula_unsafe`
# in RE2 terms), and the cells it leaves alone although they match: quoted plain numbers.
_FORMULA_QUOTE = r"^'('*[=+\-@\t\r])"
_QUOTED_NUMBER = f"^'+{PLAIN_DECIMAL}$"


@dataclass(frozen=True)
class SourceRows:
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
    path: Path, raw: bytes, table: Table = RECORDS, reserved: frozenset[str] = frozenset()
) -> list[str]:
    """The header's names; every column `table` needs and it lacks, every one it does not know
    (unless the table takes extras), `reserved` or repeated a problem."""
    name = str(path)
    if not raw or raw.isspace():  # neither copies a large file, unlike strip() and split()
        raise DataError.single(name, "empty file: no header row", Rule.EMPTY_FILE)
    ends = [at for at in (raw.find(b"\n"), raw.find(b"\r")) if at >= 0]  # `\r` alone: old Macs
    first = raw[: min(ends)] if ends else raw
    try:
        header = next(csv.reader([first.decode("utf-8-sig")]))
    except UnicodeDecodeError as exc:
        raise DataError.single(
            name,
            f"not UTF-8: invalid byte 0x{first[exc.start]:02x}",
            Rule.NOT_UTF8,
            line=1,
            byte=exc.start,
        ) from None
    # A file from before scope is read with no scope: nothing in it is taken for a total, and
    # a reviewed record in it is refused (`unscoped_problem`).
    if not set(SCOPE_COLUMNS) & set(header):
        table = replace(table, optional=(*table.optional, *SCOPE_COLUMNS))
    problems = table.header_problems(name, header)
    if table.extras:
        problems += [
            Problem(
                name,
                f"column '{c}' in a candidates file: the name is taken by what load_records "
                "gives (decisions and corrections go in data/reviews/)",
                Rule.RESERVED_COLUMN,
                line=1,
            )
            for c in header
            if c in reserved
        ]
    if len(set(header)) != len(header):
        problems.append(
            Problem(name, "a column name is repeated in the header", Rule.BAD_HEADER, line=1)
        )
    if problems:
        raise DataError(problems)
    return header


def unscoped_problem(name: str, n_reviewed: int) -> Problem:
    """A records file from before the contract had scope, holding reviewed records: refused as
    a whole (one problem, not one per row), never read as totals."""
    return Problem(
        name,
        f"no scope columns ({', '.join(SCOPE_COLUMNS)}) but {n_reviewed} reviewed record(s): the "
        "file was written before records said what part of their jurisdiction they count. Add "
        "the three columns after 'evidence' and give each reviewed record its scope: 'total' "
        "(the whole province's or country's figure), 'area' (the district, commune or ward in "
        "'area') or 'part' (the source's words for the body, campaign or group in "
        "'scope_note'); see data/README.md. The loader never assumes 'total'.",
        Rule.MISSING_SCOPE_COLUMNS,
        line=1,
    )


def _arrow_type(column: str) -> pa.DataType:
    """A stored column's Arrow type, as its field declares; a column the extractor adds is text."""
    return FIELDS[column].arrow_type if column in STORED_COLUMNS else pa.string()


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
            while b"\n" not in head and b"\r" not in head and (more := fh.read(1 << 16)):
                head += more
            if head.isspace():
                head += fh.read()
    except OSError as exc:
        raise DataError.single(str(path), f"cannot read: {exc.strerror}", Rule.UNREADABLE) from None
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
        # 1 MB blocks: measured the least CPU (benchmarks/load_records.py), 4 MB took 10-15 % more
        read_options=pacsv.ReadOptions(use_threads=True, block_size=1 << 20),
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
        line = line_ends(raw[: exc.start]) + 1
        raise DataError.single(
            name,
            f"not UTF-8: invalid byte 0x{raw[exc.start]:02x}",
            Rule.NOT_UTF8,
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
                        Rule.BAD_ROW,
                        line=line + 1,
                    )
                )
            else:
                lines.append(line + 1)
                for c, cell in zip(header, row, strict=False):
                    columns[c].append(cell)
                for c in NUMBERS:
                    refused = number_problem(c, columns[c][-1], whole=True)
                    if columns[c][-1] and refused:
                        problems.append(Problem(name, *refused, line=line + 1))
            line = reader.line_num
    except csv.Error as exc:
        problems.append(csv_error_problem(exc, name, line + 1))
    arrays = {}
    for c in header:
        kind = FIELDS[c].dtype if c in STORED_COLUMNS else "string"
        cells = columns[c]
        if c == "value":
            arrays[c] = pa.array([x if x != "" else None for x in cells], type=pa.string())
        elif kind == "Int64":
            whole = [
                int(x) if x and number_problem(c, x, whole=True) is None else None for x in cells
            ]
            arrays[c] = pa.array(whole, type=pa.int64())
        else:
            values = pa.array([x if x != "" else None for x in cells], type=pa.string())
            arrays[c] = values.dictionary_encode() if kind == "category" else values
    return pa.table(arrays), problems, lines


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
        (int(r), value_problem(c) or (f"value {c!r} is refused", Rule.NOT_A_NUMBER))
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
            if not pc.any(pc.starts_with(dictionaries(column), "'")).as_py():
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
    files: Iterable[Path], *, candidates: bool = False, reserved: frozenset[str] = frozenset()
) -> tuple[pd.DataFrame, list[SourceRows], list[Problem]]:
    """Read and concatenate record files into one typed frame (not yet validated).

    A file that cannot be read at all is left out with its problem; problems of single cells
    come back too. All of them are returned with the frame, for `validate_records` to report
    with everything else. Candidate files (`candidates=True`) hold no status or note (they come
    back as `candidate` and empty) and may carry columns of the extractor's own, kept as text
    after the stored ones, unless their name is `reserved` (a name the loader gives).
    """
    declared = CANDIDATES if candidates else RECORDS
    columns = CANDIDATE_COLUMNS if candidates else STORED_COLUMNS
    tables, sources, first = [], [], 0
    problems: list[Problem] = []
    for path in files:
        name = str(path)
        try:
            header = _check_header(path, _head(path), declared, reserved)
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
        if not set(SCOPE_COLUMNS) & set(table.column_names):  # a file from before scope
            for c in SCOPE_COLUMNS:
                table = table.append_column(c, pa.nulls(table.num_rows, _arrow_type(c)))
            if not candidates:
                reviewed = pc.sum(pc.equal(table.column("status").cast(pa.string()), "reviewed"))
                if reviewed.as_py():
                    problems.append(unscoped_problem(name, reviewed.as_py()))
        table = table.select([*columns, *(c for c in header if c not in columns)])
        problems += table_problems(  # control characters, invisible ones in ids
            table,
            name,
            lambda lines=lines, path=path: lines or _line_numbers(path),
            ("value",),
        )
        numbers, refused = _values(table.column("value"))
        if refused:
            lines = lines or _line_numbers(path)
            problems += [Problem(name, m, rule, line=lines[r]) for r, (m, rule) in refused]
        at = table.schema.get_field_index("value")
        table = _unquote_formulas(table.set_column(at, "value", numbers))
        tables.append(table)
        sources.append(SourceRows(path, first, table.num_rows, lines))
        first += table.num_rows
    if not tables:
        return _empty_frame(), sources, problems
    combined = pa.concat_tables(tables, promote_options="default").unify_dictionaries()
    for c in NULLABLE_TEXT:
        if c in combined.column_names:
            at = combined.schema.get_field_index(c)
            combined = combined.set_column(at, c, pc.fill_null(combined.column(at), ""))
    frame = combined.to_pandas(types_mapper=PANDAS_TYPES.get)
    if candidates:
        frame.insert(len(columns), "status", pd.Categorical(["candidate"] * len(frame)))
        frame.insert(len(columns) + 1, "note", pd.array([""] * len(frame), dtype="string"))
    return frame, sources, problems


def _empty_frame() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=FIELDS[c].dtype) for c in STORED_COLUMNS})


class Locator:
    """Maps a row of the combined frame back to its file and line, for messages.

    `rows` maps a frame row to its row in the files read one after the other (when rows were
    left out); a row a review corrected answers to that review's line (`corrected_at`);
    `decided_at` holds the review line of every row a review decided.
    """

    def __init__(
        self,
        sources: list[SourceRows],
        rows: np.ndarray | None = None,
        corrected_at: dict[int, tuple[str, int]] | None = None,
        decided_at: dict[int, tuple[str, int]] | None = None,
    ):
        self.sources = sources
        self.rows = rows
        self.corrected_at = corrected_at or {}
        self.decided_at = decided_at or {}
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

    def review_of(self, row: object) -> tuple[str, int] | None:
        """Where the review that decided the row stands, if one did."""
        return self.decided_at.get(int(row)) if isinstance(row, (int, np.integer)) else None

    def as_written(self) -> Locator:
        """The same rows located where they were written, reviews aside."""
        return Locator(self.sources, self.rows)
