"""Place and period scope: which place and which period hold at a figure's position, and where
each was read (sentence, paragraph, an earlier paragraph, the article, its default)."""

from __future__ import annotations

import bisect
import re

from analysis.extract import jurisdiction as juris
from analysis.extract.context import ArticleContext, Paragraph, is_list_item, sentence_initial

# Places that hold only where they are named, not for the paragraphs after them: "Tại điểm cầu
# tỉnh X, ..." names one site of a national video conference; the paragraphs after it report the
# conference, not X.
_NOT_PERSISTING = ("national", "cited", "bare", "venue", "ministry")


class JurisdictionState:
    """The article's area as the text moves on: paragraph-opening `Tại X,` switches persist."""

    _OPENERS = ("Tại ", "Ở ", "Trên địa bàn ", "Sở Tư pháp ", "TẠI ")

    def __init__(self, article: ArticleContext):
        self.article = article
        self.current: str | None = None
        self.source = ""
        self.cursor = 0

    def at_paragraph(self, para: Paragraph) -> tuple[str, str]:
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
                    if line_start >= self.cursor and sentence_initial(
                        a.view, line_start, i, a.tables.words
                    ):
                        openers.append(line_start)
                    i = a.text.find(word, i + 1, para.start)
            for line_start in sorted(openers):
                line_end = min(line_start + 100, para.start)
                for mention in juris.find_mentions(a.view, a.text, line_start, line_end)[:1]:
                    if mention.how not in _NOT_PERSISTING and sentence_initial(
                        a.view, line_start, mention.start, a.tables.words
                    ):
                        self.current, self.source = mention.jurisdiction, "earlier_paragraph"
            self.cursor = para.start
        return self.current, self.source

    def leave_paragraph(self, para: Paragraph) -> None:
        first = para.places[0] if para.places else None
        # A list item's place ("- Tỉnh Thanh Hóa: 842 vụ việc;") holds for that item only.
        if (
            first is not None
            and not is_list_item(self.article.text, para.start, first.start + 1)
            and first.how not in _NOT_PERSISTING
            and sentence_initial(
                self.article.view, para.start, first.start, self.article.tables.words
            )
        ):
            self.current, self.source = first.jurisdiction, "earlier_paragraph"
        self.cursor = max(self.cursor, para.end)


def place_at(para: Paragraph, inherited: tuple[str, str], view: str, pos: int) -> tuple[str, str]:
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


def period_at(article: ArticleContext, para: Paragraph, pos: int) -> tuple[str | None, str]:
    """The period in force at `pos` and where it came from: the last phrase before it in its
    paragraph (`sentence` or `paragraph`), else one later in its clause (`sentence`), else the
    article's (see ArticleContext.article_period)."""
    before = para.period_before(pos)
    if before is not None:
        same = before.start >= para.sentence_start(pos)
        return article.resolver.code(before), "sentence" if same else "paragraph"
    later = para.period_from(pos)
    if (
        later is not None
        and later.start < para.sentence_end(pos)
        and not _CLAUSE_MARK.search(article.view, pos, later.start)
    ):
        return article.resolver.code(later), "sentence"
    return article.article_period


# A period named after a figure is its own only in its clause: "tổ chức 120 cuộc trong năm
# 2015", not "120 cuộc, cả năm 2015 là 400 cuộc" (the year of the next clause's figure).
_CLAUSE_MARK = re.compile(r"[,;:]")
