"""The date a page reports at (analysis/extract/report_date.py): its publication date, else the
event its lead dates; a lead's event within a year before publication wins. Sentences written
for the test."""

from __future__ import annotations

import datetime as dt

import pytest

from analysis.extract import extract_text
from analysis.extract.report_date import (
    LeadEvent,
    lead_event,
    page_date,
    report_date,
    url_date,
)


@pytest.mark.parametrize(
    ("url", "expect"),
    [
        ("https://bao.vn/channel/12/202101/tin-a-123/", dt.date(2021, 1, 1)),
        ("https://bao.vn/2023-12-26/tin-b.htm", dt.date(2023, 12, 26)),
        ("https://bao.vn/tin-c-20231109160932086.htm", dt.date(2023, 11, 9)),
        ("https://bao.vn/tin-d.htm", None),
    ],
)
def test_url_date(url, expect):
    assert url_date(url) == expect


def test_page_date_is_a_short_line_of_the_head():
    text = "Tiêu đề\nThứ Hai, 15/01/2024 - 08:30\nNgày 16/12/2023, Sở Tư pháp tổ chức hội nghị."
    assert page_date(text, len(text)) == dt.date(2024, 1, 15)


@pytest.mark.parametrize(
    ("lead", "expect"),
    [
        ("Sáng 7-11, Sở Tư pháp tổ chức hội nghị.", LeadEvent(7, 11, None)),
        ("(PLO)- Ngày 16/01/2023, Sở Tư pháp tổ chức hội nghị.", LeadEvent(16, 1, 2023)),
        ("LSO-Chiều nay (15/8), Sở Tư pháp họp.", LeadEvent(15, 8, None)),
        # A document's date and a span's first day are not the event.
        ("Thực hiện Kế hoạch số 45/KH-UBND ngày 15/3/2019, Sở đã họp.", None),
        ("Từ ngày 01/7/2025 đến nay, Sở đã tổ chức 12 cuộc.", None),
    ],
)
def test_lead_event(lead, expect):
    assert lead_event(lead) == expect


@pytest.mark.parametrize(
    ("published", "event", "expect"),
    [
        # "Sáng nay (9/12)" on a page of 27/01/2021: the meeting was in December 2020.
        (dt.date(2021, 1, 27), LeadEvent(9, 12, None), dt.date(2020, 12, 9)),
        # An address gives the month only (day 1): "Sáng 26-1" is later that January.
        (dt.date(2021, 1, 1), LeadEvent(26, 1, None), dt.date(2021, 1, 26)),
        # An event stated more than a year before publication is a reference, not the event.
        (dt.date(2024, 3, 2), LeadEvent(5, 1, 2022), dt.date(2024, 3, 2)),
        (dt.date(2024, 1, 20), LeadEvent(18, 12, 2023), dt.date(2023, 12, 18)),
        (None, LeadEvent(18, 12, 2023), dt.date(2023, 12, 18)),
        (None, LeadEvent(18, 12, None), None),
    ],
)
def test_report_date(published, event, expect):
    assert report_date(published, event) == expect


def test_a_december_meeting_on_a_later_page_reports_that_year():
    page = (
        "Sáng nay (12/12), Sở Tư pháp tổ chức hội nghị tổng kết công tác.\n"
        "Trong năm qua, các tổ hòa giải ở cơ sở đã hòa giải thành 1.240 vụ việc."
    )
    rows = extract_text(page, "t", {"published": dt.date(2022, 4, 25)})
    assert [(r["value"], r["period"]) for r in rows] == [(1240.0, "2021")]
