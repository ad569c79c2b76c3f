"""Reporting periods named in an article: `năm 2023`, `6 tháng đầu năm 2024`, `quý I/2024`,
`9 tháng`, `từ đầu năm đến nay`, `giai đoạn 2016 - 2020`, `năm qua`, `trong năm` ...

A phrase applies to the figures after it in its paragraph; a figure before any phrase in its
paragraph takes the article's period (its first phrase). A phrase without a year takes the year
of a phrase of the same kind that states one, else the front matter's `published` date, else
the latest year the article mentions as past or present (not a term's end, a target or a
document number). Comparisons (`so với cùng kỳ năm 2023`), terms (`nhiệm kỳ 2021 - 2026`),
targets and dates are not periods. A single month (`trong tháng 11/2024`) is a phrase whose
figures are skipped, since no period code fits it; `từ ngày 01/7/2025 đến nay` runs to the end
of the report's period (a quarter when that is whole, else the second half so far).
"""

from __future__ import annotations

import calendar
import csv
import datetime as dt
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import NamedTuple

from analysis.errors import DataError, Problem
from analysis.extract.alternation import prefix_tree
from analysis.vietnamese import WORD_NUMBERS, fold, tone_variants

PERIODS_FILE = "extract_periods.csv"
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_YEAR = r"(?:19[5-9]\d|20\d\d)"
_YEAR_SEP = r"\s*(?:/|-|–|năm)?\s*"
# The word lists of extract_periods.csv (each row with an example a test runs).
PERIOD_LISTS = (
    "span_after", "span_before", "not_span_after", "until_now", "range_opener", "term",
    "document", "generic",
)  # fmt: skip


def _words(words: tuple[str, ...]) -> str:
    """An alternation of literal words, longest first, in either tone-mark style."""
    return tone_variants(
        "(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + ")"
    )


def _period_re(range_openers: tuple[str, ...]) -> re.Pattern[str]:
    """Each alternative names the period kind; the year after it is optional. The class up
    front holds every first character of an alternative: the engine skips other words at
    once. A range opens with a word of the list `range_opener` ("giai đoạn", "thời kỳ")."""
    firsts = "".join(sorted({w[0] for w in range_openers} | set("0123456789snbctmqg(")))
    return re.compile(
        tone_variants(
            r"(?<!\w)(?=[" + re.escape(firsts) + r"])(?:"
            r"(?P<h1>(?:6|06|sáu) tháng đầu năm|nửa đầu năm|(?:6|06|sáu) tháng(?= năm \d| \d{4}|/\d)"
            r"|(?:(?<=trong )|(?<=lũy kế )|(?<=tính chung ))(?:6|06|sáu) tháng"
            r"(?! cuối| tới| còn lại| đầu| năm| \d|/))"
            r"|(?P<h2>(?:6|06|sáu) tháng cuối năm|nửa cuối năm)"
            r"|(?P<q1>(?:3|03|ba) tháng đầu năm)"
            r"|(?P<m9>(?:9|09|chín) tháng(?: đầu năm)?)"
            r"|(?P<ytd>từ đầu năm(?:"
            + _YEAR_SEP
            + _YEAR
            + r")? (?:đến|tới) (?:nay|thời điểm|hiện tại"
            r"|(?:ngày )?\d{1,2}/\d{1,2}/(?P<ytdy>" + _YEAR + r")(?!\d))"
            r"|(?:những|các) tháng đầu năm|(?:10|11|mười|mười một|4|5|7|8|bốn|bảy|tám) tháng"
            r"(?: đầu năm|(?= năm \d| \d{4}|/\d)))"
            r"|(?P<q>quý (?P<qn>iv|i{1,3}|[1-4]))"
            r"|(?P<month>(?:(?<=trong )|(?<=riêng ))tháng"
            r"(?: \d{1,2}(?!\d)|(?=\s*[,;:.]| qua(?!\w)| này(?!\w)| vừa qua(?!\w))))"
            r"|(?P<range>" + _words(range_openers) + r"|(?:\d{1,2}|mười|năm) năm\s*\(?"
            r"|\((?=\s*\d{4}\s*[-–—]))(?=\s*(?:năm\s*)?" + _YEAR + r"\s*(?:-|–|—|đến|tới)\s*"
            r"(?:hết\s*)?(?:năm\s*)?" + _YEAR + r")"
            r"|(?P<relyear>năm qua|năm vừa qua|năm nay)"
            r"|(?P<inyear>trong năm|cả năm)(?!\s*(?:qua|nay|\d))"
            r"|(?P<year>năm)(?=\s*" + _YEAR + r"(?!\d))"
            r")(?:" + _YEAR_SEP + r"(?P<y>" + _YEAR + r")(?![\d/]))?"
            r"(?:\s*(?:-|–|—|đến|tới)\s*(?:hết\s*)?(?:năm\s*)?(?P<y2>" + _YEAR + r")(?!\d))?"
        )
    )


# Words that make the phrase after them a comparison, a term, a target or a plan.
_EXCLUDED_BEFORE = re.compile(
    tone_variants(
        r"(?:so với|cùng kỳ|đến|tới|trước|sau|kế hoạch|phương hướng|mục tiêu|"
        r"phấn đấu|tầm nhìn|định hướng|dự kiến|chỉ tiêu|từ|kể từ|hơn|với"
        # A date written out ("ngày 15 tháng 6 năm 2020", a report's dateline) is not a year.
        r"|ngày \d{1,2} tháng \d{1,2})\s*(?:\(|,)?\s*$"
    )
)
_EXCLUDED_REACH = 24  # "ngày 23 tháng 08 năm 2019": a page's date line
# "tổng kết công tác năm 2024, triển khai nhiệm vụ năm 2025": the year of the tasks a meeting
# sets is the plan's, not a reporting period ("kết quả thực hiện nhiệm vụ năm 2024" is one);
# "Hội nghị triển khai công tác tư pháp năm 2023" (held in December 2022) launches the next
# year's work. A legislative programme's year ("Chương trình xây dựng luật, pháp lệnh năm 2020")
# names the programme, not a period.
_PLAN_BEFORE = re.compile(
    r"(?<!kết quả )(?<!kết quả thực hiện )(?:triển khai(?: thực hiện)?|bàn) (?:các |phương hướng,? )?"
    r"(?:nhiệm vụ|công tác)(?: trọng tâm| công tác)?(?: tư pháp)?\s*$|nhiệm vụ trọng tâm\s*$"
    r"|chương trình xây dựng (?:luật|văn bản|nghị quyết|pháp luật)[^.;:!?\n\d]{0,30}$"
)
_PLAN_REACH = 45
# The year in a law's name ("Luật Đất đai năm 2024", "Hiến pháp năm 2013") is no period;
# "Ngày Pháp luật năm 2024" and "pháp luật năm 2023" are.
_LAW_NAME_BEFORE = re.compile(
    tone_variants(r"(?:(?<!pháp )luật|hiến pháp|pháp lệnh) [^\s,.;:!?\d()]+[^,.;:!?\d()\n]{0,40}$")
)
_LAW_NAME_REACH = 50
# A span of dates: "từ ngày 01/01 đến 30/6/2024", "từ 01/10/2023 đến 30/9/2024".
_SPAN_RE = re.compile(
    r"(?<!\w)từ (?:ngày )?(?P<d1>\d{1,2})/(?P<m1>\d{1,2})(?:/(?P<y1>" + _YEAR + r"))?"
    r"\s*(?:đến|tới|-|–)\s*(?:hết )?(?:ngày )?(?P<d2>\d{1,2})/(?P<m2>\d{1,2})/(?P<y2>"
    + _YEAR
    + r")(?!\d)"
)
# A span of months: "từ tháng 10/2023 đến tháng 9/2024", "từ tháng 01 đến tháng 6/2024".
# "Tính đến ngày 30/11/2024", "tính đến hết tháng 6/2024": a span from the year's first day.
_UNTIL_RE = re.compile(
    r"(?<!\w)tính (?:đến|tới) (?:hết )?(?:(?:ngày )?(?P<d2>\d{1,2})/|tháng )(?P<m2>\d{1,2})"
    r"(?:/|\s*năm\s*)(?P<y2>" + _YEAR + r")(?!\d)"
)
# N years in digits or words ("một" is no span of years; "mười" is tried before "mười lăm").
_YEAR_WORDS = [w for w in WORD_NUMBERS if w != "một"] + ["mười lăm"]
_N_YEARS = r"(?P<n>0?[2-9]|1\d|20|" + "|".join(_YEAR_WORDS) + ")"
_N_YEARS_AFTER = _N_YEARS.replace("?P<n>", "?P<n2>")


class PeriodWords(NamedTuple):
    """The patterns built from extract_periods.csv's lists (see that file's notes)."""

    period: re.Pattern[str]
    trigger: re.Pattern[str]
    # "Từ ngày 01/7/2025 đến nay": from a month's first day to the report; what it covers
    # depends on when the report was published (see PeriodResolver).
    since: re.Pattern[str]
    # "Từ năm 2014 đến nay": whole years up to the report's year (see PeriodResolver).
    since_year: re.Pattern[str]
    # "5 năm qua", "sau 6 năm thi hành Luật", "qua 10 năm,": the N years up to the report's;
    # the "năm qua" inside "5 năm qua" is not a year of its own.
    last_years: re.Pattern[str]
    # Every "N năm" span holds one of its words (a cheap test before the pattern).
    span_gate: re.Pattern[str]
    term: re.Pattern[str]
    document: re.Pattern[str]
    generic: re.Pattern[str]


def read_period_words(path: Path) -> dict[str, tuple[str, ...]]:
    """The word lists of an extract_periods.csv: {list: words}, every list of PERIOD_LISTS
    present; a row of an unknown list, or without a word or an example, is refused."""
    lists: dict[str, list[str]] = {name: [] for name in PERIOD_LISTS}
    problems = []
    if not path.is_file():
        raise DataError([Problem(str(path), "the period word lists are missing", "file")])
    with path.open(encoding="utf-8", newline="") as fh:
        for line, row in enumerate(csv.DictReader(fh), start=2):
            name, word = (row.get("list") or "").strip(), (row.get("word") or "").strip()
            if name not in lists:
                problems.append(Problem(str(path), f"unknown list {name!r}", "list", line))
            elif not word or not (row.get("example") or "").strip():
                problems.append(
                    Problem(str(path), "a row needs a word and an example", "row", line)
                )
            else:
                lists[name].append(word.lower())
    problems += [
        Problem(str(path), f"list {name!r} has no word", "list")
        for name, ws in lists.items()
        if not ws
    ]
    if problems:
        raise DataError(problems)
    return {name: tuple(words) for name, words in lists.items()}


def compile_period_words(path: Path) -> PeriodWords:
    """The patterns of an extract_periods.csv (loaded with the cue tables, see cues.py)."""
    lists = read_period_words(path)
    until_now = _words(lists["until_now"])
    span_after = _words(lists["span_after"])
    return PeriodWords(
        period=_period_re(lists["range_opener"]),
        trigger=re.compile(
            tone_variants(
                prefix_tree([re.escape(w) for w in sorted({*_TRIGGERS, *lists["range_opener"]})])
            )
        ),
        since=re.compile(
            r"(?<!\w)từ (?:ngày 0?1/|0?1/|tháng )(?P<m1>\d{1,2})(?:/(?P<y1>"
            + _YEAR
            + r"))?(?![\d/])"
            r"\s*(?:đến|tới) " + until_now + r"(?!\w)"
        ),
        since_year=re.compile(
            r"(?<!\w)(?:từ|kể từ) (?:năm )?(?P<y1>"
            + _YEAR
            + r")\s*(?:đến|tới) "
            + until_now
            + r"(?!\w)"
        ),
        last_years=re.compile(
            tone_variants(
                r"(?<![\w/.,])" + _N_YEARS + r" năm (?:triển khai )?" + span_after + r"(?!\w)"
                r"|(?<!\w)" + _words(lists["span_before"]) + " " + _N_YEARS_AFTER + r" năm(?!\w)"
                r"(?!\s*(?:" + _words(lists["not_span_after"]) + r"(?!\w)|\d))"
            )
        ),
        span_gate=re.compile(
            tone_variants(
                prefix_tree(
                    sorted(
                        {re.escape(f"năm {w}") for w in lists["span_after"]}
                        | {re.escape(f"{w} ") for w in lists["span_before"]}
                    )
                )
            )
        ),
        term=re.compile(
            _words(lists["term"]) + r"(?:\s+[ivxlc]+)?\s*(?:\(|,)?\s*(?:từ\s*)?(?:năm\s*)?$"
        ),
        document=re.compile(
            r"(?<!\w)(?P<doc>" + _words(lists["document"]) + r")(?!\w)(?P<number> số)?"
            r"[^.;:!?()\n]{0,50}$"
        ),
        generic=re.compile(r"(?<!\w)" + _words(lists["generic"]) + r"\s*$"),
    )


# "Từ năm 2014 đến 6 tháng đầu năm 2020", "từ năm 2016 đến hết quý I/2021": whole years to the
# year the span ends in (the contract has no form for a span ending mid-year; the corpus's call).
_STATED_RANGE_REACH = 60
_YEARS_TO_PART_RE = re.compile(
    tone_variants(
        r"(?<!\w)(?:từ|kể từ) năm (?P<y1>" + _YEAR + r")\s*(?:đến|tới) (?:hết )?"
        r"(?:(?:3|03|ba|6|06|sáu|9|09|chín) tháng(?: đầu)? năm|quý (?:iv|i{1,3}|[1-4])\s*/?\s*"
        r"(?:năm)?|tháng \d{1,2}\s*(?:/|năm)?)\s*(?P<y2>" + _YEAR + r")(?!\d)"
    )
)
# "từ năm 2014", "từ 2023": a span from a year may follow.
_FROM_YEAR = re.compile(r"từ (?:năm )?[12]\d\d\d")
_NUMBER_WORDS = {**WORD_NUMBERS, "mười lăm": 15}
_MONTH_SPAN_RE = re.compile(
    r"(?<!\w)từ tháng (?P<m1>\d{1,2})(?:/(?P<y1>" + _YEAR + r"))?\s*(?:đến|tới|-|–)\s*"
    r"(?:hết )?tháng (?P<m2>\d{1,2})(?:/|\s*năm\s*)(?P<y2>" + _YEAR + r")(?!\d)"
)
# (first month, last month) of a span within one year -> its period kind.
_SPAN_KINDS = {
    (1, 3): "Q1",
    (4, 6): "Q2",
    (7, 9): "Q3",
    (10, 12): "Q4",
    (1, 6): "H1",
    (7, 12): "H2",
    (1, 9): "9M",
    (1, 12): "year",
}
# Every period phrase holds one of these words (or a range opener of extract_periods.csv);
# only the text around them is searched.
_TRIGGERS = ("năm", "tháng", "quý", "qúy", "từ ", "tính đến", "tính tới", "(20", "(19")
_WINDOW_BEFORE, _WINDOW_AFTER = 24, 44
# Starts with a digit so the engine skips to digits fast; the look-behind follows it.
ANY_YEAR_RE = re.compile(r"[12](?<!\d[12])(?:9[5-9]|0\d)\d(?!\d)")
_NOT_A_YEAR_AFTER = re.compile(r"/[A-Za-zĐđ]|-[A-ZĐ]")
_FUTURE_BEFORE = re.compile(
    r"(?:[-–—]|đến|tới|tầm nhìn|sau|kế hoạch|phương hướng|mục tiêu|nhiệm kỳ \d{4}\s*[-–—])"
    r"\s*(?:năm\s*)?$"
)


class PeriodMention(NamedTuple):
    """A period phrase: where it stands, its kind (year, H1, H2, Q1..Q4, 9M, YTD, range,
    relyear, month: a single month, which no period code fits; since: from the first day of
    `first_month` to the report), the year it states (None if it does not) and the last year
    of a range."""

    start: int
    end: int
    kind: str
    year: int | None
    last_year: int | None = None
    relative: str = ""
    first_month: int | None = None
    years: int | None = None  # "5 năm qua": how many years, up to the report's (kind "recent")


def _mention(m: re.Match[str]) -> PeriodMention | None:
    year = int(m["y"] or m["ytdy"]) if (m["y"] or m["ytdy"]) else None
    last = int(m["y2"]) if m["y2"] else None
    if m["range"]:
        if year is None or last is None or last <= year:
            return None
        return PeriodMention(m.start(), m.end(), "range", year, last)
    if m["h1"]:
        kind = "H1"
    elif m["h2"]:
        kind = "H2"
    elif m["q1"]:
        kind = "Q1"
    elif m["m9"]:
        kind = "9M"
    elif m["ytd"]:
        kind = "YTD"
    elif m["q"]:
        kind = f"Q{_ROMAN[m['qn']]}"
    elif m["month"]:
        kind = "month"
    elif m["relyear"]:
        return PeriodMention(m.start(), m.end(), "year", None, relative=m["relyear"])
    elif m["inyear"]:
        kind = "year"
    else:
        if year is None:
            return None
        kind = "year"
    if last is not None and year is not None and kind == "year" and last > year:
        return None  # "năm 2021 - 2026": a term, not a year
    return PeriodMention(m.start(), m.end(), kind, year)


def _span_mention(m: re.Match[str]) -> PeriodMention | None:
    """A span of dates or whole months as a period: whole quarters, halves, nine months or a
    year from its first day; twelve months ending in a year's last quarter (the statistical
    year of 1/10 to 30/9, per Thông tư 03/2019/TT-BTP, or 15/12 to 14/12) are that year; from
    1/1 (or "tính đến" a date) to another date is `YTD`."""
    found = m.groupdict()
    m1, m2, last = int(found.get("m1") or 1), int(found["m2"]), int(found["y2"])
    first = int(found["y1"]) if found.get("y1") else (last if m1 <= m2 else last - 1)
    if not (1 <= m1 <= 12 and 1 <= m2 <= 12) or first not in (last, last - 1):
        return None
    d1 = int(found["d1"]) if found.get("d1") else 1
    d2 = int(found["d2"]) if found.get("d2") else calendar.monthrange(last, m2)[1]
    kind = None
    if first == last - 1:
        twelve_months = (d1 == 1 and m1 == m2 % 12 + 1) or (m1 == m2 and d1 == d2 + 1)
        kind = "year" if twelve_months and m2 >= 9 else None
    elif d1 == 1:
        month_end = d2 == calendar.monthrange(last, m2)[1]
        kind = _SPAN_KINDS.get((m1, m2)) if month_end else None
        if kind is None and m1 == 1:
            kind = "YTD"
    return None if kind is None else PeriodMention(m.start(), m.end(), kind, last)


def _since_mention(m: re.Match[str]) -> PeriodMention | None:
    first_month = int(m["m1"])
    year = int(m["y1"]) if m["y1"] else None
    if first_month == 1 and year is None:  # "từ ngày 01/01 đến nay": the year so far
        return PeriodMention(m.start(), m.end(), "YTD", None)
    if first_month == 1:  # "từ ngày 01/01/2014 đến nay": whole years up to the report's
        return PeriodMention(m.start(), m.end(), "recent", year, first_month=1)
    if not 2 <= first_month <= 12:
        return None
    return PeriodMention(m.start(), m.end(), "since", year, first_month=first_month)


def _years_of(n: str) -> int:
    """How many years "N năm" says: in digits (zero-padded) or in words."""
    return _NUMBER_WORDS.get(n) or int(n)


def _windows(view: str, start: int, end: int, trigger: re.Pattern[str]) -> list[tuple[int, int]]:
    windows: list[tuple[int, int]] = []
    for hit in trigger.finditer(view, start, end):
        i = hit.start()
        lo, hi = max(start, i - _WINDOW_BEFORE), min(end, i + _WINDOW_AFTER)
        if windows and lo <= windows[-1][1]:
            windows[-1] = (windows[-1][0], hi)
        else:
            windows.append((lo, hi))
    return windows


def find_mentions(
    view: str, start: int, end: int, text: str | None = None, *, words: PeriodWords
) -> list[PeriodMention]:
    """Period phrases in view[start:end], without comparisons, terms and targets. `text` (the
    view's original, same offsets) tells a document's capitalised name from a common word;
    `words` are the compiled word lists (the cue tables' `periods`)."""
    found = []
    for lo, hi in _windows(view, start, end, words.trigger):
        found.extend(_mentions_in(view, lo, hi, words, text))
    return found


# Words right before "năm Y" that make it a period even after a document's name
# ("Chỉ thị số 05 trong năm 2023").
_PERIOD_LEAD = re.compile(tone_variants(r"(?:trong|của|cả|riêng|vào|là|,)\s*$"))
_DOCUMENT_REACH = 70


def _document_year(view: str, m: re.Match[str], words: PeriodWords, text: str | None) -> bool:
    """Whether the year at m is a document's ("Luật Phổ biến, giáo dục pháp luật năm 2012",
    "Nghị định số 15/NĐ-CP năm 2019"): a document word written as a name (capitalised, or with
    its number) opens the words before it in its clause."""
    lo = max(0, m.start() - _DOCUMENT_REACH)
    if _PERIOD_LEAD.search(view, lo, m.start()):
        return False
    doc = words.document.search(view, lo, m.start())
    if doc is None:
        return False
    return bool(doc["number"]) or (text is not None and text[doc.start("doc")].isupper())


def _mentions_in(
    view: str, start: int, end: int, words: PeriodWords, text: str | None
) -> list[PeriodMention]:
    found = []
    for m in words.period.finditer(view, start, end):
        if _EXCLUDED_BEFORE.search(view, max(0, m.start() - _EXCLUDED_REACH), m.start()):
            continue
        if words.term.search(view, max(0, m.start() - _EXCLUDED_REACH), m.start()):
            continue  # "nhiệm kỳ 2021 - 2026", "khóa XV (2021 - 2026)": a term of office
        if m["year"] and _PLAN_BEFORE.search(view, max(0, m.start() - _PLAN_REACH), m.start()):
            continue
        if m["relyear"] and words.generic.search(view, max(0, m.start() - 12), m.start()):
            continue  # "như những năm qua": years in general, not the year just past
        mention = _mention(m)
        if mention is None:
            continue
        if m["year"] and (
            _LAW_NAME_BEFORE.search(view, max(0, m.start() - _LAW_NAME_REACH), m.start())
            or _document_year(view, m, words, text)
        ):
            continue
        found.append(mention)
    recent = []
    if words.span_gate.search(view, start, end):  # cheap gate
        recent = [
            PeriodMention(m.start(), m.end(), "recent", None, years=_years_of(m["n"] or m["n2"]))
            for m in words.last_years.finditer(view, start, end)
        ]
    if _FROM_YEAR.search(view, start, end) is not None:
        recent += [
            PeriodMention(m.start(), m.end(), "recent", int(m["y1"]))
            for m in words.since_year.finditer(view, start, end)
        ]
        recent += [
            PeriodMention(m.start(), m.end(), "range", int(m["y1"]), int(m["y2"]))
            for m in _YEARS_TO_PART_RE.finditer(view, start, end)
            if int(m["y1"]) < int(m["y2"])
        ]
    if recent:
        inside = [f for f in found if any(r.start <= f.start < r.end for r in recent)]
        found = sorted([*(f for f in found if f not in inside), *recent], key=lambda x: x.start)
        found = _stated_years_win(found)
    if view.find("từ", start, end) >= 0 or view.find("tính", start, end) >= 0:
        matches = [
            *_SPAN_RE.finditer(view, start, end),
            *_MONTH_SPAN_RE.finditer(view, start, end),
            *_UNTIL_RE.finditer(view, start, end),
        ]
        spans = [s for s in map(_span_mention, matches) if s]
        spans += [s for s in map(_since_mention, words.since.finditer(view, start, end)) if s]
        if spans:
            # "tháng 9 năm 2025" inside a span is its end, not a period of its own.
            inside = [f for f in found if any(s.start <= f.start < s.end for s in spans)]
            found = sorted([*(f for f in found if f not in inside), *spans], key=lambda x: x.start)
            found = _years_up_to_date(found)
    return found


def _stated_years_win(found: list[PeriodMention]) -> list[PeriodMention]:
    """ "10 năm thi hành Luật ... (2014 - 2024)": the years the text states win over "N năm";
    the range keeps N, so that a later "Sau 10 năm," on the page takes the same years."""
    out: list[PeriodMention] = []
    said: dict[int, int] = {}  # index in found of a stated range -> the N years it stands for
    for i, f in enumerate(found):
        if f.kind == "recent" and f.years is not None:
            stated = next(
                (
                    j
                    for j in range(i + 1, min(i + 3, len(found)))
                    if (found[j].kind == "range" or (found[j].kind == "recent" and found[j].year))
                    and 0 <= found[j].start - f.end <= _STATED_RANGE_REACH
                ),
                None,
            )
            if stated is not None:
                said[stated] = f.years
                continue
        out.append(f._replace(years=said[i]) if i in said and f.kind == "range" else f)
    return out


def _years_up_to_date(found: list[PeriodMention]) -> list[PeriodMention]:
    """ "Sau sáu năm thi hành Luật ..., tính đến 31/12/2019": N years up to the year of the date
    stated right after them (2014..2019), one range instead of the two phrases."""
    out: list[PeriodMention] = []
    skip = -1
    for i, f in enumerate(found):
        if i == skip:
            continue
        nxt = found[i + 1] if i + 1 < len(found) else None
        if (
            f.kind == "recent"
            and f.years is not None
            and f.year is None
            and nxt is not None
            and nxt.year is not None
            and nxt.kind in ("year", "YTD")
            and 0 <= nxt.start - f.end <= _STATED_RANGE_REACH
        ):
            first = nxt.year - f.years + 1
            out.append(PeriodMention(f.start, nxt.end, "range", first, nxt.year))
            skip = i + 1
            continue
        out.append(f)
    return out


# A year a figure is compared with ("so với cùng kỳ năm 2019", "bằng 110% năm 2019").
_COMPARED_BEFORE = re.compile(r"(?:so với|cùng kỳ|bằng [\d.,]+\s*%)(?: năm)?\s*$")


def latest_year_mentioned(text: str, published: dt.date | None) -> int | None:
    """The latest year the text names as past or present: not the end of a term or range,
        not a target, not a document number's year, not the year a meeting plans ("triển khai nhiệm
        vụ năm 2024"); never after the publication year. A text naming only the year it plans is
        about the year before (a December meeting reviewing the year, launching the next); a year a
    figure is compared with stands for the year after it, the one reported."""
    best = None
    planned = None
    for m in ANY_YEAR_RE.finditer(text):
        year = int(m.group())
        # The cheap tests first: a year that cannot raise the answer needs no look around.
        if (best is not None and year <= best) or (published is not None and year > published.year):
            continue
        if _NOT_A_YEAR_AFTER.match(text, m.end()):
            continue
        before = text[max(0, m.start() - 24) : m.start()].lower()
        if _FUTURE_BEFORE.search(before):
            continue
        plan = text[max(0, m.start() - _PLAN_REACH) : m.start()].lower()
        if _PLAN_BEFORE.search(re.sub(r"\s*năm\s*$", " ", plan)):
            planned = year if planned is None else min(planned, year)
            continue
        if _COMPARED_BEFORE.search(fold(before)):
            # "tăng 20 cuộc so với cùng kỳ năm 2019": the page reports the year after.
            year += 1
            if published is not None and year > published.year:
                continue
        best = year if best is None else max(best, year)
    if best is None and planned is not None:
        return planned - 1
    return best


# The last month of a report's period, for "từ ngày 01/7 đến nay" inside it.
_END_MONTH = {"year": 12, "H1": 6, "H2": 12, "Q1": 3, "Q2": 6, "Q3": 9, "Q4": 12, "9M": 9}
_START_MONTH = {"year": 1, "H1": 1, "H2": 7, "Q1": 1, "Q2": 4, "Q3": 7, "Q4": 10, "9M": 1}


def _year_from_published(mention: PeriodMention, published: dt.date) -> int:
    if mention.relative == "năm nay":
        return published.year
    if mention.kind == "YTD":
        return published.year
    if mention.kind == "year":
        # A year-end report published in January-March is about the year before.
        return published.year - 1 if published.month <= 3 else published.year
    months = {"H1": 6, "H2": 12, "Q1": 3, "Q2": 6, "Q3": 9, "Q4": 12, "9M": 9}[mention.kind]
    # A period that had not ended by publication is the previous year's, unless nearly over.
    return published.year - 1 if published.month < months - 1 else published.year


def unstated_period(published: dt.date | None, latest_year: int | None) -> str | None:
    """The period of an article that names none: what it reports "so far" when published
    (`YYYY-YTD`; the year before if published in January or February, when year-end results
    are reported; the year itself from December, when it is reviewed), else the year-to-date of the latest year it mentions; None (figures are
    skipped) when it gives no year at all."""
    if published is not None:
        if published.month <= 2:
            return str(published.year - 1)
        # A December page reviews the year (seeds 000 and 002: meetings of 9/12).
        return str(published.year) if published.month == 12 else f"{published.year}-YTD"
    return None if latest_year is None else f"{latest_year}-YTD"


def period_code(kind: str, year: int, last_year: int | None = None) -> str:
    """The contract's period code for a kind and year, e.g. ("H1", 2024) -> `2024-H1`."""
    if kind == "range":
        return f"{year}..{last_year}"
    if kind == "year":
        return str(year)
    return f"{year}-{kind}"


class PeriodResolver:
    """Turns mentions into period codes, filling in missing years from the article: a
    same-kind phrase with a year, the publication date, the latest year mentioned.
    `mentions` gives the article's period phrases in order, as far as a lookup reads them."""

    def __init__(
        self,
        text: str,
        published: dt.date | None,
        mentions: Callable[[], Iterator[PeriodMention]],
    ):
        self.text, self.published, self._mentions = text, published, mentions
        self._same_kind: dict[str, int | None] = {}
        self._fallback: tuple[int | None] | None = None
        self._codes: dict[PeriodMention, str | None] = {}
        # The article's explicit phrases, read once as far as a lookup needs them.
        self._explicit: list[PeriodMention] = []
        self._explicit_rest: Iterator[PeriodMention] | None = None

    def _explicit_mentions(self) -> Iterator[PeriodMention]:
        yield from self._explicit
        if self._explicit_rest is None:
            self._explicit_rest = (m for m in self._mentions() if m.year is not None)
        for mention in self._explicit_rest:
            self._explicit.append(mention)
            yield mention

    def _same_kind_year(self, kind: str) -> int | None:
        if kind not in self._same_kind:
            found = next((m for m in self._explicit_mentions() if m.kind == kind), None)
            self._same_kind[kind] = found.year if found else None
        return self._same_kind[kind]

    def fallback_year(self) -> int | None:
        if self._fallback is None:
            self._fallback = (latest_year_mentioned(self.text, self.published),)
        return self._fallback[0]

    def code(self, mention: PeriodMention) -> str | None:
        """The period code of a mention, or None when no year can be found for it."""
        if mention not in self._codes:
            self._codes[mention] = self._code(mention)
        return self._codes[mention]

    def _code(self, mention: PeriodMention) -> str | None:
        if mention.kind == "month":
            return None  # a single month's figures: no period code fits, they are skipped
        if mention.kind == "since":
            return self._since_code(mention)
        if mention.kind == "recent":
            return self._recent_code(mention)
        if mention.year is not None:
            year = mention.year
        else:
            year = None if mention.relative else self._same_kind_year(mention.kind)
            if year is None and self.published is not None:
                year = _year_from_published(mention, self.published)
            if year is None:
                year = self.fallback_year()
        return None if year is None else period_code(mention.kind, year, mention.last_year)

    def _recent_code(self, mention: PeriodMention) -> str | None:
        """The years of "từ năm 2014 đến nay" or "5 năm qua": up to the report's year (the
        publication year, the year before if published in January-March, as for "năm qua"),
        else the latest year the article mentions."""
        last = None
        if mention.year is None and mention.years is not None:
            # "Sau 10 năm" after "10 năm thi hành Luật ... (2014 - 2024)": the years the
            # article stated for N; undated, "Mười năm qua" after "(2013 - 2023)" too.
            stated = next(
                (
                    m
                    for m in self._explicit_mentions()
                    if m.kind == "range"
                    and m.last_year is not None
                    and (
                        m.years == mention.years
                        or (
                            self.published is None
                            and m.last_year - m.year + 1 in (mention.years, mention.years + 1)
                        )
                    )
                ),
                None,
            )
            if stated is not None:
                return period_code("range", stated.year, stated.last_year)
        if self.published is not None:
            last = self.published.year - (1 if self.published.month <= 3 else 0)
        if last is None:
            last = self.fallback_year()
        if last is None:
            return None
        first = mention.year if mention.year is not None else last - (mention.years or 1) + 1
        if first > last:
            return None
        if first == last:  # "từ ngày 01/01/2025 đến nay" in 2025: the year so far
            return f"{last}-YTD" if mention.first_month == 1 else str(last)
        return period_code("range", first, last)

    def _since_code(self, mention: PeriodMention) -> str | None:
        """The period of "từ ngày 01/7/2025 đến nay": from its first month to the end of the
        report's period (the article's first phrase of the same year: "9 tháng" ends in
        September), else to the month before publication, else to the year's end. A whole
        quarter is that quarter (Q3 in a nine-month report); from July to a later month, the
        second half so far (`H2`, the nearest code); otherwise no period."""
        first, year = mention.first_month, mention.year
        if year is None:
            year = self.published.year if self.published is not None else self.fallback_year()
        report = next(
            (
                m
                for m in self._explicit_mentions()
                if m.kind in _END_MONTH and (year is None or m.year == year)
            ),
            None,
        )
        if report is not None:
            year, last = report.year, _END_MONTH[report.kind]
        elif self.published is not None and self.published.year == year:
            last = self.published.month - 1
        else:
            last = 12  # published later, or undated: to the year's end
        if first is None or year is None or last < first:
            return None
        if first in (4, 7, 10) and last - first < 3:
            return period_code(f"Q{(first + 2) // 3}", year)
        return period_code("H2", year) if first == 7 else None
