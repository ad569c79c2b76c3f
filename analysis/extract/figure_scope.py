"""What part of its place's work a figure counts (the contract's `scope`, `area`, `scope_note`)
and why (`scope_from`), read as place and period are: from the words at the figure.

- `area`: a district, town, commune or ward named at the figure: opening its sentence ("Tại
  huyện X, ...", "Huyện X đã ...", "Phòng Tư pháp huyện X ..."; at a paragraph's start it holds
  for the paragraph), a list item's place ("- Huyện X: 615 vụ việc"), or the district whose
  justice office an article reports (`scope_from` `area`, `district_article`).
- `part`: a body other than the sector as a whole opening a clause before the figure (border
  guards, police, associations, the Front, schools; the Ministry for its own appraisal,
  checking and comments): it holds for the figures after it, across paragraphs, until another
  subject (a body, or the sector: "Sở Tư pháp", "toàn tỉnh", "cả nước") opens a clause
  (`body`, `ministry`); for dissemination, one group of people, one law or campaign, one channel
  or one event named in the figure's clause (`group`, `law`, `channel`, `event`); for legal aid,
  one kind of case named after its unit (`kind`); a "trong đó"/"gồm" part of a count the page
  also states and the kinds of a list of materials are marked by the post-filters (`of_which`,
  `list`).
- `total` otherwise: `sector` when the sector is the subject in force, `none` when nothing is.

The words are rows of data/reference/extract_scope.csv (scope, kind, side: `subject`, `clause`,
`after`), each with an example; the note is the page's own words.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache
from typing import NamedTuple

from analysis.extract.alternation import prefix_tree
from analysis.extract.context import ArticleContext, Paragraph
from analysis.extract.cues import CueSet
from analysis.extract.jurisdiction import canonical_province
from analysis.vietnamese import LIST_MARKS

NOTE_CHARS = 60
# The indicators a ministry's own count is a part of (ministries' legal units and localities
# appraise, check and comment too); its other figures are the sector's.
MINISTRY_PARTS = frozenset({"appraisal_drafts", "docs_checked", "drafts_commented"})
# (Law conferences are about one law each by definition: their law is no part.)
DISSEMINATION = frozenset(
    {"dissemination_sessions", "dissemination_attendees", "dissemination_materials"}
)
KINDS_OF = frozenset({"legal_aid_cases"})
KIND_BEFORE = 30
# How far from the figure in its clause a group, law, channel or event is read.
CLAUSE_REACH = 120
# Which clause words count for which indicators, in the order they are tried.
CLAUSE_KINDS = ("law", "group", "channel", "event")


# "209,5 vụ việc chiếm 92% tổng số vụ việc": a count followed by the share of a whole it makes
# is a part of that whole; a successful case or an on-time certificate is an indicator of its
# own ("hòa giải thành 708.000 vụ chiếm tỷ lệ 80,6%" is the whole of its count).
_SHARE_AFTER = re.compile(
    r"[^\d.;!?\n]{0,12}?\bchiếm\s+(?:tỷ lệ\s+)?(?:khoảng\s+|gần\s+|hơn\s+|trên\s+)?"
    r"\d{1,3}(?:[.,]\d+)?\s*%"
)
SHARES_OF_THEIR_OWN = frozenset(
    {"mediation_successful", "mediation_success_rate", "criminal_record_on_time"}
)


class Scope(NamedTuple):
    scope: str
    area: str
    note: str
    why: str


class Subject(NamedTuple):
    start: int
    end: int
    scope: str  # part, total, area
    kind: str
    note: str
    para_start: int  # the paragraph it opens (area subjects), else -1


# Words that may stand between a clause's start and its subject.
_LEAD_WORDS = [
    "theo đó", "đồng thời", "bên cạnh đó", "ngoài ra", "riêng", "đặc biệt", "cụ thể", "trong đó",
    "qua đó", "mặt khác", "sau đó", "còn", "và", "lực lượng", "các cấp", "cấp", "hiện nay", "tại",
    "ở", "trên địa bàn", r"trong năm \d{4}", r"năm \d{4}",
]  # fmt: skip
_LEAD = re.compile(r"(?:(?:" + prefix_tree(_LEAD_WORDS) + r")\s*)*")


# Spaces, list marks and quotes, which may stand before a clause's lead words.
_LEAD_MARKS = " \t" + LIST_MARKS + "\"“”'"


@lru_cache(maxsize=8)
def _subject_finders(subject_source: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The subject cue set's pattern, tried only where a clause opens: after a clause mark
    (opening with the marks' class lets the engine jump from one mark to the next), spaces and
    bullets, and the lead words; and the same at the text's start."""
    lead = "[" + re.escape(_LEAD_MARKS) + "]*(?:" + _LEAD.pattern + ")" + subject_source
    return re.compile(r"[.!?;:\n,(–]" + lead), re.compile(lead)


# The last clause mark (. ! ? ; : , brackets, a dash, a line) before a position.
_LAST_MARK = re.compile(r"[.!?;:\n,()–][^.!?;:\n,()–]*$")
_LEAD_REACH = 48
# A district, town, commune or ward and its name (capitalised in the text).
_AREA = re.compile(
    r"(?<!\w)(?:(?:phòng tư pháp|ubnd|ủy ban nhân dân|uỷ ban nhân dân|hđnd) )?"
    r"(?P<type>huyện|quận|thị xã|tx\.|thành phố|tp\.|xã(?! hội)|phường|thị trấn|đặc khu)\s+(?=\S)"
)
_AREA_GATE = re.compile(r"huyện|quận|xã(?! hội)|phường|thị xã|thị trấn|tp\.|tx\.|đặc khu")
_NAME_WORD = re.compile(r"[^\W\d_][\w-]*")


def opens_clause(view: str, start: int) -> bool:
    """Whether the words at `start` open their clause: only lead words ("Theo đó,", "Đồng
    thời", "Riêng", "Năm 2023") stand between them and the last mark (. ; : , ( or a line)."""
    lo = max(0, start - _LEAD_REACH)
    last = _LAST_MARK.search(view, lo, start)
    if last is None and lo > 0:
        return False
    mark = last.start() if last is not None else lo - 1
    lead = view[mark + 1 : start].strip(_LEAD_MARKS)
    return not lead or _LEAD.fullmatch(lead) is not None


def opens_sentence(view: str, para: Paragraph, start: int) -> bool:
    """Whether the words at `start` open their sentence (after lead words and a comma)."""
    sentence = para.sentence_start(start)
    lead = view[sentence:start].strip(_LEAD_MARKS + ",")
    if not lead:
        return True
    lead = lead.rstrip(",").strip()
    return _LEAD.fullmatch(lead) is not None or (
        "," in lead and _LEAD.fullmatch(lead.rsplit(",", 1)[1].strip()) is not None
    )


def _name_after(text: str, pos: int) -> int:
    """Where a place's name starting at `pos` ends: its capitalised words."""
    end = pos
    for _ in range(4):
        m = _NAME_WORD.match(text, pos)
        if m is None or not text[pos].isupper():
            break
        end = m.end()
        if text.startswith(" ", end) and end + 1 < len(text) and text[end + 1].isupper():
            pos = end + 1
            continue
        break
    return end


class ScopeState:
    """The subjects in force as the figures move on through the article: a body's or the
    sector's (article-wide, until the next), and a district's (its sentence or paragraph). Each
    paragraph is read once, when a figure first stands in it (and the skipped ones before it)."""

    def __init__(self, article: ArticleContext):
        self.article = article
        self.cursor = 0
        self._para = -1
        self._events: list[Subject] = []
        self._starts: list[int] = []
        self._areas: list[Subject] = []
        self._area_starts: list[int] = []
        self._carried: Subject | None = None
        self._hits: tuple[tuple[int, int], list[tuple[int, int, str]]] | None = None
        self._subjects: CueSet | None = article.tables.scopes.get("subject")
        self._finders = (
            None if self._subjects is None else _subject_finders(self._subjects.regex.pattern)
        )
        title = article.meta.get("title")
        if isinstance(title, str) and self._subjects is not None:
            view = title.lower()
            found = self._subjects.search(view, 0, min(len(view), _LEAD_REACH))
            if found is not None and opens_clause(view, found[0]):
                scope, kind = found[2].says.split(":")
                self._carried = Subject(-1, -1, scope, kind, title[found[0] : found[1]], -1)

    def enter(self, para: Paragraph) -> None:
        """Read `para` (and the paragraphs skipped since the last one read), once."""
        if para.start == self._para:
            return
        if self._events:
            self._carried = self._events[-1]  # the last subject of the paragraph read before
        found = self._subjects_in(min(self.cursor, para.start), para.end)
        i = bisect.bisect_left([e.start for e in found], para.start)
        if i:
            self._carried = found[i - 1]  # the last subject of the skipped paragraphs
        self._events = found[i:]
        self._starts = [e.start for e in self._events]
        self._areas = []
        view = self.article.view
        if _AREA_GATE.search(view, para.start, para.end) is not None:
            found = (self._area_at(para, m) for m in _AREA.finditer(view, para.start, para.end))
            self._areas = [area for area in found if area is not None]
        self._area_starts = [a.start for a in self._areas]
        self._para, self.cursor = para.start, max(self.cursor, para.end)

    def _subjects_in(self, start: int, end: int) -> list[Subject]:
        """The subjects opening a clause in view[start:end]: the subject words are tried only
        after a clause mark (or the text's start) and the lead words."""
        if self._subjects is None or self._finders is None:
            return []
        view, text = self.article.view, self.article.text
        marked, opening = self._finders
        found = list(marked.finditer(view, max(0, start - 1), end))  # the line break before
        if start == 0:
            first = opening.match(view, 0, end)
            if first is not None:
                found.insert(0, first)
        subjects = []
        for m in found:
            at, stop = m.start(1), m.end(1)
            scope, kind = self._subjects.cue_for(m.group(1), view, at).says.split(":")
            subjects.append(Subject(at, stop, scope, kind, text[at:stop], -1))
        return subjects

    def clause_hits(self, cues: CueSet, start: int, end: int) -> list[tuple[int, int, str]]:
        """The group, law, channel and event words in the view's [start, end) with their kind;
        the figures of one clause (sessions, their audience, materials) share the lookup."""
        if self._hits is not None and self._hits[0] == (start, end):
            return self._hits[1]
        found = [
            (at, stop, cue.says.split(":")[1])
            for at, stop, cue in cues.finditer(self.article.view, start, end)
        ]
        self._hits = ((start, end), found)
        return found

    def areas_before(self, pos: int) -> bool:
        """Whether a district opens a sentence of the paragraph entered before `pos`."""
        return bool(self._area_starts) and self._area_starts[0] < pos

    def subject_at(self, para: Paragraph, pos: int) -> Subject | None:
        """The last subject opening a clause before `pos` (in this paragraph or an earlier one)."""
        self.enter(para)
        starts = self._starts
        if not starts or starts[0] >= pos:
            return self._carried
        return self._events[bisect.bisect_left(starts, pos) - 1]

    def _area_at(self, para: Paragraph, m: re.Match[str]) -> Subject | None:
        text, view = self.article.text, self.article.view
        if not text[m.end()].isupper():
            return None  # a name is capitalised
        start = m.start()
        if not opens_sentence(view, para, start) and not _item_place(view, para, start):
            return None
        name_end = _name_after(text, m.end())
        if name_end <= m.end():
            return None
        if m["type"] in ("thành phố", "tp.") and canonical_province(text[m.end() : name_end]):
            return None  # a centrally-run city, the province itself
        whole = para.sentence_start(start) == para.start
        note = text[m.start("type") : name_end]
        return Subject(start, name_end, "area", "area", note, para.start if whole else -2)

    def area_at(self, para: Paragraph, pos: int) -> Subject | None:
        """The district named at `pos`: in its sentence, or opening its paragraph."""
        self.enter(para)
        starts = self._area_starts
        if not starts or starts[0] >= pos:
            return None
        area = self._areas[bisect.bisect_left(starts, pos) - 1]
        later = self.subject_at(para, pos)
        if later is not None and later.start > area.start:
            # A subject after the district ends it, unless it is the district's own body in the
            # same sentence ("Riêng đặc khu Vân Đồn, các tổ hòa giải đã ...").
            same = para.sentence_start(later.start) == para.sentence_start(area.start)
            if not same or _WHOLE.search(later.note.lower()):
                return None
        if area.para_start == para.start:
            return area
        return area if para.sentence_start(pos) <= area.start < pos else None


# Subjects that name the whole province or country: they end a district's figures at once.
_WHOLE = re.compile(r"toàn|cả nước|sở tư pháp|ubnd|ủy ban|hđnd|các bộ|các địa phương")


def _item_place(view: str, para: Paragraph, start: int) -> bool:
    """A list item's place: "- Huyện Cao Lãnh: 615 vụ việc"."""
    return para.is_list_item(start) and not view[para.start : start].strip(" \t" + LIST_MARKS)


def read_scope(
    article: ArticleContext,
    para: Paragraph,
    state: ScopeState,
    indicator: str,
    span: tuple[int, int, int],
) -> Scope:
    """The scope of the figure whose clause starts at span[0], whose qualifier-number-unit run
    is span[1]..span[2] (see the module's docstring)."""
    clause, q_start, unit_end = span
    district = article.about_a_district
    if district is not None and not article.whole_area(para, q_start):
        return Scope("area", district, "", "district_article")
    state.enter(para)
    if state.areas_before(q_start):
        area = state.area_at(para, q_start)
        if area is not None:
            return Scope("area", area.note, "", "area")
    subject = state.subject_at(para, q_start)
    if subject is not None and subject.scope == "part":
        if subject.kind != "ministry":
            return Scope("part", "", subject.note, subject.kind)
        if indicator in MINISTRY_PARTS:
            return Scope("part", "", subject.note, "ministry")
    if indicator in DISSEMINATION or indicator in KINDS_OF:
        words = _clause_words(article, state, para, indicator, clause, q_start, unit_end)
        if words is not None:
            return words
    if indicator not in SHARES_OF_THEIR_OWN:
        share = _SHARE_AFTER.match(article.view, unit_end, para.end)
        if share is not None:
            return Scope("part", "", _note(article.text, clause, q_start).strip(" ,;:"), "share")
    return Scope("total", "", "", "sector" if subject is not None else "none")


def _clause_words(
    article: ArticleContext,
    state: ScopeState,
    para: Paragraph,
    indicator: str,
    clause: int,
    q_start: int,
    unit_end: int,
) -> Scope | None:
    """A group, law, channel or event named in a dissemination figure's clause, or a kind of
    case right after a legal-aid count's unit."""
    view, text, scopes = article.view, article.text, article.tables.scopes
    if indicator in KINDS_OF:
        # Right after the unit ("2.420 vụ việc tư vấn") or right before the number ("tham gia
        # tố tụng 61 vụ việc").
        after = scopes.get("after")
        if after is None:
            return None
        found = after.search(view, unit_end, min(_clause_end(view, para, unit_end), unit_end + 50))
        if found is None or found[0] > unit_end + 1:
            found = None
            for hit in after.finditer(view, max(clause, q_start - KIND_BEFORE), q_start):
                if not view[hit[1] : q_start].strip():
                    found = hit
        if found is not None:
            return Scope("part", "", _note(text, found[0], found[1]), "kind")
        return None
    if indicator not in DISSEMINATION or "clause" not in scopes:
        return None
    clause_end = _clause_end(view, para, unit_end)
    end = min(clause_end, unit_end + CLAUSE_REACH)
    lo = max(clause, q_start - CLAUSE_REACH)
    found: dict[str, tuple[int, int]] = {}
    for at, stop, kind in state.clause_hits(scopes["clause"], clause, clause_end):
        if lo <= at and stop <= end:
            found.setdefault(kind, (at, stop))
    if "channel" in found and view.find("trực tiếp", clause, end) >= 0:
        del found["channel"]  # "trực tiếp và trực tuyến": every channel
    if "event" in found and (indicator != "dissemination_attendees" or found["event"][0] > q_start):
        del found["event"]  # only an audience named after its one event
    for kind in CLAUSE_KINDS:
        if kind in found:
            start, stop = found[kind]
            return Scope("part", "", _note(text, start, stop), kind)
    return None


_CLAUSE_END = re.compile(r"[;!?\n]|\.(?!\d)")


def _clause_end(view: str, para: Paragraph, pos: int) -> int:
    m = _CLAUSE_END.search(view, pos, para.end)
    return m.start() if m else para.end


_NOTE_END = re.compile(r"[,;:.!?()\n“”\"]")


def _note(text: str, start: int, end: int) -> str:
    """The page's words for a part: the words found, and a name that follows them (Luật Biên
    phòng Việt Nam), up to a mark, at most NOTE_CHARS characters."""
    stop = _NOTE_END.search(text, end, start + NOTE_CHARS)
    tail_end = stop.start() if stop else min(len(text), start + NOTE_CHARS)
    tail = text[end:tail_end]
    if tail.strip() and tail.strip()[0].isupper():
        end = tail_end
    return " ".join(text[start:end].split()).strip(" -–")
