"""Figures from one article: numbers followed by a unit word, told apart by the cue tables,
placed in a jurisdiction and a period from their sentence, paragraph and article. The page's
layout (head, soft line breaks, plan section, related headlines) is read in layout.py, and the
passes over the figures found (parts, restatements, rounded headlines) are in postfilter.py.

Work is done only around candidate numbers (a number followed by a unit word, found by one
regex pass over the text); paragraphs without one cost nothing beyond that pass.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, NamedTuple

from analysis.contract import EVIDENCE_SOFT_LIMIT, record_id
from analysis.extract import jurisdiction as juris
from analysis.extract import period as periods
from analysis.extract.alternation import prefix_tree
from analysis.extract.candidate import Candidate, to_figure
from analysis.extract.cues import (
    ISSUED,
    NOT_A_FIGURE,
    WHOLE_OF,
    Cue,
    CueSet,
    CueTables,
    WordLists,
    cue_name,
    load_cue_tables,
)
from analysis.extract.layout import (
    head_end,
    inside,
    join_soft_breaks,
    page_date,
    plan_section,
    related_lists,
)
from analysis.extract.numbers import NUMBER, qualifier_before
from analysis.extract.postfilter import (
    REQUESTS,
    Figure,
    issued_as_requests,
    share_list_evidence,
    without_restatements,
    without_rounded_headline,
    without_subsets,
)
from analysis.extract.text import matching_view

# Where the words after a unit stop belonging to it.
_AFTER_STOP = re.compile(r"[;:()!?\n…]|\.(?!\d)|\d")
_LEVEL_STOP = re.compile(r"[;!?\n…]|\.(?!\d)|\d")
# Cue search reaches this far back within a clause, and after-cues this far after the unit.
BEFORE_REACH = 260
NEAR_REACH, NEAR_OVERLAP, LONGEST_CUE = 60, 40, 40
AFTER_REACH = 80
COMMA_PENALTY = 40
LEVEL_REACH = 90
# A second tier right after the one a document count names: the count spans both.
_SECOND_TIER = re.compile(
    r"\s*(?:,|,? và)\s*(?:của |do )?(?:các )?(?:cấp )?(?:tỉnh|huyện|xã|trung ương|địa phương)(?!\w)"
)
_DATE_WORDS = re.compile(r"(?:ngày|sáng|chiều|tối|trưa|đêm|hôm|từ|đến)\s*$")


@dataclass(slots=True)
class _Choice:
    cue: Cue
    start: int
    end: int
    distance: int

    def rank(self) -> tuple[int, int, int, int, int]:
        return _rank(self.cue, self.start, self.end, self.distance)


def _rank(cue: Cue, start: int, end: int, distance: int) -> tuple[int, int, int, int, int]:
    """Nearest first; on a tie `none` (not a figure), then a cue before the number (the
    verb says more than the unit's description), then the longer cue, then the earlier row."""
    return (
        distance,
        0 if cue.says == NOT_A_FIGURE else 1,
        0 if cue.side == "before" else 1,
        start - end,
        cue.row,
    )


# A full stop, !, ? or … before a space (a closing quote may stand between), in the view.
_SENTENCE_MARK = re.compile(r'\.(?= |["”] )|[!?…](?= )')
_SENTENCE_OPENERS = '-–—"“(•*+'


class _PlaceIndex(NamedTuple):
    starts: list[int]
    bare: list[int]  # indices into places
    bare_starts: list[int]
    initial: list[int]  # non-bare places opening their sentence (or a speaker's office)
    initial_starts: list[int]


@dataclass
class _Paragraph:
    """One paragraph: its bounds, the places and periods named in it, and its sentences,
    found on demand (a sentence ends at . ! ? … before a capital, a quote or a dash)."""

    text: str
    view: str
    start: int
    end: int
    places: list[juris.Mention]
    periods: list[periods.PeriodMention]
    words: WordLists
    _vetoes: dict[str, tuple[int, int, bool]] = field(default_factory=dict)

    @cached_property
    def place_index(self) -> _PlaceIndex:
        """The paragraph's places sorted for lookups by position (see _jurisdiction)."""
        starts = [p.start for p in self.places]
        bare = [i for i, p in enumerate(self.places) if p.how == "bare"]
        initial = []
        for i, place in enumerate(self.places):
            if place.how == "bare":
                continue
            place_sentence = self.sentence_start(place.start)
            if _sentence_initial(
                self.view, place_sentence, place.start, self.words
            ) or _speakers_office(self.view, self, place, place_sentence):
                initial.append(i)
        return _PlaceIndex(
            starts,
            bare,
            [starts[i] for i in bare],
            initial,
            [starts[i] for i in initial],
        )

    @cached_property
    def _period_ends(self) -> list[int] | None:
        ends = [m.end for m in self.periods]
        return ends if ends == sorted(ends) else None

    @cached_property
    def _period_starts(self) -> list[int]:
        return [m.start for m in self.periods]

    def period_before(self, pos: int) -> periods.PeriodMention | None:
        """The last period phrase before pos (of those before the first one ending after it)."""
        ends = self._period_ends
        if ends is not None:
            i = bisect.bisect_right(ends, pos) - 1
            return self.periods[i] if i >= 0 else None
        before = None
        for mention in self.periods:
            if mention.end > pos:
                break
            before = mention
        return before

    def period_from(self, pos: int) -> periods.PeriodMention | None:
        """The first period phrase starting at or after pos."""
        i = bisect.bisect_left(self._period_starts, pos)
        return self.periods[i] if i < len(self.periods) else None

    @cached_property
    def _first_marks(self) -> tuple[int, int]:
        """Where the paragraph's first tab and first " | " stand (-1 if none)."""
        return (
            self.text.find("\t", self.start, self.end),
            self.text.find(" | ", self.start, self.end),
        )

    def is_list_item(self, pos: int) -> bool:
        """_is_list_item for the paragraph's line, its marks looked up once."""
        tab, bar = self._first_marks
        return bool(
            _ITEM_MARK.match(self.text, self.start, pos)
            or 0 <= tab < pos
            or (bar >= 0 and bar + 3 <= pos)
        )

    def first_match(self, pattern: re.Pattern[str]) -> int:
        """Where pattern first matches in the paragraph's view (-1 if nowhere), searched once."""
        found = self._first_matches.get(pattern)
        if found is None:
            m = pattern.search(self.view, self.start, self.end)
            found = self._first_matches[pattern] = -1 if m is None else m.start()
        return found

    @cached_property
    def _first_matches(self) -> dict[re.Pattern[str], int]:
        return {}

    def _opens(self, mark: int) -> int:
        """The start of the sentence after the mark at `mark`, or -1 if it ends none."""
        nxt = mark + 1
        while nxt < self.end and self.text[nxt] in ' \t"”’)':
            nxt += 1
        if nxt < self.end and (
            self.text[nxt].isupper()
            or self.text[nxt] in _SENTENCE_OPENERS
            or self.text[nxt].isdigit()
        ):
            return nxt
        return -1

    @cached_property
    def _sentence_starts(self) -> list[int]:
        starts = {self.start}
        for mark in _SENTENCE_MARK.finditer(self.view, self.start, self.end):
            opened = self._opens(mark.start())
            if opened >= 0:
                starts.add(opened)
        return sorted(starts)

    def sentence_start(self, pos: int) -> int:
        starts = self._sentence_starts
        return starts[bisect.bisect_right(starts, pos) - 1]

    def sentence_end(self, pos: int) -> int:
        starts = self._sentence_starts
        i = bisect.bisect_right(starts, pos)
        return starts[i] if i < len(starts) else self.end

    def sentence_of(self, pos: int) -> tuple[int, int]:
        return self.sentence_start(pos), self.sentence_end(pos)

    def clause_start(self, pos: int, sentence: int) -> int:
        """Where pos's clause starts, given where its sentence starts. A ";" inside a bracket
        still open at pos ("(gồm 56 văn bản của các bộ; 652 văn bản ...") ends no clause."""
        view = self.view
        semi = view.rfind(";", max(self.start, sentence), pos)
        while semi >= 0 and view.rfind("(", sentence, semi) > view.rfind(")", sentence, semi):
            if view.find(")", semi, pos) >= 0:
                break
            semi = view.rfind(";", max(self.start, sentence), semi)
        return max(sentence, semi + 1)

    def vetoed(self, veto: CueSet | None, sentence: int, before: int) -> bool:
        """Whether a veto cue (a target, a plan) begins in [sentence, before): in the sentence
        starting at `sentence`, before the figure."""
        if veto is None:
            return False
        key = veto.regex.pattern
        state = self._vetoes.get(key)
        if state is None or not state[0] <= sentence <= state[1]:
            state = (sentence, sentence, False)
        clear_from, clear_to, found = state
        if found or before <= clear_to:
            return found and clear_to < before
        self._vetoes[key] = state = self._scan_veto(veto, clear_from, clear_to, before)
        return state[2] and state[1] < before

    def _scan_veto(
        self, veto: CueSet, clear_from: int, clear_to: int, before: int
    ) -> tuple[int, int, bool]:
        """Read on from `clear_to` (no veto begins in [clear_from, clear_to)) far enough to
        decide every match before `before`; return the new (from, to, found at `to`). Figures
        and sentences resume where the last read stopped, so a paragraph is read about once."""
        width = veto.max_width
        limit = self.end if width is None else min(self.end, before + width + 1)
        found = veto.regex.search(self.view, clear_to, limit)
        if found is not None and (found.start() < before or limit == self.end):
            return clear_from, found.start(), True
        return clear_from, (self.end if limit == self.end else before), False


@dataclass
class _Article:
    """One article's text, view and the context the figures in it share."""

    text: str
    view: str
    doc_id: str
    meta: Mapping[str, Any]
    tables: CueTables
    wholes: dict[str, str]
    documents: frozenset[str]
    paragraphs: dict[int, _Paragraph] = field(default_factory=dict)
    paragraph_periods: dict[int, list[periods.PeriodMention]] = field(default_factory=dict)

    @cached_property
    def published(self) -> dt.date | None:
        value = self.meta.get("published")
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        return page_date(self.text, head_end(self.text))

    @cached_property
    def default_jurisdiction(self) -> tuple[str, str]:
        """The article's area and where it came from (see juris.article_jurisdiction_from)."""
        return juris.article_jurisdiction_from(
            self.meta.get("jurisdiction"),
            self.text,
            self.meta.get("title"),
            self.meta.get("url") or self.meta.get("source"),
        )

    @cached_property
    def about_a_district(self) -> bool:
        """Whether the article reports one district's justice office: its headline or lead
        names "Phòng Tư pháp huyện X" (quận, thị xã, thành phố) before any Sở Tư pháp."""
        lead_end = head_end(self.text)
        office = _DISTRICT_OFFICE.search(self.text, 0, lead_end)
        return office is not None and self.view.find("sở tư pháp", 0, office.start()) < 0

    @cached_property
    def resolver(self) -> periods.PeriodResolver:
        return periods.PeriodResolver(self.text, self.published, self.dated_period_mentions)

    def periods_in(self, start: int, end: int) -> list[periods.PeriodMention]:
        """The period phrases of the paragraph text[start:end], each paragraph read once."""
        found = self.paragraph_periods.get(start)
        if found is None:
            found = self.paragraph_periods[start] = periods.find_mentions(self.view, start, end)
        return found

    def period_mentions(self) -> Iterator[periods.PeriodMention]:
        """The article's period phrases in order, read paragraph by paragraph as needed."""
        pos = 0
        while pos < len(self.text):
            end = self.text.find("\n", pos)
            end = len(self.text) if end < 0 else end
            yield from self.periods_in(pos, end)
            pos = end + 1

    def dated_period_mentions(self) -> Iterator[periods.PeriodMention]:
        """The article's period phrases that state a year, in order: only paragraphs with a
        year in them are read."""
        pos = 0
        while pos < len(self.text):
            end = self.text.find("\n", pos)
            end = len(self.text) if end < 0 else end
            if periods.ANY_YEAR_RE.search(self.text, pos, end):
                yield from (m for m in self.periods_in(pos, end) if m.year is not None)
            pos = end + 1

    @cached_property
    def article_period(self) -> tuple[str | None, str]:
        """The period of the article's first period phrase (`article`), else the one its
        publication date implies (`published`), else its latest year (`latest_year`)."""
        for mention in self.period_mentions():
            code = self.resolver.code(mention)
            if code:
                return code, "article"
        # The latest year mentioned matters only without a publication date.
        latest = None if self.published is not None else self.resolver.fallback_year()
        source = "published" if self.published is not None else "latest_year"
        return periods.unstated_period(self.published, latest), source

    def paragraph(self, pos: int) -> _Paragraph:
        start = self.text.rfind("\n", 0, pos) + 1
        cached = self.paragraphs.get(start)
        if cached is not None:
            return cached
        end = self.text.find("\n", pos)
        end = len(self.text) if end < 0 else end
        para = _Paragraph(
            self.text,
            self.view,
            start,
            end,
            juris.find_mentions(self.view, self.text, start, end),
            self.periods_in(start, end),
            self.tables.words,
        )
        self.paragraphs = {start: para}  # one paragraph at a time: memory stays flat
        return para


# One district's justice office, named with its district (capitalised, as names are).
_DISTRICT_OFFICE = re.compile(r"(?<!\w)Phòng Tư pháp (?:huyện|quận|thị xã|thành phố) [A-ZĐ]")
# A sentence about the whole province (or country) in a district's article.
_WHOLE_AREA = re.compile(
    r"(?<!\w)(?:(?:toàn|cả) tỉnh|trên địa bàn tỉnh|sở tư pháp|cả nước|toàn quốc)(?!\w)"
)

# Places that hold only where they are named, not for the paragraphs after them: "Tại điểm cầu
# tỉnh X, ..." names one site of a national video conference; the paragraphs after it report the
# conference, not X.
_NOT_PERSISTING = ("national", "cited", "bare", "venue")


def _sentence_initial(view: str, sentence_start: int, pos: int, words: WordLists) -> bool:
    """Whether pos opens its sentence, or follows only a word that may open one before its
    place ("Còn tại Kiên Giang, ...", "Riêng Hà Nội": extract_words.csv, list `opening`)."""
    head = view[sentence_start:pos].strip(' -–—•*+>"“(),')
    return not head or (len(head) <= words.opening_max and head in words.opening)


class _JurisdictionState:
    """The article's area as the text moves on: paragraph-opening `Tại X,` switches persist."""

    _OPENERS = ("Tại ", "Ở ", "Trên địa bàn ", "Sở Tư pháp ", "TẠI ")

    def __init__(self, article: _Article):
        self.article = article
        self.current: str | None = None
        self.source = ""
        self.cursor = 0

    def at_paragraph(self, para: _Paragraph) -> tuple[str, str]:
        """The persisting area at the start of `para`, after earlier paragraphs' openers, and
        where it came from."""
        if self.current is None:
            self.current, self.source = self.article.default_jurisdiction
        a = self.article
        if self.cursor < para.start:
            openers = []
            for word in self._OPENERS:
                i = a.text.find(word, self.cursor, para.start)
                while i >= 0:
                    line_start = a.text.rfind("\n", 0, i) + 1
                    if line_start >= self.cursor and _sentence_initial(
                        a.view, line_start, i, a.tables.words
                    ):
                        openers.append(line_start)
                    i = a.text.find(word, i + 1, para.start)
            for line_start in sorted(openers):
                line_end = min(line_start + 100, para.start)
                for mention in juris.find_mentions(a.view, a.text, line_start, line_end)[:1]:
                    if mention.how not in _NOT_PERSISTING and _sentence_initial(
                        a.view, line_start, mention.start, a.tables.words
                    ):
                        self.current, self.source = mention.jurisdiction, "earlier_paragraph"
            self.cursor = para.start
        return self.current, self.source

    def leave_paragraph(self, para: _Paragraph) -> None:
        first = para.places[0] if para.places else None
        # A list item's place ("- Tỉnh Thanh Hóa: 842 vụ việc;") holds for that item only.
        if (
            first is not None
            and not _is_list_item(self.article.text, para.start, first.start + 1)
            and first.how not in _NOT_PERSISTING
            and _sentence_initial(
                self.article.view, para.start, first.start, self.article.tables.words
            )
        ):
            self.current, self.source = first.jurisdiction, "earlier_paragraph"
        self.cursor = max(self.cursor, para.end)


def _jurisdiction(
    para: _Paragraph, inherited: tuple[str, str], view: str, pos: int
) -> tuple[str, str]:
    """The area in force at `pos` and where it came from (`sentence`, `paragraph`, else the
    inherited source): a place opening a sentence holds to the paragraph's end, a typed place
    inside a sentence to that sentence's end; a mid-sentence "tại X" is a venue."""
    if not para.places or para.places[0].start >= pos:
        return inherited
    # The last place before pos that holds there wins. Read backwards from pos, with an early
    # stop: only the paragraph's last bare name can hold (a comma after it ends every earlier
    # one), and before pos's sentence only sentence-initial places hold (looked up by bisection).
    sentence = para.sentence_start(pos)
    index = para.place_index
    best: tuple[int, str, str] | None = None
    last_bare = bisect.bisect_left(index.bare_starts, pos) - 1
    if last_bare >= 0:
        place = para.places[index.bare[last_bare]]
        if view.find(",", place.end, pos) < 0 and view.find(";", place.end, pos) < 0:
            best = (place.start, place.jurisdiction, "sentence")
    last_initial = bisect.bisect_left(index.initial_starts, pos) - 1
    if last_initial >= 0:
        place = para.places[index.initial[last_initial]]
        if best is None or place.start > best[0]:
            same = para.sentence_start(place.start) == sentence
            best = (place.start, place.jurisdiction, "sentence" if same else "paragraph")
    i = bisect.bisect_left(index.starts, pos) - 1
    while i >= 0 and (best is None or para.places[i].start > best[0]):
        place = para.places[i]
        if place.start < sentence:
            break
        if place.how not in ("bare", "locative", "venue"):
            best = (place.start, place.jurisdiction, "sentence")
            break
        i -= 1
    return inherited if best is None else (best[1], best[2])


def _speakers_office(view: str, para: _Paragraph, place: juris.Mention, sentence: int) -> bool:
    """Whether `place` is the office of the speaker a paragraph opens with ("Đại diện Sở Tư pháp
    tỉnh X cho biết, ...", "Ông A, Giám đốc Sở Tư pháp tỉnh X chia sẻ, ..."): a conference report
    gives each province's speaker a paragraph, and its later sentences ("Sở đã thẩm định ...",
    "Theo bà B, Trung tâm ...") are still X's. It holds for that paragraph only."""
    return (
        place.how == "typed"
        and sentence == para.start
        and view.startswith("sở tư pháp", place.start)
        and not any(c.isdigit() for c in view[para.start : place.start])
    )


def _period(article: _Article, para: _Paragraph, pos: int) -> tuple[str | None, str]:
    """The period in force at `pos` and where it came from: the last phrase before it in its
    paragraph (`sentence` or `paragraph`), else one later in its sentence (`sentence`), else the
    article's (see _Article.article_period)."""
    before = para.period_before(pos)
    if before is not None:
        same = before.start >= para.sentence_start(pos)
        return article.resolver.code(before), "sentence" if same else "paragraph"
    later = para.period_from(pos)
    if later is not None and later.start < para.sentence_end(pos):
        return article.resolver.code(later), "sentence"
    return article.article_period


def _best_cue(
    tables: CueTables, view: str, unit: str, zone: tuple[int, int], after: tuple[int, int]
) -> _Choice | None:
    """The cue nearest the number: before it in its clause, or right after its unit."""
    best: _Choice | None = None
    after_set = tables.cues.get((unit, "after"))
    if after_set is not None:
        found = after_set.search(view, after[0], after[1])
        if found is not None:
            # Words after a comma describe the unit less surely than words right after it.
            distance = found[0] - after[0]
            if view.find(",", after[0], found[0]) >= 0:
                distance += COMMA_PENALTY
            best = _Choice(found[2], found[0], found[1], distance)
    before_set = tables.cues.get((unit, "before"))
    if before_set is None:
        return best
    # Search near the number first: a cue further away cannot be nearer than one found there,
    # nor than a cue found after the unit.
    zone_start, zone_end = zone
    reach = NEAR_REACH if best is None else min(NEAR_REACH, best.distance + LONGEST_CUE)
    near = max(zone_start, zone_end - reach)
    best_rank = None if best is None else best.rank()
    finditer, cue_for = before_set.regex.finditer, before_set.cue_for
    closed = view.rfind(")", zone_start, zone_end)
    for lo, hi in ((near, zone_end), (zone_start, min(zone_end, near + NEAR_OVERLAP))):
        if lo >= hi:
            continue
        for m in finditer(view, lo, hi):
            start, end = m.start(), m.end(1)
            distance = zone_end - end
            # Only a cue at least as near can rank first: look its row up only then.
            if distance < 0 or (best_rank is not None and distance > best_rank[0]):
                continue
            if start < closed and _in_closed_bracket(view, start, zone_start, zone_end):
                continue  # "391 VBQPPL cấp huyện (giảm 57,6%) và 1.758": the aside's words
            cue = cue_for(m.group(1))
            rank = _rank(cue, start, end, distance)
            if best_rank is None or rank < best_rank:
                best, best_rank = _Choice(cue, start, end, distance), rank
        if best is not None or lo == zone_start:
            break
    return best


def _in_closed_bracket(view: str, pos: int, start: int, end: int) -> bool:
    """Whether pos stands inside a bracket opened after `start` and closed before `end`."""
    opened = view.rfind("(", start, pos)
    return opened >= 0 and view.rfind(")", opened, pos) < 0 and view.find(")", pos, end) >= 0


_LIST_MARKS = "-–—+•*"
# An item about a district, commune or village ("- Huyện Cao Lãnh: 615 vụ việc") is a part of
# the province's count, not a figure of its own.
_SUB_PROVINCE = re.compile(
    r"(?<!\w)(?:huyện|quận|thị xã|xã|phường|thị trấn|thôn|ấp|bản|tổ dân phố)\s"
)
_ITEM_MARK = re.compile(r"\s*[-–—+•*]")
_TOTAL = re.compile(r"(?<!\w)tổng(?!\w)")
LEAD_IN_ITEMS = 40


def _is_list_item(text: str, line_start: int, pos: int) -> bool:
    """Whether the line holding `pos` is an item of a list (it opens with a dash or bullet) or
    a row of a flattened table (a tab or a `|` stands between its label and the number)."""
    return bool(
        _ITEM_MARK.match(text, line_start, pos)
        or text.find("\t", line_start, pos) >= 0
        or text.find(" | ", line_start, pos) >= 0
    )


def _takes_lead_in(view: str, para: _Paragraph, pos: int) -> bool:
    """Whether a list item or table row may take its lead-in's cue: it names a province or the
    country ("- Tỉnh Thanh Hóa: 842 vụ việc;") or a total ("Tổng số vụ việc tiếp nhận"), and no
    district or commune. A category's row ("- Tranh chấp đất đai: 345 vụ việc") is a part."""
    if 0 <= para.first_match(_SUB_PROVINCE) < pos:
        return False
    places = bool(para.places) and para.places[0].start < pos
    return places or 0 <= para.first_match(_TOTAL) < pos


def _lead_in(article: _Article, item_start: int) -> tuple[int, int] | None:
    """The lead-in line of the list holding the item at `item_start`: the first line above
    the list's items, if it ends with a colon."""
    text, view = article.text, article.view
    end = item_start - 1
    for _ in range(LEAD_IN_ITEMS):
        if end <= 0:
            return None
        start = view.rfind("\n", 0, end) + 1
        line = view[start:end].strip()
        if line and not _is_list_item(text, start, end):
            return (start, end) if line.endswith(":") else None
        end = start - 1
    return None


def _lead_in_vetoed(article: _Article, unit: str, item_start: int) -> bool:
    """Whether the list's lead-in names targets or a plan ("Năm 2024, tỉnh phấn đấu:")."""
    veto = article.tables.cues.get((unit, "sentence"))
    lead = _lead_in(article, item_start) if veto is not None else None
    return lead is not None and veto.search(article.view, *lead) is not None


def _lead_in_cue(article: _Article, unit: str, item_start: int) -> _Choice | None:
    """The cue of a list's lead-in for an item that names none ("- Tỉnh Thanh Hóa: 842 vụ
    việc;" under "Một số địa phương có số vụ việc trợ giúp pháp lý lớn:"): the last cue of
    the lead-in line, or, when that line is a bare caption ("Bảng tổng hợp kết quả:"), of the
    line above it."""
    before_set = article.tables.cues.get((unit, "before"))
    lead = _lead_in(article, item_start) if before_set is not None else None
    view = article.view
    for _ in range(2):
        if lead is None:
            return None
        start, end = lead
        best = None
        for found in before_set.finditer(view, start, end):
            if best is None or found[1] >= best[1]:
                best = found
        if best is not None:
            return _Choice(best[2], best[0], best[1], end - best[1])
        above = view.rfind("\n", 0, max(0, start - 1)) + 1
        while above > 0 and not view[above : start - 1].strip():
            start = above
            above = view.rfind("\n", 0, max(0, start - 1)) + 1
        lead = (above, start - 1) if start > 0 else None
    return None


def _level(
    tables: CueTables, view: str, clause: int, choice: _Choice, unit_end: int
) -> tuple[str, int]:
    """The tier a document count names: right after its unit, else in the clause's subject."""
    stop = _LEVEL_STOP.search(view, unit_end, unit_end + LEVEL_REACH)
    after_end = stop.start() if stop else min(len(view), unit_end + LEVEL_REACH)
    after_set = tables.levels.get("after")
    if after_set is not None:
        found = after_set.search(view, unit_end, after_end)
        # A tier after a comma and before another number belongs to the next item ("cấp huyện
        # ban hành 126 văn bản, cấp xã ban hành 418 văn bản"), not to this one ("35 dự thảo
        # luật, nghị định" lists more units of this one).
        if found is not None and not (
            stop is not None
            and stop.group().isdigit()
            and (view.find(",", unit_end, found[0]) >= 0 or view.find("(", unit_end, found[0]) >= 0)
        ):
            # "của Trung ương và địa phương", "do HĐND, UBND cấp huyện, cấp xã ban hành": two
            # tiers named, so none of them is the documents' tier.
            if _SECOND_TIER.match(view, found[1]):
                return "", found[1]
            return found[2].says, found[1]
    subject_end = choice.start if choice.cue.side == "before" else unit_end
    before_set = tables.levels.get("before")
    if before_set is None:
        return "", 0
    # The clause's subject names the tier only if no other figure stands between them: after
    # a figure, the subject is what follows it ("HĐND tỉnh ban hành 28 nghị quyết, UBND tỉnh
    # ban hành 45 quyết định": the 45's is "UBND tỉnh").
    for other in tables.candidate.finditer(view, clause, subject_end):
        clause = other.end()
        # The other figure's own tier ("43 dự thảo của HĐND, UBND tỉnh, góp ý 128 dự thảo")
        # is not this one's subject.
        tier = after_set.search(view, clause, subject_end) if after_set is not None else None
        if tier is not None and view.find(",", clause, tier[0]) < 0:
            clause = tier[1]
    zone_end = choice.end if choice.cue.side == "before" else subject_end
    best: tuple[int, str] | None = None
    for _, end, cue in before_set.finditer(view, clause, zone_end):
        if best is None or end > best[0]:
            best = (end, cue.says)
    return (best[1], 0) if best else ("", 0)


TIER_REACH = 24
_TIER_GAP = re.compile(r"[\s:]*$")


def _tier_before(tables: CueTables, view: str, start: int, q_start: int) -> str:
    """A tier named right before the number ("(cấp tỉnh 30 văn bản, cấp huyện 121 văn bản)")."""
    before_set = tables.levels.get("before")
    if before_set is None:
        return ""
    last = None
    for _, end, cue in before_set.finditer(view, start, q_start):
        last = (end, cue.says)
    if last is not None and _TIER_GAP.match(view, last[0], q_start):
        return last[1]
    return ""


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


@dataclass(slots=True)
class _PipeTable:
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


def _has_period(view: str, span: tuple[int, int]) -> bool:
    return bool(_BARE_YEAR.fullmatch(view, *span) or periods.find_mentions(view, *span))


def _period_tables(text: str, view: str) -> list[_PipeTable]:
    """Tables written with pipes (lines opening with "|"), as saved pages and Markdown keep
    them, whose header names a period in some column ("| Chỉ tiêu | Năm 2022 | Năm 2023 |") or
    whose first column does ("| 2022 | 812 | 673 |" under "| Năm | Số vụ việc | ... |")."""
    found: list[_PipeTable] = []
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
            _has_period(view, c) for c in [*rows[0][1:], *(r[0] for r in rows[1:] if r)]
        ):
            found.append(_PipeTable(start, end, rows))
        pos = text.find("\n|", end - 1) if end < len(text) else -1
    return found


def _table_figures(article: _Article, table: _PipeTable) -> list[Figure]:
    """The figures of a period table: each number cell is read as the sentence "<period>,
    <label>: <number> <unit>", its period the column's header (or the row's first cell when
    that is the period), its label the row's first cell (or the column's header), its unit the
    label's bracket ("(cuộc)", "(%)") or the label itself ("Số vụ việc tiếp nhận: 812"); its
    area the one in force where the table stands. A column that is no period ("Tăng/giảm",
    "So sánh") gives nothing. The evidence runs from the label to the cell."""
    text, view = article.text, article.view
    para = article.paragraph(table.start)
    area, area_from = _jurisdiction(
        para, _JurisdictionState(article).at_paragraph(para), view, table.start
    )
    meta = {"jurisdiction": area, "published": article.published}
    header, found = table.rows[0], []
    for row in table.rows[1:]:
        for col, cell in enumerate(row[1:], start=1):
            number = _BARE_CELL.fullmatch(text, *cell)
            if number is None or col >= len(header):
                continue
            if _has_period(view, header[col]):
                when, label = header[col], row[0]
            elif _has_period(view, row[0]):
                when, label = row[0], header[col]
            else:
                continue
            when_text = text[slice(*when)].strip()
            if _BARE_YEAR.fullmatch(when_text):
                when_text = f"Năm {when_text}"
            raw = text[slice(*label)]
            label_text = raw.strip()
            unit = _LABEL_UNIT.search(label_text)
            suffix = number[2] or (f" {unit[1].strip()}" if unit else "")
            name = label_text[: unit.start()].strip() if unit else label_text
            sentence = f"{when_text}, {name}: {number[1]}{suffix}"
            offset, end = number.start(1), number.end(1)
            start = min(label[0] + len(raw) - len(raw.lstrip()), offset)
            for record in extract_text(sentence, article.doc_id, meta):
                record.update(
                    record_id=record_id(article.doc_id, record["indicator"], offset),
                    evidence=text[start:end],
                    start=start,
                    end=end,
                    place_from=area_from,
                    period_from="table",
                )
                found.append(Figure(record, offset, offset, end, listable=False))
    return found


# Where a number written out may stand, over the lower-cased view: a space (or a line break)
# before one of the words. A pattern opening with a plain character lets the engine jump from
# one space to the next. "một" and "năm" only before a multiplier ("năm 2023" is everywhere).
_NUMBER_WORDS = prefix_tree(
    ["hai", "ba", "bốn", "sáu", "bảy", "tám", "chín", "mười", "(?:một|năm) (?:nghìn|ngàn|triệu)"]
)
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
    article = _Article(
        text,
        view,
        doc_id,
        meta or {},
        tables,
        tables.wholes,
        tables.documents,
    )
    state = _JurisdictionState(article)
    view = article.view
    figures: list[Figure] = []
    para: _Paragraph | None = None
    inherited = ("", "")
    plans_from = plan_section(text, view)
    related = related_lists(view, tables.words)
    pipe_tables = _period_tables(text, view)  # read cell by cell below, not here
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
        figures.extend(_figures_of(article, para, inherited, m))
    figures = without_rounded_headline(
        text, without_restatements(without_subsets(view, figures, article.documents))
    )
    figures = issued_as_requests(figures, tables.wholes)
    share_list_evidence(text, view, figures)
    for table in pipe_tables:
        if table.start < plans_from:
            figures.extend(_table_figures(article, table))
    figures.sort(key=lambda f: (f.record["start"], f.offset))
    if text is not source:  # evidence is the source's own characters, line breaks and all
        for f in figures:
            f.record["evidence"] = source[f.record["start"] : f.record["end"]]
    return [f.record for f in figures]


def _figures_of(
    article: _Article,
    para: _Paragraph,
    inherited: tuple[str, str],
    m: re.Match[str] | _Labelled,
) -> list[Figure]:
    """The records one candidate (a number and its unit) gives: none, one, or part and whole."""
    tables, view, text = article.tables, article.view, article.text
    unit = _unit_of(m)
    num_start = m.start("num")
    words = tables.words
    qualifier, q_start = qualifier_before(view, num_start, words.qualifier_re, words.qualifiers)
    sentence = para.sentence_start(num_start)
    if article.about_a_district and not _WHOLE_AREA.search(view, sentence, num_start):
        # One district's figures are a part of its province's count, as a district's list item
        # is (tests/articles/README.md); a sentence about the whole province still counts.
        return []
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
    stop = _AFTER_STOP.search(view, after_start, unit_end + AFTER_REACH)
    opened = view.rfind("(", clause, q_start)
    if (
        stop
        and stop[0] == ")"
        and opened > view.rfind(")", clause, q_start)
        and not view[opened + 1 : q_start].strip()
    ):
        # "100% dự thảo (45 dự thảo) ... được thẩm định": a count in brackets restating the
        # words before them; what is said of it comes after the bracket.
        stop = _AFTER_STOP.search(view, stop.end(), unit_end + AFTER_REACH)
    after_end = stop.start() if stop else min(para.end, unit_end + AFTER_REACH)
    rate = (
        _RATE_WORDS.search(view, unit_end, after_end)
        if view.find("lệ", unit_end, after_end) >= 0
        else None
    )
    if rate is not None:  # "10 nghìn vụ việc, với tỷ lệ hòa giải thành ...": the rate's words
        after_end = rate.start()
    choice = _best_cue(tables, view, unit, (clause, q_start), (after_start, after_end))
    if choice is not None and choice.cue.says == REQUESTS and choice.cue.side == "after":
        # "cấp được 689.125 phiếu LLTP": the words after name the record, the verb before says
        # the certificates were issued.
        verb = _best_cue(tables, view, unit, (clause, q_start), (0, 0))
        if verb is not None and verb.cue.says == ISSUED:
            choice = verb
    if choice is None and unit == "cases":
        choice = _received_then_settled(view, para, clause, q_start, unit_end)
    if choice is None:
        choice = _shared_descriptor(tables, text, view, unit, unit_end)
    item = para.is_list_item(num_start)
    if choice is None and item and _takes_lead_in(view, para, num_start):
        choice = _lead_in_cue(article, unit, para.start)
    if choice is None or choice.cue.says == NOT_A_FIGURE:
        return []
    if item and _lead_in_vetoed(article, unit, para.start):
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
        choice = _Choice(choice.cue, q_start - 1, q_start, 0)
    if indicator == WHOLE_OF:
        # "... thành 700 vụ việc trên tổng số 820 vụ việc": the whole of the figure before.
        part = _best_cue(tables, view, unit, (clause, choice.start), (0, 0))
        if part is None or part.cue.says not in wholes:
            return []
        indicator, choice = wholes[part.cue.says], part
    period, period_from = _period(article, para, num_start)
    if period is None:
        return []
    documents = article.documents
    level, level_end = ("", 0)
    if indicator in documents:
        level, level_end = _level(tables, view, clause, choice, unit_end)
        if not level:
            level = _tier_before(tables, view, max(clause, q_start - TIER_REACH), q_start)
    if choice.cue.side == "before":
        start = choice.start
    else:
        lead = tables.words.lead_verb.search(view, max(para.start, q_start - 30), q_start)
        start = lead.start() if lead else q_start
    if isinstance(m, _Labelled):
        start = min(start, m.label_start)
    if start < para.start:  # the cue is in the list's lead-in: the item is the evidence
        start = num_start - len(view[para.start : num_start].lstrip(_LIST_MARKS + " "))
    end = max(unit_end, choice.end if choice.cue.side == "after" else 0, level_end)
    if end - start > EVIDENCE_SOFT_LIMIT:
        start = q_start
        end = unit_end if end - start > EVIDENCE_SOFT_LIMIT else end
    area, place_from = _jurisdiction(para, inherited, view, num_start)
    parts = [(indicator, m["num"], num_start, qualifier)]
    whole_group = "whole" if m["whole"] else "whole2" if m["whole2"] else None
    if whole_group and wholes.get(indicator):
        parts.append((wholes[indicator], m[whole_group], m.start(whole_group), "exact"))
    percent, cue = unit == "percent", cue_name(choice.cue)
    return [
        to_figure(
            Candidate(
                code,
                token,
                m["mult"],
                percent,
                qual,
                level if code in documents else "",
                area,
                place_from,
                period,
                period_from,
                cue,
                offset,
                start,
                end,
                q_start,
                unit_end,
                len(parts) == 1,
            ),
            article.doc_id,
            text,
        )
        for code, token, offset, qual in parts
    ]


# "đã thụ lý 323 vụ việc, có 186 vụ việc hòa giải thành công", "tiếp nhận gần 10 nghìn vụ việc,
# với tỷ lệ hòa giải thành chiếm trên 84%": cases received, then how many of them were settled.
_RECEIVED_VERB = re.compile(r"(?:tiếp nhận|thụ lý)\s+(?:\w+\s+)?$")
_THEN_SETTLED = re.compile(r",[^.;!?\n]{0,40}?hòa giải (?:thành|đạt kết quả)")
RECEIVED_CUE = Cue("mediation_cases", "after", 0, "received-then-settled")


def _received_then_settled(
    view: str, para: _Paragraph, clause: int, q_start: int, unit_end: int
) -> _Choice | None:
    """A count of cases received that names no cue, followed in its sentence by how many were
    settled: the mediation cases (the rule `received-then-settled`)."""
    if not _RECEIVED_VERB.search(view, max(clause, q_start - 20), q_start):
        return None
    settled = _THEN_SETTLED.match(view, unit_end, para.sentence_end(unit_end))
    return None if settled is None else _Choice(RECEIVED_CUE, unit_end, unit_end, 0)


_LIST_NEXT = re.compile(r"\s*(?:,|và)\s*")


def _shared_descriptor(
    tables: CueTables, text: str, view: str, unit: str, unit_end: int
) -> _Choice | None:
    """A count that names no cue, listed right before another whose words follow it ("12 hội
    nghị, 57 đợt tuyên truyền pháp luật"): the words after the list describe both."""
    gap = _LIST_NEXT.match(view, unit_end)
    if gap is None or gap.end() >= len(view) or not view[gap.end()].isdigit():
        return None
    after_set = tables.cues.get((unit, "after"))
    nxt = tables.candidate.match(text, gap.end()) if after_set else None
    if nxt is None:
        return None
    stop = _AFTER_STOP.search(view, nxt.end(), nxt.end() + AFTER_REACH)
    found = after_set.search(view, nxt.end(), stop.start() if stop else nxt.end() + AFTER_REACH)
    if found is None or found[0] > nxt.end() + 1:
        return None
    return _Choice(found[2], found[0], found[1], found[0] - unit_end)


_AND_UP = re.compile(r"\s*trở lên(?!\w)")
_FROM = re.compile(r"(?<!\w)từ\s+$")
_RATE_WORDS = re.compile(r"(?<!\w)t[ỷỉ] lệ(?!\w)")


# The lower end of a range right before a number ("từ 10 đến", "20 - "; a year is no lower end).
_RANGE_BEFORE = re.compile(
    r"(?:từ\s+[0-9][0-9.,]*\s+(?:đến|tới)|(?<![0-9.,])[0-9]{1,3}\s*[-–])\s*$"
)
RANGE_REACH = 24
