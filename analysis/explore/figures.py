"""The explorer's data side: from what a person picked (indicator, places, kind of period, scope,
the map's period) to the one frame of figures the view shows — a pure function of the records.

Every row is one figure as the view draws and lists it: its value, its qualifier, the text a
reader sees (the source's own digits and mark, `≥ 5.000`, `84,8 %`; a rate computed from its
parts rounded and said so), its period in Vietnamese and its sources. Totals only go into the
series, the bars and the map; another scope (one district's, one body's figure) is listed in the
table, each area or part apart, and never drawn. Where sources disagree, each value is a row.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from analysis.contract import NATIONAL, TOTAL
from analysis.fileio import formula_safe
from analysis.metrics.common import reference_table
from analysis.metrics.series import computed_rate, figures_of_many, rate_parts, slim
from analysis.records.citations import ID_SEPARATOR
from analysis.records.figures import pick_figures
from analysis.records.periods import PERIOD_KINDS, parse_period
from analysis.report.labels import indicator_vi, level_vi, period_vi, unit_vi
from analysis.report.numfmt import fmt_stated, fmt_value
from analysis.report.sources import cite_cell

STATED, COMPUTED = "stated", "computed"
# How a rate computed from its parts is rounded where it is shown (a stated one keeps its digits).
COMPUTED_DIGITS = 2
QUALIFIER_VI = {
    "exact": "đúng như nguồn ghi",
    "at_least": "≥ cận dưới (nguồn ghi “trên”, “hơn”)",
    "approx": "≈ xấp xỉ (nguồn ghi “khoảng”, “gần”)",
    "at_most": "≤ cận trên (nguồn ghi “dưới”)",
}
# Where a figure of the view is shown: the series and bars (the places picked) and the map.
SHOWN_SERIES, SHOWN_MAP = "chuỗi", "bản đồ"
VIEW_COLUMNS = [
    "indicator",
    "indicator_vi",
    "jurisdiction",
    "period",
    "period_vi",
    "period_kind",
    "level",
    "level_vi",
    "scope",
    "area",
    "scope_note",
    "series",
    "value",
    "qualifier",
    "qualifier_vi",
    "text",
    "unit_vi",
    "disputed",
    "sources",
    "doc_ids",
    "in_series",
    "in_map",
]
_KEYS = ["jurisdiction", "period", "level"]


@dataclass(frozen=True)
class Selection:
    """What a person picked: one indicator, the places of the series (provinces and/or
    'Việt Nam'), one kind of period, one scope, and the period the map and the bars show (None:
    the latest one with a figure)."""

    indicator: str
    places: tuple[str, ...] = field(default_factory=tuple)
    period_kind: str = "year"
    scope: str = TOTAL
    period: str | None = None

    def __post_init__(self) -> None:
        if self.period_kind not in PERIOD_KINDS:
            raise ValueError(
                f"period_kind {self.period_kind!r} is not one of {', '.join(PERIOD_KINDS)}"
            )
        if self.period is not None and parse_period(self.period).kind != self.period_kind:
            raise ValueError(f"period {self.period!r} is not of kind {self.period_kind!r}")


@dataclass(frozen=True)
class Choices:
    """What can be picked in the records: indicators (catalog order), places (the country first,
    then provinces by name), kinds of period and scopes present, each with at least one figure."""

    indicators: tuple[str, ...]
    places: tuple[str, ...]
    period_kinds: tuple[str, ...]
    scopes: tuple[str, ...]


def choices(records: pd.DataFrame, indicator: str | None = None) -> Choices:
    """The values each selector offers; with `indicator`, only what that indicator has (a rate:
    what it or its parts have, since it is computed from them where unstated)."""
    rows = (
        records
        if indicator is None
        else records[records["indicator"].astype(str).isin(_codes(indicator))]
    )
    present = set(records["indicator"].astype(str))
    codes = tuple(str(c) for c in reference_table("catalog")["code"] if str(c) in present)
    names = sorted(set(rows["jurisdiction"].astype(str)) - {NATIONAL})
    places = ((NATIONAL,) if (rows["jurisdiction"].astype(str) == NATIONAL).any() else ()) + tuple(
        names
    )
    kinds = {parse_period(str(p)).kind for p in rows["period"].astype(str).unique()}
    scopes = set(rows["scope"].dropna().astype(str))
    return Choices(
        codes,
        places,
        tuple(k for k in PERIOD_KINDS if k in kinds),
        tuple(s for s in ("total", "area", "part") if s in scopes),
    )


def _of_scope(records: pd.DataFrame, indicator: str, scope: str) -> pd.DataFrame:
    rows = records[records["indicator"].astype(str).isin(_codes(indicator))]
    return rows[(rows["scope"].astype(str) == scope).to_numpy(dtype=bool)]


def ranked_kinds(records: pd.DataFrame, indicator: str, scope: str = TOTAL) -> list[str]:
    """Kinds of period by how many figures of `scope` the indicator has of each, most first:
    the kind a first view shows."""
    kinds = pd.Series(
        [parse_period(str(p)).kind for p in _of_scope(records, indicator, scope)["period"]]
    )
    counts = kinds.value_counts()
    return sorted(counts.index, key=lambda k: (-counts[k], PERIOD_KINDS.index(k)))


def ranked_places(
    records: pd.DataFrame, indicator: str, kind: str, scope: str = TOTAL
) -> list[str]:
    """Places with a figure of `scope` of the kind of period: the country first, then provinces
    by how many figures they have, most first (then by name): the places a first view shows."""
    rows = _of_scope(records, indicator, scope)
    rows = rows[[parse_period(str(p)).kind == kind for p in rows["period"]]]
    counts = rows["jurisdiction"].astype(str).value_counts()
    return sorted(counts.index, key=lambda j: (j != NATIONAL, -counts[j], j))


def _of_kind(records: pd.DataFrame, selection: Selection) -> pd.DataFrame:
    rows = records[records["indicator"].astype(str).isin(_codes(selection.indicator))]
    kinds = [parse_period(str(p)).kind for p in rows["period"].astype(str)]
    return rows[[k == selection.period_kind for k in kinds]]


def _codes(indicator: str) -> list[str]:
    parts = rate_parts(reference_table("catalog"), indicator)
    return [indicator, *(parts or ())]


def _totals(records: pd.DataFrame, indicator: str) -> pd.DataFrame:
    """Figures of totals per place, period and tier: stated, and for a rate computed from its
    parts where no source states it."""
    rows = slim(records)
    parts = rate_parts(reference_table("catalog"), indicator)
    found = figures_of_many(rows, _codes(indicator), _KEYS)
    stated = found.get(indicator, pd.DataFrame(columns=[*_KEYS, "value"]))
    stated = stated.dropna(subset=["value"]).assign(series=STATED)
    if not parts:
        return stated
    computed = computed_rate(rows, parts, _KEYS, found).assign(series=COMPUTED)
    have = set(stated[_KEYS].astype(str).itertuples(index=False, name=None))
    unstated = [
        k not in have for k in computed[_KEYS].astype(str).itertuples(index=False, name=None)
    ]
    return pd.concat([stated, computed[unstated]], ignore_index=True)


def _others(records: pd.DataFrame, indicator: str, scope: str) -> pd.DataFrame:
    """Figures of one scope other than totals: each area or part a figure of its own."""
    rows = _slim_with_parts(records)
    found = pick_figures(rows, [indicator], _KEYS, scope=scope)
    return found.dropna(subset=["value"]).assign(series=STATED)


def _slim_with_parts(records: pd.DataFrame) -> pd.DataFrame:
    """`slim`, with the columns that name an area or a part."""
    return records[[*slim(records).columns, *(c for c in ("area", "scope_note") if c in records)]]


def periods_of(records: pd.DataFrame, selection: Selection) -> list[str]:
    """The periods of the kind picked with a province's figure of the indicator in the scope
    picked, in time order: the steps of the map's slider (the country is not on the map)."""
    rows = _of_kind(records, selection)
    rows = rows[(rows["scope"].astype(str) == selection.scope).to_numpy(dtype=bool)]
    rows = rows[~rows["is_national"].astype(bool).to_numpy()]
    codes = {str(p) for p in rows["period"].astype(str)}
    return sorted(codes, key=lambda p: (parse_period(p).start, parse_period(p).end or p))


def view_figures(records: pd.DataFrame, selection: Selection) -> pd.DataFrame:
    """The figures the view shows for `selection`: the places' series (every period of the kind)
    and every province's figure of the map's period, one row per figure (one per value where
    sources disagree), ordered series first (place as picked, then time), then the map's rows
    by province. `in_series` / `in_map` say where each is drawn; for a scope other than
    totals nothing is drawn and both list the figures the table shows."""
    indicator = selection.indicator
    rows = _of_kind(records, selection)
    if selection.scope == TOTAL:
        figures = _totals(rows, indicator)
    else:
        figures = _others(rows, indicator, selection.scope)
    if figures.empty:
        return _empty()
    figures = figures.assign(
        jurisdiction=figures["jurisdiction"].astype(str), period=figures["period"].astype(str)
    )
    periods = periods_of(records, selection)
    period = selection.period or (periods[-1] if periods else None)
    in_series = figures["jurisdiction"].isin(selection.places)
    in_map = (figures["period"] == period) & (figures["jurisdiction"] != NATIONAL)
    figures = figures[in_series | in_map].assign(
        in_series=in_series[in_series | in_map], in_map=in_map[in_series | in_map]
    )
    return _described(figures, selection)


def _empty() -> pd.DataFrame:
    return pd.DataFrame(columns=VIEW_COLUMNS)


def _described(figures: pd.DataFrame, selection: Selection) -> pd.DataFrame:
    """The view's columns: names, texts and sources for a reader, in the view's order."""
    indicator = selection.indicator
    suffix = " %" if unit_vi(indicator) == "%" else ""
    out = figures.reset_index(drop=True)
    out["indicator"] = indicator
    out["value"] = out["value"].astype(float)
    out["qualifier"] = out["qualifier"].astype(str)
    out["text"] = [
        fmt_value(v, q, COMPUTED_DIGITS) + suffix + " (tính lại)"
        if s == COMPUTED
        else fmt_stated(v, q, suffix)
        for v, q, s in zip(out["value"], out["qualifier"], out["series"], strict=True)
    ]
    out["indicator_vi"] = indicator_vi(indicator)
    out["unit_vi"] = unit_vi(indicator)
    out["period_vi"] = [period_vi(p) for p in out["period"]]
    out["period_kind"] = selection.period_kind
    out["level"] = [None if pd.isna(v) else str(v) for v in out["level"]]
    out["level_vi"] = [level_vi(v) for v in out["level"]]
    out["scope"] = selection.scope
    for column in ("area", "scope_note"):
        out[column] = out[column].astype(object) if column in out else None
    out["qualifier_vi"] = out["qualifier"].map(QUALIFIER_VI)
    out["disputed"] = out["disputed"].fillna(False).astype(bool)
    out["sources"] = [cite_cell(ids) for ids in out["doc_ids"]]
    out["doc_ids"] = [ID_SEPARATOR.join(ids) for ids in out["doc_ids"]]
    place_order = {p: n for n, p in enumerate(selection.places)}
    out["_place"] = [
        place_order.get(j, len(place_order)) if s else len(place_order)
        for j, s in zip(out["jurisdiction"], out["in_series"], strict=True)
    ]
    out["_start"] = [parse_period(p).start for p in out["period"]]
    out = out.sort_values(
        ["in_series", "_place", "jurisdiction", "_start", "level", "value"],
        ascending=[False, True, True, True, True, True],
        kind="stable",
        na_position="first",
    )
    return out[VIEW_COLUMNS].reset_index(drop=True)


def view_csv(view: pd.DataFrame) -> str:
    """The view as the CSV a person downloads: UTF-8 with a BOM (spreadsheets read the
    Vietnamese letters right), the view's columns and rows, text that a spreadsheet would run as
    a formula quoted as text, `true`/`false` for where a figure is shown."""
    out = view.copy()
    for column in ("in_series", "in_map", "disputed"):
        out[column] = ["true" if v else "false" for v in out[column]]
    for column in out.columns:
        if out[column].dtype == object:
            out[column] = out[column].map(lambda v: formula_safe(v) if isinstance(v, str) else v)
    return "\ufeff" + out.to_csv(index=False, lineterminator="\n")
