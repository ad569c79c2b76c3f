"""How Sở Tư pháp and Bộ Tư pháp news phrase each catalog figure, one sentence at a time.

Each case is a sentence as such articles write it and the figures it must give:
(indicator, value, qualifier, level). The article is provincial (Nghệ An) and about 2023.
"""

from __future__ import annotations

import datetime as dt

import pytest

from analysis.extract import extract_text

META = {"jurisdiction": "Nghệ An", "published": dt.date(2023, 12, 20)}


def figures(text: str, meta: dict | None = None) -> list[tuple]:
    records = extract_text(text, "t", META if meta is None else meta)
    return [(r["indicator"], r["value"], r["qualifier"], r["level"]) for r in records]


CASES = [
    # appraisal
    (
        "Năm 2023, Sở Tư pháp đã thẩm định 45 dự thảo văn bản quy phạm pháp luật.",
        [("appraisal_drafts", 45, "exact", "")],
    ),
    (
        "Sở Tư pháp thẩm định 29 dự thảo VBQPPL của HĐND, UBND tỉnh.",
        [("appraisal_drafts", 29, "exact", "province")],
    ),
    (
        "Phòng Tư pháp các huyện đã thẩm định 312 dự thảo văn bản.",
        [("appraisal_drafts", 312, "exact", "district")],
    ),
    (
        "Sở đã thẩm định 12 đề nghị xây dựng nghị quyết của HĐND tỉnh.",
        [("appraisal_proposals", 12, "exact", "province")],
    ),
    (
        "Trong năm, có 64 dự thảo văn bản được thẩm định đúng thời hạn.",
        [("appraisal_drafts", 64, "exact", "")],
    ),
    # drafts commented
    ("Sở đã góp ý 120 dự thảo văn bản.", [("drafts_commented", 120, "exact", "")]),
    (
        "Sở tham gia ý kiến đối với 86 dự thảo văn bản của Trung ương.",
        [("drafts_commented", 86, "exact", "central")],
    ),
    (
        "Sở đã tham gia góp ý 35 dự thảo luật, nghị định.",
        [("drafts_commented", 35, "exact", "central")],
    ),
    (
        "Sở cho ý kiến vào gần 200 dự thảo văn bản do các sở, ngành gửi đến.",
        [("drafts_commented", 200, "approx", "province")],
    ),
    # checked
    ("Sở đã kiểm tra 85 văn bản theo thẩm quyền.", [("docs_checked", 85, "exact", "")]),
    (
        "Các cơ quan đã tự kiểm tra 1.245 văn bản do cấp xã ban hành.",
        [("docs_checked", 1245, "exact", "commune")],
    ),
    ("Sở tiếp nhận 96 văn bản để kiểm tra theo thẩm quyền.", [("docs_checked", 96, "exact", "")]),
    # checking named with a review: the documents were checked (rà soát alone is no figure)
    ("Sở đã kiểm tra, rà soát 1.200 văn bản.", [("docs_checked", 1200, "exact", "")]),
    ("Sở đã tự kiểm tra và rà soát 300 văn bản.", [("docs_checked", 300, "exact", "")]),
    # issued
    (
        "UBND tỉnh đã ban hành 45 văn bản quy phạm pháp luật.",
        [("docs_issued", 45, "exact", "province")],
    ),
    ("HĐND, UBND cấp huyện ban hành 230 VBQPPL.", [("docs_issued", 230, "exact", "district")]),
    # a ministry's circulars and the government's decrees are legal normative documents, of
    # the central tier (tests/articles/README.md, 147)
    ("Bộ trưởng Bộ Tư pháp đã ký ban hành 04 thông tư.", [("docs_issued", 4, "exact", "central")]),
    (
        "Toàn tỉnh ban hành 38 VBQPPL cấp tỉnh và 112 VBQPPL cấp huyện.",
        [("docs_issued", 38, "exact", "province"), ("docs_issued", 112, "exact", "district")],
    ),
    # published in the national database
    (
        "Sở đã cập nhật 100% văn bản, tổng cộng 57 VBQPPL lên Cơ sở dữ liệu quốc gia về pháp luật.",
        [("docs_published_db", 57, "exact", "")],
    ),
    (
        "Đã đăng tải 64 văn bản quy phạm pháp luật lên Cơ sở dữ liệu quốc gia về pháp luật.",
        [("docs_published_db", 64, "exact", "")],
    ),
    # dissemination
    (
        "Các cơ quan, đơn vị tổ chức 1.234 buổi tuyên truyền, phổ biến pháp luật với hơn 56.000 "
        "lượt người tham dự.",
        [
            ("dissemination_sessions", 1234, "exact", ""),
            ("dissemination_attendees", 56000, "at_least", ""),
        ],
    ),
    (
        "Toàn tỉnh tổ chức 3.120 cuộc tuyên truyền pháp luật trực tiếp cho 245.000 lượt người.",
        [
            ("dissemination_sessions", 3120, "exact", ""),
            ("dissemination_attendees", 245000, "exact", ""),
        ],
    ),
    (
        "Công tác tuyên truyền trực tiếp được thực hiện với khoảng 900 cuộc, thu hút 70 nghìn lượt "
        "cán bộ, nhân dân tham gia.",
        [
            ("dissemination_sessions", 900, "approx", ""),
            ("dissemination_attendees", 70000, "exact", ""),
        ],
    ),
    (
        "Sở đã biên soạn, cấp phát 12.000 tờ rơi, tờ gấp, tài liệu pháp luật.",
        [("dissemination_materials", 12000, "exact", "")],
    ),
    (
        "In và cấp phát trên 25.000 cuốn sách, 40.000 tờ gấp pháp luật cho người dân.",
        [
            ("dissemination_materials", 25000, "at_least", ""),
            ("dissemination_materials", 40000, "exact", ""),
        ],
    ),
    (
        "Sở tổ chức 8 hội nghị triển khai các luật mới được Quốc hội thông qua.",
        [("law_conferences", 8, "exact", "")],
    ),
    ("Tổ chức 5 hội nghị giới thiệu Luật Đất đai năm 2024.", [("law_conferences", 5, "exact", "")]),
    # mediation
    (
        "Các tổ hòa giải ở cơ sở đã tiếp nhận 845 vụ việc, hòa giải thành 712 vụ việc, đạt tỷ lệ "
        "84,3%.",
        [
            ("mediation_cases", 845, "exact", ""),
            ("mediation_successful", 712, "exact", ""),
            ("mediation_success_rate", 84.3, "exact", ""),
        ],
    ),
    (
        "Các tổ hoà giải đã hoà giải thành 1.259/1.549 vụ việc, đạt 81,2%.",
        [
            ("mediation_successful", 1259, "exact", ""),
            ("mediation_cases", 1549, "exact", ""),
            ("mediation_success_rate", 81.2, "exact", ""),
        ],
    ),
    (
        "Công tác hòa giải ở cơ sở: tiếp nhận 1.020 vụ việc, trong đó hòa giải thành công 876 vụ "
        "việc.",
        [("mediation_cases", 1020, "exact", ""), ("mediation_successful", 876, "exact", "")],
    ),
    # the count before ", hòa giải thành" is the cases received, even when the subject ("các tổ")
    # names no mediation cue
    (
        "Các tổ đã tiếp nhận 6.214 vụ việc, hòa giải thành 5.180 vụ việc.",
        [("mediation_cases", 6214, "exact", ""), ("mediation_successful", 5180, "exact", "")],
    ),
    ("Tỷ lệ hòa giải thành đạt trên 85%.", [("mediation_success_rate", 85.0, "at_least", "")]),
    ("Tỷ lệ hòa giải thành đạt 81.2%.", [("mediation_success_rate", 81.2, "exact", "")]),
    (
        "Các tổ hòa giải đã hòa giải thành 700 vụ việc trên tổng số 820 vụ việc tiếp nhận.",
        [("mediation_successful", 700, "exact", ""), ("mediation_cases", 820, "exact", "")],
    ),
    # legal aid
    (
        "Trung tâm Trợ giúp pháp lý nhà nước tỉnh thụ lý 320 vụ việc trợ giúp pháp lý.",
        [("legal_aid_cases", 320, "exact", "")],
    ),
    (
        "Trung tâm đã thực hiện 415 vụ việc TGPL, trong đó tham gia tố tụng 260 vụ việc.",
        # the "trong đó" part is a figure of scope part (issue 15), see test_figure_scope.py
        [("legal_aid_cases", 415, "exact", ""), ("legal_aid_cases", 260, "exact", "")],
    ),
    ("Về trợ giúp pháp lý, đã thụ lý 512 vụ việc.", [("legal_aid_cases", 512, "exact", "")]),
    # judicial records
    (
        "Sở đã tiếp nhận 1.560 hồ sơ yêu cầu cấp Phiếu lý lịch tư pháp.",
        [("criminal_record_requests", 1560, "exact", "")],
    ),
    (
        "Tiếp nhận, giải quyết 3.402 hồ sơ cấp phiếu LLTP, 100% hồ sơ trả kết quả đúng hạn.",
        [("criminal_record_requests", 3402, "exact", "")],
    ),
    (
        "Thụ lý trên 2.000 hồ sơ lý lịch tư pháp, trong đó trên 1.900 hồ sơ trả sớm và đúng hạn.",
        [
            ("criminal_record_requests", 2000, "at_least", ""),
            ("criminal_record_on_time", 1900, "at_least", ""),
        ],
    ),
    (
        "Đã trả kết quả đúng hạn 1.540/1.560 hồ sơ yêu cầu cấp Phiếu lý lịch tư pháp.",
        [
            ("criminal_record_on_time", 1540, "exact", ""),
            ("criminal_record_requests", 1560, "exact", ""),
        ],
    ),
    (
        "Trên 1.900 hồ sơ lý lịch tư pháp trả đúng hạn, đạt 98,2%.",
        [("criminal_record_on_time", 1900, "at_least", "")],
    ),
    # judicial expertise
    (
        "Các tổ chức giám định tư pháp đã thực hiện 1.125 vụ việc giám định.",
        [("forensic_expertise_cases", 1125, "exact", "")],
    ),
    (
        "Tổ chức giám định tư pháp trên 1.400 vụ việc theo trưng cầu.",
        [("forensic_expertise_cases", 1400, "at_least", "")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:50] for c in CASES])
def test_phrasing_gives_its_figures(text: str, expected: list[tuple]) -> None:
    assert figures(text) == expected, text


QUALIFIER_CASES = [
    ("tổ chức trên 300 cuộc tuyên truyền pháp luật", "at_least"),
    ("tổ chức hơn 300 cuộc tuyên truyền pháp luật", "at_least"),
    ("tổ chức vượt 300 cuộc tuyên truyền pháp luật", "at_least"),
    ("tổ chức gần 300 cuộc tuyên truyền pháp luật", "approx"),
    ("tổ chức khoảng 300 cuộc tuyên truyền pháp luật", "approx"),
    ("tổ chức xấp xỉ 300 cuộc tuyên truyền pháp luật", "approx"),
    ("tổ chức dưới 300 cuộc tuyên truyền pháp luật", "at_most"),
    ("tổ chức chưa đến 300 cuộc tuyên truyền pháp luật", "at_most"),
    ("tổ chức 300 cuộc tuyên truyền pháp luật", "exact"),
]


@pytest.mark.parametrize(("text", "qualifier"), QUALIFIER_CASES)
def test_qualifier_word_before_the_number(text: str, qualifier: str) -> None:
    assert figures(f"Năm 2023, Sở {text}.") == [("dissemination_sessions", 300, qualifier, "")]


def test_qualifier_binds_only_to_the_number_it_stands_before() -> None:
    got = figures("Sở thẩm định trên 60 dự thảo VBQPPL và 05 đề nghị xây dựng Nghị quyết.")
    assert got == [
        ("appraisal_drafts", 60, "at_least", ""),
        ("appraisal_proposals", 5, "exact", ""),
    ]


UNIT_CASES = [
    ("cấp phát 5.000 tờ gấp pháp luật", 5000),
    ("cấp phát 5.000 tờ rơi", 5000),
    ("cấp phát 5.000 cuốn sách pháp luật", 5000),
    ("cấp phát 5.000 bản tài liệu", 5000),
    ("phát hành 5.000 ấn phẩm", 5000),
    ("in 5 nghìn tờ gấp", 5000),
    ("cấp phát 1,5 triệu tờ rơi", 1_500_000),
    ("cấp phát 24 triệu tờ rơi", 24_000_000),
    ("cấp phát 300 ngàn tài liệu", 300_000),
]


@pytest.mark.parametrize(("text", "value"), UNIT_CASES)
def test_material_units_and_multipliers(text: str, value: int) -> None:
    assert figures(f"Năm 2023, Sở {text}.") == [("dissemination_materials", value, "exact", "")]


def test_list_of_materials_gives_one_row_each_not_a_sum() -> None:
    records = extract_text("Sở cấp phát 53.200 tờ gấp, 3.750 sách Hỏi - Đáp về bầu cử.", "t", META)
    assert [r["value"] for r in records] == [53200, 3750]
    evidence = {r["evidence"] for r in records}
    assert len(evidence) == 1, "both rows should share the listed phrase as evidence"
    assert evidence.pop().startswith("cấp phát 53.200 tờ gấp, 3.750 sách")


def test_part_whole_that_is_not_a_catalog_pair_gives_the_part_only() -> None:
    assert figures("Sở đã kiểm tra theo thẩm quyền 11/11 VBQPPL do cấp huyện ban hành.") == [
        ("docs_checked", 11, "exact", "district")
    ]
    assert figures("Sở cập nhật 21/21 VBQPPL của HĐND tỉnh lên Cơ sở dữ liệu quốc gia.") == [
        ("docs_published_db", 21, "exact", "province")
    ]


MORE_CASES = [
    (
        "Sở tổ chức tuyên truyền 150 cuộc/15.000 lượt người.",
        [
            ("dissemination_sessions", 150, "exact", ""),
            ("dissemination_attendees", 15000, "exact", ""),
        ],
    ),
    (
        "Trung tâm đã trợ giúp pháp lý cho 325 lượt người, với 320 vụ việc.",
        [("legal_aid_cases", 320, "exact", "")],
    ),
    (
        "Toàn tỉnh có 245.000 lượt người được tuyên truyền, phổ biến pháp luật.",
        [("dissemination_attendees", 245000, "exact", "")],
    ),
    (
        "Các tổ hòa giải đã hòa giải thành công 712/845 vụ, đạt 84%.",
        [
            ("mediation_successful", 712, "exact", ""),
            ("mediation_cases", 845, "exact", ""),
            ("mediation_success_rate", 84.0, "exact", ""),
        ],
    ),
    ("Tổng số vụ việc hòa giải là 1.500 vụ việc.", [("mediation_cases", 1500, "exact", "")]),
    (
        "Các tổ hòa giải đã hòa giải thành 712 vụ việc/845 vụ việc tiếp nhận.",
        [("mediation_successful", 712, "exact", ""), ("mediation_cases", 845, "exact", "")],
    ),
    (
        "Tỷ lệ hòa giải thành đạt 84,3% (712/845 vụ việc).",
        [
            ("mediation_success_rate", 84.3, "exact", ""),
            ("mediation_successful", 712, "exact", ""),
            ("mediation_cases", 845, "exact", ""),
        ],
    ),
    ("Số lượng văn bản được thẩm định: 56 văn bản.", [("appraisal_drafts", 56, "exact", "")]),
    (
        "Sở thẩm định 50 dự thảo, tăng 10 dự thảo so với năm 2022.",
        [("appraisal_drafts", 50, "exact", "")],
    ),
    (
        "Trưng cầu giám định 500 vụ việc, trong đó giám định pháp y 420 vụ việc.",
        [
            ("forensic_expertise_cases", 500, "exact", ""),
            ("forensic_expertise_cases", 420, "exact", ""),
        ],
    ),
    (
        "Các cơ quan trong tỉnh tổ chức 200 hội nghị, hội thảo tuyên truyền pháp luật.",
        [("dissemination_sessions", 200, "exact", "")],
    ),
    (
        "HĐND tỉnh ban hành 25 nghị quyết quy phạm pháp luật; UBND tỉnh ban hành 60 quyết định "
        "quy phạm pháp luật.",
        [("docs_issued", 25, "exact", "province"), ("docs_issued", 60, "exact", "province")],
    ),
    (
        "Thẩm định 30 dự thảo văn bản quy phạm pháp luật; tham gia ý kiến 70 dự thảo văn bản; tự "
        "kiểm tra 120 văn bản.",
        [
            ("appraisal_drafts", 30, "exact", ""),
            ("drafts_commented", 70, "exact", ""),
            ("docs_checked", 120, "exact", ""),
        ],
    ),
    (
        "Đã cấp phát miễn phí 20.000 tờ gấp, 5.000 cuốn sổ tay hỏi đáp pháp luật và 1.500 đĩa DVD.",
        [
            ("dissemination_materials", 20000, "exact", ""),
            ("dissemination_materials", 5000, "exact", ""),
        ],
    ),
    (
        "Công tác hòa giải ở cơ sở: Tổng số vụ việc tiếp nhận 458 vụ việc; hòa giải thành 392 vụ "
        "việc, đạt tỷ lệ 85,6%; hòa giải không thành 38 vụ việc; đang hòa giải 28 vụ việc.",
        [
            ("mediation_cases", 458, "exact", ""),
            ("mediation_successful", 392, "exact", ""),
            ("mediation_success_rate", 85.6, "exact", ""),
        ],
    ),
    (
        "Trung tâm đã thụ lý 145 vụ việc trợ giúp pháp lý (tham gia tố tụng 98 vụ việc, tư vấn "
        "pháp luật 47 vụ việc).",
        [
            ("legal_aid_cases", 145, "exact", ""),
            ("legal_aid_cases", 98, "exact", ""),
            ("legal_aid_cases", 47, "exact", ""),
        ],
    ),
    (
        "Lý lịch tư pháp: tiếp nhận 5.612 hồ sơ; đã cấp 5.590 Phiếu LLTP.",
        [("criminal_record_requests", 5612, "exact", "")],
    ),
    (
        "Công tác phổ biến, giáo dục pháp luật: Tổ chức 1.215 buổi tuyên truyền, phổ biến pháp "
        "luật trực tiếp với 78.645 lượt người tham dự; cấp phát 35.420 tài liệu.",
        [
            ("dissemination_sessions", 1215, "exact", ""),
            ("dissemination_attendees", 78645, "exact", ""),
            ("dissemination_materials", 35420, "exact", ""),
        ],
    ),
    ("Năm 2023, ngành phấn đấu tổ chức 4.000 cuộc tuyên truyền pháp luật.", []),
    ("UBND tỉnh ban hành 300 quyết định cá biệt và 15 quyết định xử phạt vi phạm hành chính.", []),
    ("Tổ chức 45 cuộc thi tìm hiểu pháp luật với 120.000 lượt người dự thi.", []),
    ("Tuyên truyền trên hệ thống loa truyền thanh 3.000 lượt.", []),
]


@pytest.mark.parametrize(("text", "expected"), MORE_CASES, ids=[c[0][:50] for c in MORE_CASES])
def test_more_phrasings(text: str, expected: list[tuple]) -> None:
    assert figures(text) == expected, text


def test_a_count_in_brackets_takes_what_is_said_after_the_bracket() -> None:
    """A sentence may open with its figure, and a bracketed count restates the words before it:
    the previous sentence's verb says nothing of it, the words after the bracket do."""
    text = (
        "Năm 2023, Sở tham mưu UBND tỉnh ban hành 38 văn bản quy phạm pháp luật. 100% dự thảo "
        "(45 dự thảo) văn bản quy phạm pháp luật do các sở, ngành soạn thảo được thẩm định."
    )
    assert figures(text) == [
        ("docs_issued", 38, "exact", "province"),
        ("appraisal_drafts", 45, "exact", "province"),
    ]


def periods_of(text: str, published: dt.date | None) -> list[tuple]:
    meta = {"jurisdiction": "Phú Thọ"} | ({"published": published} if published else {})
    return [(r["indicator"], r["value"], r["period"]) for r in extract_text(text, "t", meta)]


def test_a_single_months_figures_are_skipped_as_no_period_code_fits() -> None:
    text = (
        "Trong tháng 11/2024, Sở đã thẩm định 9 dự thảo văn bản. Lũy kế 11 tháng năm 2024, Sở đã "
        "thẩm định 87 dự thảo văn bản; riêng tháng 12, Sở thẩm định 8 dự thảo văn bản."
    )
    assert periods_of(text, dt.date(2024, 12, 3)) == [("appraisal_drafts", 87, "2024-YTD")]
    campaign = (
        "Năm 2023, trong tháng cao điểm hưởng ứng Ngày Pháp luật, Sở tổ chức 312 buổi tuyên "
        "truyền pháp luật."
    )
    assert periods_of(campaign, None) == [("dissemination_sessions", 312, "2023")], (
        "a campaign named 'tháng ...' is no single-month period"
    )


@pytest.mark.parametrize(
    ("lead", "published", "period"),
    [
        ("9 tháng đầu năm 2025, Sở thẩm định 118 dự thảo văn bản. ", None, "2025-Q3"),
        ("", dt.date(2025, 10, 10), "2025-Q3"),
        ("", dt.date(2025, 12, 20), "2025-H2"),
        ("", None, "2025-H2"),
        ("Năm 2025, Sở thẩm định 118 dự thảo văn bản. ", dt.date(2026, 1, 8), "2025-H2"),
    ],
)
def test_from_the_first_of_july_to_now_runs_to_the_end_of_the_report(lead, published, period):
    text = f"{lead}Từ ngày 01/7/2025 đến nay, UBND cấp xã đã ban hành 1.046 văn bản quy phạm pháp luật."
    assert periods_of(text, published)[-1] == ("docs_issued", 1046, period)


def test_from_the_first_of_january_to_now_is_the_year_to_date() -> None:
    text = "Từ ngày 01/01/2025 đến nay, Sở đã thẩm định 118 dự thảo văn bản."
    assert periods_of(text, dt.date(2025, 10, 10)) == [("appraisal_drafts", 118, "2025-YTD")]


def test_a_line_break_inside_a_sentence_is_a_space() -> None:
    # Text pasted from a PDF breaks lines mid-sentence; the evidence keeps the source's break.
    text = (
        "Năm 2023, các cơ quan đã tổ chức 512 cuộc\ntuyên truyền pháp luật; cấp phát 15.400\n"
        "tờ gấp. Các tổ hòa giải hòa giải thành 336 vụ việc, đạt\n80,4%.\n2. Công tác khác"
    )
    records = extract_text(text, "t", META)
    assert [(r["indicator"], r["value"]) for r in records] == [
        ("dissemination_sessions", 512),
        ("dissemination_materials", 15400),
        ("mediation_successful", 336),
        ("mediation_success_rate", 80.4),
    ]
    assert records[0]["evidence"] == "đã tổ chức 512 cuộc\ntuyên truyền pháp luật"
    assert all(text[r["start"] : r["end"]] == r["evidence"] for r in records)


def test_a_pipe_table_gives_each_cell_its_columns_year() -> None:
    text = (
        "Sở Tư pháp tổng hợp một số chỉ tiêu so với năm 2022 như sau:\n\n"
        "| Chỉ tiêu | Năm 2022 | Năm 2023 | Tăng/giảm |\n|---|---|---|---|\n"
        "| Số cuộc tuyên truyền pháp luật trực tiếp (cuộc) | 2.418 | 2.655 | +237 |\n"
        "| Số vụ việc hòa giải tiếp nhận | 812 | 876 | +64 |\n"
        "| Tỷ lệ hòa giải thành (%) | 82,9 | 85,0 | +2,1 |\n\n"
        "Năm 2023, Sở tổ chức 14 hội nghị phổ biến Luật Đất đai năm 2024."
    )
    records = extract_text(text, "t", META)
    got = [(r["indicator"], r["value"], r["period"]) for r in records]
    assert got == [
        ("dissemination_sessions", 2418, "2022"),
        ("dissemination_sessions", 2655, "2023"),
        ("mediation_cases", 812, "2022"),
        ("mediation_cases", 876, "2023"),
        ("mediation_success_rate", 82.9, "2022"),
        ("mediation_success_rate", 85.0, "2023"),
        ("law_conferences", 14, "2023"),
    ], "the change column names no period: its cells are no figures"
    assert (
        records[1]["evidence"] == "Số cuộc tuyên truyền pháp luật trực tiếp (cuộc) | 2.418 | 2.655"
    )
    assert all(text[r["start"] : r["end"]] == r["evidence"] for r in records)
    assert {r["jurisdiction"] for r in records} == {"Nghệ An"}


def test_a_pipe_table_with_years_as_rows() -> None:
    text = (
        "| Năm | Số vụ việc hòa giải thành | Tỷ lệ (%) |\n|---|---|---|\n"
        "| 2022 | 673 | 82,9 |\n| 2023 | 745 | 85,0 |"
    )
    got = [(r["indicator"], r["value"], r["period"]) for r in extract_text(text, "t", META)]
    assert got == [("mediation_successful", 673, "2022"), ("mediation_successful", 745, "2023")], (
        "a bare 'Tỷ lệ' column names no indicator"
    )
    no_period = "| Chỉ tiêu | Kết quả |\n|---|---|\n| Số vụ việc hòa giải thành | 673 |"
    assert extract_text(no_period, "t", META) == [], (
        "without a period column the table is left as is"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a tier after a comma and before the next number is the next item's
        (
            "Năm 2024, cấp huyện ban hành 126 văn bản, cấp xã ban hành 418 văn bản.",
            [("docs_issued", 126, "exact", "district"), ("docs_issued", 418, "exact", "commune")],
        ),
        # after another figure, the subject is what follows that figure and its own tier
        (
            "HĐND tỉnh ban hành 28 nghị quyết, UBND tỉnh ban hành 45 quyết định quy phạm pháp luật.",
            [("docs_issued", 28, "exact", "province"), ("docs_issued", 45, "exact", "province")],
        ),
        (
            "Sở đã thẩm định 43 dự thảo VBQPPL của HĐND, UBND tỉnh, góp ý 128 dự thảo văn bản.",
            [("appraisal_drafts", 43, "exact", "province"), ("drafts_commented", 128, "exact", "")],
        ),
        # two tiers named: none of them is the documents' tier
        (
            "Sở góp ý 210 dự thảo văn bản của Trung ương và địa phương.",
            [("drafts_commented", 210, "exact", "")],
        ),
        (
            "Sở kiểm tra 85 văn bản do HĐND, UBND cấp huyện, cấp xã ban hành.",
            [("docs_checked", 85, "exact", "")],
        ),
        # the ministry appraises central drafts; the sở, ban, ngành are the province's
        (
            "Bộ Tư pháp đã thẩm định 142 dự án, dự thảo văn bản quy phạm pháp luật.",
            [("appraisal_drafts", 142, "exact", "central")],
        ),
        (
            "Sở tham gia ý kiến 58 dự thảo văn bản của các sở, ban, ngành.",
            [("drafts_commented", 58, "exact", "province")],
        ),
    ],
)
def test_the_tier_of_a_document_count(text: str, expected: list[tuple]) -> None:
    assert figures(text) == expected, text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a small count or a round figure written in words (tests/articles 194, 201, 204)
        (
            "Sở tổ chức hai hội nghị triển khai Luật Tiếp cận thông tin.",
            [("law_conferences", 2, "exact", "")],
        ),
        (
            "Các Sở Tư pháp đã tiếp nhận hơn một triệu yêu cầu cấp Phiếu lý lịch tư pháp.",
            [("criminal_record_requests", 1000000, "at_least", "")],
        ),
        (
            "Ba hội nghị quán triệt Luật Hòa giải ở cơ sở được tổ chức tại các huyện.",
            [("law_conferences", 3, "exact", "")],
        ),
        # "một" alone tells one case, "năm" is as often the year: no count
        ("Một vụ việc tranh chấp đất đai đã được hòa giải thành.", []),
        ("Trong năm hội nghị đã được tổ chức tại huyện.", []),
    ],
)
def test_a_number_written_in_words(text: str, expected: list[tuple]) -> None:
    assert figures(text) == expected, text


def test_a_centrally_run_citys_own_council_is_the_province_tier() -> None:
    """A city's own council: "của HĐND thành phố" with no name after it is the council of a
    centrally-run city (Hải Phòng, Hà Nội: the province tier); "UBND thành phố Vinh" would be a
    provincial city's, a district tier."""
    text = (
        "Sở đã thẩm định 48 dự thảo văn bản, trong đó có 21 dự thảo nghị quyết của HĐND thành "
        "phố; góp ý 30 dự thảo văn bản của UBND thành phố Vinh."
    )
    assert figures(text) == [
        ("appraisal_drafts", 48, "exact", ""),
        ("appraisal_drafts", 21, "exact", "province"),
        ("drafts_commented", 30, "exact", ""),
    ]


def test_attendance_of_a_conference_on_the_legal_aid_law_is_attendance() -> None:
    text = "Sở tổ chức 3 hội nghị quán triệt Luật Trợ giúp pháp lý năm 2017 cho 420 lượt cán bộ."
    assert figures(text) == [
        ("law_conferences", 3, "exact", ""),
        ("dissemination_attendees", 420, "exact", ""),
    ], "the law's name is what the conferences were about, not legal-aid recipients"


@pytest.mark.parametrize(
    "text, expected",
    [
        # thousands written the English way, next to Vietnamese numbers (tests/articles 208)
        (
            "Năm 2023, tỉnh đã tổ chức 1,250 cuộc tuyên truyền pháp luật, thu hút hơn 96,000 lượt "
            "người tham dự; cấp phát 45.300 tờ gấp.",
            [
                ("dissemination_sessions", 1250, "exact", ""),
                ("dissemination_attendees", 96000, "at_least", ""),
                ("dissemination_materials", 45300, "exact", ""),
            ],
        ),
        (
            "Các tổ hòa giải đã hòa giải thành 2,164/2,531 vụ việc, đạt 85.5%.",
            [
                ("mediation_successful", 2164, "exact", ""),
                ("mediation_cases", 2531, "exact", ""),
                ("mediation_success_rate", 85.5, "exact", ""),
            ],
        ),
        # a Vietnamese decimal comma stays one: a multiplier, one or two digits, a percentage
        (
            "Tỉnh tổ chức 1,2 nghìn cuộc tuyên truyền pháp luật cho 1,5 triệu lượt người.",
            [
                ("dissemination_sessions", 1200, "exact", ""),
                ("dissemination_attendees", 1500000, "exact", ""),
            ],
        ),
    ],
)
def test_a_count_written_the_english_way(text: str, expected: list[tuple]) -> None:
    assert figures(text) == expected, text


def test_the_ministry_named_by_bo_alone_appraises_central_drafts() -> None:
    """A Bộ Tư pháp article names the ministry "Bộ" once introduced: "Về công tác thẩm định, Bộ
    đã thẩm định N dự án luật" is the central tier, as "Bộ Tư pháp đã thẩm định" is (205)."""
    text = (
        "Về công tác thẩm định, Bộ đã thẩm định 23 dự án luật, dự thảo nghị định. Cán bộ đã "
        "thẩm định 5 dự thảo văn bản."
    )
    assert figures(text) == [
        ("appraisal_drafts", 23, "exact", "central"),
        ("appraisal_drafts", 5, "exact", ""),
    ]


@pytest.mark.parametrize(
    "text, expected",
    [
        # after the 2025 merger, the tier below the province is "các xã, phường, đặc khu"
        (
            "Năm 2023, HĐND, UBND các xã, phường, đặc khu đã ban hành 312 văn bản quy phạm pháp luật.",
            [("docs_issued", 312, "exact", "commune")],
        ),
        # a centrally-run city's own councils issuing: no name between "thành phố" and the verb
        (
            "Năm 2023, HĐND, UBND Thành phố đã ban hành 86 văn bản quy phạm pháp luật.",
            [("docs_issued", 86, "exact", "province")],
        ),
        (
            "Năm 2023, UBND thành phố Vinh đã ban hành 12 văn bản quy phạm pháp luật.",
            [("docs_issued", 12, "exact", "")],
        ),
    ],
)
def test_the_tier_of_communes_after_the_merger_and_of_a_citys_councils(
    text: str, expected: list[tuple]
) -> None:
    """tests/articles 207, 214, 215 (and 195's "tham mưu HĐND, UBND thành phố ban hành")."""
    assert figures(text) == expected, text
