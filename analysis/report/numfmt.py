"""Numbers as Vietnamese reports print them: `2.164` (thousands with '.'), `81,2 %` (decimal comma).

Formatting goes through Babel's CLDR data for locale `vi`; rounding is half-up, as readers expect,
not Python's half-to-even. A lower bound ("trên 5.000") keeps its mark: `≥ 5.000`.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

import pandas as pd
from babel.numbers import format_decimal

LOCALE = "vi"
MISSING = "–"
# How each qualifier of the records contract is printed in front of its number.
QUALIFIER_MARKS = {"exact": "", "at_least": "≥ ", "at_most": "≤ ", "approx": "~ "}


def _is_missing(value: object) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and value != value)


def _rounded(value: float, digits: int) -> Decimal:
    return Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)


def fmt_number(value: float | int | None, digits: int = 0) -> str:
    """`2164` → `2.164`, `81.28` with digits=1 → `81,3`; a missing value → `–`."""
    if _is_missing(value):
        return MISSING
    pattern = "#,##0" + ("." + "0" * digits if digits > 0 else "")
    return format_decimal(_rounded(value, digits), format=pattern, locale=LOCALE)


def fmt_trimmed(value: float | int | None, max_digits: int = 2) -> str:
    """Up to `max_digits` decimals, no trailing zeros: 81.2 → `81,2`, 81.2782 → `81,28`, 5 → `5`."""
    if _is_missing(value):
        return MISSING
    pattern = "#,##0" + ("." + "#" * max_digits if max_digits > 0 else "")
    return format_decimal(_rounded(value, max_digits), format=pattern, locale=LOCALE)


def fmt_percent(value: float | None, digits: int = 1) -> str:
    """A value already in percent: `81.28` → `81,3 %`."""
    if _is_missing(value):
        return MISSING
    return f"{fmt_number(value, digits)} %"


def fmt_value(value: float | None, qualifier: str = "exact", digits: int = 0) -> str:
    """A reported figure with its qualifier mark: (5000, "at_least") → `≥ 5.000`."""
    if _is_missing(value):
        return MISSING
    mark = QUALIFIER_MARKS.get("exact" if _is_missing(qualifier) else qualifier, "")
    return f"{mark}{fmt_number(value, digits)}"


def fmt_values(
    values: Iterable[float | None], qualifiers: Iterable[str], digits: int = 0
) -> list[str]:
    """`fmt_value` down a column: each figure with its own qualifier mark."""
    return [fmt_value(v, q, digits) for v, q in zip(values, qualifiers, strict=True)]


def fmt_axis(value: float, _position: object = None) -> str:
    """Tick labels for matplotlib's FuncFormatter: whole numbers with '.', fractions with ','."""
    return fmt_number(value, 0 if float(value).is_integer() else 1)
