"""When a page reports: the date its relative periods ("năm qua", "6 tháng đầu năm", "5 năm qua",
"từ năm 2013 đến nay") are read at.

A page's *publication* date comes from its front matter, else a short date line in its head
("Thứ Hai, 15/01/2024 - 08:30"), else its address (/202101/, /2023-12-26/). The *event* its lead
reports ("Ngày 16/01/2023, Sở Tư pháp tổ chức ...", "Sáng 7-11, ...", "Chiều nay (15/8), ...")
is what the page is about: a day and month without a year fall in the last such month not after
publication's (seeds 000: "Sáng nay (9/12)" on a page of 27/01/2021 was 9/12/2020). The *report
date* is the event's when the page gives one within a year before its publication (a saved
page's date line may be the day it was saved), else the publication date.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import NamedTuple

# A saved page's date line, short, in its head: "Thứ Hai, 15/01/2024 - 08:30", "Ngày đăng:
# 25/11/2016 | Lượt xem: 1.254", "Thứ Năm, 28-12-2017, 10:12", "18/12/2015".
_PAGE_DATE = re.compile(
    r"^[^\n]{0,45}?(?<![\d/])(?P<d>\d{1,2})([/-])(?P<m>\d{1,2})\2(?P<y>(?:19|20)\d\d)(?![\d/])"
    r"[^\n]{0,40}$",
    re.M,
)


def page_date(text: str, until: int) -> dt.date | None:
    """The publication date of an article without front matter, from a date line in its head
    (text[:until]; the lead's own "Ngày 16/12/2015, ..." is a longer line and is not one)."""
    for m in _PAGE_DATE.finditer(text, 0, until):
        try:
            return dt.date(int(m["y"]), int(m["m"]), int(m["d"]))
        except ValueError:
            continue
    return None


# The date a news site writes into its addresses: a folder of year and month ("/202101/",
# "/channel/3481/201907/"), a dated folder ("/2023-12-26/", "/2021/05/14/"), or a timestamp
# ending the article's id ("-20231109160932086.htm", "/d2020010902392248.htm").
_URL_DATES = (
    re.compile(r"/(?P<y>20\d\d)[-/](?P<m>[01]\d)[-/](?P<d>[0-3]\d)/"),
    re.compile(r"[/-]d?(?P<y>20\d\d)(?P<m>[01]\d)(?P<d>[0-3]\d)\d{6,}\.html?$"),
    re.compile(r"/(?P<y>20\d\d)(?P<m>[01]\d)/"),
)


def url_date(url: object) -> dt.date | None:
    """The publication date a page's address states (day 1 when it gives only the month)."""
    if not isinstance(url, str):
        return None
    for pattern in _URL_DATES:
        m = pattern.search(url)
        if m is None:
            continue
        try:
            return dt.date(int(m["y"]), int(m["m"]), int(m.groupdict().get("d") or 1))
        except ValueError:
            continue
    return None


# The dated event a page's lead reports: a time of day with its date anywhere in the lead
# ("Chiều 21-12-2022, ...", "diễn ra sáng 15/12"), or "Ngày d/m(/y)" opening a sentence or line
# after an outlet's tag ("(PLO)- Ngày 7/11, ...", "LSO-Chiều nay (15/8), ..."). Not the first day
# of a span ("Từ ngày 01/7/2025 đến nay"), not a document's date ("Kế hoạch số 45/KH-UBND ngày
# 15/3/2019": "ngày" must open its sentence).
_EVENT_DATE = re.compile(
    r"(?<!\w)(?<!từ )(?<!đến )(?<!tới )(?P<when>(?:sáng|chiều|tối|trưa|đêm)(?: nay)?|hôm nay"
    r"|(?P<day>vào ngày|ngày))\s*\(?\s*(?P<d>\d{1,2})([/-])(?P<m>\d{1,2})"
    r"(?:\4(?P<y>(?:19|20)\d\d))?(?![\d/-])",
    re.I,
)
# What may stand before "Ngày" on its line: an outlet's tag and a dash, or a sentence's end.
_SENTENCE_OPENING = re.compile(r"(?:^|\n|[.!?]\s)[ \t]*(?:\(?[\w.]{2,24}\)?\s*[-–—:]\s*)?$")
EVENT_REACH = 400
# The event a lead reports is at most this long before the page was published.
EVENT_BEFORE_DAYS = 366


class LeadEvent(NamedTuple):
    """The day, month and (where stated) year of the event a page's lead reports."""

    day: int
    month: int
    year: int | None


def lead_event(text: str) -> LeadEvent | None:
    """The dated event the text's opening reports, if it states one."""
    for m in _EVENT_DATE.finditer(text, 0, EVENT_REACH):
        if m["day"] and not _SENTENCE_OPENING.search(text, max(0, m.start() - 30), m.start()):
            continue
        day, month = int(m["d"]), int(m["m"])
        if not (1 <= month <= 12 and 1 <= day <= 31):
            continue
        return LeadEvent(day, month, int(m["y"]) if m["y"] else None)
    return None


def event_date(text: str) -> dt.date | None:
    """The full date of the event the text's opening reports, if it states one with its year."""
    event = lead_event(text)
    return None if event is None or event.year is None else _date(event.year, event)


def _date(year: int, event: LeadEvent) -> dt.date | None:
    try:
        return dt.date(year, event.month, event.day)
    except ValueError:
        return None


def report_date(published: dt.date | None, event: LeadEvent | None) -> dt.date | None:
    """The date a page reports at: its lead's event when that falls within a year before
    publication (a day and month without a year on the last such day not after it; with no
    publication date, an event stating its year), else the publication date."""
    if event is None:
        return published
    if event.year is None:
        if published is None:
            return None
        when = _date(published.year, event)
        # Compared by month: an address gives the month only (its day stands as the 1st).
        if when is not None and (when.year, when.month) > (published.year, published.month):
            when = _date(published.year - 1, event)
        return when or published
    when = _date(event.year, event)
    if when is None or published is None:
        return when or published
    if dt.timedelta(days=-1) <= published - when <= dt.timedelta(days=EVENT_BEFORE_DAYS):
        return when
    return published
