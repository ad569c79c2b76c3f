"""Numbers printed as Vietnamese readers read them: `2.164` (thousands with '.'), `81,2`
(decimal comma), through Babel's CLDR data for locale `vi`, rounded half-up (as readers expect,
not Python's half-to-even) unless a `decimal` rounding mode is asked for.

A module of its own because Babel takes a quarter of a second to import: the stages that only
read numbers (extraction, loading records) do not pay for it.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from babel.numbers import format_decimal

LOCALE = "vi"


def rounded(value: float, digits: int, rounding: str = ROUND_HALF_UP) -> Decimal:
    """`value` (as Python prints it, so 0.1 is 0.1) rounded to `digits` decimals."""
    return Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-digits), rounding=rounding)


def format_number(value: float, digits: int = 0, rounding: str = ROUND_HALF_UP) -> str:
    """`2164` → `2.164`, `81.28` with digits=1 → `81,3`; `rounding` a `decimal` mode."""
    pattern = "#,##0" + ("." + "0" * digits if digits > 0 else "")
    return format_decimal(rounded(value, digits, rounding), format=pattern, locale=LOCALE)


def format_trimmed(value: float, max_digits: int = 2) -> str:
    """Up to `max_digits` decimals, no trailing zeros: 81.2 → `81,2`, 81.2782 → `81,28`."""
    pattern = "#,##0" + ("." + "#" * max_digits if max_digits > 0 else "")
    return format_decimal(rounded(value, max_digits), format=pattern, locale=LOCALE)
