"""The wide table: one row per place and period, one column per indicator, each with its qualifier.

Cells are figures combined by the package's one rule (`analysis.records.figures.pick_figures`):
alike parts of one source add up, unlike ones (tiers, kinds of material) do not, and of several
sources the largest is kept. Periods are rows, never summed: 2024 and 2024-H1 stay two rows.
"""

from __future__ import annotations

import pandas as pd

from analysis.contract import QUALIFIERS
from analysis.records.figures import pick_figures

KEYS = ["jurisdiction", "period"]
QUALIFIER_SUFFIX = "_qualifier"
UNLIKE_COLUMN = "unlike_parts"


def _indicator_order(records: pd.DataFrame, names: pd.Series) -> list[str]:
    """Catalog order (the indicator categories), a tier's columns right after their indicator."""
    codes = records["indicator"]
    catalog = list(codes.cat.categories) if isinstance(codes.dtype, pd.CategoricalDtype) else []
    rank = {c: i for i, c in enumerate(catalog)}
    present = list(dict.fromkeys(names))
    return sorted(present, key=lambda n: (rank.get(n.split("[")[0], len(rank)), n))


def to_wide(records: pd.DataFrame, *, by_level: bool = False) -> pd.DataFrame:
    """One row per jurisdiction and period, one column per indicator (or `indicator[level]`).

    Beside each indicator, `<indicator>_qualifier` says whether the cell is exact, a lower bound
    (`at_least`), an upper bound or approximate. A cell whose parts cannot be added (central and
    provincial drafts, leaflets and books) is empty, and `unlike_parts` names them; `by_level=True`
    gives each tier its own column instead. Rows run by place, then by time.
    """
    frame = records.assign(indicator=records["indicator"].astype(str))
    if by_level:
        level = frame["level"].astype(str)
        frame["indicator"] = frame["indicator"].where(
            frame["level"].isna(), frame["indicator"] + "[" + level + "]"
        )
    figures = pick_figures(frame, list(frame["indicator"].unique()), KEYS)
    order = _indicator_order(records, figures["indicator"])
    values = figures.pivot(index=KEYS, columns="indicator", values="value")
    qualifiers = figures.pivot(index=KEYS, columns="indicator", values="qualifier")
    wide = pd.DataFrame(index=values.index)
    for name in order:
        wide[name] = values[name].astype("Float64")
        wide[name + QUALIFIER_SUFFIX] = pd.Categorical(qualifiers[name], categories=QUALIFIERS)
    unlike = figures[figures["unlike"].fillna("") != ""]
    wide[UNLIKE_COLUMN] = (
        (unlike["indicator"] + ": " + unlike["unlike"])
        .groupby([unlike[k] for k in KEYS])
        .agg("; ".join)
        .reindex(wide.index)
        .fillna("")
        .astype("string")
    )
    wide = wide.reset_index()
    return _typed_and_ordered(wide, records)


def _typed_and_ordered(wide: pd.DataFrame, records: pd.DataFrame) -> pd.DataFrame:
    """Keys back in the records' dtypes, the kind of period beside the period; rows: the country
    first, then places by name, each by the period's start (codes do not sort by time)."""
    periods = records.drop_duplicates("period")
    codes = wide["period"].astype(str)
    by_code = periods.set_index(periods["period"].astype(str))
    for key in KEYS:
        if isinstance(records[key].dtype, pd.CategoricalDtype):
            wide[key] = pd.Categorical(wide[key], dtype=records[key].dtype)
    if "period_kind" in records:
        kind = records["period_kind"].dtype
        wide.insert(2, "period_kind", codes.map(by_code["period_kind"]).astype(kind))
    place = wide["jurisdiction"].astype(str)
    start = codes.map(by_code["period_start"]) if "period_start" in records else codes
    order = pd.DataFrame(
        {"national": place != "Việt Nam", "place": place, "start": start, "code": codes}
    )
    return wide.loc[order.sort_values(list(order.columns), kind="stable").index].reset_index(
        drop=True
    )
