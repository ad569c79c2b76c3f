"""The extractor on articles written after it was (tests/articles/): every figure, no false ones."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis.articles import read_article
from analysis.extract import extract_article
from analysis.reference import load_catalog
from analysis.scoring import format_score, score_records

ARTICLES = Path(__file__).parent / "articles"


def test_unseen_articles_are_extracted_completely_and_only():
    predicted = pd.DataFrame(
        [r for p in sorted(ARTICLES.glob("*.txt")) for r in extract_article(read_article(p))]
    )
    gold = pd.read_csv(ARTICLES / "expected.csv", dtype=str, keep_default_na=False)
    gold["value"] = gold["value"].astype(float)
    score = score_records(predicted, gold, load_catalog()["code"].astype(str))
    assert (score.precision, score.recall) == (1.0, 1.0), format_score(score)


def figures(text: str, meta: dict | None = None) -> list[tuple]:
    from analysis.extract import extract_text

    return [
        (r["indicator"], r["value"], r["jurisdiction"], r["period"])
        for r in extract_text(text, "t", meta)
    ]


def test_a_figure_restated_in_title_and_body_is_one_record():
    text = (
        "Hơn 20.000 lượt người được tuyên truyền pháp luật\n\n"
        "Năm 2023, tỉnh Hà Nam tổ chức 310 cuộc tuyên truyền pháp luật với hơn 20.000 lượt người "
        "tham dự."
    )
    assert figures(text) == [
        ("dissemination_sessions", 310, "Hà Nam", "2023"),
        ("dissemination_attendees", 20000, "Hà Nam", "2023"),
    ]


def test_a_share_right_after_settled_cases_is_the_success_rate():
    text = (
        "Năm 2023, tỉnh Hà Nam tiếp nhận 200 vụ việc, hòa giải thành 150 vụ việc, chiếm tỷ lệ 75%."
    )
    assert ("mediation_success_rate", 75.0, "Hà Nam", "2023") in figures(text)
    share = "Năm 2023, tỉnh Hà Nam có 120 tổ hòa giải, chiếm 35% số tổ của vùng."
    assert [f for f in figures(share) if f[0] == "mediation_success_rate"] == []


def test_without_front_matter_the_province_the_article_is_about_holds():
    text = (
        "Nghệ An: kết quả hòa giải\n\n"
        "Năm 2024, công tác hòa giải ở cơ sở trên địa bàn tỉnh Nghệ An đạt kết quả tốt. "
        "Các tổ hòa giải đã tiếp nhận 500 vụ việc."
    )
    assert figures(text) == [("mediation_cases", 500, "Nghệ An", "2024")]
