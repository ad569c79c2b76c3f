"""Figures from one article, in passes: find the candidate numbers (a number followed by a unit
word, or a labelled count), skip those in layout the page does not report (layout.py), read
each one's cue (choice.py), tier (tier.py), place and period (scope.py) in the article's context
(context.py), emit it as a Candidate (candidate.py), then filter the figures (postfilter.py).
Pipe tables whose columns or rows are periods emit one Candidate per number cell (pipe_tables.py).

Work is done only around candidate numbers (found by one regex pass over the text); paragraphs
without one cost nothing beyond that pass.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from analysis.contract import EVIDENCE_SOFT_LIMIT
from analysis.extract.alternation import prefix_tree
from analysis.extract.candidate import Candidate
from analysis.extract.choice import (
    AFTER_REACH,
    AFTER_STOP,
    BEFORE_REACH,
    Choice,
    best_cue,
    lead_in_cue,
    lead_in_vetoed,
    received_then_settled,
    shared_descriptor,
    takes_lead_in,
)
from analysis.extract.context import ArticleContext, Paragraph
from analysis.extract.cues import (
    ISSUED,
    NOT_A_FIGURE,
    WHOLE_OF,
    Cue,
    CueTables,
    cue_name,
    load_cue_tables,
)
from analysis.extract.figure_scope import ScopeState, read_scope
from analysis.extract.layout import (
    inside,
    join_soft_breaks,
    plan_section,
    related_lists,
)
from analysis.extract.pipe_tables import period_tables, table_figures
from analysis.extract.postfilter import (
    REQUESTS,
    Figure,
    is_part,
    issued_as_requests,
    mark_subsets,
    share_list_evidence,
    without_restatements,
    without_rounded_headline,
)
from analysis.extract.scope import JurisdictionState, period_at, place_at
from analysis.extract.tier import TIER_REACH, level_named, tier_before
from analysis.vietnamese import LIST_MARKS, matching_view
from analysis.vietnamese.numbers import ROUND_MULTIPLIER, WORD_BEFORE_MULTIPLIER, WORDS_ALONE

_DATE_WORDS = re.compile(r"(?:ngày|sáng|chiều|tối|trưa|đêm|hôm|từ|đến)\s*$")


def _unit_of(m: re.Match[str] | _Labelled) -> str:
    name = m.lastgroup or ""
    return name[2:] if name.startswith("u_") else ""


class _Labelled:
    """A labelled count ("số vụ việc tiếp nhận là 845") read like a candidate match: its
    unit is the label's, and the figure ends where its number does."""

    __slots__ = ("_m", "label_start", "lastgroup")

    def __init__(self, m: re.Match[str]):
        self._m = m
        self.lastgroup = next(k for k, v in m.groupdict().items() if v and k.startswith("u_"))
        self.label_start = m.start()

    def __getitem__(self, group: str) -> str | None:
        return self._m.groupdict().get(group)

    def start(self, group: str = "") -> int:
        return self._m.start(group) if group else self._m.start()

    def end(self, group: str = "") -> int:
        return self._m.end(group) if group else self._m.end()


# Where a number written out may stand, over the lower-cased view: a space (or a line break)
# before one of the words. A pattern opening with a plain character lets the engine jump from
# one space to the next. "một" and "năm" only before a multiplier ("năm 2023" is everywhere).
_NUMBER_WORDS = prefix_tree([*WORDS_ALONE, f"{WORD_BEFORE_MULTIPLIER} {ROUND_MULTIPLIER}"])
_WORD_GATES = tuple(
    re.compile(before + r"(?=[hbstcmn])" + _NUMBER_WORDS + " ") for before in (" ", "\n", r"\(")
)


def _worded(pattern: re.Pattern[str], text: str, view: str) -> list[re.Match[str]]:
    """Numbers in words with their unit ("hai hội nghị"), matched on the text only where the
    view has one of the words."""
    starts = sorted(m.start() + 1 for gate in _WORD_GATES for m in gate.finditer(view))
    if _WORD_GATES[0].match(" " + view[:24]):
        starts.insert(0, 0)  # the text opens with one
    return [m for m in (pattern.match(text, start) for start in starts) if m is not None]


def _candidates(tables: CueTables, text: str) -> tuple[list[re.Match[str] | _Labelled], str]:
    """Numbers followed by a unit word (in digits or in words), and labelled counts whose number
    has none after it; with the text's matching view."""
    found: list[re.Match[str] | _Labelled] = list(tables.candidate.finditer(text))
    view = matching_view(text)
    if tables.worded is not None:
        worded = _worded(tables.worded, text, view)
        if worded:
            found = sorted([*found, *worded], key=lambda m: m.start("num"))
    if tables.labelled is None or not ("số" in text or "Số" in text or "SỐ" in text):
        return found, view
    labelled = list(tables.labelled.finditer(view))
    if not labelled:
        return found, view
    taken = {m.start("num") for m in found}
    extra = [_Labelled(m) for m in labelled if m.start("num") not in taken]
    if not extra:
        return found, view
    return sorted([*found, *extra], key=lambda m: m.start("num")), view


def extract_text(
    text: str, doc_id: str, meta: Mapping[str, Any] | None = None
) -> list[dict[str, Any]]:
    """Catalog figures in one article's NFC body text, as records of the contract (with
    record_id, start and end), ordered by position. `meta` may give `published` (a date)
    and `jurisdiction` (the article's province, or Việt Nam)."""
    tables = load_cue_tables()
    source, text = text, join_soft_breaks(text)
    candidates, view = _candidates(tables, text)
    if not candidates and not (text.startswith("|") or "\n|" in text):  # a table's cells
        return []  # have no unit after them
    article = ArticleContext(
        text,
        view,
        doc_id,
        meta or {},
        tables,
        tables.wholes,
        tables.documents,
    )
    state = JurisdictionState(article)
    scopes = ScopeState(article)
    view = article.view
    figures: list[Figure] = []
    para: Paragraph | None = None
    inherited = ("", "")
    plans_from = plan_section(text, view)
    related = related_lists(view, tables.words)
    pipe_tables = period_tables(text, view, tables.periods)  # read cell by cell below, not here
    skipped = sorted(related + [(t.start, t.end) for t in pipe_tables])
    for m in candidates:
        num_start = m.start("num")
        if num_start >= plans_from:
            break
        if skipped and inside(skipped, num_start):
            continue
        if m["whole"] and _DATE_WORDS.search(view, max(0, num_start - 8), num_start):
            continue
        if para is None or num_start >= para.end:
            if para is not None:
                state.leave_paragraph(para)
            para = article.paragraph(num_start)
            inherited = state.at_paragraph(para)
        figures.extend(_figures_of(article, para, inherited, scopes, m, figures))
    mark_subsets(text, view, figures, article.documents)
    figures = without_rounded_headline(text, without_restatements(figures))
    figures = issued_as_requests(figures, tables.wholes)
    share_list_evidence(text, view, figures)
    for table in pipe_tables:
        if table.start < plans_from:
            figures.extend(table_figures(article, table))
    figures.sort(key=lambda f: (f.record["start"], f.offset))
    if text is not source:  # evidence is the source's own characters, line breaks and all
        for f in figures:
            f.record["evidence"] = source[f.record["start"] : f.record["end"]]
    return [f.record for f in figures]


def _figures_of(
    article: ArticleContext,
    para: Paragraph,
    inherited: tuple[str, str],
    scopes: ScopeState,
    m: re.Match[str] | _Labelled,
    previous: list[Figure],
) -> list[Figure]:
    """The records one candidate (a number and its unit) gives: none, one, or part and whole."""
    tables, view, text = article.tables, article.view, article.text
    unit = _unit_of(m)
    num_start = m.start("num")
    qualifier, q_start = tables.words.qualifier_at(view, num_start)
    sentence = para.sentence_start(num_start)
    if _RANGE_BEFORE.search(view, max(para.start, q_start - RANGE_REACH), q_start):
        # "từ 10 đến 15 cuộc", "20 - 25 cuộc": the top of a range, no count of its own.
        return []
    clause = max(para.clause_start(num_start, sentence), num_start - BEFORE_REACH, para.start)
    unit_end = after_start = m.end()
    if qualifier == "exact" and view.find("trở lên", unit_end, unit_end + 12) >= 0:
        up = _AND_UP.match(view, unit_end)
        from_word = _FROM.search(view, max(para.start, q_start - 4), q_start) if up else None
        if from_word is not None:  # "đạt từ 82% trở lên": at least 82 percent
            qualifier, q_start, after_start = "at_least", from_word.start(), up.end()
    stop = AFTER_STOP.search(view, after_start, unit_end + AFTER_REACH)
    opened = view.rfind("(", clause, q_start)
    if (
        stop
        and stop[0] == ")"
        and opened > view.rfind(")", clause, q_start)
        and not view[opened + 1 : q_start].strip()
    ):
        # "100% dự thảo (45 dự thảo) ... được thẩm định": a count in brackets restating the
        # words before them; what is said of it comes after the bracket.
        stop = AFTER_STOP.search(view, stop.end(), unit_end + AFTER_REACH)
    after_end = stop.start() if stop else min(para.end, unit_end + AFTER_REACH)
    rate = (
        _RATE_WORDS.search(view, unit_end, after_end)
        if view.find("lệ", unit_end, after_end) >= 0
        else None
    )
    if rate is not None:  # "10 nghìn vụ việc, với tỷ lệ hòa giải thành ...": the rate's words
        after_end = rate.start()
    listed = _listed_after(view, para, previous, q_start)
    verb_from = clause
    if listed is None:
        choice = best_cue(tables, view, unit, (clause, q_start), (after_start, after_end))
    else:
        # "thẩm định 175 đề nghị xây dựng văn bản và 1.002 dự án, dự thảo VBQPPL": a count listed
        # after another names its own verb between them, else shares the first one's verb (the
        # words of the first one's unit, "xây dựng", are no cue of the next).
        choice = best_cue(tables, view, unit, (listed.unit_end, q_start), (after_start, after_end))
        if choice is None or choice.cue.side == "after":
            first = listed.verb_from if listed.verb_from >= 0 else clause
            verb = best_cue(tables, view, unit, (first, listed.q_start), (0, 0))
            if (
                verb is not None
                and verb.cue.says != NOT_A_FIGURE
                and (choice is None or choice.cue.says == verb.cue.says)
            ):
                choice, verb_from = verb, first
    if choice is not None and choice.cue.says == REQUESTS and choice.cue.side == "after":
        # "cấp được 689.125 phiếu LLTP": the words after name the record, the verb before says
        # the certificates were issued.
        verb = best_cue(tables, view, unit, (clause, q_start), (0, 0))
        if verb is not None and verb.cue.says == ISSUED:
            choice = verb
    if choice is None and unit == "cases":
        choice = received_then_settled(view, para, clause, q_start, unit_end)
    if choice is None:
        choice = shared_descriptor(tables, text, view, unit, unit_end)
    item = para.is_list_item(num_start)
    if choice is None and item and takes_lead_in(view, para, num_start):
        choice = lead_in_cue(article, unit, para.start)
    if choice is None:
        choice = _part_of_previous(view, previous, unit, q_start)
    if choice is None or choice.cue.says == NOT_A_FIGURE:
        return []
    if item and lead_in_vetoed(article, unit, para.start):
        return []
    if para.vetoed(tables.cues.get((unit, "sentence")), sentence, q_start):
        return []
    indicator = choice.cue.says
    wholes = article.wholes
    slash = view.rfind("/", max(para.start, q_start - 3), q_start)
    group = m.lastgroup
    if slash >= 0 and view[para.start : slash].rstrip().endswith(
        view[m.start(group) : m.end(group)]
    ):
        indicator = WHOLE_OF  # "712 vụ việc/845 vụ việc": the whole of the figure before
        choice = Choice(choice.cue, q_start - 1, q_start, 0)
    if indicator == WHOLE_OF:
        # "... thành 700 vụ việc trên tổng số 820 vụ việc": the whole of the figure before.
        part = best_cue(tables, view, unit, (clause, choice.start), (0, 0))
        if part is None or part.cue.says not in wholes:
            return []
        indicator, choice = wholes[part.cue.says], part
    period, period_from = period_at(article, para, num_start)
    if period is None:
        return []
    documents = article.documents
    level, level_end = ("", 0)
    if indicator in documents:
        # A tier right before the number ("(cấp tỉnh 30 văn bản, cấp huyện 121 văn bản)") names
        # the item's own tier, before the clause's subject (UBND tỉnh) names the whole's.
        level = tier_before(tables, view, max(clause, q_start - TIER_REACH), q_start)
        if not level:
            level, level_end = level_named(tables, view, clause, choice, unit_end)
    if choice.cue.side == "before":
        start = choice.start
    else:
        lead = tables.words.lead_verb.search(view, max(para.start, q_start - 30), q_start)
        start = lead.start() if lead else q_start
    if isinstance(m, _Labelled):
        start = min(start, m.label_start)
    if choice.cue.rule == OF_WHICH_RULE:  # the part's own label: "lĩnh vực pháp y: 425 vụ"
        start = _label_start(view, para, q_start)
    if start < para.start:  # the cue is in the list's lead-in: the item is the evidence
        start = num_start - len(view[para.start : num_start].lstrip(LIST_MARKS + " "))
    end = max(unit_end, choice.end if choice.cue.side == "after" else 0, level_end)
    if end - start > EVIDENCE_SOFT_LIMIT:
        start = q_start
        end = unit_end if end - start > EVIDENCE_SOFT_LIMIT else end
    place, place_from = place_at(para, inherited, view, num_start)
    scope = read_scope(article, para, scopes, indicator, (clause, q_start, unit_end))
    parts = [(indicator, m["num"], num_start, qualifier)]
    whole_group = "whole" if m["whole"] else "whole2" if m["whole2"] else None
    if whole_group and wholes.get(indicator):
        parts.append((wholes[indicator], m[whole_group], m.start(whole_group), "exact"))
    percent, cue = unit == "percent", cue_name(choice.cue)
    made = [
        Candidate(
            indicator=code,
            token=token,
            mult=m["mult"],
            percent=percent,
            qualifier=qual,
            level=level if code in documents else "",
            jurisdiction=place,
            place_from=place_from,
            period=period,
            period_from=period_from,
            cue=cue,
            offset=offset,
            start=start,
            end=end,
            q_start=q_start,
            unit_end=unit_end,
            listable=len(parts) == 1,
            scope=scope.scope,
            area=scope.area,
            scope_note=scope.note,
            scope_from=scope.why,
        ).to_figure(article.doc_id, text)
        for code, token, offset, qual in parts
    ]
    for fig in made:
        fig.unit, fig.verb_from = unit, verb_from
    return made


# Between a count and the next one listed under the same verb: its unit's words, asides in
# brackets ("(tăng 13,6% so với năm 2020)"), then a comma, a ";" or "và".
_LISTED_GAP = re.compile(
    r"(?:[^\d.!?\n;,()]|\([^()\n]{0,60}\)){0,80}(?:,|;|\bvà)\s*(?:các |cấp \w+ )?"
)


LISTED_GAP = 160


def _listed_after(
    view: str, para: Paragraph, previous: list[Figure], q_start: int
) -> Figure | None:
    """The figure a count is listed after, under one verb, in its sentence (see _figures_of)."""
    prev = previous[-1] if previous else None
    if prev is None or not (para.start <= prev.q_start and prev.unit_end <= q_start):
        return None
    if q_start - prev.unit_end > LISTED_GAP:
        return None
    if prev.q_start < para.sentence_start(q_start):
        return None
    return prev if _LISTED_GAP.fullmatch(view, prev.unit_end, q_start) else None


OF_WHICH_RULE = "of-which"
_PART_LABEL = re.compile(r".*(?:[,;:(]|\btrong đó\b|\bgồm\b)\s*", re.S)


def _part_of_previous(view: str, previous: list[Figure], unit: str, q_start: int) -> Choice | None:
    """A count that names no cue of its own, listed as a part of the figure before it with the
    same unit ("thực hiện 229 vụ việc ..., trong đó: 207 vụ việc Hình sự; 22 vụ việc Dân sự",
    "giám định 891 vụ việc. Trong đó, lĩnh vực pháp y: 425 vụ"): that figure's indicator (the
    rule `of-which`; mark_subsets makes it a part)."""
    prev = next((f for f in reversed(previous[-3:]) if f.unit == unit), None)
    if prev is None or prev.unit_end > q_start:
        return None
    after_part = prev.record["cue"] == f"rule:{OF_WHICH_RULE}" and _LIST_PART_GAP.fullmatch(
        view, prev.unit_end, q_start
    )
    if not after_part and not is_part(view, prev, q_start):
        return None
    cue = Cue(prev.record["indicator"], "after", 0, OF_WHICH_RULE)
    return Choice(cue, q_start, q_start, 0)


_LIST_PART_GAP = re.compile(r"[^\d.!?\n]{0,60}?(?:[,;]|\bvà)[^\d.!?\n]{0,60}")


def _label_start(view: str, para: Paragraph, q_start: int) -> int:
    """Where a part's label starts: after the last mark or "trong đó" before its number."""
    lo = max(para.start, q_start - 60)
    m = _PART_LABEL.match(view, lo, q_start)
    return m.end() if m else lo


_AND_UP = re.compile(r"\s*trở lên(?!\w)")
_FROM = re.compile(r"(?<!\w)từ\s+$")
_RATE_WORDS = re.compile(r"(?<!\w)t[ỷỉ] lệ(?!\w)")


# The lower end of a range right before a number ("từ 10 đến", "20 - "; a year is no lower end).
_RANGE_BEFORE = re.compile(
    r"(?:từ\s+[0-9][0-9.,]*\s+(?:đến|tới)|(?<![0-9.,])[0-9]{1,3}\s*[-–])\s*$"
)
RANGE_REACH = 24
