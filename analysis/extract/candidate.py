"""A figure found but not yet a record: its number, where it stands, and what the passes read
about it (indicator, qualifier, level, place, period and where each came from). The passes
that find figures emit Candidates; `to_figure` turns one into a contract record."""

from __future__ import annotations

from typing import NamedTuple

from analysis.contract import record_id
from analysis.extract.numbers import parse_number
from analysis.extract.postfilter import Figure


class Candidate(NamedTuple):
    """One figure as the passes hand it on: `token` and `mult` are its number as written;
    `start`/`end` span its evidence, `offset` its number; `q_start` and `unit_end` bound the
    qualifier-number-unit run the post-filters group lists by."""

    indicator: str
    token: str
    mult: str | None
    percent: bool
    qualifier: str
    level: str
    jurisdiction: str
    place_from: str
    period: str
    period_from: str
    cue: str
    offset: int
    start: int
    end: int
    q_start: int
    unit_end: int
    listable: bool
    # What part of the place's work it counts (the contract's scope columns) and why.
    scope: str = "total"
    area: str = ""
    scope_note: str = ""
    scope_from: str = ""


def to_figure(candidate: Candidate, doc_id: str, text: str) -> Figure:
    """The contract record of a candidate (record_id from its indicator and number offset,
    evidence its span of `text`), wrapped with the positions the post-filters need."""
    (indicator, token, mult, percent, qualifier, level, place, place_from, period, period_from,
     cue, offset, start, end, q_start, unit_end, listable, scope, area, scope_note,
     scope_from) = candidate  # fmt: skip
    value = parse_number(token, mult, percent=percent)
    record = {
        "record_id": record_id(doc_id, indicator, offset),
        "doc_id": doc_id,
        "indicator": indicator,
        "value": float(value) if percent else value,
        "qualifier": qualifier,
        "jurisdiction": place,
        "period": period,
        "level": level,
        "evidence": text[start:end],
        "scope": scope,
        "area": area,
        "scope_note": scope_note,
        "start": start,
        "end": end,
        "cue": cue,
        "place_from": place_from,
        "period_from": period_from,
        "scope_from": scope_from,
    }
    return Figure(record, offset, q_start, unit_end, listable=listable)
