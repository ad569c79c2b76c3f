"""The records contract (../shared/records-contract.md) as code: columns, allowed values, ids.

Declared once here; schemas, the extractor, the store and the docs all take them from this module.
"""

from __future__ import annotations

import calendar
import hashlib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

CONTRACT_COLUMNS = (
    "doc_id",
    "indicator",
    "value",
    "qualifier",
    "jurisdiction",
    "period",
    "level",
    "evidence",
)
OFFSET_COLUMNS = ("start", "end")
# What part of the jurisdiction's work a figure counts (the contract's "scope" columns): only
# figures of one scope form a series, a rank, a map or a sum.
SCOPE_COLUMNS = ("scope", "area", "scope_note")
SCOPES = ("total", "area", "part")
TOTAL = "total"
# The project's stored form: the contract's columns, the scope, the offsets, the review columns.
STORED_COLUMNS = (
    "record_id",
    *CONTRACT_COLUMNS,
    *SCOPE_COLUMNS,
    *OFFSET_COLUMNS,
    "status",
    "note",
)
# What a candidate file (data/candidates/) must hold: the stored columns without the review's;
# the extractor may add columns of its own after them (why it read a figure so).
CANDIDATE_COLUMNS = tuple(c for c in STORED_COLUMNS if c not in ("status", "note"))
# Why the extractor read a figure so: the cue row, and where its place, period and scope came from.
EXPLAIN_COLUMNS = ("cue", "place_from", "period_from", "scope_from")
# place_from of a candidate whose place the extractor could not find: its jurisdiction is left
# empty for a reviewer, never defaulted to the country.
PLACE_UNKNOWN = "unknown"

QUALIFIERS = ("exact", "at_least", "approx", "at_most")
LEVELS = ("central", "province", "district", "commune")
STATUSES = ("reviewed", "candidate", "rejected")
DOMAINS = (
    "appraisal",
    "dissemination",
    "mediation",
    "legal_aid",
    "judicial_records",
    "judicial_expertise",
)
NATIONAL = "Việt Nam"
# The contract asks for evidence of "at most about 160 characters"; longer is a finding, not an error.
EVIDENCE_SOFT_LIMIT = 160


def record_id(doc_id: str, indicator: str, number_start: int) -> str:
    """A stable id for a figure: its source, what it counts, and where its number stands.

    The same figure found again by a later extraction gets the same id, so merging never
    duplicates it, and a reviewer's corrections to value or period do not change it.
    """
    digest = hashlib.sha1(f"{doc_id}|{indicator}|{number_start}".encode()).hexdigest()
    return f"r{digest[:12]}"


def to_row(record: Mapping[str, Any], columns: Iterable[str]) -> dict[str, str]:
    """A record as the cells of a CSV row in `columns`: the value as the contract's plain
    decimal, a missing cell empty, any other its `str`. Where a record becomes text, once."""
    row = {c: "" if record.get(c) is None else str(record[c]) for c in columns}
    row["value"] = format_value(record["value"])
    return row


def format_value(value: float) -> str:
    """The contract's plain decimal: no thousands separator, `.` for decimals, no trailing `.0`."""
    v = float(value)
    if v.is_integer():
        return str(int(v))
    return repr(round(v, 6)).rstrip("0").rstrip(".")


# Reporting-period codes: `2020`, `2024-H1`, `2021-Q3`, `2021-9M`, `2021-YTD`, `2016..2020`.
PERIOD_PATTERN = (
    r"(?P<year>\d{4})(?:-(?P<part>H[12]|Q[1-4]|9M|YTD))?|(?P<first>\d{4})\.\.(?P<last>\d{4})"
)
PERIOD_CODES = "YYYY, YYYY-H1/H2, YYYY-Q1..Q4, YYYY-9M, YYYY-YTD or YYYY..YYYY"
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


def parse_period(code: str) -> Period:
    """Parse a period code; ValueError says what is malformed."""
    m = _PERIOD_RE.fullmatch(code or "")
    if not m:
        raise ValueError(f"malformed period {code!r}: expected {PERIOD_CODES}")
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
    end = None
    if months:
        last_month = first_month + months - 1
        end = date(year, last_month, calendar.monthrange(year, last_month)[1])
    return Period(code, kind, date(year, first_month, 1), end, months)
