"""An indicator over time for one place (the country by default): each kind of period apart,
multi-year spans kept as spans with their yearly average, every point with its sources, and for
a rate the same rate computed from its parts (catalog `rate_numerator` / `rate_denominator`).

A series is made of totals only (a campaign's or a district's figure is never a point of the
province's or the country's line); sources that disagree on a period are both drawn and listed,
each with its own value, never one number made of them. A stated point is labelled with the
source's own digits, a computed one with its rounding."""

from __future__ import annotations

import pandas as pd

from analysis.metrics.common import pick_figures, ratio_qualifier, reference_table
from analysis.records.figures import FIGURE_COLUMNS
from analysis.records.periods import PERIOD_KINDS, parse_period
from analysis.report.labels import (
    LEVEL_VI,
    PERIOD_KIND_VI,
    indicator_vi,
    level_vi,
    period_vi,
    sources_note,
    unit_vi,
)
from analysis.report.numfmt import fmt_stated, fmt_value
from analysis.report.plots import time_panels
from analysis.report.sources import cite_many
from analysis.report.tables import Note, ReportTable

NATIONAL = "Việt Nam"
STATED = "stated"
COMPUTED = "computed"
KEYS = ["period", "level"]
SERIES_COLUMNS = [
    "jurisdiction",
    "indicator",
    "series",
    "period",
    "period_kind",
    "level",
    "x_start",
    "x_end",
    "x",
    "years",
    "value",
    "qualifier",
    "per_year",
    "disputed",
    "doc_ids",
]
# How a computed value is rounded where it is shown (a stated one keeps the source's digits).
RATE_DIGITS = 2
AVERAGE_DIGITS = 0
# Kinds of period drawn on a time axis; a year-to-date figure has no known end and is not.
CHARTED_KINDS = ("year", "half", "quarter", "nine_months")


FIGURE_INPUTS = [
    "record_id",
    "doc_id",
    "indicator",
    "unit",
    "value",
    "qualifier",
    "jurisdiction",
    "period",
    "level",
    "scope",
    "is_national",
]


def slim(records: pd.DataFrame) -> pd.DataFrame:
    """Only the columns that picking figures reads: every filter after this copies less."""
    return records[[c for c in FIGURE_INPUTS if c in records.columns]]


def figures_of(records: pd.DataFrame, code: str, keys: list[str] = KEYS) -> pd.DataFrame:
    """`pick_figures` for one indicator."""
    return figures_of_many(records, [code], keys).get(code, _no_figures(keys))


def _no_figures(keys: list[str]) -> pd.DataFrame:
    return pd.DataFrame(columns=[*keys, "indicator", *FIGURE_COLUMNS])


def figures_of_many(
    records: pd.DataFrame, codes: list[str], keys: list[str] = KEYS
) -> dict[str, pd.DataFrame]:
    """`figures_of` for several indicators in one pass (one pick, not one per indicator)."""
    rows = slim(records[records["indicator"].astype(str).isin(codes)])
    if rows.empty:
        return {}
    picked = pick_figures(rows, list(codes), keys)
    return {str(code): part.reset_index(drop=True) for code, part in picked.groupby("indicator")}


def rate_parts(catalog: pd.DataFrame, code: str) -> tuple[str, str] | None:
    row = catalog[catalog["code"].astype(str) == code]
    if row.empty:
        return None
    num, den = row["rate_numerator"].iloc[0], row["rate_denominator"].iloc[0]
    return None if pd.isna(num) or pd.isna(den) else (str(num), str(den))


def computed_rate(
    records: pd.DataFrame,
    parts: tuple[str, str],
    keys: list[str] = KEYS,
    picked: dict[str, pd.DataFrame] | None = None,
) -> pd.DataFrame:
    """numerator ÷ denominator × 100 per key, its bound from its parts', the sources of both;
    `picked` (from `figures_of_many`) saves picking the parts again."""
    found = picked if picked is not None else figures_of_many(records, list(parts), keys)
    num, den = (found.get(c, _no_figures(keys)).set_index(keys) for c in parts)
    both = (
        num.add_suffix("_n")
        .join(den.add_suffix("_d"), how="inner")
        .dropna(subset=["value_n", "value_d"])
    )
    if both.empty:
        return pd.DataFrame(columns=[*keys, "value", "qualifier", "doc_ids", "disputed"])
    out = pd.DataFrame(
        {
            "value": (100 * both["value_n"].astype(float) / both["value_d"].astype(float)),
            "qualifier": [
                ratio_qualifier(a, b)
                for a, b in zip(both["qualifier_n"], both["qualifier_d"], strict=True)
            ],
            "doc_ids": [
                ";".join(sorted(set(f"{a};{b}".split(";"))))
                for a, b in zip(both["doc_ids_n"], both["doc_ids_d"], strict=True)
            ],
            # Parts that sources disagree on give one rate from each of their values.
            "disputed": both["disputed_n"].astype(bool) | both["disputed_d"].astype(bool),
        },
        index=both.index,
    )
    return out.reset_index()


def place_in_time(period: str) -> tuple[float, float, float, int]:
    """Start and end as fractional years, the point's x, and the number of whole years."""
    p = parse_period(period)
    start = p.start.year + (p.start.month - 1) / 12
    months = p.months if p.months is not None else 12
    end = start + months / 12
    years = max(1, months // 12) if p.kind == "years" else 0
    return start, end, (start + end) / 2, years


def indicator_series(
    records: pd.DataFrame,
    indicator: str,
    jurisdiction: str = NATIONAL,
    picked: dict[str, pd.DataFrame] | None = None,
) -> pd.DataFrame:
    """One row per period, tier and series (stated; computed from parts for a rate) of one place.

    `x_start`/`x_end` are the period's bounds in fractional years and `x` its middle; a span of
    several years keeps its total in `value` and its yearly average in `per_year` (a rate over a
    span is a rate, not a total, and `per_year` repeats it). `picked` (from `figures_of_many`
    on the place's records) saves picking again when charting many indicators of one place.
    """
    place = slim(records[records["jurisdiction"].astype(str) == jurisdiction])
    catalog = reference_table("catalog")
    parts = rate_parts(catalog, indicator)
    if picked is None:
        picked = figures_of_many(place, [indicator, *(parts or ())])
    frames = [picked.get(indicator, _no_figures(KEYS)).assign(series=STATED)]
    if parts:
        frames.append(computed_rate(place, parts, KEYS, picked).assign(series=COMPUTED))
    frames = [f for f in frames if not f.empty]
    if not frames:
        empty = pd.DataFrame(columns=SERIES_COLUMNS)
        empty.attrs.update(indicator=indicator, jurisdiction=jurisdiction)
        return empty
    rows = pd.concat(frames, ignore_index=True)
    rows = rows.dropna(subset=["value"]).reset_index(drop=True)
    placed = pd.DataFrame(
        [place_in_time(str(p)) for p in rows["period"]],
        columns=["x_start", "x_end", "x", "years"],
    )
    rows = pd.concat([rows, placed], axis=1)
    unit = catalog.set_index("code").loc[indicator, "unit"]
    rows["value"] = rows["value"].astype(float)
    rows["per_year"] = [
        v if unit == "percent" or not y else v / y
        for v, y in zip(rows["value"], rows["years"], strict=True)
    ]
    rows["period_kind"] = pd.Categorical(
        [parse_period(str(p)).kind for p in rows["period"]], categories=PERIOD_KINDS
    )
    rows["jurisdiction"] = jurisdiction
    rows["indicator"] = indicator
    rows["level"] = [None if pd.isna(v) else str(v) for v in rows["level"]]
    rows["disputed"] = rows["disputed"].fillna(False).astype(bool)
    rows = rows.sort_values(["period_kind", "x_start", "x_end", "series"], kind="stable")
    rows = rows[SERIES_COLUMNS].reset_index(drop=True)
    rows.attrs.update(indicator=indicator, jurisdiction=jurisdiction)
    return rows


def national_indicators(records: pd.DataFrame) -> list[str]:
    """Catalog indicators with at least one national figure, in catalog order."""
    present = set(records.loc[records["is_national"], "indicator"].astype(str))
    return [str(c) for c in reference_table("catalog")["code"] if str(c) in present]


def distinct_years(series: pd.DataFrame) -> list[int]:
    """The calendar years a series has a figure for, spans excepted (each counts its own year)."""
    single = series[series["period_kind"].astype(str) != "years"]
    return sorted({int(parse_period(str(p)).start.year) for p in single["period"]})


def _what(series: pd.DataFrame) -> tuple[str, str]:
    """The indicator and place a series is of (kept in `attrs`, so an empty one knows too)."""
    if len(series):
        return str(series["indicator"].iloc[0]), str(series["jurisdiction"].iloc[0])
    return str(series.attrs["indicator"]), str(series.attrs.get("jurisdiction", NATIONAL))


def _series_code(series: str, level: object) -> str:
    return series if level is None or pd.isna(level) else f"{series}:{level}"


def _series_label(code: str) -> str:

    series, _, level = code.partition(":")
    base = "Tính lại từ các thành phần" if series == COMPUTED else "Số liệu nguồn nêu"
    return f"{base} — {LEVEL_VI[level].lower()}" if level else base


def series_panels(series: pd.DataFrame) -> list[tuple[str, pd.DataFrame]]:
    """The chart's panels: years with multi-year spans, then half-years, quarters, nine months."""

    rows = series.assign(
        series=[
            _series_code(s, lv) for s, lv in zip(series["series"], series["level"], strict=True)
        ]
    )
    rows["label"] = [
        f"{period_vi(p)} · {_series_label(c)}"
        for p, c in zip(rows["period"], rows["series"], strict=True)
    ]
    rows["text"] = point_texts(series)
    kinds = rows["period_kind"].astype(str)
    panels = []
    yearly = rows[kinds.isin(["year", "years"])]
    if not yearly.empty:
        name = "Cả năm" + (" và giai đoạn nhiều năm" if (yearly["years"] > 0).any() else "")
        panels.append((name, yearly))
    for kind in CHARTED_KINDS[1:]:
        part = rows[kinds == kind]
        if not part.empty:
            panels.append((PERIOD_KIND_VI[kind], part))
    return panels


def point_texts(series: pd.DataFrame, per_year: bool = True) -> list[str]:
    """How each point of a series is written: a stated figure with the source's own digits and
    qualifier, a computed rate rounded to RATE_DIGITS, a span's yearly average (computed)
    rounded to AVERAGE_DIGITS; `per_year=False` writes a span's stated total instead."""
    indicator, _ = _what(series)
    percent = unit_vi(indicator) == "%"
    suffix = " %" if percent else ""
    texts = []
    for v, p, q, y, s in zip(
        series["value"],
        series["per_year"],
        series["qualifier"],
        series["years"],
        series["series"],
        strict=True,
    ):
        if str(s).startswith(COMPUTED):
            texts.append(fmt_value(v, q, RATE_DIGITS) + suffix)
        elif y and not percent and per_year:
            texts.append(fmt_value(p, q, AVERAGE_DIGITS) + " /năm (TB)")
        else:
            texts.append(fmt_stated(v, q, suffix))
    return texts


def series_chart(series: pd.DataFrame, title: str | None = None) -> object:
    """The series over time, one panel per kind of period; a note when nothing can be charted."""

    panels = series_panels(series)
    indicator, place = _what(series)
    if not panels:
        return Note(
            (
                f"- {indicator_vi(indicator)} — {place}: chưa có số liệu nào của một năm, "
                "6 tháng, quý hay 9 tháng để vẽ theo thời gian.",
            )
        )
    codes = list(dict.fromkeys(c for _, f in panels for c in f["series"]))
    percent = unit_vi(indicator) == "%"
    return time_panels(
        panels,
        title=title or f"{indicator_vi(indicator)} — {place}",
        ylabel=unit_vi(indicator),
        source=sources_note(split_doc_ids(pd.concat([f for _, f in panels])["doc_ids"])),
        percent=percent,
        series_labels={c: _series_label(c) for c in codes},
        method=(
            "Chỉ số liệu toàn tỉnh (cả nước). Mỗi loại kỳ một khung với trục riêng. Giai đoạn "
            "nhiều năm: vạch ngang trên các năm của nó, ở mức trung bình mỗi năm (tổng ÷ số năm, "
            "làm tròn đến đơn vị)."
            if not percent
            else "Chỉ số liệu toàn tỉnh (cả nước). Mỗi loại kỳ một khung với trục riêng. Giai "
            "đoạn nhiều năm: vạch ngang ở tỷ lệ của cả giai đoạn. Tỷ lệ tính lại làm tròn 2 chữ "
            "số thập phân; tỷ lệ nguồn nêu giữ đúng chữ số nguồn ghi."
        ),
    )


def split_doc_ids(cells: pd.Series) -> list[str]:
    """Source ids from `;`-joined cells."""
    return [d for cell in cells.dropna() for d in str(cell).split(";") if d]


def series_table(series: pd.DataFrame, title: str | None = None) -> object:
    """Every point of a series, in time order within each kind of period, with its sources."""

    indicator, place = _what(series)
    percent = str(reference_table("catalog").set_index("code").loc[indicator, "unit"]) == "percent"
    frame = pd.DataFrame(
        {
            "Loại kỳ": [PERIOD_KIND_VI[str(k)].split(" (")[0] for k in series["period_kind"]],
            "Kỳ": [period_vi(p) for p in series["period"]],
            "Cách có": ["tính lại" if s == COMPUTED else "nguồn nêu" for s in series["series"]],
            "Cấp": [level_vi(lv) for lv in series["level"]],
            "Giá trị": point_texts(series, per_year=False),
            "TB mỗi năm": [
                fmt_value(p, q, AVERAGE_DIGITS) if y and not percent else ""
                for p, q, y in zip(
                    series["per_year"], series["qualifier"], series["years"], strict=True
                )
            ],
            "Nguồn": [
                cite_many(str(d).split(";")).removeprefix("Nguồn: ") for d in series["doc_ids"]
            ],
        }
    )
    if not (series["years"] > 0).any() or percent:
        frame = frame.drop(columns="TB mỗi năm")
    if series["level"].isna().all():
        frame = frame.drop(columns="Cấp")
    if (series["series"] != COMPUTED).all():
        frame = frame.drop(columns="Cách có")
    notes = ["Số liệu nguồn nêu: đúng chữ số nguồn ghi; chỉ số liệu toàn tỉnh (cả nước)."]
    if "TB mỗi năm" in frame:
        notes.append("TB mỗi năm: tổng của giai đoạn ÷ số năm, làm tròn đến đơn vị.")
    if "Cách có" in frame:
        notes.append("Tính lại: từ các thành phần nguồn nêu, làm tròn 2 chữ số thập phân.")
    if series["disputed"].any():
        notes.append(
            "Một kỳ có hai dòng: các nguồn cho số khác nhau; cả hai được giữ, không lấy trung bình."
        )
    return ReportTable(
        title or f"{indicator_vi(indicator)} — {place}: từng số liệu và nguồn",
        frame,
        sources_note(split_doc_ids(series["doc_ids"])),
        numeric=tuple(c for c in ("Giá trị", "TB mỗi năm") if c in frame.columns),
        notes=tuple(notes),
    )
