"""A figure in its paragraph: the sentence, the evidence and the number marked for the reviewer."""

from __future__ import annotations

import pytest

from analysis.review.context import PARAGRAPH_CHARS, number_span, segments

TEXT = (
    "Tiêu đề bài báo\n"
    "Năm 2024, toàn tỉnh đã tổ chức 1.436 cuộc tuyên truyền. Các tổ hòa giải đã tiếp nhận "
    "1.058 vụ việc, hòa giải thành 902 vụ việc, đạt tỷ lệ 85,3%. Kết quả được đánh giá cao.\n"
    "Đoạn sau.\n"
)


def marked(parts, mark: str) -> str:
    return "".join(p.text for p in parts if mark in p.marks)


@pytest.mark.parametrize(
    ("evidence", "value", "number"),
    [
        ("hòa giải thành 902 vụ việc", 902, "902"),
        ("tiếp nhận 1.058 vụ việc, hòa giải thành 902 vụ việc", 902, "902"),
        ("đạt tỷ lệ 85,3%", 85.3, "85,3%"),
        ("cho hơn 1,5 triệu lượt người", 1_500_000, "1,5 triệu"),
        ("tổ chức hai hội nghị", 2, "hai"),
        ("thẩm định 63 văn bản", 64, None),
    ],
)
def test_the_number_is_the_one_that_reads_as_the_value(evidence, value, number):
    where = number_span(evidence, value)
    assert (evidence[where[0] : where[1]] if where else None) == number


def test_the_paragraph_sentence_evidence_and_number_are_marked():
    evidence = "hòa giải thành 902 vụ việc"
    start = TEXT.index(evidence)
    parts = segments(TEXT, start, start + len(evidence), evidence, 902.0)
    paragraph = TEXT.splitlines()[1]
    assert "".join(p.text for p in parts) == paragraph
    assert marked(parts, "sentence") == (
        "Các tổ hòa giải đã tiếp nhận 1.058 vụ việc, hòa giải thành 902 vụ việc, đạt tỷ lệ 85,3%."
    )
    assert marked(parts, "evidence") == evidence
    assert marked(parts, "number") == "902"


def test_evidence_not_at_its_offsets_is_shown_alone():
    parts = segments(TEXT, 3, 10, "hòa giải thành 902 vụ việc", 902.0)
    assert "".join(p.text for p in parts) == "hòa giải thành 902 vụ việc"
    assert marked(parts, "number") == "902"
    cited = segments("", None, None, "đạt tỷ lệ 85,3%", 85.3)
    assert marked(cited, "evidence") == "đạt tỷ lệ 85,3%" and marked(cited, "number") == "85,3%"


def test_a_long_paragraph_is_cut_around_the_evidence():
    filler = "Một câu không có số liệu nào cả. " * 200
    text = filler + "Đã tổ chức 77 cuộc tuyên truyền. " + filler
    evidence = "tổ chức 77 cuộc tuyên truyền"
    start = text.index(evidence)
    parts = segments(text, start, start + len(evidence), evidence, 77.0)
    shown = "".join(p.text for p in parts)
    assert shown.startswith("… ") and shown.endswith(" …")
    assert len(shown) <= PARAGRAPH_CHARS + 80 and marked(parts, "number") == "77"
