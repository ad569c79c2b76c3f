"""Plausibility of reviewed figures: each rule named, each message saying why, and a way for a
person to accept what they have checked.

`validate` (and so `report` and `export`) runs these on the reviewed records after every other
rule has passed:
- `period-not-begun` (error): the period begins after its source was published: no source can
  report a period that had not begun (a target, or a year typed wrong: 2099);
- `period-unfinished` (warning): the period ends after its source was published, when less than
  `UNFINISHED_SHARE` of it had passed: a figure for the whole period cannot be in it yet (the
  year so far is `YYYY-YTD`). Year reports published in December, half-year ones in late June
  and a ten-year review in its last year are common and pass (`> 75 %` had passed);
- `above-ceiling` (error): a count above the ceiling `reference/ceilings.csv` states for its
  indicator, per resident of the jurisdiction and year, with the reason beside it.
A person who has checked a figure accepts a rule for it by writing `accept: <rule>` in its note
(records/) or in the reason of its review (reviews/, which becomes its note); several rules are
separated by commas. An accepted figure is counted in `validate`'s summary, not repeated.
Dates in the future (a review dated 2099) are refused where they are read: the date fields'
`future-date` check (analysis.schema.fields).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from analysis.errors import Problem
from analysis.schema.rules import Rule

ACCEPTABLE = (Rule.PERIOD_UNFINISHED, Rule.ABOVE_CEILING)
ACCEPT_WHERE = "its note (a reviewed candidate: its review's reason)"
UNFINISHED_SHARE = 0.75
_ACCEPT = re.compile(r"accept:\s*([a-z][a-z-]*(?:\s*,\s*[a-z][a-z-]*)*)")


def accepted_rules(note: object) -> set[str]:
    """The rules a note accepts: `accept: above-ceiling, period-unfinished`."""
    if not isinstance(note, str):
        return set()
    return {r.strip() for m in _ACCEPT.finditer(note) for r in m.group(1).split(",")}


class Hit(NamedTuple):
    """A rule a record broke: its row in the loaded frame, the message, the rule, and whether it
    is an error (else a warning)."""

    row: int
    message: str
    rule: str
    error: bool


def _years(months: pd.Series) -> pd.Series:
    """A period's length in years, at least one (a year to an unstated date counts as one)."""
    return (months.astype("Float64") / 12).fillna(1.0).clip(lower=1.0)


def _day(value: object) -> str:
    return pd.Timestamp(value).strftime("%Y-%m-%d")


def plausibility(
    records: pd.DataFrame, ceilings: pd.DataFrame | None, ceilings_file: str
) -> tuple[list[Hit], int]:
    """Run the rules on the reviewed records (as `load_records` gives them): what they found,
    not yet placed at a file and line, and how many findings a note accepted."""
    reviewed = records[records["status"] == "reviewed"]
    hits: list[Hit] = []
    accepted = 0

    def hit(rows: pd.DataFrame, rule: str, error: bool, message) -> None:
        nonlocal accepted
        for i, r in rows.iterrows():
            if rule in accepted_rules(r["note"]):
                accepted += 1
            else:
                hits.append(Hit(i, f"record {r['record_id']}: {message(r)}", rule, error))

    published = reviewed["source_published"]
    dated = reviewed[published.notna()]
    not_begun = dated[dated["period_start"] > dated["source_published"]]
    hit(
        not_begun,
        Rule.PERIOD_NOT_BEGUN,
        True,
        lambda r: (
            f"period {r['period']} begins on {_day(r['period_start'])}, after its source "
            f"{r['doc_id']} was published on {_day(r['source_published'])}: a source cannot "
            "report a period that had not begun; fix the period, or the source's published date"
        ),
    )
    running = dated[
        dated["period_end"].notna()
        & (dated["period_start"] <= dated["source_published"])
        & (dated["period_end"] > dated["source_published"])
    ]
    span = (running["period_end"] - running["period_start"]).dt.days + 1
    passed = (running["source_published"] - running["period_start"]).dt.days / span
    hit(
        running[passed < UNFINISHED_SHARE],
        Rule.PERIOD_UNFINISHED,
        False,
        lambda r: (
            f"period {r['period']} ends on {_day(r['period_end'])}, after its source "
            f"{r['doc_id']} was published on {_day(r['source_published'])}, when "
            f"{_share(r):.0%} of it had passed: a figure for the whole period cannot be in it "
            f"yet (the year so far is {str(r['period'])[:4]}-YTD); if you checked it is, write "
            f"'accept: period-unfinished' in {ACCEPT_WHERE}"
        ),
    )
    if ceilings is not None:
        table = ceilings.set_index("indicator")
        counted = reviewed[
            reviewed["indicator"].astype(str).isin(table.index) & reviewed["population"].notna()
        ]
        per = counted["indicator"].astype(str).map(table["per_resident_per_year"])
        years = _years(counted["period_months"])
        ceiling = per * counted["population"].astype(float) * years
        over = counted[counted["value"].astype(float) > ceiling]
        hit(
            over,
            Rule.ABOVE_CEILING,
            True,
            lambda r: _above(r, table.loc[str(r["indicator"])], ceilings_file),
        )
    return hits, accepted


def _share(r: pd.Series) -> float:
    span = (r["period_end"] - r["period_start"]).days + 1
    return (r["source_published"] - r["period_start"]).days / span


def _above(r: pd.Series, stated: pd.Series, ceilings_file: str) -> str:
    years = float(_years(pd.Series([r["period_months"]], dtype="Float64")).iloc[0])
    ceiling = stated["per_resident_per_year"] * float(r["population"]) * years
    span = "1 year" if years == 1 else f"{years:g} years"
    why = str(stated["reason"]).split(". ")[0].rstrip(".")
    return (
        f"{r['indicator']} {float(r['value']):g} for {r['jurisdiction']} {r['period']} is above "
        f"its ceiling of {ceiling:,.0f} ({stated['per_resident_per_year']:g} per resident and "
        f"year × {int(r['population']):,} residents × {span}: {why}; "
        f"{ceilings_file}:{int(stated['line'])}); if you checked it, write "
        f"'accept: above-ceiling' in {ACCEPT_WHERE}"
    )


def record_places(files: Iterable[Path], ids: set[str]) -> dict[str, tuple[str, int]]:
    """Where each of `ids` is written (file, line), read with Python's csv: only the few ids a
    rule found are looked for, so the files are read only when something is found."""
    places: dict[str, tuple[str, int]] = {}
    for path in files:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            reader = csv.reader(fh)
            header = next(reader, [])
            if "record_id" not in header:
                continue
            at = header.index("record_id")
            line = reader.line_num
            for row in reader:
                if len(row) > at and row[at] in ids:
                    places.setdefault(row[at], (str(path), line + 1))
                line = reader.line_num
    return places


def placed(
    records: pd.DataFrame, hits: list[Hit], files: Iterable[Path]
) -> tuple[list[Problem], list[Problem]]:
    """The findings as Problems at the file and line each record is written on: (errors,
    warnings)."""
    ids = {str(records.at[h.row, "record_id"]) for h in hits}
    places = record_places(files, ids) if ids else {}
    errors, warnings = [], []
    for h in hits:
        file, line = places.get(str(records.at[h.row, "record_id"]), ("records", None))
        (errors if h.error else warnings).append(Problem(file, h.message, h.rule, line=line))
    return errors, warnings


def unknown_accepts(records: pd.DataFrame, files: Iterable[Path]) -> list[Problem]:
    """A warning for each note that accepts a rule no check has: a misspelt name accepts
    nothing, and must not look as if it did."""
    notes = records[records["note"].fillna("").str.contains("accept:", regex=False)]
    bad = {}
    for _, r in notes.iterrows():
        unknown = accepted_rules(r["note"]) - set(ACCEPTABLE)
        if unknown:
            bad[str(r["record_id"])] = sorted(unknown)
    places = record_places(files, set(bad)) if bad else {}
    problems = []
    for rid, names in bad.items():
        file, line = places.get(rid, ("records", None))
        problems.append(
            Problem(
                file,
                f"record {rid}: its note accepts {', '.join(names)}, which no check is called "
                f"(a note can accept: {', '.join(ACCEPTABLE)})",
                Rule.BAD_ACCEPT,
                line=line,
            )
        )
    return problems
