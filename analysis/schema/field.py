"""A column declared once: its type, meaning, unit and allowed values (`Field`), the checks of
its values (`ValueCheck`), the reference lists some are looked up in (`Lookup`), and the cell a
message speaks of (`Cell`). Every column of the project is a `Field` of analysis.schema.fields;
analysis.schema.table puts them together into tables.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from analysis.schema.cells import fold
from analysis.schema.rules import Rule

# What a check is given besides the values: the reference lists, the frame's places, ...
Context = Mapping[str, Any]


@dataclass(frozen=True)
class Cell:
    """Where a rule fails: the frame, the row's label, the column it names (if one), what the
    check was given, and for a repeated key the row it repeats."""

    frame: pd.DataFrame
    row: Any
    column: str | None
    ctx: Context
    first: Any = None

    @property
    def value(self) -> Any:
        return self.frame.at[self.row, self.column] if self.column else None

    def __getitem__(self, name: str) -> Any:
        return self.frame.at[self.row, name] if name in self.frame else None


Message = str | Callable[[Cell], str]


@dataclass(frozen=True)
class ValueCheck:
    """A rule over one column: `test(values, ctx)` is True where a value holds it (missing
    values are the field's `nullable` to judge)."""

    rule: Rule
    test: Callable[[pd.Series, Context], Any]
    message: Message


@dataclass(frozen=True)
class Lookup:
    """Allowed values that a reference table holds (the catalog's codes, the provinces' names),
    given to the checks under `name` (a check not given the list leaves the values to another
    check: provinces.csv's 2025 units are matched both ways by provinces_2025.csv's loader);
    `says` how a value outside them is described, `suggest` whether the message offers the
    closest one."""

    name: str
    says: str
    suggest: bool = False


@dataclass(frozen=True)
class Field:
    """A column as the project declares it: its type once loaded, meaning, whether it may be
    empty, unit, and its allowed values: a list (`values`), a reference list (`lookup`), or
    words (`allowed`, for a range or a form) with `checks` that enforce them. `rule` is what a
    value outside `values` or `lookup` breaks; `empty` what its message says of an empty cell."""

    dtype: str
    description: str
    nullable: bool = False
    unit: str = ""
    values: tuple[str, ...] = ()
    lookup: Lookup | None = None
    rule: Rule | None = None
    allowed: str = ""
    empty: str = " or empty"
    checks: tuple[ValueCheck, ...] = ()
    # How a cell read as text that is not of the type is refused: (message, rule), or None.
    refuse: Callable[[str, str], tuple[str, Rule] | None] | None = None
    # The column's name for a Vietnamese reader (a workbook's header row, the dictionary).
    label_vi: str = ""

    def allowed_text(self, lists: Mapping[str, Iterable[str]] | None = None) -> str:
        """The allowed values in words, the reference lists spelt out where given."""
        if self.values:
            return ", ".join(self.values)
        if self.lookup is not None:
            found = (lists or {}).get(self.lookup.name)
            return ", ".join(found) if found is not None else self.lookup.name
        return self.allowed

    def value_checks(self) -> tuple[ValueCheck, ...]:
        """The field's own checks, with the one its allowed values make."""
        made = ()
        if self.values and self.dtype != "boolean":  # a boolean's words are judged when typed
            allowed = frozenset(self.values)
            said = ", ".join(self.values) + (self.empty if self.nullable else "")
            made = (
                ValueCheck(
                    self.rule or Rule.BAD_VALUE,
                    lambda s, _ctx: among(s, allowed),
                    lambda c: f"{c.column} {c.value!r} is not one of {said}",
                ),
            )
        elif self.lookup is not None:
            lookup = self.lookup
            made = (
                ValueCheck(
                    self.rule or Rule.BAD_VALUE,
                    # a list the caller does not give is not checked here (see Lookup)
                    lambda s, ctx: (
                        among(s, frozenset(ctx[lookup.name]))
                        if lookup.name in ctx
                        else np.ones(len(s), dtype=bool)
                    ),
                    lambda c: (
                        f"{c.column} {c.value!r} {lookup.says}"
                        + (suggestion(c.value, c.ctx[lookup.name]) if lookup.suggest else "")
                    ),
                ),
            )
        return (*made, *self.checks)

    @property
    def arrow_type(self) -> pa.DataType:
        """The Arrow type a reader gives the column."""
        return _ARROW_TYPES.get(self.dtype, pa.string())


_ARROW_TYPES = {
    "category": pa.dictionary(pa.int32(), pa.string()),
    "string": pa.string(),
    "Float64": pa.float64(),
    "Int64": pa.int64(),
}


def among(values: pd.Series, allowed: frozenset) -> pd.Series | np.ndarray:
    """`values.isin(allowed)`; a categorical is looked up by its few categories, not its rows."""
    if not isinstance(values.dtype, pd.CategoricalDtype):
        return values.isin(allowed)
    known = np.append(values.cat.categories.isin(allowed), False)  # code -1 (missing): False
    return known[values.cat.codes.to_numpy()]


def by_category(values: pd.Series, test: Callable[[str], bool]) -> np.ndarray:
    """`test` of each value, called once per distinct value (a category's, or the column's)."""
    if isinstance(values.dtype, pd.CategoricalDtype):
        known = np.append([bool(test(v)) for v in values.cat.categories], False)
        return known[values.cat.codes.to_numpy()]
    distinct = {v: bool(test(v)) for v in values.dropna().unique()}
    return values.map(distinct).fillna(False).to_numpy(dtype=bool)


def matches(values: pd.Series, pattern: str) -> np.ndarray:
    """Where a value holds a match of `pattern` (missing: no), by Arrow's regular expressions;
    a categorical is searched through its categories."""
    if isinstance(values.dtype, pd.CategoricalDtype):
        found = matches(pd.Series(values.cat.categories), pattern)
        return np.append(found, False)[values.cat.codes.to_numpy()]
    text = pa.array(values.array, from_pandas=True)
    if pa.types.is_null(text.type):  # no text at all (an empty column)
        return np.zeros(len(values), dtype=bool)
    return pc.match_substring_regex(text, pattern).fill_null(False).to_numpy(zero_copy_only=False)


def suggestion(value: object, names: Iterable[str]) -> str:
    """A 'did you mean' for a misspelt or unaccented name among `names`."""
    plain = {fold(n): n for n in names}
    match = difflib.get_close_matches(fold(str(value)), list(plain), n=1, cutoff=0.8)
    return f" (did you mean {plain[match[0]]!r}?)" if match else ""
