"""What every metric needs: figures picked per place and period, and the bound of a ratio."""

from __future__ import annotations

import pandas as pd

from analysis.records.figures import pick_figures, sum_qualifier

PLACE_PERIOD = ["jurisdiction", "period"]
# The qualifier of numerator / denominator, given theirs: a lower bound over an exact count is a
# lower bound; over a lower bound it is an upper bound; two lower bounds bound nothing (approx).
_RATIO_QUALIFIER = {
    ("exact", "exact"): "exact",
    ("at_least", "exact"): "at_least",
    ("at_most", "exact"): "at_most",
    ("exact", "at_least"): "at_most",
    ("exact", "at_most"): "at_least",
    ("at_least", "at_most"): "at_least",
    ("at_most", "at_least"): "at_most",
}


def ratio_qualifier(numerator: object, denominator: object) -> str:
    """How a ratio of two qualified figures is bounded: exact, at_least, at_most or approx."""
    num = "exact" if pd.isna(numerator) else str(numerator)
    den = "exact" if pd.isna(denominator) else str(denominator)
    return _RATIO_QUALIFIER.get((num, den), "approx")


def points_by_period_kind(
    rows: pd.DataFrame, value: str, qualifier: str, **extra: str
) -> pd.DataFrame:
    """Points for `plots.dot_panels`: one panel per kind of period (never one axis for a year
    and a half-year), one row per place and period; `extra` maps more point columns to rows'."""
    from analysis.report.labels import PERIOD_KIND_VI, period_vi

    return pd.DataFrame(
        {
            "panel": [PERIOD_KIND_VI[str(k)] for k in rows["period_kind"]],
            "label": [
                f"{j} · {period_vi(p)}"
                for j, p in zip(rows["jurisdiction"], rows["period"], strict=True)
            ],
            "value": rows[value].astype(float),
            "qualifier": rows[qualifier],
            **{name: rows[column].astype(float) for name, column in extra.items()},
        }
    )


def sources_of(frame: pd.DataFrame) -> list[str]:
    """Every doc id named in a `doc_ids` column (`;`-joined), sorted."""
    ids = {d for cell in frame["doc_ids"].dropna() for d in str(cell).split(";") if d}
    return sorted(ids)


__all__ = [
    "PLACE_PERIOD",
    "pick_figures",
    "points_by_period_kind",
    "ratio_qualifier",
    "sources_of",
    "sum_qualifier",
]
