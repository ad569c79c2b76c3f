"""The wide table: one row per place and period, one column per indicator, each with its qualifier.

Cells are figures picked by the package's one rule (`analysis.records.figures.pick_figures`):
totals only by default (a part or an area is never a province's cell), statements of one figure
give its most precise value, and where no one value fits them (sources that disagree, tiers,
kinds of material) the cell is empty and `unlike_parts` names every statement. Periods are
rows, never summed: 2024 and 2024-H1 stay two rows.
"""

from __future__ import annotations

import pandas as pd

from analysis.contract import QUALIFIERS, TOTAL, format_value
from analysis.records.citations import ids_text, merged_ids
from analysis.records.figures import PART_KEYS, pick_figures

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


def _one_cell(figures: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Disputed figures (one row per source's value) as one empty cell naming each value."""
    disputed = figures["disputed"].astype(bool)
    if not disputed.any():
        return figures
    rows = figures[disputed]
    said = [
        f"{format_value(v)}{'' if q == 'exact' else f' ({q})'} in {ids_text(d)}"
        for v, q, d in zip(rows["value"], rows["qualifier"], rows["doc_ids"], strict=True)
    ]
    cells = (
        rows.assign(_said=said)
        .groupby([*keys, "indicator"], dropna=False, sort=False)
        .agg(doc_ids=("doc_ids", merged_ids), _said=("_said", "; ".join))
        .reset_index()
    )
    cells = cells.assign(
        value=pd.NA, qualifier=pd.NA, unlike="sources disagree: " + cells.pop("_said")
    )
    return pd.concat([figures[~disputed], cells], ignore_index=True)


def to_wide(
    records: pd.DataFrame, *, by_level: bool = False, scope: str | None = TOTAL
) -> pd.DataFrame:
    """One row per jurisdiction and period, one column per indicator (or `indicator[level]`).

    Totals only, by default: a part or an area figure is never a jurisdiction's cell. With
    `scope="part"`, `"area"` or None, each area and part has rows of its own (keyed by `scope`,
    `area` and `scope_note` too), never added to anything. Beside each indicator,
    `<indicator>_qualifier` says whether the cell is exact, a lower bound (`at_least`), an upper
    bound or approximate. A cell that no one value fits (sources that disagree, central and
    provincial drafts, leaflets and books) is empty, and `unlike_parts` names why;
    `by_level=True` gives each tier its own column instead. Rows run by place, then by time.
    """
    frame = records.assign(indicator=records["indicator"].astype(str))
    if by_level:
        level = frame["level"].astype(str)
        frame["indicator"] = frame["indicator"].where(
            frame["level"].isna(), frame["indicator"] + "[" + level + "]"
        )
    keys = KEYS if scope == TOTAL else [*KEYS, *PART_KEYS]
    figures = pick_figures(frame, list(frame["indicator"].unique()), KEYS, scope=scope)
    named = {k: figures[k].astype(object).where(figures[k].notna(), "") for k in keys[2:]}
    figures = _one_cell(figures.assign(**named), keys)
    order = _indicator_order(records, figures["indicator"])
    values = figures.pivot(index=keys, columns="indicator", values="value")
    qualifiers = figures.pivot(index=keys, columns="indicator", values="qualifier")
    wide = pd.DataFrame(index=values.index)
    for name in order:
        wide[name] = values[name].astype("Float64")
        wide[name + QUALIFIER_SUFFIX] = pd.Categorical(qualifiers[name], categories=QUALIFIERS)
    unlike = figures[figures["unlike"].fillna("") != ""]
    wide[UNLIKE_COLUMN] = (
        (unlike["indicator"] + ": " + unlike["unlike"])
        .groupby([unlike[k] for k in keys], dropna=False)
        .agg("; ".join)
        .reindex(wide.index)
        .fillna("")
        .astype("string")
    )
    wide = wide.reset_index()
    return _typed_and_ordered(wide, records, keys)


def _typed_and_ordered(wide: pd.DataFrame, records: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Keys back in the records' dtypes, the kind of period beside the period; rows: the country
    first, then places by name, each by the period's start (codes do not sort by time)."""
    periods = records.drop_duplicates("period")
    codes = wide["period"].astype(str)
    by_code = periods.set_index(periods["period"].astype(str))
    for key in keys:
        if isinstance(records[key].dtype, pd.CategoricalDtype):
            wide[key] = pd.Categorical(wide[key], dtype=records[key].dtype)
        elif key in records:  # area, scope_note: text, empty where none is named
            wide[key] = wide[key].replace("", pd.NA).astype(records[key].dtype)
    if "period_kind" in records:
        kind = records["period_kind"].dtype
        wide.insert(2, "period_kind", codes.map(by_code["period_kind"]).astype(kind))
    place = wide["jurisdiction"].astype(str)
    start = codes.map(by_code["period_start"]) if "period_start" in records else codes
    order = pd.DataFrame(
        {
            "national": place != "Việt Nam",
            "place": place,
            "start": start,
            "code": codes,
            **{k: wide[k].astype(str) for k in keys[len(KEYS) :]},
        }
    )
    return wide.loc[order.sort_values(list(order.columns), kind="stable").index].reset_index(
        drop=True
    )
