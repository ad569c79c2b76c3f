"""What the figures of one article share: its text and matching view, its paragraphs with their
sentences, places and period phrases (read on demand, one paragraph held at a time), its
publication date, default place and article-wide period."""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, NamedTuple

from analysis.extract import jurisdiction as juris
from analysis.extract import period as periods
from analysis.extract.cues import CueSet, CueTables, WordLists
from analysis.extract.layout import head_end
from analysis.extract.report_date import event_date, lead_event, page_date, report_date, url_date
from analysis.vietnamese import LIST_ITEM, LIST_MARKS, OPENING_QUOTES, matching_view

# A full stop, !, ? or … before a space (a closing quote may stand between), in the view.
_SENTENCE_MARK = re.compile(r'\.(?= |["”] )|[!?…](?= )')
_SENTENCE_OPENERS = LIST_MARKS + OPENING_QUOTES + "("


class PlaceIndex(NamedTuple):
    starts: list[int]
    bare: list[int]  # indices into places
    bare_starts: list[int]
    initial: list[int]  # non-bare places opening their sentence (or a speaker's office)
    initial_starts: list[int]


@dataclass
class Paragraph:
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
    def place_index(self) -> PlaceIndex:
        """The paragraph's places sorted for lookups by position (see scope.place_at)."""
        starts = [p.start for p in self.places]
        bare = [i for i, p in enumerate(self.places) if p.how == "bare"]
        initial = []
        for i, place in enumerate(self.places):
            if place.how in ("bare", "ministry"):  # they hold for their sentence only
                continue
            place_sentence = self.sentence_start(place.start)
            if sentence_initial(
                self.view, place_sentence, place.start, self.words
            ) or speakers_office(self.view, self, place, place_sentence):
                initial.append(i)
        return PlaceIndex(
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
        """is_list_item for the paragraph's line, its marks looked up once."""
        tab, bar = self._first_marks
        return bool(
            LIST_ITEM.match(self.text, self.start, pos)
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
class ArticleContext:
    """One article's text, view and the context the figures in it share."""

    text: str
    view: str
    doc_id: str
    meta: Mapping[str, Any]
    tables: CueTables
    wholes: dict[str, str]
    documents: frozenset[str]
    paragraphs: dict[int, Paragraph] = field(default_factory=dict)
    paragraph_periods: dict[int, list[periods.PeriodMention]] = field(default_factory=dict)

    @cached_property
    def published(self) -> dt.date | None:
        value = self.meta.get("published")
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        return (
            page_date(self.text, head_end(self.text))
            or url_date(self.meta.get("url"))
            or event_date(self.text)
        )

    @cached_property
    def reported(self) -> dt.date | None:
        """The date the page reports at: its lead's dated event when that falls within a year
        before publication (a December meeting on a January page), else the publication date."""
        return report_date(self.published, lead_event(self.text))

    @cached_property
    def default_jurisdiction(self) -> tuple[str, str]:
        """The article's area and where it came from (see juris.article_jurisdiction_from)."""
        place, source = juris.article_jurisdiction_from(
            self.meta.get("jurisdiction"),
            self.text,
            self.meta.get("title"),
            self.meta.get("url") or self.meta.get("source"),
        )
        if source == "front_matter" and self.meta.get("jurisdiction_from"):
            source = str(self.meta["jurisdiction_from"])  # the registry's row, not the file's
        return place, source

    @cached_property
    def about_a_district(self) -> str | None:
        """The district whose justice office the article reports ("huyện X", from "Phòng Tư
        pháp huyện X" in its headline or lead before any Sở Tư pháp), else None."""
        lead_end = head_end(self.text)
        office = _DISTRICT_OFFICE.search(self.text, 0, lead_end)
        if office is None or self.view.find("sở tư pháp", 0, office.start()) >= 0:
            return None
        return office["district"]

    def whole_area(self, para: Paragraph, pos: int) -> bool:
        """Whether the sentence up to `pos` is about the whole province (or country): "toàn
        tỉnh", "trên địa bàn tỉnh", "Sở Tư pháp", "cả nước", "toàn quốc"."""
        return _WHOLE_AREA.search(self.view, para.sentence_start(pos), pos) is not None

    @cached_property
    def resolver(self) -> periods.PeriodResolver:
        return periods.PeriodResolver(self.text, self.reported, self.dated_period_mentions)

    def periods_in(self, start: int, end: int) -> list[periods.PeriodMention]:
        """The period phrases of the paragraph text[start:end], each paragraph read once."""
        found = self.paragraph_periods.get(start)
        if found is None:
            found = self.paragraph_periods[start] = periods.find_mentions(
                self.view, start, end, self.text, words=self.tables.periods
            )
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
        title = self.meta.get("title")
        if (
            isinstance(title, str)
            and title.strip()
            and not self.text.lstrip().startswith(title.strip())
        ):
            # A page whose text lacks its headline: the front matter's title still names the
            # report's period ("Sơ kết công tác tư pháp 6 tháng đầu năm 2020").
            view = matching_view(title)
            found = periods.find_mentions(view, 0, len(view), title, words=self.tables.periods)
            dated = [m for m in found if m.year is not None]
            resolver = periods.PeriodResolver(title, self.reported, lambda: iter(dated))
            for mention in found:
                code = resolver.code(mention)
                if code:
                    return code, "title"
        # The latest year mentioned matters only without a publication date.
        latest = None if self.reported is not None else self.resolver.fallback_year()
        source = "published" if self.reported is not None else "latest_year"
        return periods.unstated_period(self.reported, latest), source

    def paragraph(self, pos: int) -> Paragraph:
        start = self.text.rfind("\n", 0, pos) + 1
        cached = self.paragraphs.get(start)
        if cached is not None:
            return cached
        end = self.text.find("\n", pos)
        end = len(self.text) if end < 0 else end
        para = Paragraph(
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
_DISTRICT_OFFICE = re.compile(
    r"(?<!\w)Phòng Tư pháp (?P<district>(?:huyện|quận|thị xã|thành phố) [A-ZĐ][\w-]*(?: [A-ZĐ][\w-]*)*)"
)
# A sentence about the whole province (or country) in a district's article.
_WHOLE_AREA = re.compile(
    r"(?<!\w)(?:(?:toàn|cả) tỉnh|trên địa bàn tỉnh|sở tư pháp|cả nước|toàn quốc)(?!\w)"
)


def sentence_initial(view: str, sentence_start: int, pos: int, words: WordLists) -> bool:
    """Whether pos opens its sentence, or follows only a word that may open one before its
    place ("Còn tại Kiên Giang, ...", "Riêng Hà Nội": extract_words.csv, list `opening`)."""
    head = view[sentence_start:pos].strip(" " + LIST_MARKS + OPENING_QUOTES + ">(),")
    return not head or (len(head) <= words.opening_max and head in words.opening)


def speakers_office(view: str, para: Paragraph, place: juris.Mention, sentence: int) -> bool:
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


def is_list_item(text: str, line_start: int, pos: int) -> bool:
    """Whether the line holding `pos` is an item of a list (it opens with a dash or bullet) or
    a row of a flattened table (a tab or a `|` stands between its label and the number)."""
    return bool(
        LIST_ITEM.match(text, line_start, pos)
        or text.find("\t", line_start, pos) >= 0
        or text.find(" | ", line_start, pos) >= 0
    )
