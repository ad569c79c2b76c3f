"""Pipe tables whose columns (or rows) are periods, as saved pages and Markdown keep them: found
by `period_tables`, and read cell by cell by `table_figures` into Candidates, each number cell
with its period from its header (or row), its unit and cue from its row's label (or column)."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from analysis.extract import period as periods
from analysis.extract.candidate import Candidate
from analysis.extract.choice import AFTER_REACH, AFTER_STOP, best_cue
from analysis.extract.context import ArticleContext
from analysis.extract.cues import NOT_A_FIGURE, WHOLE_OF, cue_name
from analysis.extract.postfilter import Figure, issued_as_requests
from analysis.extract.scope import JurisdictionState, place_at
from analysis.extract.tier import TIER_REACH, level_named, tier_before
from analysis.vietnamese import NUMBER


@dataclass(slots=True)
class PipeTable:
    """A table written with pipes whose columns (or rows) are periods: its span and its rows,
    each a list of (start, end) cell spans in the text, the header row first."""

    start: int
    end: int
    rows: list[list[tuple[int, int]]]


_SEPARATOR_CELL = re.compile(r"\s*:?-{2,}:?\s*")
_BARE_YEAR = re.compile(r"\s*((?:19|20)\d\d)\s*")
_BARE_CELL = re.compile(r"\s*(" + NUMBER + r")\s*(%?)\s*")
# The unit a row label gives in brackets at its end: "(cuộc)", "(%)", "(đơn vị: lượt người)".
_LABEL_UNIT = re.compile(r"\((?:[^():]{0,20}:\s*)?([^():]{1,25})\)\s*$")


def _cells(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The cell spans of the pipe row text[start:end] ("| a | b |")."""
    bars = [i for i in range(start, end) if text[i] == "|"]
    if not text[start:end].rstrip().endswith("|"):
        bars.append(end)  # a row without its closing pipe
    return [(a + 1, b) for a, b in itertools.pairwise(bars)]


def _has_period(view: str, span: tuple[int, int], words: periods.PeriodWords) -> bool:
    return bool(
        _BARE_YEAR.fullmatch(view, *span) or periods.find_mentions(view, *span, words=words)
    )


def period_tables(text: str, view: str, words: periods.PeriodWords) -> list[PipeTable]:
    """Tables written with pipes (lines opening with "|"), as saved pages and Markdown keep
    them, whose header names a period in some column ("| Chỉ tiêu | Năm 2022 | Năm 2023 |") or
    whose first column does ("| 2022 | 812 | 673 |" under "| Năm | Số vụ việc | ... |")."""
    found: list[PipeTable] = []
    pos = 0 if text.startswith("|") else text.find("\n|")
    while pos >= 0:
        start = pos + (text[pos] == "\n")
        end, rows = start, []
        while end < len(text) and text[end] == "|":
            line_end = text.find("\n", end)
            line_end = len(text) if line_end < 0 else line_end
            cells = _cells(text, end, line_end)
            if not all(_SEPARATOR_CELL.fullmatch(text, *c) for c in cells):
                rows.append(cells)
            end = line_end + 1
        end = min(end, len(text))
        if len(rows) > 1 and any(
            _has_period(view, c, words) for c in [*rows[0][1:], *(r[0] for r in rows[1:] if r)]
        ):
            found.append(PipeTable(start, end, rows))
        pos = text.find("\n|", end - 1) if end < len(text) else -1
    return found


# The number stands this far after its label's end, as "<label>: <number>" reads.
LABEL_GAP = 2
_RATE_WORDS = re.compile(r"(?<!\w)t[ỷỉ] lệ(?!\w)")


def table_figures(article: ArticleContext, table: PipeTable) -> list[Figure]:
    """The figures of a period table: each number cell with its period the column's header
    (or the row's first cell when that is the period), its label the row's first cell (or the
    column's header), its unit the label's bracket ("(cuộc)", "(%)"), a % in the cell, or the
    label itself ("Số vụ việc tiếp nhận"); its area the one in force where the table stands.
    A column that is no period ("Tăng/giảm", "So sánh") gives nothing. The evidence runs from
    the label to the cell."""
    text, view = article.text, article.view
    para = article.paragraph(table.start)
    area, area_from = place_at(
        para, JurisdictionState(article).at_paragraph(para), view, table.start
    )
    header, found = table.rows[0], []
    for row in table.rows[1:]:
        for col, cell in enumerate(row[1:], start=1):
            number = _BARE_CELL.fullmatch(text, *cell)
            if number is None or col >= len(header):
                continue
            if _has_period(view, header[col], article.tables.periods):
                when, label = header[col], row[0]
            elif _has_period(view, row[0], article.tables.periods):
                when, label = row[0], header[col]
            else:
                continue
            period = _cell_period(article, when)
            if period is None:
                continue
            candidate = _cell_candidate(article, number, when, label, (area, area_from), period)
            if candidate is not None:
                figure = candidate.to_figure(article.doc_id, text)
                found.extend(issued_as_requests([figure], article.wholes))
    return found


def _cell_period(article: ArticleContext, when: tuple[int, int]) -> str | None:
    """The period code a header cell names: a bare year, else its last period phrase, its
    missing year taken from the cell's own words, else the publication date (not from the
    article's other phrases: a cell is read on its own)."""
    bare = _BARE_YEAR.fullmatch(article.view, *when)
    if bare is not None:
        return bare[1]
    words = article.view[slice(*when)].strip()
    mentions = periods.find_mentions(words, 0, len(words), words=article.tables.periods)
    if not mentions:
        return None
    dated = [m for m in mentions if m.year is not None]
    resolver = periods.PeriodResolver(words, article.published, lambda: iter(dated))
    return resolver.code(mentions[-1])


def _cell_candidate(
    article: ArticleContext,
    number: re.Match[str],
    when: tuple[int, int],
    label: tuple[int, int],
    place: tuple[str, str],
    period: str,
) -> Candidate | None:
    """The candidate of one number cell, or None when its label names no unit or no cue, or
    names a target (a sentence veto)."""
    text, view, tables = article.text, article.view, article.tables
    raw = text[slice(*label)]
    label_start = label[0] + len(raw) - len(raw.lstrip())
    label_text = raw.strip()
    bracket = _LABEL_UNIT.search(label_text)
    name_end = label_start + len(label_text[: bracket.start()].rstrip() if bracket else label_text)
    offset, end = number.start(1), number.end(1)
    unit, mult, after, bound = "", None, (0, 0), name_end
    if number[2]:
        unit = "percent"
    elif bracket is not None:
        words = bracket[1].strip()
        words_start = label_start + bracket.start(1) + bracket[1].index(words)
        bound = words_start + len(words)
        named = tables.unit_word.match(text, words_start, bound)
        if named is not None:
            unit, mult = (named.lastgroup or "").removeprefix("u_"), named["mult"]
            after = (named.end(), bound)
    if not unit:
        labelled = tables.label_unit.search(view, label_start, name_end)
        if labelled is None:
            return None
        unit = next(k for k, v in labelled.groupdict().items() if v)[2:]
    if after[0] < after[1]:
        stop = AFTER_STOP.search(view, after[0], min(after[1], after[0] + AFTER_REACH))
        after_end = stop.start() if stop else after[1]
        rate = _RATE_WORDS.search(view, after[0], after_end)
        after = (after[0], rate.start() if rate else after_end)
    choice = best_cue(tables, view, unit, (label_start, name_end), after, LABEL_GAP)
    if choice is None or choice.cue.says == NOT_A_FIGURE:
        return None
    # A target or plan named in the header or the label; the label reads as a lead-in ending
    # with a colon ("Chỉ tiêu hòa giải thành:"), as the veto rows' "chỉ tiêu ...:" expects.
    veto = tables.cues.get((unit, "sentence"))
    if veto is not None and (
        veto.search(view, *when) or veto.regex.search(view[label_start:name_end] + ":")
    ):
        return None
    indicator = choice.cue.says
    if indicator == WHOLE_OF:
        part = best_cue(tables, view, unit, (label_start, choice.start), (0, 0), LABEL_GAP)
        if part is None or part.cue.says not in article.wholes:
            return None
        indicator, choice = article.wholes[part.cue.says], part
    level = ""
    if indicator in article.documents:
        # The label's view alone: the cells after it name no tier of its figure.
        bounded = view[:bound]
        unit_end = after[0] if after[0] else name_end
        clause = unit_end if choice.cue.side == "after" else label_start
        level, _ = level_named(tables, bounded, clause, choice, unit_end)
        if not level:
            reach = max(label_start, name_end + LABEL_GAP - TIER_REACH)
            level = tier_before(tables, view, reach, name_end)
    where, place_from = place
    return Candidate(
        indicator=indicator,
        token=number[1],
        mult=mult,
        percent=unit == "percent",
        qualifier="exact",
        level=level,
        jurisdiction=where,
        place_from=place_from,
        period=period,
        period_from="table",
        cue=cue_name(choice.cue),
        offset=offset,
        start=min(label_start, offset),
        end=end,
        q_start=offset,
        unit_end=end,
        listable=False,
        scope_from="table",
    )
