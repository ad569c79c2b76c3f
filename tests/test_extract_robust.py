"""Whatever the text, the extractor returns well-formed records: it never raises, every
evidence is the text at its offsets, values are numbers and codes come from the contract."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.contract import LEVELS, QUALIFIERS
from analysis.extract import extract_text
from analysis.records.periods import parse_period

FRAGMENTS = [
    "thẩm định",
    "góp ý",
    "hoà giải thành",
    "hòa giải",
    "trên",
    "hơn",
    "gần",
    "khoảng",
    "1.259/1.549",
    "2.164",
    "81,2%",
    "05",
    "300 nghìn",
    "1,5 triệu",
    "11/11",
    "9/12",
    "vụ việc",
    "văn bản",
    "VBQPPL",
    "dự thảo",
    "cuộc",
    "lượt người",
    "tờ gấp",
    "hồ sơ",
    "lý lịch tư pháp",
    "trợ giúp pháp lý",
    "giám định",
    "cấp tỉnh",
    "cấp huyện",
    "Tại tỉnh Lạng Sơn,",
    "Cả nước",
    "năm 2023",
    "6 tháng đầu năm",
    "quý I/2024",
    "từ đầu năm đến nay",
    "so với cùng kỳ năm 2022",
    "tăng",
    "&nbsp;",
    "&amp;",
    "\u00a0",
    "\r\n",
    "\n",
    ". ",
    ", ",
    "; ",
    "(",
    ")",
    "İ",
    "Đ",
    "trên tổng số",
    "trong đó",
    "phấn đấu",
    "TP.HCM",
    "Thừa Thiên - Huế",
    "0:00",
    "27-NQ/TW",
    "03/2019/TT-BTP",
    # the shapes later rules read: tables, page chrome, plans, offices, national citations
    "\n| Chỉ tiêu | Năm 2022 | Năm 2023 |",
    "\n|---|---|---|",
    "\n| Số cuộc tuyên truyền (cuộc) | 1.200 | 1.300 |",
    "\n| 2022 | 812 | 81,2% |",
    "\n| Tỷ lệ (%) | 85.5 |",
    "\nXem thêm:",
    "\nTin liên quan\n",
    "\nThứ Hai, 15/01/2024 - 08:30\n",
    "\nII. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2024\n",
    "Phòng Tư pháp huyện Krông Pắc",
    "Tại điểm cầu tỉnh Bắc Giang,",
    "Theo Bộ Tư pháp,",
    "của 63 tỉnh, thành phố",
    "5 năm qua",
    "từ năm 2014 đến nay",
    "trong tháng 11/2024",
    "Từ ngày 01/7/2025 đến nay",
    "gồm:",
    "Đại diện Sở Tư pháp tỉnh An Giang cho biết",
    "ngày 15 tháng 6 năm 2020",
]
CATALOG_OR_NONE = {
    "appraisal_drafts",
    "appraisal_proposals",
    "drafts_commented",
    "docs_checked",
    "docs_issued",
    "docs_published_db",
    "dissemination_sessions",
    "dissemination_attendees",
    "dissemination_materials",
    "law_conferences",
    "mediation_cases",
    "mediation_successful",
    "mediation_success_rate",
    "legal_aid_cases",
    "criminal_record_requests",
    "criminal_record_on_time",
    "forensic_expertise_cases",
}
texts = st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=6), max_size=40).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(texts, st.sampled_from([None, dt.date(2024, 1, 5), dt.date(2023, 7, 1)]))
def test_any_text_gives_well_formed_records(text: str, published: dt.date | None) -> None:
    meta = {"published": published} if published else {}
    records = extract_text(text, "doc", meta)
    for r in records:
        assert text[r["start"] : r["end"]] == r["evidence"]
        assert r["indicator"] in CATALOG_OR_NONE
        assert r["qualifier"] in QUALIFIERS
        assert r["level"] in ("", *LEVELS)
        assert isinstance(r["value"], int | float) and r["value"] >= 0
        parse_period(r["period"])
    assert [r["start"] for r in records] == sorted(r["start"] for r in records)
    assert extract_text(text, "doc", meta) == records


def test_empty_and_figure_free_texts_give_nothing() -> None:
    assert extract_text("", "doc") == []
    assert extract_text("Không có số liệu nào ở đây.", "doc") == []
