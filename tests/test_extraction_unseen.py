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
