"""What a qualified figure allows: the range of true values each statement leaves open.

"trên 16.000" allows anything from 16.000 up; "khoảng 40" anything within `APPROX` of 40; a
stated "81,2 %" anything that rounds to it. Findings reason with these ranges, so a lower bound
never produces a finding that the bound itself allows, and two statements are one figure when
one true value fits both.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import pandas as pd

# The qualifier of numerator / denominator, given theirs: a lower bound over an exact count is a
# lower bound; over a lower bound it is an upper bound; two lower bounds bound nothing (approx).
_RATIO_QUALIFIER = {
    ("exact", "exact"): "exact",
    ("at_least", "exact"): "at_least",
    ("at_most", "exact"): "at_most",
    ("exact", "at_least"): "at_most",
    ("exact", "at_most"): "at_least",
    ("at_least", "at_most"): "at_least",
    ("at_most", "at_least"): "at_most",
}
# How far "about N" may be from N and still be the same figure rounded (5 %).
APPROX = 0.05
INF = math.inf


def ratio_qualifier(numerator: object, denominator: object) -> str:
    """How a ratio of two qualified figures is bounded: exact, at_least, at_most or approx."""
    return _RATIO_QUALIFIER.get((_kind(numerator), _kind(denominator)), "approx")


def _kind(qualifier: object) -> str:
    return "exact" if pd.isna(qualifier) else str(qualifier)


def decimals(value: float) -> int:
    """How many decimals a stated value has as the contract stores it: 81.2 → 1, 2164 → 0."""
    text = f"{float(value):.6f}".rstrip("0").rstrip(".")
    return len(text.split(".")[1]) if "." in text else 0


def rounding_tolerance(stated: float) -> float:
    """Half a unit of the stated value's last decimal: 81.2 → 0.05, 81 → 0.5."""
    return 0.5 * 10 ** -decimals(stated) + 1e-9


def interval(value: float, qualifier: object, tolerance: float = 0.0) -> tuple[float, float]:
    """The true values a statement allows; `tolerance` widens an exact one (its rounding)."""
    v = float(value)
    q = _kind(qualifier)
    if q == "at_least":
        return v - tolerance, INF
    if q == "at_most":
        return -INF, v + tolerance
    if q == "approx":
        return min(v * (1 - APPROX), v - tolerance), max(v * (1 + APPROX), v + tolerance)
    return v - tolerance, v + tolerance


def common_value(
    values: Iterable[float], qualifiers: Iterable[object], approx: float = APPROX
) -> bool:
    """Whether one true value fits every statement as qualified (`at least 216000` and
    `216584` do; `490` and `510` do not)."""
    low, high = -INF, INF
    for v, q in zip(values, qualifiers, strict=True):
        a, b = interval(v, q)
        low, high = max(low, a), min(high, b)
    return low <= high


def ratio_interval(
    numerator: float, num_qualifier: object, denominator: float, den_qualifier: object
) -> tuple[float, float]:
    """The percentages numerator ÷ denominator × 100 can be, given both statements (a share
    of its whole never exceeds 100 %)."""
    n_low, n_high = interval(numerator, num_qualifier)
    d_low, d_high = interval(denominator, den_qualifier)
    low = 100 * max(n_low, 0.0) / d_high if d_high > 0 else 0.0
    high = 100 * n_high / d_low if d_low > 0 else INF
    return low, min(high, 100.0)


def rate_fits(stated: float, qualifier: object, allowed: tuple[float, float]) -> bool:
    """Whether a stated rate (with its qualifier and the rounding its digits show) and the
    range its parts allow have a value in common: if so, there is nothing to find."""
    low, high = interval(stated, qualifier, rounding_tolerance(stated))
    return max(low, allowed[0]) <= min(high, allowed[1])
