"""What every metric needs: figures picked per place and period (totals only: an area's or a
part's figure never joins a series, rank, map or sum), and the bound of a ratio."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from pathlib import Path

import pandas as pd

from analysis.records.bounds import ratio_qualifier
from analysis.records.figures import pick_figures as _pick_figures

PLACE_PERIOD = ["jurisdiction", "period"]


def pick_figures(
    records: pd.DataFrame, indicators: Sequence[str], keys: Sequence[str]
) -> pd.DataFrame:
    """`records.figures.pick_figures` of the totals: what every metric compares."""
    return _pick_figures(records, indicators, keys)


def one_per_key(figures: pd.DataFrame, keys: Sequence[str]) -> pd.DataFrame:
    """Figures with one row per key and indicator, for a table of one cell each: where sources
    disagree the value is missing and `disputed_text` names every stated value (never one
    number made of them, never one chosen)."""
    group = [*keys, "indicator"]
    if figures.empty or not figures["disputed"].astype(bool).any():
        return figures.assign(disputed_text="")
    from analysis.report.numfmt import fmt_stated
    from analysis.report.tables import DISPUTED_SEPARATOR

    rival = figures[figures["disputed"].astype(bool)]
    said = (
        rival.assign(
            _t=[fmt_stated(v, q) for v, q in zip(rival["value"], rival["qualifier"], strict=True)]
        )
        .groupby(group, sort=False, dropna=False)
        .agg(_t=("_t", DISPUTED_SEPARATOR.join), doc_ids=("doc_ids", _joined_ids))
        .reset_index()
    )
    said = said.assign(
        value=pd.NA,
        qualifier=pd.NA,
        n_records=0,
        unlike="",
        disputed=True,
        disputed_text=said.pop("_t"),
    )
    kept = figures[~figures["disputed"].astype(bool)].assign(disputed_text="")
    out = pd.concat([kept, said[kept.columns]], ignore_index=True)
    out["value"] = out["value"].astype("Float64")
    return out


def _joined_ids(cells: pd.Series) -> str:
    return ";".join(sorted({d for cell in cells for d in str(cell).split(";") if d}))


def figure_count(records: pd.DataFrame) -> int:
    """How many figures the records hold: one per figure however many sources state it (the
    one count the cover, the overview and the profile all give)."""
    from analysis.records.citations import collapse_figures

    return len(collapse_figures(records))


def points_by_period_kind(
    rows: pd.DataFrame,
    value: str,
    qualifier: str,
    text: Sequence[str] | None = None,
    **extra: str,
) -> pd.DataFrame:
    """Points for `plots.dot_panels`: one panel per kind of period (never one axis for a year
    and a half-year), one row per place and period, labelled by `text` where given; `extra`
    maps more point columns to rows'."""
    from analysis.report.labels import PERIOD_KIND_VI, period_vi

    more = {} if text is None else {"text": list(text)}
    return pd.DataFrame(
        {
            "panel": [PERIOD_KIND_VI[str(k)] for k in rows["period_kind"]],
            "label": [
                f"{j} · {period_vi(p)}"
                for j, p in zip(rows["jurisdiction"], rows["period"], strict=True)
            ],
            "value": rows[value].astype(float),
            "qualifier": rows[qualifier],
            **more,
            **{name: rows[column].astype(float) for name, column in extra.items()},
        }
    )


def sources_of(frame: pd.DataFrame) -> list[str]:
    """Every doc id named in a `doc_ids` column (`;`-joined), sorted."""
    ids = {d for cell in frame["doc_ids"].dropna() for d in str(cell).split(";") if d}
    return sorted(ids)


__all__ = [
    "PLACE_PERIOD",
    "figure_count",
    "one_per_key",
    "pick_figures",
    "points_by_period_kind",
    "ratio_qualifier",
    "reference_table",
    "sources_of",
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
