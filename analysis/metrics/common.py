"""What every metric needs: figures with one row per key where a table wants one cell (totals
only: an area's or a part's figure never joins a series, rank, map or sum), the count of
figures, and the reference tables of the data folder in force."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cache
from pathlib import Path

import pandas as pd

from analysis.paths import reference_dir
from analysis.records.citations import collapse_figures, merged_ids
from analysis.reference import load_catalog, load_provinces

PLACE_PERIOD = ["jurisdiction", "period"]


def one_per_key(figures: pd.DataFrame, keys: Sequence[str]) -> pd.DataFrame:
    """Figures (from `pick_figures`) with one row per key and indicator, for a table of one cell
    each: where sources disagree the value is missing and `rivals` holds every stated
    `(value, qualifier)` in the order picked (never one number made of them, never one chosen);
    `rivals` is empty elsewhere."""
    group = [*keys, "indicator"]
    if figures.empty or not figures["disputed"].astype(bool).any():
        return figures.assign(rivals=_no_rivals(figures))
    rival = figures[figures["disputed"].astype(bool)]
    pairs = zip(rival["value"].astype(float), rival["qualifier"].astype(str), strict=True)
    said = (
        rival.assign(_pair=pd.Series(list(pairs), index=rival.index, dtype=object))
        .groupby(group, sort=False, dropna=False)
        .agg(rivals=("_pair", tuple), doc_ids=("doc_ids", merged_ids))
        .reset_index()
    )
    said = said.assign(value=pd.NA, qualifier=pd.NA, n_records=0, unlike="", disputed=True)
    kept = figures[~figures["disputed"].astype(bool)]
    kept = kept.assign(rivals=_no_rivals(kept))
    out = pd.concat([kept, said[kept.columns]], ignore_index=True)
    out["value"] = out["value"].astype("Float64")
    return out


def _no_rivals(frame: pd.DataFrame) -> pd.Series:
    return pd.Series([()] * len(frame), index=frame.index, dtype=object)


def side_by_side(
    figures: pd.DataFrame, keys: Sequence[str], names: Mapping[str, str]
) -> pd.DataFrame:
    """`one_per_key` figures in one row per key: for each indicator code its `name` (the value),
    `<name>_qualifier` and `<name>_rivals` (empty where none), missing where it has no figure."""
    wide = figures.pivot(index=keys, columns="indicator", values=["value", "qualifier", "rivals"])
    out = pd.DataFrame(index=wide.index)
    for code, name in names.items():
        has = ("value", code) in wide.columns
        out[name] = wide[("value", code)].astype("Float64") if has else pd.NA
        out[f"{name}_qualifier"] = wide[("qualifier", code)] if has else pd.NA
        rivals = wide[("rivals", code)] if has else pd.Series(None, index=wide.index, dtype=object)
        out[f"{name}_rivals"] = pd.Series(
            [r if isinstance(r, tuple) else () for r in rivals], index=wide.index, dtype=object
        )
    return out


def figure_count(records: pd.DataFrame) -> int:
    """How many figures the records hold: one per figure however many sources state it (the
    one count the cover, the overview and the profile all give)."""
    return len(collapse_figures(records))


@cache
def _cached_reference(name: str, path: Path, _stamp: float) -> pd.DataFrame:
    loader = {"catalog": load_catalog, "provinces": load_provinces}[name]
    return loader(path)


def reference_table(name: str) -> pd.DataFrame:
    """The catalog or the provinces table of the data folder in force, validated once per change
    of its files (metrics ask for them per indicator, and validation is not free)."""
    folder = reference_dir()
    stamp = sum(p.stat().st_mtime_ns for p in folder.glob("*.csv")) if folder.is_dir() else 0
    return _cached_reference(name, folder, float(stamp)).copy()
