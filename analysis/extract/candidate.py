"""A figure found but not yet a record: its number, where it stands, and what the passes read
about it (indicator, qualifier, level, place, period, scope and where each came from). The
passes that find figures build Candidates by field name; `Candidate.to_figure` turns one into
a contract record."""

from __future__ import annotations

from dataclasses import dataclass

from analysis.contract import record_id
from analysis.extract.postfilter import Figure
from analysis.vietnamese import parse_number


@dataclass(frozen=True, slots=True, kw_only=True)
class Candidate:
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

    def to_figure(self, doc_id: str, text: str) -> Figure:
        """The contract record of this candidate (record_id from its indicator and number
        offset, evidence its span of `text`), wrapped with the positions the post-filters
        need."""
        value = parse_number(self.token, self.mult, percent=self.percent)
        record = {
            "record_id": record_id(doc_id, self.indicator, self.offset),
            "doc_id": doc_id,
            "indicator": self.indicator,
            "value": float(value) if self.percent else value,
            "qualifier": self.qualifier,
            "jurisdiction": self.jurisdiction,
            "period": self.period,
            "level": self.level,
            "evidence": text[self.start : self.end],
            "scope": self.scope,
            "area": self.area,
            "scope_note": self.scope_note,
            "start": self.start,
            "end": self.end,
            "cue": self.cue,
            "place_from": self.place_from,
            "period_from": self.period_from,
            "scope_from": self.scope_from,
        }
        return Figure(record, self.offset, self.q_start, self.unit_end, listable=self.listable)
