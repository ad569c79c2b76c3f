"""A new user's walk: four documents in, figures extracted, every pending one accepted, data valid.

Both ways of accepting: the review view's session (as its keys do) and a two-column file
written by hand. Either way nothing is left, the data validates, and every figure loads as
reviewed, once: the report given as web page and PDF gives one set of figures.
"""

from __future__ import annotations

import pytest
from conftest import read_rows
from review_data import cli, with_samples

from analysis.records.load import load_records
from analysis.review.session import ReviewSession
from analysis.validate import validate_all


@pytest.mark.parametrize("how", ["view", "file"])
def test_four_documents_to_reviewed_records(data_copy, how):
    articles = with_samples(data_copy)
    assert len(articles) == 3, "the web page and the PDF of one report are one article"
    candidates = read_rows(data_copy / "candidates" / "candidates.csv")
    pending = cli("review", "--pending", "--ids").split()
    assert pending == [c["record_id"] for c in candidates] and len(pending) == 16
    if how == "view":
        session = ReviewSession("an")
        while (item := session.item()) is not None:
            session.decide(item["record_id"], "reviewed")
    else:
        (data_copy / "reviews").mkdir()
        (data_copy / "reviews" / "an.csv").write_text(
            "record_id,decision\n" + "".join(f"{i},reviewed\n" for i in pending),
            encoding="utf-8",
        )
    assert cli("review", "--pending").splitlines() == [
        "0 of 16 candidates left to review, in 0 sources"
    ]
    report = validate_all()
    assert report.ok, report.summary()
    reviewed = load_records()
    mine = reviewed[reviewed["record_id"].isin(pending)]
    assert len(mine) == 16 and mine["record_id"].is_unique
    assert set(mine["jurisdiction"].astype(str)) == {"Quảng Bình", "Hà Giang", "Bắc Kạn"}
    assert set(mine["source_title"].astype(str)) == {
        "Báo cáo kết quả công tác tư pháp năm 2024 của tỉnh Quảng Bình",
        "Báo cáo công tác tư pháp 6 tháng đầu năm 2024 của tỉnh Hà Giang",
        "Bắc Kạn: kết quả phổ biến, giáo dục pháp luật 9 tháng năm 2024",
    }
