"""Jurisdiction and period of a figure come from its sentence, paragraph and article:
"Tại tỉnh X" switches, "Cả nước" is national, a phrase without a year takes the article's."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import placed

from analysis.extract import extract_text
from analysis.extract.jurisdiction import canonical_province

NATIONAL_ARTICLE = {"jurisdiction": "Việt Nam", "published": dt.date(2024, 7, 10)}


def test_national_paragraph_then_a_provincial_paragraph() -> None:
    text = (
        "Bộ Tư pháp tổ chức hội nghị sơ kết công tác tư pháp 6 tháng đầu năm 2024.\n"
        "Cả nước đã thụ lý trên 40 nghìn vụ việc trợ giúp pháp lý.\n"
        "Tại tỉnh Lạng Sơn, trong 6 tháng đầu năm, Sở Tư pháp thẩm định 29 dự thảo VBQPPL.\n"
        "Toàn tỉnh tổ chức trên 5.000 cuộc phổ biến giáo dục pháp luật.\n"
    )
    assert placed(text, NATIONAL_ARTICLE) == [
        ("legal_aid_cases", 40000, "Việt Nam", "2024-H1"),
        ("appraisal_drafts", 29, "Lạng Sơn", "2024-H1"),
        ("dissemination_sessions", 5000, "Lạng Sơn", "2024-H1"),
    ]


def test_national_subjects_inside_a_provincial_article() -> None:
    text = (
        "Năm 2023, các bộ, ngành, địa phương đã tổ chức trên 300 nghìn cuộc tuyên truyền pháp "
        "luật. Sở Tư pháp tỉnh đã tổ chức 2.536 cuộc tuyên truyền pháp luật."
    )
    assert placed(text, {"jurisdiction": "Hậu Giang"}) == [
        ("dissemination_sessions", 300000, "Việt Nam", "2023"),
        ("dissemination_sessions", 2536, "Hậu Giang", "2023"),
    ]


def test_national_figures_cited_in_a_provincial_article_without_ca_nuoc() -> None:
    """ "Theo Bộ Tư pháp," opens a paragraph of the ministry's figures and "của 34 tỉnh, thành
    phố" names every province; neither outvotes the province the article is about."""
    text = (
        "Năm 2023, Sở Tư pháp tỉnh Bắc Giang đã thẩm định 45 dự thảo văn bản.\n"
        "Theo Bộ Tư pháp, năm 2023, các tổ hòa giải ở cơ sở đã tiếp nhận 88.214 vụ việc.\n"
        "Các Trung tâm Trợ giúp pháp lý nhà nước của 34 tỉnh, thành phố đã thụ lý 47.520 vụ "
        "việc; các tổ hoà giải đã hoà giải thành 68.930 vụ việc.\n"
        "Trong năm, Trung tâm Trợ giúp pháp lý nhà nước tỉnh thụ lý 286 vụ việc.\n"
    )
    assert placed(text, {"published": dt.date(2023, 12, 16)}) == [
        ("appraisal_drafts", 45, "Bắc Giang", "2023"),
        ("mediation_cases", 88214, "Việt Nam", "2023"),
        ("legal_aid_cases", 47520, "Việt Nam", "2023"),
        ("mediation_successful", 68930, "Việt Nam", "2023"),
        ("legal_aid_cases", 286, "Bắc Giang", "2023"),
    ]


def test_toan_quoc_is_national() -> None:
    text = "Năm 2022, toàn quốc đã hòa giải thành 120.000 vụ việc."
    assert placed(text, {"jurisdiction": "Nam Định"}) == [
        ("mediation_successful", 120000, "Việt Nam", "2022")
    ]


def test_venue_mid_sentence_does_not_switch_the_jurisdiction() -> None:
    text = "Sáng 10/7, tại Hà Nội, Bộ Tư pháp cho biết năm 2024 cả nước góp ý 355 dự thảo văn bản."
    assert placed(text, {"jurisdiction": "Việt Nam"}) == [
        ("drafts_commented", 355, "Việt Nam", "2024")
    ]


def test_article_province_is_inferred_when_front_matter_has_none() -> None:
    text = (
        "Sở Tư pháp tỉnh Quảng Ninh tổng kết công tác năm 2021.\n"
        "Sở đã thẩm định trên 60 dự thảo VBQPPL.\n"
    )
    assert placed(text, {}) == [("appraisal_drafts", 60, "Quảng Ninh", "2021")]


@pytest.mark.parametrize(
    ("written", "province"),
    [
        ("tỉnh Lạng Sơn", "Lạng Sơn"),
        ("Thành phố Hồ Chí Minh", "Hồ Chí Minh"),
        ("TP.HCM", "Hồ Chí Minh"),
        ("TP. Hồ Chí Minh", "Hồ Chí Minh"),
        ("Thừa Thiên - Huế", "Thừa Thiên Huế"),
        ("Thừa Thiên Huế", "Thừa Thiên Huế"),
        ("Bà Rịa-Vũng Tàu", "Bà Rịa - Vũng Tàu"),
        ("tỉnh Khánh Hoà", "Khánh Hòa"),
        ("Thanh Hoá", "Thanh Hóa"),
        ("Hoà Bình", "Hòa Bình"),
        ("Đăk Lăk", "Đắk Lắk"),
    ],
)
def test_province_names_in_any_common_form(written: str, province: str) -> None:
    assert canonical_province(written) == province
    text = f"Tại {written}, năm 2023 đã tiếp nhận 1.200 hồ sơ yêu cầu cấp phiếu lý lịch tư pháp."
    assert placed(text, {"jurisdiction": "Việt Nam"}) == [
        ("criminal_record_requests", 1200, province, "2023")
    ]


def test_bare_province_names_heading_their_clauses() -> None:
    text = (
        "Năm 2023, Hà Nội tổ chức 5.000 cuộc tuyên truyền pháp luật, TP.HCM 4.500 cuộc, "
        "Đà Nẵng 1.200 cuộc; cả nước tổ chức 180.000 cuộc tuyên truyền."
    )
    assert placed(text, {"jurisdiction": "Việt Nam"}) == [
        ("dissemination_sessions", 5000, "Hà Nội", "2023"),
        ("dissemination_sessions", 4500, "Hồ Chí Minh", "2023"),
        ("dissemination_sessions", 1200, "Đà Nẵng", "2023"),
        ("dissemination_sessions", 180000, "Việt Nam", "2023"),
    ]


def test_tp_hcm_needs_no_type_word() -> None:
    text = "TP.HCM đã tiếp nhận 65.000 hồ sơ yêu cầu cấp phiếu lý lịch tư pháp trong năm 2022."
    assert placed(text, {"jurisdiction": "Việt Nam"}) == [
        ("criminal_record_requests", 65000, "Hồ Chí Minh", "2022")
    ]


def test_lowercase_hoa_binh_is_peace_not_a_province() -> None:
    text = "Vì hòa bình, tỉnh tổ chức 12 cuộc tuyên truyền pháp luật năm 2023."
    assert placed(text, {"jurisdiction": "Sơn La"}) == [
        ("dissemination_sessions", 12, "Sơn La", "2023")
    ]


PERIODS = [
    ("Năm 2023, Sở đã góp ý 120 dự thảo văn bản.", {}, "2023"),
    ("Trong năm 2023, Sở đã góp ý 120 dự thảo văn bản.", {}, "2023"),
    ("6 tháng đầu năm 2024, Sở đã góp ý 120 dự thảo văn bản.", {}, "2024-H1"),
    ("Sáu tháng đầu năm 2024, Sở đã góp ý 120 dự thảo văn bản.", {}, "2024-H1"),
    ("6 tháng cuối năm 2024, Sở đã góp ý 120 dự thảo văn bản.", {}, "2024-H2"),
    (
        "Trong 6 tháng, Sở đã góp ý 120 dự thảo văn bản.",
        {"published": dt.date(2024, 7, 2)},
        "2024-H1",
    ),
    ("9 tháng năm 2022, Sở đã góp ý 120 dự thảo văn bản.", {}, "2022-9M"),
    ("9 tháng đầu năm 2022, Sở đã góp ý 120 dự thảo văn bản.", {}, "2022-9M"),
    ("Quý I/2024, Sở đã góp ý 120 dự thảo văn bản.", {}, "2024-Q1"),
    ("Trong quý III năm 2023, Sở đã góp ý 120 dự thảo văn bản.", {}, "2023-Q3"),
    ("Từ đầu năm 2021 đến nay, Sở đã góp ý 120 dự thảo văn bản.", {}, "2021-YTD"),
    ("Giai đoạn 2016 - 2020, Sở đã góp ý 120 dự thảo văn bản.", {}, "2016..2020"),
    ("Từ năm 2016 đến năm 2020, Sở đã góp ý 120 dự thảo văn bản.", {}, "2016..2020"),
    ("Năm nay, Sở đã góp ý 120 dự thảo văn bản.", {"published": dt.date(2023, 11, 2)}, "2023"),
    ("Năm qua, Sở đã góp ý 120 dự thảo văn bản.", {"published": dt.date(2024, 1, 12)}, "2023"),
    ("Năm qua, Sở đã góp ý 120 dự thảo văn bản.", {"published": dt.date(2023, 12, 20)}, "2023"),
    (
        "Từ đầu năm đến nay, Sở đã góp ý 120 dự thảo văn bản.",
        {"published": dt.date(2022, 10, 5)},
        "2022-YTD",
    ),
    ("Quý II, Sở đã góp ý 120 dự thảo văn bản.", {"published": dt.date(2022, 7, 5)}, "2022-Q2"),
    ("Sở đã góp ý 120 dự thảo văn bản.", {"published": dt.date(2022, 10, 5)}, "2022-YTD"),
]


@pytest.mark.parametrize(("text", "meta", "period"), PERIODS, ids=[p[0][:40] for p in PERIODS])
def test_period_forms(text: str, meta: dict, period: str) -> None:
    got = placed(text, {"jurisdiction": "Hà Nam", **meta})
    assert [g[3] for g in got] == [period]


def test_restated_half_year_takes_the_year_stated_earlier() -> None:
    text = (
        "Hội nghị sơ kết công tác tư pháp 6 tháng đầu năm 2024.\n"
        "Trong 6 tháng đầu năm, Sở đã góp ý 355 dự thảo văn bản.\n"
    )
    assert placed(text, {"jurisdiction": "Lạng Sơn"})[0][3] == "2024-H1"


def test_dateline_and_comparison_do_not_move_the_period() -> None:
    text = (
        "Sáng nay (9/12), Sở làm việc nhằm đánh giá kết quả công tác tư pháp năm 2020.\n"
        "Theo đó, Sở đã thẩm định 62 văn bản quy phạm pháp luật, bằng 119% so với cùng kỳ "
        "năm 2019.\n"
    )
    meta = {"jurisdiction": "Lạng Sơn", "published": dt.date(2021, 1, 27)}
    assert placed(text, meta) == [("appraisal_drafts", 62, "Lạng Sơn", "2020")]


def test_the_year_of_the_tasks_a_meeting_sets_is_not_the_reports_period() -> None:
    text = (
        "Ngành Tư pháp triển khai nhiệm vụ năm 2025\n\n"
        "Sáng 9/1, Sở tổ chức hội nghị tổng kết công tác tư pháp năm 2024, triển khai nhiệm vụ "
        "năm 2025.\n\nCác tổ hòa giải ở cơ sở đã hòa giải thành 1.645 vụ việc.\n"
    )
    meta = {"jurisdiction": "Nam Định", "published": dt.date(2025, 1, 10)}
    assert placed(text, meta) == [("mediation_successful", 1645, "Nam Định", "2024")]
    done = "Kết quả thực hiện nhiệm vụ năm 2024: các tổ hòa giải đã hòa giải thành 1.645 vụ việc."
    assert placed(done, meta) == [("mediation_successful", 1645, "Nam Định", "2024")]


def test_term_years_are_not_the_period_but_date_the_undated_article() -> None:
    text = (
        "Từ đầu năm đến nay, Sở đã thẩm định trên 60 dự thảo VBQPPL.\n"
        "Sở tuyên truyền về bầu cử đại biểu Hội đồng nhân dân nhiệm kỳ 2021 – 2026.\n"
    )
    assert placed(text, {"jurisdiction": "Quảng Ninh"}) == [
        ("appraisal_drafts", 60, "Quảng Ninh", "2021-YTD")
    ]


def test_no_year_anywhere_gives_no_figure() -> None:
    assert placed("Sở đã góp ý 120 dự thảo văn bản.", {"jurisdiction": "Hà Nam"}) == []


@pytest.mark.parametrize(
    ("since", "period"),
    [
        ("Từ năm 2014 đến nay", "2014..2024"),
        ("Trong 5 năm qua", "2020..2024"),
        ("Mười năm qua", "2015..2024"),
        ("Năm qua", "2024"),
    ],
)
def test_years_up_to_now_end_in_the_reports_year(since, period) -> None:
    text = f"{since}, các tổ hòa giải tỉnh Bến Tre đã tiếp nhận 28.450 vụ việc."
    assert placed(text, {"published": dt.date(2024, 10, 18)}) == [
        ("mediation_cases", 28450, "Bến Tre", period)
    ]


def test_a_dateline_names_the_reports_province_and_its_date_is_no_period() -> None:
    text = (
        "SỞ TƯ PHÁP\nVĩnh Phúc, ngày 15 tháng 6 năm 2020\n\nBÁO CÁO\n"
        "Kết quả công tác tư pháp 6 tháng đầu năm 2020\n\n1. Hòa giải\n"
        "Các tổ hòa giải đã tiếp nhận 418 vụ việc.\n"
        "2. Trợ giúp pháp lý\nTrung tâm đã thụ lý 120 vụ việc trợ giúp pháp lý."
    )
    assert placed(text) == [
        ("mediation_cases", 418, "Vĩnh Phúc", "2020-H1"),
        ("legal_aid_cases", 120, "Vĩnh Phúc", "2020-H1"),
    ]


def test_the_titles_province_outvotes_a_national_figure_cited_once() -> None:
    text = (
        "Năm 2024, Sở Tư pháp tỉnh Nghệ An đánh giá công tác giám định tư pháp. Các tổ chức "
        "giám định đã thực hiện 3.087 vụ việc giám định.\n\n"
        "Năm 2024, cả nước thực hiện khoảng 160.000 vụ việc giám định tư pháp."
    )
    assert placed(text, {"title": "Nghệ An: Nâng cao chất lượng giám định tư pháp"}) == [
        ("forensic_expertise_cases", 3087, "Nghệ An", "2024"),
        ("forensic_expertise_cases", 160000, "Việt Nam", "2024"),
    ]


def test_a_list_of_other_articles_headlines_gives_no_figures() -> None:
    text = (
        "Năm 2023, tỉnh Sóc Trăng tổ chức 1.320 cuộc tuyên truyền pháp luật.\n\n"
        "Xem thêm:\n- Hà Nội: Hơn 2.000 vụ việc được hòa giải thành trong quý I/2023\n"
        "- Kon Tum tổ chức 1.200 cuộc tuyên truyền pháp luật cho đồng bào\n\n"
        "Các tin khác:\n- Khánh Hòa: Tiếp nhận 2.500 yêu cầu cấp Phiếu lý lịch tư pháp (15/6/2023)\n"
        "Đọc thêm: Bạc Liêu thụ lý 215 vụ việc trợ giúp pháp lý\n\n"
        "Các tổ hòa giải của tỉnh đã tiếp nhận 1.045 vụ việc."
    )
    assert placed(text) == [
        ("dissemination_sessions", 1320, "Sóc Trăng", "2023"),
        ("mediation_cases", 1045, "Sóc Trăng", "2023"),
    ], "headlines listed under 'Xem thêm', 'Các tin khác', 'Đọc thêm:' are other articles'"


def test_a_conference_sites_province_holds_for_its_paragraph_only() -> None:
    text = (
        "Sáng 5/1, Bộ Tư pháp tổ chức hội nghị trực tuyến toàn quốc tổng kết công tác năm 2023.\n\n"
        "Tại điểm cầu tỉnh Bắc Giang, đồng chí Phó Chủ tịch UBND tỉnh chủ trì hội nghị.\n\n"
        "Năm 2023, Bộ Tư pháp đã thẩm định 147 dự án, dự thảo văn bản quy phạm pháp luật.\n\n"
        "Tại điểm cầu Đà Nẵng, thành phố đã tổ chức 1.250 cuộc tuyên truyền."
    )
    assert placed(text, {"published": dt.date(2024, 1, 6)}) == [
        ("appraisal_drafts", 147, "Việt Nam", "2023"),
        ("dissemination_sessions", 1250, "Đà Nẵng", "2023"),
    ], "the site of a video conference is neither the article's nor the next paragraph's place"


def test_a_speakers_office_holds_for_the_paragraph_the_speaker_opens() -> None:
    text = (
        "Ngày 13/7, tại TP Cần Thơ, Bộ Tư pháp tổ chức hội nghị giao ban 6 tháng đầu năm 2023.\n\n"
        "Đại diện Sở Tư pháp tỉnh An Giang cho biết, các tổ hòa giải đã tiếp nhận 1.045 vụ việc. "
        "Sở đã thẩm định 41 dự thảo văn bản quy phạm pháp luật.\n\n"
        "Bà Trần Thị Hồng, Phó Giám đốc Sở Tư pháp tỉnh Bạc Liêu nêu kiến nghị. Theo bà Hồng, "
        "Trung tâm Trợ giúp pháp lý nhà nước tỉnh đã thụ lý 215 vụ việc.\n\n"
        "Các địa phương đã tổ chức 3.500 cuộc tuyên truyền pháp luật."
    )
    assert placed(text, {"jurisdiction": "Việt Nam"}) == [
        ("mediation_cases", 1045, "An Giang", "2023-H1"),
        ("appraisal_drafts", 41, "An Giang", "2023-H1"),
        ("legal_aid_cases", 215, "Bạc Liêu", "2023-H1"),
        ("dissemination_sessions", 3500, "Việt Nam", "2023-H1"),
    ]


@pytest.mark.parametrize(
    "date_line",
    ["Thứ Hai, 09:15, 16/01/2023", "Ngày đăng: 16/01/2023 | Lượt xem: 1.254", "16-01-2023"],
)
def test_a_pages_date_line_is_its_publication_date(date_line: str) -> None:
    text = (
        f"{date_line}\n\nĐắk Nông: Hòa giải ở cơ sở\n\n"
        "Trong năm qua, Sở Tư pháp tỉnh Đắk Nông đã cấp phát 3.200 cuốn tài liệu pháp luật. "
        "Năm 2023, tỉnh phấn đấu tỷ lệ hòa giải thành đạt trên 87%."
    )
    assert placed(text) == [("dissemination_materials", 3200, "Đắk Nông", "2022")], (
        "'năm qua' on a page dated January is the year before"
    )
    lead = "Ngày 16/01/2023, Sở Tư pháp tỉnh Đắk Nông tổ chức hội nghị tổng kết công tác tư pháp."
    assert placed(f"{lead}\n\n{text.split(chr(10) * 2, 2)[2]}")[0][3] == "2022", (
        "a page without a date line is dated by the event its lead reports (issue 16: periods at "
        "a dated event): 'năm qua' at a review held in January is the year before"
    )


def test_a_district_sites_chrome_does_not_hide_its_district_office() -> None:
    text = (
        "TRUNG TÂM VĂN HÓA, THÔNG TIN VÀ THỂ THAO HUYỆN HẢI HẬU\n\n"
        "Trang chủ / Tin tức / Chính trị - Xã hội\n\n"
        "Hải Hậu: Nâng cao hiệu quả công tác phổ biến, giáo dục pháp luật\n\n"
        "Cập nhật: 18/12/2024 | Lượt xem: 312\n\n"
        "Năm 2024, Phòng Tư pháp huyện Hải Hậu đã tổ chức 45 buổi tuyên truyền pháp luật với trên "
        "3.200 lượt người nghe, cấp phát 1.200 bản tài liệu cho người dân ở các xã, thị trấn.\n\n"
        "Theo Sở Tư pháp tỉnh Nam Định, năm 2024, toàn tỉnh đã tổ chức 2.346 cuộc tuyên truyền."
    )
    got = [
        (r["indicator"], r["value"], r["jurisdiction"], r["scope"], r["area"])
        for r in extract_text(text, "t")
    ]
    district = ("Nam Định", "area", "huyện Hải Hậu")
    assert got == [
        ("dissemination_sessions", 45, *district),
        ("dissemination_attendees", 3200, *district),
        ("dissemination_materials", 1200, *district),
        ("dissemination_sessions", 2346, "Nam Định", "total", ""),
    ], "the district office's figures are its district's (scope area), the province's total"


def test_the_provinces_justice_sector_named_in_a_headline_is_the_articles_province() -> None:
    """The words "ngành Tư pháp X" name the province as "Sở Tư pháp X" does (tests/articles
    204: a page without front matter whose body says only "Sở", "tỉnh")."""
    text = (
        "Năm 2017, ngành Tư pháp Quảng Nam hoàn thành tốt nhiệm vụ\n\n"
        "Trong năm, Sở đã thẩm định 72 dự thảo văn bản quy phạm pháp luật."
    )
    assert placed(text) == [("appraisal_drafts", 72, "Quảng Nam", "2017")]
