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


def to_figure(candidate: Candidate, doc_id: str, text: str) -> Figure:
    """The contract record of a candidate (record_id from its indicator and number offset,
    evidence its span of `text`), wrapped with the positions the post-filters need."""
    c = candidate
    value = parse_number(c.token, c.mult, percent=c.percent)
    record = {
        "record_id": record_id(doc_id, c.indicator, c.offset),
        "doc_id": doc_id,
        "indicator": c.indicator,
        "value": float(value) if c.percent else value,
        "qualifier": c.qualifier,
        "jurisdiction": c.jurisdiction,
        "period": c.period,
        "level": c.level,
        "evidence": text[c.start : c.end],
        "start": c.start,
        "end": c.end,
        "cue": c.cue,
        "place_from": c.place_from,
        "period_from": c.period_from,
    }
    return Figure(record, c.offset, c.q_start, c.unit_end, listable=c.listable)
