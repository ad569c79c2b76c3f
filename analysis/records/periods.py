"""Reporting periods in time: their order, and the dates and length each code stands for (the
codes themselves are the contract's: `analysis.contract.parse_period`)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

import pandas as pd

from analysis.contract import PERIOD_KINDS, Period, parse_period

__all__ = ["PERIOD_KINDS", "Period", "parse_period", "period_columns", "period_order"]

# Where a year-to-date period sorts among the periods starting with its year: its end is not
# stated, but it is reported before the year is over, so after nine months, before the year.
YTD_SORT_MONTHS = 11.5


def time_key(period: Period) -> tuple[date, float, str]:
    """How periods order in time: by first day, then the shorter first (a quarter, a half, nine
    months, year to date, the year, then spans of years starting that year)."""
    months = period.months if period.months is not None else YTD_SORT_MONTHS
    return (period.start, months, period.code)


def period_order(codes: Iterable[str]) -> list[str]:
    """Distinct valid period codes in time order (`time_key`)."""
    return [p.code for p in sorted({parse_period(c) for c in codes}, key=time_key)]


def ordered_periods(codes: pd.Series) -> pd.Series:
    """`codes` as an ordered categorical in time order, so that sorting by it sorts by time."""
    codes = codes.astype("category")
    return codes.cat.set_categories(period_order(codes.cat.categories), ordered=True)


def period_columns(codes: pd.Series) -> pd.DataFrame:
    """period_kind, period_start, period_end, period_months for a Series of valid codes.

    Parses each distinct code once, so a million records cost as much as their few periods.
    """
    codes = codes.astype("category")
    parsed = [parse_period(c) for c in codes.cat.categories]
    lookup = pd.DataFrame(
        {
            "period_kind": pd.Categorical([p.kind for p in parsed], categories=PERIOD_KINDS),
            "period_start": pd.to_datetime([p.start for p in parsed]),
            "period_end": pd.to_datetime([p.end for p in parsed]),
            "period_months": pd.array([p.months for p in parsed], dtype="Int16"),
        }
    )
    taken = lookup.take(codes.cat.codes.to_numpy()) if len(parsed) else lookup.iloc[:0]
    taken.index = codes.index
    return taken
