"""A figure in its source: the paragraph and sentence around its evidence, the number marked.

The reviewer reads the words the extractor read, in their paragraph, with the sentence, the
evidence and the number itself set apart, so that a wrong place, period or number shows at a
glance. The result is a list of plain-text segments, each with the marks that apply, for the
view to draw (never HTML built from the source's text).
"""

from __future__ import annotations

import itertools
import math
import re
from dataclasses import dataclass

from analysis.vietnamese import MULTIPLIER, NUMBER, WORD_NUMBER, parse_number

# Longest paragraph shown whole; a longer one is cut around the evidence, with an ellipsis.
PARAGRAPH_CHARS = 1200
_NUMBER = re.compile(rf"(?P<n>{NUMBER})(?:[ \u00a0]?(?P<pct>%)|\s+(?P<mult>{MULTIPLIER})\b)?")
_WORD = re.compile(rf"(?<!\w)(?P<w>{WORD_NUMBER})(?:\s+(?P<mult>{MULTIPLIER}))?(?!\w)")
_SENTENCE_END = re.compile(r'[.!?…]["”»)]*\s+')
MARKS = ("sentence", "evidence", "number")


@dataclass(frozen=True)
class Segment:
    """A run of text and the marks on it (`sentence`, `evidence`, `number`)."""

    text: str
    marks: tuple[str, ...] = ()


def paragraph_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The line(s) holding [start, end): one paragraph per line in a stored article."""
    first = text.rfind("\n", 0, start) + 1
    last = text.find("\n", end)
    return first, len(text) if last < 0 else last


def sentence_bounds(text: str, start: int, end: int, lo: int, hi: int) -> tuple[int, int]:
    """The sentence of [start, end) within [lo, hi): from after the last sentence end before
    `start` that a capital letter, digit or quote follows, to the first such end after `end`."""
    first, last = lo, hi
    for m in _SENTENCE_END.finditer(text, lo, hi):
        follows = text[m.end() : m.end() + 1]
        if not follows or not (follows.isupper() or follows.isdigit() or follows in '"“-–('):
            continue
        if m.end() <= start:
            first = m.end()
        elif m.start() >= end:
            last = m.start() + 1
            break
    return first, last


def number_span(evidence: str, value: float) -> tuple[int, int] | None:
    """Where in the evidence the figure's number is written: the first number (digits, or a
    small number in words) that reads as `value`; None if none does."""
    for m in _NUMBER.finditer(evidence):
        try:
            read = parse_number(m["n"], m["mult"], bool(m["pct"]))
        except (ValueError, ArithmeticError):
            continue
        if math.isclose(float(read), value, rel_tol=1e-9, abs_tol=1e-9):
            return m.start("n"), m.end()
    for m in _WORD.finditer(evidence):
        if math.isclose(float(parse_number(m["w"], m["mult"])), value):
            return m.start(), m.end()
    return None


def segments(
    text: str, start: int | None, end: int | None, evidence: str, value: float | None
) -> list[Segment]:
    """The evidence's paragraph in `text` as marked segments; the evidence alone (marked) when
    the source's text is not stored or the offsets do not hold it."""
    spot = _number(evidence, value)
    if start is None or end is None or text[start:end] != evidence:
        return _split(evidence, 0, len(evidence), [(0, len(evidence), "evidence"), *spot])
    lo, hi = paragraph_bounds(text, start, end)
    s0, s1 = sentence_bounds(text, start, end, lo, hi)
    if hi - lo > PARAGRAPH_CHARS:
        around = max(0, PARAGRAPH_CHARS - (end - start)) // 2
        lo, hi = max(lo, min(s0, start - around)), min(hi, max(s1, end + around))
    marks = [(s0, s1, "sentence"), (start, end, "evidence")]
    marks += [(start + a, start + b, mark) for a, b, mark in spot]
    found = _split(text, lo, hi, marks)
    if lo > 0 and text[lo - 1] != "\n":
        found.insert(0, Segment("… "))
    if hi < len(text) and text[hi] != "\n":
        found.append(Segment(" …"))
    return found


def _number(evidence: str, value: float | None) -> list[tuple[int, int, str]]:
    where = number_span(evidence, value) if value is not None else None
    return [(where[0], where[1], "number")] if where else []


def _split(text: str, lo: int, hi: int, marks: list[tuple[int, int, str]]) -> list[Segment]:
    """text[lo:hi] cut at every mark's bounds, each piece with the marks covering it."""
    cuts = sorted({lo, hi, *(min(max(p, lo), hi) for a, b, _ in marks for p in (a, b))})
    out = []
    for a, b in itertools.pairwise(cuts):
        if a == b:
            continue
        on = tuple(m for m in MARKS if any(s <= a and b <= e for s, e, n in marks if n == m))
        out.append(Segment(text[a:b], on))
    return out
