"""Numbers as Vietnamese reports print them: `2.164` (thousands with '.'), `81,2 %` (decimal comma).

A figure a source stated is printed with the digits the source wrote (`fmt_stated`: 84,8 stays
`84,8`, 80,75 stays `80,75`, never padded to `84,80` nor rounded to `80,8`), its qualifier in front
(`≥`, `≈`, `≤`). A value the project computed (a ratio, an average) is rounded to the digits asked
for (`fmt_value`), and the table or chart showing it says so. The digits come from
`analysis.vietnamese.formatting` (Babel's CLDR data for `vi`, rounded half-up). A bound
keeps its mark and is rounded the way that keeps it true: a lower bound ("trên 511,7") down to
`≥ 511`, an upper bound ("dưới 10,2") up to `≤ 11`; an approximate value ("khoảng 40") is `≈ 40`.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP

import pandas as pd

from analysis.records.bounds import decimals
from analysis.vietnamese.formatting import format_number, format_trimmed

MISSING = "–"
# How each qualifier of the records contract is printed in front of its number.
QUALIFIER_MARKS = {"exact": "", "at_least": "≥ ", "at_most": "≤ ", "approx": "≈ "}
# Which way each qualifier rounds: a bound rounded towards the inside would no longer hold.
QUALIFIER_ROUNDING = {"at_least": ROUND_FLOOR, "at_most": ROUND_CEILING}
# How one cell holds the values of sources that disagree (a metric's `rivals`).
DISPUTED_SEPARATOR = " / "


def _is_missing(value: object) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and value != value)


def fmt_number(value: float | int | None, digits: int = 0, rounding: str = ROUND_HALF_UP) -> str:
    """`2164` → `2.164`, `81.28` with digits=1 → `81,3`; a missing value → `–`.

    `rounding` is a `decimal` mode: ROUND_FLOOR for a lower bound, ROUND_CEILING for an upper one.
    """
    if _is_missing(value):
        return MISSING
    return format_number(value, digits, rounding)


def fmt_trimmed(value: float | int | None, max_digits: int = 2) -> str:
    """Up to `max_digits` decimals, no trailing zeros: 81.2 → `81,2`, 81.2782 → `81,28`, 5 → `5`."""
    if _is_missing(value):
        return MISSING
    return format_trimmed(value, max_digits)


def fmt_percent(value: float | None, digits: int = 1) -> str:
    """A value already in percent: `81.28` → `81,3 %`."""
    if _is_missing(value):
        return MISSING
    return f"{fmt_number(value, digits)} %"


def fmt_value(value: float | None, qualifier: str = "exact", digits: int = 0) -> str:
    """A figure with its qualifier mark, rounded so that the mark stays true.

    (5000, "at_least") → `≥ 5.000`; (511.73, "at_least") → `≥ 511` (never `≥ 512`, which the
    figure does not reach); (10.2, "at_most") → `≤ 11`; (40, "approx") → `≈ 40`.
    """
    if _is_missing(value):
        return MISSING
    kind = "exact" if _is_missing(qualifier) else str(qualifier)
    rounding = QUALIFIER_ROUNDING.get(kind, ROUND_HALF_UP)
    return f"{QUALIFIER_MARKS.get(kind, '')}{fmt_number(value, digits, rounding)}"


def fmt_stated(value: float | None, qualifier: object = "exact", suffix: str = "") -> str:
    """A figure as its source stated it: its own digits, its qualifier mark, then `suffix`
    (` %`). (84.8, "exact") → `84,8`; (85, "approx", " %") → `≈ 85 %`; (80.75) → `80,75`."""
    if _is_missing(value):
        return MISSING
    kind = "exact" if _is_missing(qualifier) else str(qualifier)
    shown = fmt_number(value, decimals(float(value)))
    return f"{QUALIFIER_MARKS.get(kind, '')}{shown}{suffix}"


def fmt_rivals(rivals: Iterable[tuple[float, object]]) -> str:
    """The values of sources that disagree, each as its source stated it: `3.483 / 3.383`;
    empty when there are none."""
    return DISPUTED_SEPARATOR.join(fmt_stated(v, q) for v, q in rivals)


def fmt_values(
    values: Iterable[float | None], qualifiers: Iterable[str], digits: int = 0
) -> list[str]:
    """`fmt_value` down a column: each figure with its own qualifier mark."""
    return [fmt_value(v, q, digits) for v, q in zip(values, qualifiers, strict=True)]


def fmt_axis(value: float, _position: object = None) -> str:
    """Tick labels for matplotlib's FuncFormatter: whole numbers with '.', fractions with ','."""
    return fmt_number(value, 0 if float(value).is_integer() else 1)
