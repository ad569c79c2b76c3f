"""Whole articles in the style of provincial and ministry news, other provinces and years
than the seeds: every catalog figure found, with its area and period, and nothing else."""

from __future__ import annotations

import datetime as dt

from analysis.extract import extract_text

PROVINCIAL_YEAR_END = """\
Sở Tư pháp tỉnh Bình Định tổng kết công tác tư pháp năm 2023, triển khai nhiệm vụ năm 2024
(BĐ) - Chiều 12/1, Sở Tư pháp tổ chức hội nghị tổng kết công tác tư pháp năm 2023 và triển khai nhiệm vụ năm 2024. Đồng chí Lâm Hải Giang, Phó Chủ tịch UBND tỉnh dự và chỉ đạo hội nghị.
Năm 2023, công tác xây dựng, kiểm tra, rà soát văn bản quy phạm pháp luật (VBQPPL) được thực hiện chặt chẽ. Sở Tư pháp đã thẩm định 78 dự thảo VBQPPL, góp ý 156 dự thảo văn bản; tự kiểm tra 45 văn bản, kiểm tra theo thẩm quyền 210 văn bản do HĐND, UBND cấp huyện ban hành, qua kiểm tra phát hiện 12 văn bản có sai sót. Toàn tỉnh đã rà soát 2.345 văn bản.
Công tác phổ biến, giáo dục pháp luật được đổi mới. Các cơ quan, đơn vị, địa phương đã tổ chức 3.456 cuộc tuyên truyền trực tiếp với hơn 210.000 lượt người tham dự; biên soạn, phát hành khoảng 85.000 tờ gấp, sổ tay pháp luật. Sở tổ chức 12 hội nghị phổ biến, quán triệt các luật mới.
Về hòa giải ở cơ sở, toàn tỉnh có 1.234 tổ hòa giải với 8.900 hòa giải viên; các tổ hòa giải đã tiếp nhận 1.102 vụ việc, hòa giải thành 935 vụ việc, đạt tỷ lệ 84,8%.
Trung tâm Trợ giúp pháp lý nhà nước tỉnh đã thụ lý 412 vụ việc, tăng 8% so với năm 2022; thực hiện 25 đợt trợ giúp pháp lý lưu động.
Công tác lý lịch tư pháp: Sở tiếp nhận và giải quyết 6.789 hồ sơ yêu cầu cấp Phiếu lý lịch tư pháp, 100% hồ sơ được trả đúng hạn. Các tổ chức giám định tư pháp thực hiện 1.050 vụ việc giám định theo trưng cầu.
Năm 2024, ngành Tư pháp phấn đấu thẩm định 100% dự thảo VBQPPL, tổ chức 4.000 cuộc tuyên truyền.
Liên hệ: 0256 3822 111."""

MINISTRY_NINE_MONTHS = """\
Bộ Tư pháp tổ chức hội nghị giao ban công tác tư pháp 9 tháng năm 2022
Ngày 14/10/2022, tại Hà Nội, Bộ Tư pháp tổ chức hội nghị giao ban trực tuyến công tác tư pháp 9 tháng đầu năm 2022.
Theo báo cáo, trong 9 tháng, các bộ, cơ quan ngang bộ đã ban hành theo thẩm quyền 312 văn bản quy phạm pháp luật. Toàn quốc đã thẩm định 2.150 dự thảo VBQPPL (trong đó các Sở Tư pháp thẩm định 1.890 dự thảo); tự kiểm tra được 45.210 văn bản.
Về phổ biến, giáo dục pháp luật, cả nước đã tổ chức gần 180.000 cuộc tuyên truyền trực tiếp cho khoảng 9,5 triệu lượt người; in, cấp phát trên 3 triệu tài liệu pháp luật miễn phí.
Công tác hòa giải ở cơ sở: các tổ hòa giải đã tiếp nhận 74.520 vụ việc, hoà giải thành 59.870 vụ việc (đạt tỷ lệ 80,3%).
Tại TP. Hồ Chí Minh, Sở Tư pháp đã tiếp nhận 65.000 hồ sơ yêu cầu cấp phiếu LLTP, trong đó trả kết quả đúng hạn 64.100 hồ sơ.
Ở Thừa Thiên - Huế, Trung tâm Trợ giúp pháp lý nhà nước thụ lý 230 vụ việc.
Kết luận hội nghị, Thứ trưởng đề nghị các đơn vị phấn đấu hoàn thành 100% chỉ tiêu, tổ chức thêm 50.000 cuộc tuyên truyền trong quý IV."""


def rows(text: str, meta: dict) -> list[tuple]:
    records = extract_text(text, "a", meta)
    for r in records:
        assert text[r["start"] : r["end"]] == r["evidence"]
    return [
        (r["indicator"], r["value"], r["qualifier"], r["jurisdiction"], r["period"], r["level"])
        for r in records
    ]


def test_provincial_year_end_report() -> None:
    meta = {"jurisdiction": "Bình Định", "published": dt.date(2024, 1, 13)}
    p = ("Bình Định", "2023")
    assert rows(PROVINCIAL_YEAR_END, meta) == [
        ("appraisal_drafts", 78, "exact", *p, ""),
        ("drafts_commented", 156, "exact", *p, ""),
        ("docs_checked", 45, "exact", *p, ""),
        ("docs_checked", 210, "exact", *p, "district"),
        ("dissemination_sessions", 3456, "exact", *p, ""),
        ("dissemination_attendees", 210000, "at_least", *p, ""),
        ("dissemination_materials", 85000, "approx", *p, ""),
        ("law_conferences", 12, "exact", *p, ""),
        ("mediation_cases", 1102, "exact", *p, ""),
        ("mediation_successful", 935, "exact", *p, ""),
        ("mediation_success_rate", 84.8, "exact", *p, ""),
        ("legal_aid_cases", 412, "exact", *p, ""),
        ("criminal_record_requests", 6789, "exact", *p, ""),
        ("forensic_expertise_cases", 1050, "exact", *p, ""),
    ], "the 2024 targets, the 12 faulty documents, the teams and mediators must not appear"


def test_ministry_report_with_provincial_paragraphs_and_no_front_matter_area() -> None:
    meta = {"published": dt.date(2022, 10, 14)}
    vn, hcm, hue = (
        ("Việt Nam", "2022-9M"),
        ("Hồ Chí Minh", "2022-9M"),
        ("Thừa Thiên Huế", "2022-9M"),
    )
    assert rows(MINISTRY_NINE_MONTHS, meta) == [
        ("docs_issued", 312, "exact", *vn, "central"),
        ("appraisal_drafts", 2150, "exact", *vn, ""),
        ("appraisal_drafts", 1890, "exact", *vn, ""),  # the "trong đó" part: scope part
        ("docs_checked", 45210, "exact", *vn, ""),
        ("dissemination_sessions", 180000, "approx", *vn, ""),
        ("dissemination_attendees", 9500000, "approx", *vn, ""),
        ("dissemination_materials", 3000000, "at_least", *vn, ""),
        ("mediation_cases", 74520, "exact", *vn, ""),
        ("mediation_successful", 59870, "exact", *vn, ""),
        ("mediation_success_rate", 80.3, "exact", *vn, ""),
        ("criminal_record_requests", 65000, "exact", *hcm, ""),
        ("criminal_record_on_time", 64100, "exact", *hcm, ""),
        ("legal_aid_cases", 230, "exact", *hue, ""),
    ], "the quarter-IV target must not appear"
    scopes = {r["value"]: r["scope"] for r in extract_text(MINISTRY_NINE_MONTHS, "t", meta)}
    assert (scopes[2150], scopes[1890]) == ("total", "part"), "the 'trong đó' subset is a part"
