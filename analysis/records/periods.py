"""Reporting-period codes of the records contract (`2020`, `2024-H1`, `2021-Q3`, `2021-9M`,
`2021-YTD`, `2016..2020`) and the dates and length they stand for."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

import pandas as pd

PERIOD_PATTERN = (
    r"(?P<year>\d{4})(?:-(?P<part>H[12]|Q[1-4]|9M|YTD))?|(?P<first>\d{4})\.\.(?P<last>\d{4})"
)
_PERIOD_RE = re.compile(PERIOD_PATTERN)
# Years outside this span are typing errors, not reports of Vietnam's justice sector.
FIRST_YEAR, LAST_YEAR = 1945, 2100

# kind, first month, number of months (None: the end is not stated)
_PARTS = {
    None: ("year", 1, 12),
    "H1": ("half", 1, 6),
    "H2": ("half", 7, 6),
    "Q1": ("quarter", 1, 3),
    "Q2": ("quarter", 4, 3),
    "Q3": ("quarter", 7, 3),
    "Q4": ("quarter", 10, 3),
    "9M": ("nine_months", 1, 9),
    "YTD": ("year_to_date", 1, None),
}
PERIOD_KINDS = ("year", "half", "quarter", "nine_months", "year_to_date", "years")


@dataclass(frozen=True)
class Period:
    """A parsed period: its kind, first day, last day and length in months (unknown for YTD)."""

    code: str
    kind: str
    start: date
    end: date | None
    months: int | None


def _month_end(year: int, month: int) -> date:
    return (pd.Timestamp(year=year, month=month, day=1) + pd.offsets.MonthEnd(1)).date()


def parse_period(code: str) -> Period:
    """Parse a period code; ValueError says what is malformed."""
    m = _PERIOD_RE.fullmatch(code or "")
    if not m:
        raise ValueError(
            f"malformed period {code!r}: expected YYYY, YYYY-H1/H2, YYYY-Q1..Q4, "
            "YYYY-9M, YYYY-YTD or YYYY..YYYY"
        )
    if m["first"]:
        first, last = int(m["first"]), int(m["last"])
        if not FIRST_YEAR <= first < last <= LAST_YEAR:
            raise ValueError(
                f"malformed period {code!r}: years must rise within {FIRST_YEAR}-{LAST_YEAR}"
            )
        return Period(code, "years", date(first, 1, 1), date(last, 12, 31), 12 * (last - first + 1))
    year = int(m["year"])
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValueError(f"malformed period {code!r}: year outside {FIRST_YEAR}-{LAST_YEAR}")
    kind, first_month, months = _PARTS[m["part"]]
    end = _month_end(year, first_month + months - 1) if months else None
    return Period(code, kind, date(year, first_month, 1), end, months)


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
