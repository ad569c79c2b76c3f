"""A table declared once: its fields (type, unit, allowed values, description), key and rules.

From a `Table` come the proof that a frame holds every rule (`holds`: vectorised, the path of
valid data), every row that does not with its message (`failures`: the same masks, so the two
can never disagree), the typing of cells read as text (`parse`), and the data dictionary. A
rule's message is written once, beside the rule, as a template over the failing row (`{column}`,
`{value}` and the row's cells) or a function of the failing `Cell`; allowed values are written
once, on the field, and the message of a value outside them lists them from there.
"""

from __future__ import annotations

import datetime as dt
import string
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from analysis.errors import Problem
from analysis.schema.cells import number_problem
from analysis.schema.field import Cell, Context, Field, Message
from analysis.schema.fields import FIELDS
from analysis.schema.rules import Rule

__all__ = ["Failure", "RowCheck", "Table", "TableCheck", "distinct_texts"]


@dataclass(frozen=True)
class RowCheck:
    """A rule across a row's cells: `test(frame, ctx)` is True (or missing) where a row holds it."""

    rule: Rule
    test: Callable[[pd.DataFrame, Context], Any]
    message: Message
    column: str | None = None  # the cell the message speaks of, if one


@dataclass(frozen=True)
class TableCheck:
    """A rule of the table as a whole: `missing(frame, ctx)` gives what the table lacks, each
    said by `message` (`{value}`)."""

    rule: Rule
    missing: Callable[[pd.DataFrame, Context], Iterable[Any]]
    message: str


@dataclass(frozen=True)
class Failure:
    """One rule one row (or the table, row None) does not hold, and what to say."""

    rule: Rule
    row: Any
    message: str


@dataclass(frozen=True)
class Table:
    """A table's declaration: where it is kept, its columns (fields of `analysis.schema.fields`
    unless `fields` gives this table's own), its key and the rules across a row.

    `optional` columns may be left out of a file; `extras` lets a file carry columns of its own.
    `head` (a template over the row) starts each message about a row: `record {record_id}: `.
    A repeated key breaks `key_rule`, said by `key_message` (`{first_line}`, `{first_at}`: where
    the first is); with `key_of_valid` only rows that hold every other rule count.
    """

    name: str
    path: str
    description: str
    columns: tuple[str, ...]
    key: tuple[str, ...] = ()
    checks: tuple[RowCheck, ...] = ()
    optional: tuple[str, ...] = ()
    extras: bool = False
    head: str = ""
    key_rule: Rule = Rule.DUPLICATE_KEY
    key_message: Message = (
        "{column} {value!r} is listed again (first on line {first_line}): one row per {column}"
    )
    key_of_valid: bool = False
    fields: Mapping[str, Field] = field(default_factory=dict)
    whole: tuple[TableCheck, ...] = ()

    def field(self, name: str) -> Field:
        """The field a column of this table is: the table's own, else the project's."""
        return self.fields.get(name) or FIELDS[name]

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(c for c in self.columns if c not in self.optional)

    def header_problems(self, name: str, header: list[str]) -> list[Problem]:
        """Each required column the header lacks and, unless `extras`, each it has beyond the
        table's: the one header check of every CSV table people or programs write."""
        found = [
            Problem(name, f"missing column '{c}'", Rule.MISSING_COLUMN, line=1)
            for c in self.required
            if c not in header
        ]
        if not self.extras:
            found += [
                Problem(
                    name,
                    f"unknown column '{c}' (expected {', '.join(self.columns)})",
                    Rule.UNKNOWN_COLUMN,
                    line=1,
                )
                for c in header
                if c not in self.columns
            ]
        return found

    def parse(self, text: pd.DataFrame) -> tuple[pd.DataFrame, list[Failure]]:
        """Cells read as text (missing: empty) typed as the fields say; a cell that is not of
        its type is left empty and named, once (it is not also reported as empty)."""
        typed, failures = {}, []
        for name in text.columns:
            if name not in self.columns:
                typed[name] = text[name].astype("string")
                continue
            column, refused = _typed(self.field(name), name, text[name])
            typed[name] = column
            failures += [Failure(rule, row, message) for row, (message, rule) in refused]
        return pd.DataFrame(typed, index=text.index), failures

    def holds(self, frame: pd.DataFrame, ctx: Context) -> bool:
        """True only if every rule holds, by vectorised column operations: what valid data
        costs. False says nothing of what is wrong: `failures` says it."""
        for name in self.required:
            if name not in frame:
                return False
        for name in self._present(frame):
            f, column = self.field(name), frame[name]
            if str(column.dtype) != f.dtype:
                return False
            present = column.notna().to_numpy(dtype=bool)
            if not f.nullable and not present.all():
                return False
            for check in f.value_checks():
                if not _passes(check.test(column, ctx), present).all():
                    return False
        if self.key and not self.key_of_valid and len(_repeated(frame, self.key)):
            return False
        if not all(_passes(c.test(frame, ctx)).all() for c in self.checks):
            return False
        if any(list(c.missing(frame, ctx)) for c in self.whole):
            return False
        return not (self.key and self.key_of_valid and len(_repeated(frame, self.key)))

    def failures(self, frame: pd.DataFrame, ctx: Context, skip: Iterable = ()) -> list[Failure]:
        """Every rule every row does not hold, with its message. `skip`: rows already refused
        for a cell that could not be read, not to be called empty as well."""
        found = [
            Failure(Rule.MISSING_COLUMN, None, f"missing column '{c}'")
            for c in self.required
            if c not in frame
        ]
        columns = self._present(frame)
        for name in columns:
            f, column = self.field(name), frame[name]
            if str(column.dtype) != f.dtype:
                found.append(
                    Failure(
                        Rule.WRONG_DTYPE,
                        None,
                        f"column {name!r} holds {column.dtype} values, not {f.dtype}",
                    )
                )
        if found:  # a frame of the wrong shape: its rules would only misfire
            return found
        skipped = set(skip)
        for name in columns:
            f, column = self.field(name), frame[name]
            present = column.notna().to_numpy(dtype=bool)
            if not f.nullable:
                found += [
                    Failure(Rule.MISSING_VALUE, row, f"column {name!r} is empty")
                    for row in frame.index[~present]
                    if (row, name) not in skipped and row not in skipped
                ]
            for check in f.value_checks():
                bad = ~_passes(check.test(column, ctx), present)
                found += self._said(check.rule, check.message, frame, bad, name, ctx)
        for check in self.checks:
            bad = ~_passes(check.test(frame, ctx))
            found += self._said(check.rule, check.message, frame, bad, check.column, ctx)
        for check in self.whole:
            found += [
                Failure(check.rule, None, check.message.format(value=v))
                for v in check.missing(frame, ctx)
            ]
        if self.key:
            rows = frame if not self.key_of_valid else frame.drop(index={f.row for f in found})
            found += self.repeats(rows, ctx)
        return found

    def repeats(self, frame: pd.DataFrame, ctx: Context) -> list[Failure]:
        """Each row whose key an earlier row has (missing keys aside), said by `key_message`;
        for keys that span several files (reviews), checked over the rows of all of them."""
        return [
            Failure(
                self.key_rule,
                row,
                _say(self.key_message, Cell(frame, row, self.key[0], ctx, first)),
            )
            for row, first in _repeated(frame, self.key).items()
        ]

    def problems(
        self,
        frame: pd.DataFrame,
        ctx: Context,
        where: Callable[[Any], tuple[str, int | None]],
        found: Iterable[Failure] = (),
        skip: Iterable = (),
        tail: Callable[[Any], str] | None = None,
    ) -> list[Problem]:
        """`failures` (and those `found` by `parse`) as Problems at their file and line, each
        message headed by the row it is about (`head`) and ended by `tail(row)` if given. Data
        that `holds` costs no more than that proof: no row is looked at one by one."""
        found = list(found)
        context = {**ctx, "where": where}
        if not found and self.holds(frame, context):
            return []
        out = []
        for f in [*found, *self.failures(frame, context, skip)]:
            file, line = where(f.row)
            end = tail(f.row) if tail is not None and f.row is not None else ""
            out.append(
                Problem(file, self.heading(frame, f.row) + f.message + end, f.rule, line=line)
            )
        return out

    def _present(self, frame: pd.DataFrame) -> list[str]:
        return [c for c in self.columns if c in frame]

    def heading(self, frame: pd.DataFrame, row: Any) -> str:
        """The start of a message about `row`: `head` with its cells, if they are all there."""
        if not self.head or row is None or row not in frame.index:
            return ""
        names = [n for _, n, _, _ in string.Formatter().parse(self.head) if n]
        values = {n: frame.at[row, n] if n in frame else None for n in names}
        if any(v is None or v is pd.NA or v == "" or _missing(v) for v in values.values()):
            return ""
        return self.head.format(**values)

    def _said(
        self,
        rule: Rule,
        message: Message,
        frame: pd.DataFrame,
        bad: np.ndarray,
        column: str | None,
        ctx: Context,
    ) -> list[Failure]:
        return [
            Failure(rule, row, _say(message, Cell(frame, row, column, ctx)))
            for row in frame.index[bad]
        ]

    def dictionary_rows(self, lists: Mapping[str, Iterable[str]] | None = None) -> Iterator[dict]:
        """One row per column for the data dictionary: type, unit, meaning, allowed values."""
        for name in self.columns:
            f = self.field(name)
            yield {
                "table": self.name,
                "name": name,
                "type": f.dtype,
                "unit": f.unit,
                "description": f.description,
                "allowed_values": f.allowed_text(lists),
            }


def _missing(value: Any) -> bool:
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


class _Row(dict):
    """A template's names: the failing cell's column and value (a rule across the row: the
    row's `value`), the row's cells, and for a repeated key where its first stands."""

    def __init__(self, cell: Cell):
        super().__init__({"column": cell.column, "value": cell.value} if cell.column else {})
        self.cell = cell

    def __missing__(self, name: str) -> Any:
        cell = self.cell
        if name in ("first_line", "first_at") and cell.first is not None:
            file, line = cell.ctx["where"](cell.first)
            return line if name == "first_line" else f"{file}:{line}"
        return cell[name]


def _say(message: Message, cell: Cell) -> str:
    return message(cell) if callable(message) else message.format_map(_Row(cell))


def _passes(result: Any, present: np.ndarray | None = None) -> np.ndarray:
    """A check's result as a boolean array: missing counts as holding; rows not `present` too."""
    if isinstance(result, pd.Series):
        result = result.array
    if isinstance(result, pd.api.extensions.ExtensionArray):
        ok = result.to_numpy(dtype=bool, na_value=True)
    else:
        ok = np.asarray(result, dtype=bool)
    return ok if present is None else ok | ~present


def _repeated(frame: pd.DataFrame, key: tuple[str, ...]) -> dict[Any, Any]:
    """Each row whose key an earlier row has -> that earlier row (missing keys aside)."""
    keys = frame[list(key)]
    if len(key) == 1 and _all_distinct(keys.iloc[:, 0]):
        return {}
    complete = keys.notna().all(axis=1).to_numpy(dtype=bool)
    keys = keys[complete]
    again = keys.duplicated(keep="first").to_numpy(dtype=bool)
    if not again.any():
        return {}
    first = keys[~keys.duplicated(keep="first")]
    firsts = {
        tuple(v): row for row, v in zip(first.index, first.itertuples(index=False), strict=True)
    }
    return {
        row: firsts[tuple(v)]
        for row, v in zip(keys.index[again], keys[again].itertuples(index=False), strict=True)
    }


def _all_distinct(values: pd.Series) -> bool:
    """True only if no value occurs twice; text of one width (ids) is compared fast by
    `distinct_texts`, anything else by pandas."""
    if isinstance(values.dtype, pd.StringDtype) and values.dtype.storage == "pyarrow":
        return distinct_texts(pa.array(values.array))
    return not values.dropna().duplicated().any()


def distinct_texts(ids: pa.Array | pa.ChunkedArray) -> bool:
    """True only if no text occurs twice. Texts of one width (the usual ids) are compared as
    64-bit words of their bytes, sorted: distinct words prove distinct ids, and words that
    collide only send the data on to `failures`, which names the real repeats."""
    ids = ids.combine_chunks() if isinstance(ids, pa.ChunkedArray) else ids
    n = len(ids)
    large = pa.types.is_large_string(ids.type)
    if n < 2 or ids.null_count or not (large or pa.types.is_string(ids.type)):
        return n < 2 or len(pc.unique(ids)) == n
    at = np.int64 if large else np.int32
    offsets = np.frombuffer(ids.buffers()[1], dtype=at)[ids.offset : ids.offset + n + 1]
    width = int(offsets[1] - offsets[0])
    if width == 0 or not (np.diff(offsets) == width).all():
        return len(pc.unique(ids)) == n
    start = int(offsets[0])
    data = np.frombuffer(ids.buffers()[2], dtype=np.uint8)[start : start + n * width]
    padded = np.zeros((n, -(-width // 8) * 8), dtype=np.uint8)
    padded[:, :width] = data.reshape(n, width)
    words = padded.view(np.uint64)
    key = words[:, 0].copy()
    for j in range(1, words.shape[1]):  # exact up to 8 bytes, a hash beyond
        key *= np.uint64(0x9E3779B97F4A7C15)
        key ^= words[:, j]
    key.sort()
    return not (key[1:] == key[:-1]).any()


def _typed(f: Field, name: str, text: pd.Series) -> tuple[pd.Series, list[tuple[Any, tuple]]]:
    """A text column as its field's type, and (row, (message, rule)) of each cell refused:
    by the field's own judge (`refuse`), else as no number, boolean or date of its type."""
    kind = f.dtype
    cells = text.astype(object).where(text.notna(), None)
    refused: list[tuple[Any, tuple]] = []
    out: list[Any] = []
    for row, cell in cells.items():
        why = f.refuse(name, cell) if f.refuse and cell else None
        if why is None and cell and kind in ("Float64", "Int64"):
            why = number_problem(name, cell, kind == "Int64", f.allowed)
        elif why is None and cell and kind == "boolean" and cell not in f.values:
            said = ", ".join(f.values) + (f.empty if f.nullable else "")
            why = (f"{name} {cell!r} is not one of {said}", f.rule or Rule.BAD_VALUE)
        elif why is None and cell and kind.startswith("datetime64") and not _is_date(cell):
            why = (f"{name} {cell!r} is not an ISO date (YYYY-MM-DD)", Rule.BAD_DATE)
        if why is not None:
            refused.append((row, why))
        out.append(None if why is not None or not cell else cell)
    values = pd.Series(out, index=text.index, dtype=object)
    if kind in ("Float64", "Int64"):
        numbers = [None if v is None else (float(v) if kind == "Float64" else int(v)) for v in out]
        return pd.Series(pd.array(numbers, dtype=kind), index=text.index), refused
    if kind == "boolean":
        flags = [None if v is None else v == f.values[0] for v in out]
        return pd.Series(pd.array(flags, dtype="boolean"), index=text.index), refused
    if kind.startswith("datetime64"):
        days = [None if v is None else dt.datetime.fromisoformat(v) for v in out]
        return pd.Series(
            pd.to_datetime(pd.Series(days, dtype=object)).array, index=text.index
        ).astype(kind), refused
    if kind == "category":
        return values.astype("str").astype("category"), refused
    return values.astype(kind), refused


def _is_date(cell: str) -> bool:
    try:
        dt.datetime.fromisoformat(cell)
    except ValueError:
        return False
    return True
