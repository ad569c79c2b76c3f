"""Period rules that read the page's structure (analysis/extract/period.py), each on a
sentence written for the test: the years a page states for "N năm", a span from the first of
January."""

from __future__ import annotations

import datetime as dt

import pytest

from analysis.extract import extract_text


def _periods(text: str, published: dt.date | None) -> list[str]:
    meta = {} if published is None else {"published": published}
    return [r["period"] for r in extract_text(text, "t", meta)]


def test_n_years_take_the_years_the_page_stated_for_them():
    text = (
        "Hội nghị tổng kết 10 năm thi hành Luật Hòa giải ở cơ sở (2014 - 2024).\n\n"
        "Sau 10 năm, các tổ hòa giải ở cơ sở đã hòa giải thành 1.240 vụ việc."
    )
    assert _periods(text, dt.date(2024, 6, 18)) == ["2014..2024"]


def test_a_range_of_other_years_is_not_the_n_years():
    text = (
        "Giai đoạn 2019 - 2024, Sở đã tổ chức 300 cuộc tuyên truyền pháp luật.\n\n"
        "Trong 5 năm qua, các tổ hòa giải ở cơ sở đã hòa giải thành 1.240 vụ việc."
    )
    assert _periods(text, dt.date(2024, 10, 18)) == ["2019..2024", "2020..2024"]


@pytest.mark.parametrize(
    ("published", "period"),
    [(dt.date(2024, 8, 5), "2024-YTD"), (dt.date(2026, 8, 5), "2024..2026")],
)
def test_from_the_first_of_january_to_now(published, period):
    text = "Từ ngày 01/01/2024 đến nay, Sở đã tổ chức 120 cuộc tuyên truyền pháp luật."
    assert _periods(text, published) == [period]


def test_from_a_month_to_now_is_read_as_from_its_first_day():
    text = "Từ tháng 7/2025 đến nay, Sở đã tổ chức 120 cuộc tuyên truyền pháp luật."
    assert _periods(text, dt.date(2025, 10, 2)) == ["2025-Q3"]


def test_n_years_and_their_two_years_without_a_bracket():
    text = "Trong 5 năm 2016 - 2020, Sở đã tổ chức 120 cuộc tuyên truyền pháp luật."
    assert _periods(text, dt.date(2021, 3, 2)) == ["2016..2020"]


@pytest.mark.parametrize(
    ("published", "period"),
    [(dt.date(2023, 12, 21), "2023"), (dt.date(2023, 10, 21), "2023-YTD")],
)
def test_a_page_naming_no_period_in_december_reviews_the_year(published, period):
    text = "Chiều 20/12, Sở Tư pháp tổng kết công tác.\nSở đã tổ chức 120 cuộc tuyên truyền."
    if published.month != 12:
        text = text.replace("20/12", "20/10")
    assert _periods(text, published) == [period]


def test_a_year_named_after_a_figure_in_the_next_clause_is_not_its_own():
    text = (
        "Sơ kết công tác quý I/2016.\n"
        "Trong quý, Sở đã tổ chức 120 cuộc tuyên truyền pháp luật, cả năm 2015 là 400 cuộc."
    )
    assert _periods(text, None) == ["2016-Q1", "2015"]
    own = (
        "Sơ kết công tác quý I/2016.\nSở đã tổ chức 120 cuộc tuyên truyền pháp luật trong năm 2015."
    )
    assert _periods(own, None) == ["2015"], "a period closing the figure's clause is its own"


def test_an_undated_pages_year_is_after_the_year_it_compares_with():
    text = (
        "Sở Tư pháp sơ kết công tác.\nTrong 6 tháng đầu năm, Sở đã tổ chức 120 cuộc tuyên "
        "truyền pháp luật, tăng 20 cuộc so với cùng kỳ năm 2019."
    )
    assert _periods(text, None) == ["2020-H1"]
