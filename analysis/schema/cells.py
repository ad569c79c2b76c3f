"""Cells that look right and are not: control characters no spreadsheet can hold, invisible
characters that make two ids look the same, numbers a Vietnamese reader would read otherwise,
and how far ahead a date may be before it is in the future.

A vertical tab (Word's Shift+Enter pasted into a reason) or a NUL byte passes every other rule
and then stops `export --format xlsx` (XML 1.0 cannot hold it); a zero-width space makes
`r63fb7d211b88` and `r63fb7d211b88\u200b` two records that read as one. Both are named at the
cell's file and line when the file is read, as every other problem of a cell is.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from collections.abc import Callable
from urllib.parse import urlsplit

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from analysis.errors import Problem
from analysis.schema.rules import Rule
from analysis.vietnamese import PLAIN_DECIMAL, THOUSANDS_DOT, unmarked

# What XML 1.0 (and so an .xlsx sheet) cannot hold: C0 controls but tab, line feed, return.
CONTROL = r"[\x00-\x08\x0b\x0c\x0e-\x1f]"
# Characters that show as nothing or as a plain space: format characters (zero-width space,
# joiners, BOM, soft hyphen...) and every space but the ASCII one. RE2 syntax.
INVISIBLE = r"[\p{Cf}\x{00A0}\x{1680}\x{2000}-\x{200A}\x{2028}\x{2029}\x{202F}\x{205F}\x{3000}]"
ID_COLUMNS = ("record_id", "doc_id")
_CONTROL_NAMES = {
    0x00: "NUL",
    0x0B: "LINE TABULATION, Word's Shift+Enter",
    0x0C: "FORM FEED, a page break",
}


def char_name(ch: str) -> str:
    """`U+000B (LINE TABULATION, Word's Shift+Enter)`: a character named, visible or not."""
    code = ord(ch)
    name = _CONTROL_NAMES.get(code) or unicodedata.name(ch, "a control character")
    return f"U+{code:04X} ({name})"


def _first(text: str, test: Callable[[str], bool]) -> int | None:
    return next((i for i, ch in enumerate(text) if test(ch)), None)


def _is_control(ch: str) -> bool:
    return ord(ch) < 0x20 and ch not in "\t\n\r"


def _is_invisible(ch: str) -> bool:
    return unicodedata.category(ch) == "Cf" or (
        ch != " " and unicodedata.category(ch) in ("Zs", "Zl", "Zp")
    )


def cell_problem(
    column: str, text: str, ids: tuple[str, ...] = ID_COLUMNS
) -> tuple[str, Rule] | None:
    """Why a text cell cannot stand as it is (message, rule), or None; a column of `ids` may
    hold no invisible character either."""
    at = _first(text, _is_control)
    if at is not None:
        return (
            f"{column} has a control character {char_name(text[at])} at character {at + 1}: "
            "no spreadsheet can hold it (export would fail); replace it with a space or a "
            "line break",
            Rule.CONTROL_CHAR,
        )
    if column in ids and (at := _first(text, _is_invisible)) is not None:
        return (
            f"{column} {text!r} has an invisible {char_name(text[at])} at character {at + 1}: "
            "delete it (two ids that differ by it look the same)",
            Rule.INVISIBLE_CHAR,
        )
    return None


def row_problems(
    row: dict[str, str],
    name: str,
    line: int,
    head: str = "",
    ids: tuple[str, ...] = ID_COLUMNS,
    skip: tuple[str, ...] = (),
) -> list[Problem]:
    """A Problem for each cell of a row (read with Python's csv) that `cell_problem` refuses."""
    return [
        Problem(name, head + found[0], found[1], line=line)
        for column, text in row.items()
        if column not in skip
        and isinstance(text, str)
        and (found := cell_problem(column, text, ids)) is not None
    ]


def _suspect_bytes(array: pa.Array, ids: bool) -> bool:
    """Whether a text array's bytes hold any control byte (or, for ids, any non-ASCII one):
    one comparison over its data buffer, so a clean column is never searched cell by cell."""
    if len(array) == 0 or array.buffers()[2] is None:
        return False
    width = np.int64 if pa.types.is_large_string(array.type) else np.int32
    offsets = np.frombuffer(array.buffers()[1], dtype=width)[
        array.offset : array.offset + len(array) + 1
    ]
    data = np.frombuffer(array.buffers()[2], dtype=np.uint8)[offsets[0] : offsets[-1]]
    if ids:
        return bool(((data < 0x20) | (data >= 0x80)).any())
    return bool((data < 0x20).any())


def dictionaries(column: pa.ChunkedArray | pa.Array) -> pa.ChunkedArray:
    """The dictionaries of a dictionary column's chunks, as one array to search in one call
    (a file read in blocks has a small dictionary per block)."""
    chunks = column.chunks if isinstance(column, pa.ChunkedArray) else [column]
    return pa.chunked_array([c.dictionary for c in chunks], type=column.type.value_type)


def _matching_rows(column: pa.ChunkedArray | pa.Array, pattern: str, ids: bool) -> np.ndarray:
    """Rows whose text matches `pattern`; a dictionary column is looked at through its
    dictionary (its few distinct texts), any other through its bytes first, so a clean column
    costs one pass over its bytes."""
    chunks = column.chunks if isinstance(column, pa.ChunkedArray) else [column]
    if pa.types.is_dictionary(column.type):
        if not pc.any(pc.match_substring_regex(dictionaries(column), pattern)).as_py():
            return np.empty(0, dtype=np.int64)
        column = column.cast(pa.string())
    elif not any(_suspect_bytes(c, ids) for c in chunks):
        return np.empty(0, dtype=np.int64)
    hits = pc.fill_null(pc.match_substring_regex(column, pattern), False)
    return np.flatnonzero(hits.to_numpy(zero_copy_only=False))


def table_problems(
    table: pa.Table,
    name: str,
    lines: Callable[[], list[int]],
    skip: tuple[str, ...] = (),
) -> list[Problem]:
    """A Problem at its file and line for each text cell of `table` that `cell_problem` refuses
    (`lines()` gives the line each row starts on, asked for only when a cell is refused)."""
    problems: list[Problem] = []
    for column_name in table.column_names:
        column = table.column(column_name)
        kind = column.type.value_type if pa.types.is_dictionary(column.type) else column.type
        ids = column_name in ID_COLUMNS
        if column_name in skip or not pa.types.is_string(kind):
            continue
        rows = _matching_rows(column, f"{CONTROL}|{INVISIBLE}" if ids else CONTROL, ids)
        if not len(rows):
            continue
        at = lines()
        cells = column.take(pa.array(rows)).to_pylist()
        for row, text in zip(rows, cells, strict=True):
            found = cell_problem(column_name, text)
            if found:
                problems.append(Problem(name, found[0], found[1], line=at[int(row)]))
    return problems


def spreadsheet_safe(text: str) -> str:
    """`text` with each control character no spreadsheet can hold shown as its Control Pictures
    sign (U+000B → U+240B ␋), so an export never fails on a cell and the character stays seen."""
    if not any(_is_control(ch) for ch in text):
        return text
    return "".join(chr(0x2400 + ord(ch)) if _is_control(ch) else ch for ch in text)


# The contract's plain whole number, ASCII digits only (int() would also take "1_000",
# full-width or Arabic-Indic digits); its plain decimal, and the thousands dot a Vietnamese
# reader sees, are analysis.vietnamese's PLAIN_DECIMAL and THOUSANDS_DOT.
PLAIN_WHOLE = r"[+-]?[0-9]+"


def number_problem(
    column: str, cell: str, whole: bool = False, allowed: str = ""
) -> tuple[str, Rule] | None:
    """Why a cell is not the plain decimal (or, `whole`, whole number) its column holds, with
    what its field allows (`≥ 0`) and a hint where a decimal comma is likely; None if it is one."""
    if re.fullmatch(PLAIN_WHOLE if whole else PLAIN_DECIMAL, cell):
        return None
    hint = " ('.' for decimals, no thousands separator)" if "," in cell else ""
    kind = ("a whole number" if whole else "a plain decimal number") + (
        f" {allowed}" if allowed else ""
    )
    return f"{column} {cell!r} is not {kind}{hint}", Rule.NOT_A_NUMBER


def value_problem(cell: str) -> tuple[str, Rule] | None:
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
        ), Rule.THOUSANDS_DOT
    hidden = [ch for ch in cell if unicodedata.category(ch) in ("Cf", "Zs", "Cc")]
    if hidden and re.fullmatch(PLAIN_DECIMAL, "".join(ch for ch in cell if ch not in hidden)):
        ch = hidden[0]
        what = (
            "a space"
            if ch == " "
            else f"an invisible U+{ord(ch):04X} ({unicodedata.name(ch, 'control character')})"
        )
        return f"value {cell!r} has {what} in it: delete it", Rule.INVISIBLE_CHAR
    if not re.fullmatch(PLAIN_DECIMAL, cell):
        if cell.strip().lower().lstrip("+-") in ("inf", "infinity", "nan"):
            return (
                f"value {cell!r} is not a number a figure can have: write the plain number",
                Rule.NOT_FINITE,
            )
        return number_problem("value", cell)
    if not math.isfinite(float(cell)):
        return (
            f"value {cell!r} is too large to be a figure: write the plain number",
            Rule.NOT_FINITE,
        )
    return None


# A date up to this far ahead of today's is a time zone, not the future.
FUTURE_SLACK = dt.timedelta(days=1)


def is_web_address(url: str) -> bool:
    """An address a reader can open: `http` or `https` with a host, nothing else."""
    parts = urlsplit(url.strip())
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def fold(text: str) -> str:
    """Lower case without diacritics (đ as d): how a misspelt or unaccented name is matched."""
    return unmarked(text).lower()
