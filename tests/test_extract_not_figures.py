"""Numbers that are not catalog figures must not become records: dates, years, document
numbers, growth and other percentages, "1 số", terms, phone numbers, times, rankings,
and counts of things the catalog does not count (rà soát, complaints, unsettled cases)."""

from __future__ import annotations

import datetime as dt

import pytest

from analysis.extract import extract_text

META = {"jurisdiction": "Bắc Giang", "published": dt.date(2024, 7, 15)}

NOT_FIGURES = [
    "Sáng nay (9/12), Sở Tư pháp tổ chức hội nghị tổng kết công tác năm 2023.",
    "Ngày 27/01/2021, đoàn công tác làm việc với Sở Tư pháp.",
    "Thực hiện Nghị quyết số 27-NQ/TW của Hội nghị Trung ương 6 khóa XIII.",
    "Theo Thông tư 03/2019/TT-BTP, báo cáo thống kê được lập 6 tháng và hằng năm.",
    "Căn cứ Quyết định 1234/QĐ-UBND ngày 15/6/2023 của UBND tỉnh.",
    "Số vụ việc trợ giúp pháp lý tăng 12,9% so với cùng kỳ năm 2023.",
    "Số văn bản được thẩm định bằng 119% so với cùng kỳ năm 2019.",
    "Số hồ sơ lý lịch tư pháp trả đúng hạn đạt 98,2%.",
    "Đảm bảo 100% các thôn, khu phố có tài liệu của Sở Tư pháp.",
    "Qua kiểm tra đột xuất tại 1 số đơn vị, ngành đã chấn chỉnh kịp thời.",
    "Cuộc bầu cử đại biểu Quốc hội khóa XV và Hội đồng nhân dân nhiệm kỳ 2021 – 2026.",
    "Mọi thông tin xin liên hệ số điện thoại 0205 3812 345 hoặc 0912.345.678.",
    "Hội nghị bắt đầu lúc 8 giờ 30 phút, kết thúc lúc 11h.",
    "Sở Tư pháp xếp hạng thứ 2 khối sở, ban, ngành về Chỉ số cải cách hành chính.",
    "Sở đã rà soát 1.200 văn bản quy phạm pháp luật, kiến nghị xử lý 15 văn bản.",
    "Bộ Tư pháp được giao 113 nhiệm vụ, đã hoàn thành 104 nhiệm vụ.",
    "Hội nghị được kết nối với 63 điểm cầu các tỉnh, thành phố.",
    "Ban hành gần 40 văn bản chỉ đạo các đơn vị thuộc Sở thực hiện phòng, chống dịch.",
    "UBND tỉnh cho chủ trương ban hành 55 văn bản quy phạm pháp luật.",
    "Qua kiểm tra, phát hiện 5 văn bản trái pháp luật.",
    "Còn 33 vụ việc đang giải quyết, 100 vụ việc hòa giải không thành.",
    "Tiếp nhận 25 đơn khiếu nại, tố cáo; giải quyết 20 vụ việc khiếu nại.",
    "Chứng thực 120.000 bản sao từ bản chính.",
    "Tiếp nhận 3.500 hồ sơ đăng ký hộ tịch, 800 hồ sơ chứng thực.",
    "Trung tâm đã trợ giúp pháp lý cho 1.200 lượt người thuộc diện được trợ giúp.",
    "Tổ chức 5 cuộc thi tìm hiểu pháp luật và 12 cuộc kiểm tra công tác hộ tịch.",
    "Toàn tỉnh có 2.300 tổ hòa giải với 15.000 hòa giải viên.",
    "Tổ chức 20 lớp tập huấn nghiệp vụ cho 1.500 hòa giải viên.",
    "Thi hành xong 5.000 việc thi hành án dân sự.",
    "Số vụ việc hòa giải giảm 30 vụ việc so với năm trước.",
    "Tỷ lệ giải ngân đạt 85% kế hoạch.",
    "Sở đã lập mới, cập nhật 2.140 hồ sơ lý lịch tư pháp vào cơ sở dữ liệu.",
    # a backlog of documents late or owed is not documents issued
    "Số văn bản quy định chi tiết chậm ban hành giảm còn 23 văn bản.",
    "Toàn tỉnh còn nợ ban hành 7 văn bản quy định chi tiết.",
    # a judgement on a count ("còn thấp, dưới 200"), no count of the period
    "Số vụ việc tham gia tố tụng còn thấp, dưới 200 vụ việc.",
]


@pytest.mark.parametrize("text", NOT_FIGURES)
def test_number_that_is_not_a_catalog_figure_gives_no_record(text: str) -> None:
    got = [(r["indicator"], r["value"], r["evidence"]) for r in extract_text(text, "t", META)]
    assert got == [], f"{text!r} should give no figure, got {got}"


def test_figure_next_to_non_figures_is_still_found() -> None:
    text = (
        "Theo Kế hoạch số 120/KH-UBND ngày 15/3/2024, Sở đã thẩm định 45 dự thảo văn bản, "
        "tăng 12% so với cùng kỳ năm 2023, và rà soát 300 văn bản."
    )
    got = [(r["indicator"], r["value"]) for r in extract_text(text, "t", META)]
    assert got == [("appraisal_drafts", 45)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Sở cấp phát 21.300 tài liệu pháp luật các loại, gồm: 15.000 tờ gấp, 5.000 tờ rơi và "
            "1.300 cuốn sổ tay.",
            [("dissemination_materials", 21300, "total"), ("dissemination_materials", 15000, "part"),
             ("dissemination_materials", 5000, "part"), ("dissemination_materials", 1300, "part")],
        ),
        (
            "Các tổ hòa giải tiếp nhận 845 vụ việc, bao gồm 400 vụ việc tranh chấp đất đai và 445 "
            "vụ việc mâu thuẫn gia đình.",
            [("mediation_cases", 845, "total"), ("mediation_cases", 400, "part"),
             ("mediation_cases", 445, "part")],
        ),
        (
            "Toàn tỉnh tổ chức 1.200 cuộc tuyên truyền, gồm 800 cuộc trực tiếp và 400 cuộc trực "
            "tuyến.",
            [("dissemination_sessions", 1200, "total"), ("dissemination_sessions", 800, "part"),
             ("dissemination_sessions", 400, "part")],
        ),
        (
            "Các tổ hòa giải tiếp nhận 845 vụ việc, gồm: hòa giải thành 712 vụ việc, không thành "
            "133 vụ việc.",
            [("mediation_cases", 845, "total"), ("mediation_successful", 712, "total")],
        ),
        (
            "Sở cấp phát tài liệu gồm 30.000 tờ gấp và 4.000 cuốn sách.",
            [("dissemination_materials", 30000, "part"), ("dissemination_materials", 4000, "part")],
        ),
    ],
)  # fmt: skip
def test_the_items_of_a_stated_total_after_gom_are_parts(text, expected) -> None:
    """Issue 15: the items of a stated total after "gồm" (as after "trong đó") are figures of
    scope `part` (until the contract had scope they were left out); kinds listed with no stated
    whole (leaflets and books) are parts too; an item of another count (settled cases) is its
    own total."""
    got = [(r["indicator"], r["value"], r["scope"]) for r in extract_text(text, "t", META)]
    assert got == expected


def test_figures_under_a_reports_plan_heading_are_targets() -> None:
    text = (
        "I. KẾT QUẢ\nNăm 2024, toàn tỉnh tổ chức 4.215 cuộc tuyên truyền pháp luật.\n\n"
        "II. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2025\n"
        "2. Tổ chức ít nhất 4.000 cuộc tuyên truyền pháp luật; tỷ lệ hòa giải thành trên 80%."
    )
    got = [(r["indicator"], r["value"]) for r in extract_text(text, "t", META)]
    assert got == [("dissemination_sessions", 4215)]
    title = "Phương hướng, nhiệm vụ năm 2025 của ngành Tư pháp\n" + text.split("\n\n")[0]
    got = [(r["indicator"], r["value"]) for r in extract_text(title, "t", META)]
    assert got == [("dissemination_sessions", 4215)], "a headline is no plan section"


def test_a_district_offices_figures_are_its_districts_not_the_provinces() -> None:
    """Issue 15: a district's figures are rows of its province with scope `area` (they were left
    out before the contract had scope columns); the province's own sentence is its total."""
    text = (
        "Phòng Tư pháp huyện tổng kết năm 2022\n\n"
        "Chiều 21/12, Phòng Tư pháp huyện Krông Pắc tổ chức hội nghị tổng kết công tác tư pháp.\n\n"
        "Năm 2022, Phòng đã tổ chức 146 cuộc tuyên truyền pháp luật. Các tổ hòa giải trên địa "
        "bàn huyện đã tiếp nhận 87 vụ việc.\n\n"
        "Phó Giám đốc Sở Tư pháp cho biết, năm 2022, toàn tỉnh đã tổ chức 2.870 cuộc tuyên "
        "truyền pháp luật."
    )
    got = [
        (r["indicator"], r["value"], r["scope"], r["area"]) for r in extract_text(text, "t", META)
    ]
    assert got == [
        ("dissemination_sessions", 146, "area", "huyện Krông Pắc"),
        ("mediation_cases", 87, "area", "huyện Krông Pắc"),
        ("dissemination_sessions", 2870, "total", ""),
    ]
    province = text.replace("Phòng Tư pháp huyện Krông Pắc", "Sở Tư pháp tỉnh Bắc Giang")
    got = [(r["indicator"], r["value"], r["scope"]) for r in extract_text(province, "t", META)]
    assert ("dissemination_sessions", 146, "total") in got, (
        "a Sở Tư pháp's article is the province's"
    )


def test_a_team_leaders_own_teams_cases_are_not_the_provinces() -> None:
    text = (
        "Năm 2022, các tổ hòa giải tỉnh Đắk Nông đã hòa giải thành 843 vụ việc. Ông Y Phi Byă, "
        "Tổ trưởng tổ hòa giải buôn Nâm Jang, huyện Đắk Song cho biết, trong năm qua, tổ đã hòa "
        "giải thành 14/16 vụ việc. Riêng tổ hòa giải buôn Ja đã hòa giải thành 9 vụ việc."
    )
    got = [(r["indicator"], r["value"]) for r in extract_text(text, "t", META)]
    assert got == [("mediation_successful", 843)], "one village team's cases are an anecdote"


def test_a_running_total_after_the_periods_count_is_not_a_figure() -> None:
    text = (
        "Năm 2023, Cơ sở dữ liệu quốc gia về pháp luật được cập nhật thêm 9.420 văn bản, nâng "
        "tổng số văn bản trên Cơ sở dữ liệu lên hơn 54.000 văn bản."
    )
    got = [(r["indicator"], r["value"]) for r in extract_text(text, "t", META)]
    assert got == [("docs_published_db", 9420)], "54.000 is everything uploaded so far"


def test_a_part_or_a_status_after_a_count_is_not_another_count() -> None:
    """A part or a status after a count: "tham gia tố tụng N vụ việc" after the cases accepted
    is a part of them (a figure of scope part, issue 15); "N hồ sơ đang xác minh" after the
    on-time count is pending, not more returned on time (tests/articles 198)."""
    text = (
        "Trung tâm Trợ giúp pháp lý nhà nước tỉnh thụ lý 74 vụ việc, tham gia tố tụng 61 vụ việc. "
        "Sở tiếp nhận 1.860 hồ sơ yêu cầu cấp Phiếu lý lịch tư pháp, đã trả kết quả đúng hạn "
        "1.795 hồ sơ, 65 hồ sơ đang xác minh."
    )
    got = [(r["indicator"], r["value"], r["scope"]) for r in extract_text(text, "t", META)]
    assert got == [
        ("legal_aid_cases", 74, "total"),
        ("legal_aid_cases", 61, "part"),
        ("criminal_record_requests", 1860, "total"),
        ("criminal_record_on_time", 1795, "total"),
    ]


@pytest.mark.parametrize(
    "text, expected",
    [
        # an average per commune, per team, per day after the total: only the total counts
        (
            "Năm 2023, tỉnh đã tổ chức 2.836 cuộc tuyên truyền pháp luật cho 187.400 lượt người, "
            "bình quân mỗi xã 26 cuộc.",
            [("dissemination_sessions", 2836), ("dissemination_attendees", 187400)],
        ),
        (
            "Các tổ hòa giải đã tiếp nhận 512 vụ việc; bình quân mỗi tổ hòa giải tiếp nhận 0,5 vụ "
            "việc. Sở đã tiếp nhận 5.210 hồ sơ yêu cầu cấp phiếu lý lịch tư pháp, mỗi ngày trung "
            "bình 21 hồ sơ. Mỗi hòa giải viên được cấp 2 cuốn tài liệu nghiệp vụ.",
            [("mediation_cases", 512), ("criminal_record_requests", 5210)],
        ),
        # a range is no count: its top is not a figure ("từ A đến B", "A - B")
        ("Mỗi cuộc tuyên truyền thu hút từ 50 đến 120 người tham dự.", []),
        ("Các huyện đã tổ chức từ 10 đến 15 cuộc tuyên truyền pháp luật.", []),
        ("Các xã đã tổ chức 20 - 25 cuộc tuyên truyền pháp luật.", []),
    ],
)
def test_an_average_per_unit_or_a_range_is_not_a_total(text: str, expected: list) -> None:
    """tests/articles 207, 209, 212, 216: per-commune averages and ranges."""
    got = [(r["indicator"], r["value"]) for r in extract_text(text, "t", META)]
    assert got == expected, text
