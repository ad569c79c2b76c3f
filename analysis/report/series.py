"""An indicator's series over time (`analysis.metrics.series.indicator_series`) as a reader sees
it: one chart panel per kind of period, multi-year spans as bars at their yearly average, and a
table of every point with its sources. A stated point is written with the source's own digits,
a computed one with its rounding."""

from __future__ import annotations

import pandas as pd

from analysis.contract import NATIONAL
from analysis.metrics.series import CHARTED_KINDS, COMPUTED
from analysis.records.citations import merged_ids
from analysis.report.labels import (
    LEVEL_VI,
    PERIOD_KIND_VI,
    indicator_vi,
    level_vi,
    period_vi,
    unit_vi,
)
from analysis.report.numfmt import fmt_stated, fmt_value
from analysis.report.plots import Chart, time_panels
from analysis.report.sources import cite_cell, cite_many
from analysis.report.tables import Note, ReportTable

# How a computed value is rounded where it is shown (a stated one keeps the source's digits).
RATE_DIGITS = 2
AVERAGE_DIGITS = 0


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


def series_chart(series: pd.DataFrame, title: str | None = None) -> Chart | Note:
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
        source=cite_many(merged_ids(pd.concat([f for _, f in panels])["doc_ids"])),
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


def series_table(series: pd.DataFrame, title: str | None = None) -> ReportTable:
    """Every point of a series, in time order within each kind of period, with its sources."""
    indicator, place = _what(series)
    percent = unit_vi(indicator) == "%"
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
            "Nguồn": [cite_cell(ids) for ids in series["doc_ids"]],
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
        cite_many(merged_ids(series["doc_ids"])),
        numeric=tuple(c for c in ("Giá trị", "TB mỗi năm") if c in frame.columns),
        notes=tuple(notes),
    )
