"""A page's layout around the article: its head (headline, date line), line breaks inside
sentences (text pasted from a PDF), a report's plan section and lists of other articles'
headlines, which give no figures. (Its dates: report_date.py.)"""

from __future__ import annotations

import bisect
import re

from analysis.extract.cues import WordLists
from analysis.vietnamese import LIST_MARKS

HEAD_LINES = 6


def head_end(text: str) -> int:
    """Where an article's head ends: headline, page chrome (site name, breadcrumb, date and view
    counter lines) and the lead, up to the end of the first line of some length; at most
    HEAD_LINES non-blank lines."""
    lead_end, lines = 0, 0
    while lines < HEAD_LINES and lead_end < len(text):
        nxt = text.find("\n", lead_end + 1)
        nxt = len(text) if nxt < 0 else nxt
        line_len, lead_end = len(text[lead_end:nxt].strip()), nxt
        lines += 1 if line_len else 0
        if line_len > 100:
            break
    return lead_end


# A line break inside a sentence, as in text pasted from a PDF ("đã tổ chức 512 cuộc\ntuyên
# truyền", "cấp phát 15.400\ntờ gấp", "đạt\n80,4%"): the line before ends in a word, a number or
# a comma, and the next goes on in lower case, or with a number after a word (not a section
# number: "2. Công tác ..." opens a paragraph, as does any line after a full stop or a colon).
# The line break comes first in the pattern: the engine then jumps from one to the next.
_BREAK_CANDIDATE = re.compile(r"\n(?<=[\w,]\n)(?=\w)")


_SECTION_NUMBER = re.compile(r"\d+(?:\.\d+)*[.)]\s")


def join_soft_breaks(text: str) -> str:
    """The text with its in-sentence line breaks read as spaces: same length, so offsets hold."""
    soft = [
        m.start()
        for m in _BREAK_CANDIDATE.finditer(text)
        if text[m.end()].islower()
        or (
            text[m.end()].isdigit()
            and text[m.start() - 1].isalpha()
            and not _SECTION_NUMBER.match(text, m.end())
        )
    ]
    if not soft:
        return text
    chars = list(text)
    for i in soft:
        chars[i] = " "
    return "".join(chars)


# A report's plan section: a heading line that is numbered or in capitals, not the text's first
# ("II. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2024", "Phần thứ hai: NHIỆM VỤ TRỌNG TÂM 6 THÁNG CUỐI NĂM").
# What follows it are targets even where an item does not say so ("2. Tổ chức ít nhất 4.000
# cuộc tuyên truyền pháp luật;"), as a list under "phấn đấu:" is.
_PLAN_HEADING = re.compile(
    r"^[ \t]*(?P<num>phần thứ \w+\W+|[ivx]+\.\s*|\d+(?:\.\d+)*\.?\s+)?"
    r"(?:phương hướng|nhiệm vụ trọng tâm|nhiệm vụ,? giải pháp|nhiệm vụ (?:công tác )?(?:năm|6 tháng"
    r"|quý|những tháng)|kế hoạch (?:công tác )?năm)[^\n]{0,120}$",
    re.M,
)


_PLAN_WORDS = ("phương hướng", "nhiệm vụ", "kế hoạch")


def plan_section(text: str, view: str) -> int:
    """Where a report's plan section starts (its heading line), or the text's length. Only the
    lines holding a plan word are tried, found with `str.find`."""
    lines = set()
    for word in _PLAN_WORDS:
        i = view.find(word)
        while i >= 0:
            lines.add(view.rfind("\n", 0, i) + 1)
            i = view.find(word, i + 1)
    for line_start in sorted(lines):
        m = _PLAN_HEADING.match(view, line_start)
        if m is None:
            continue
        line = text[m.start() : m.end()].strip()
        if m.start() > 0 and not line.endswith(".") and (m["num"] or line == line.upper()):
            return m.start()
    return len(text)


# A saved page's list of other articles' headlines: a short line that opens with a heading of
# extract_words.csv, list `related_heading` ("Xem thêm:", "Tin liên quan", "Các tin khác"), and the
# headline lines after it (no full stop at their end) up to a blank line. "Xem thêm: <headline>"
# may stand on one line. Their figures are other articles' ("Hà Nội: Hơn N vụ việc được hòa giải
# thành"), not this one's.
_RELATED_DECOR = " \t" + LIST_MARKS + ">»#|"


HEADLINE_LINE = 160


def related_lists(view: str, words: WordLists) -> list[tuple[int, int]]:
    """The spans of the text's related-headline lists, in order (found with `str.find`)."""
    spans = []
    for word in words.related:
        i = view.find(word)
        while i >= 0:
            line_start = view.rfind("\n", 0, i) + 1
            line_end = view.find("\n", i)
            line_end = len(view) if line_end < 0 else line_end
            head = view[line_start:i].strip(_RELATED_DECOR)
            rest = view[i + len(word) : line_end].strip()
            inline = word in words.related_inline and rest.startswith((":", ">"))
            if not head and (len(rest) <= 12 or inline) and not (i and view[i - 1].isalnum()):
                end = line_end
                while end < len(view):  # the headlines under it, up to a blank line
                    nxt = view.find("\n", end + 1)
                    nxt = len(view) if nxt < 0 else nxt
                    line = view[end + 1 : nxt].strip()
                    if not line or line.endswith(".") or len(line) > HEADLINE_LINE:
                        break
                    end = nxt
                spans.append((line_start, end))
            i = view.find(word, line_end)
    return sorted(spans)


def inside(spans: list[tuple[int, int]], pos: int) -> bool:
    """Whether pos falls in one of the sorted, non-overlapping spans."""
    i = bisect.bisect_right(spans, pos, key=lambda span: span[0]) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]
