"""The fixed split of the real development texts (the corpus's pages) into a half to tune the
extractor on and a half only to check it with: a stable hash of the doc_id decides, so the split
never depends on what a page says or on who runs it, and a new page falls into a half by itself.

Two thirds go to `tune` (read the texts, the misses and the false figures freely), one third to
`check` (look only at the aggregate scores; never read its texts, never tune on them).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping

import pandas as pd

from analysis.extract.scoring import Score, score_records

TUNE, CHECK, ALL = "tune", "check", "all"
HALVES = (TUNE, CHECK)
# One page in this many goes to the check half.
CHECK_EVERY = 3


def half_of(doc_id: str) -> str:
    """`check` for a third of the doc_ids (sha256 of the id, as UTF-8, modulo 3 is 0), else
    `tune`."""
    digest = hashlib.sha256(doc_id.encode("utf-8")).digest()
    return CHECK if int.from_bytes(digest[:8], "big") % CHECK_EVERY == 0 else TUNE


def score_halves(
    predicted: pd.DataFrame, gold: pd.DataFrame, indicators: Iterable[str]
) -> dict[str, Score]:
    """The score of each half (`tune`, `check`) and of both (`all`), predictions and gold
    taken by their doc_id's half."""
    order = list(indicators)
    scores = {}
    for half in (*HALVES, ALL):
        if half == ALL:
            pred, want = predicted, gold
        else:
            pred = predicted[predicted["doc_id"].map(half_of) == half]
            want = gold[gold["doc_id"].map(half_of) == half]
        scores[half] = score_records(
            pred.reset_index(drop=True), want.reset_index(drop=True), order
        )
    return scores


def halves_table(scores: Mapping[str, Score]) -> str:
    """One line per half: gold, predicted, full-match P/R/F1, lenient P/R/F1, and the
    scope match share."""
    rows = []
    for half, s in scores.items():
        rows.append(
            {
                "half": half,
                "gold": s.gold,
                "predicted": s.predicted,
                "matched": s.matched,
                "P": s.precision,
                "R": s.recall,
                "F1": s.f1,
                "lenient": s.lenient,
                "lenient P": s.lenient_precision,
                "lenient R": s.lenient_recall,
                "lenient F1": s.lenient_f1,
                "scope share": s.scope_share,
            }
        )
    return pd.DataFrame(rows).to_string(index=False, float_format=lambda x: f"{x:.3f}", na_rep="-")
