"""What every metric needs: figures picked per place and period, and the bound of a ratio."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from pathlib import Path

import pandas as pd

from analysis.records.figures import pick_figures as _pick_figures
from analysis.records.figures import sum_qualifier

PLACE_PERIOD = ["jurisdiction", "period"]
PARTS_SHARE = 0.8
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


def drop_parts_of_totals(records: pd.DataFrame, keys: Sequence[str]) -> pd.DataFrame:
    """Within one source, when one figure of a key is at least the sum of the others and they
    make up most of it (≥ PARTS_SHARE), it is their total and they are its parts (689.125
    requests, of which 408.314, 208.811 and 20.968): keep the total alone, so that the combining
    rule never adds a total to its own parts. Parts that fill little of the largest figure (40
    and 130 drafts) stay parts and are added."""
    if records.empty:
        return records
    group = [*keys, "indicator", "doc_id"]
    keyed = records.assign(
        **{k: records[k].astype(object).where(records[k].notna(), "") for k in group},
        _v=records["value"].astype(float),
    )
    grouped = keyed.groupby(group, sort=False, dropna=False)["_v"]
    largest = grouped.transform("max")
    rest = grouped.transform("sum") - largest
    size = grouped.transform("size")
    first_max = grouped.rank(method="first", ascending=False).eq(1)
    is_total = (size > 1) & (largest >= rest) & (rest >= PARTS_SHARE * largest)
    keep = ~is_total | first_max
    return records[keep.to_numpy()]


def pick_figures(
    records: pd.DataFrame, indicators: Sequence[str], keys: Sequence[str]
) -> pd.DataFrame:
    """`records.figures.pick_figures` after `drop_parts_of_totals`: one figure per key."""
    subset = records[records["indicator"].isin(indicators)]
    return _pick_figures(drop_parts_of_totals(subset, keys), indicators, keys)


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
    "drop_parts_of_totals",
    "pick_figures",
    "points_by_period_kind",
    "ratio_qualifier",
    "reference_table",
    "sources_of",
    "sum_qualifier",
]


@cache
def _cached_reference(name: str, path: Path, _stamp: float) -> pd.DataFrame:
    from analysis.reference import load_catalog, load_provinces

    loader = {"catalog": load_catalog, "provinces": load_provinces}[name]
    return loader(path)


def reference_table(name: str) -> pd.DataFrame:
    """The catalog or the provinces table of the data folder in force, validated once per change
    of its files (metrics ask for them per indicator, and validation is not free)."""
    from analysis.paths import reference_dir

    folder = reference_dir()
    stamp = sum(p.stat().st_mtime_ns for p in folder.glob("*.csv")) if folder.is_dir() else 0
    return _cached_reference(name, folder, float(stamp)).copy()
