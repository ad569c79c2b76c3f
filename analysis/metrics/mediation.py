"""Grassroots mediation: cases, settled cases, the success rate computed from them beside the rate
the source states, and the gap flagged when it exceeds the rounding the stated rate shows."""

from __future__ import annotations

import pandas as pd

from analysis.metrics.common import (
    PLACE_PERIOD,
    pick_figures,
    points_by_period_kind,
    ratio_qualifier,
    sources_of,
)
from analysis.records.periods import PERIOD_KINDS
from analysis.report.labels import period_vi, sources_note
from analysis.report.numfmt import fmt_number, fmt_percent, fmt_value, fmt_values
from analysis.report.plots import Chart, dot_panels
from analysis.report.tables import Note, ReportTable

CASES = "mediation_cases"
SETTLED = "mediation_successful"
STATED = "mediation_success_rate"
RATE_COLUMNS = [
    "jurisdiction",
    "period",
    "period_kind",
    "cases",
    "cases_qualifier",
    "settled",
    "settled_qualifier",
    "computed_rate",
    "computed_qualifier",
    "stated_rate",
    "gap_points",
    "gap_flagged",
    "doc_ids",
]


def _decimals(value: float) -> int:
    text = f"{value:.6f}".rstrip("0").rstrip(".")
    return len(text.split(".")[1]) if "." in text else 0


def rounding_tolerance(stated: float) -> float:
    """Half a unit of the stated rate's last decimal: 81.2 → 0.05 (percentage points)."""
    return 0.5 * 10 ** -_decimals(stated) + 1e-9


def mediation_rates(records: pd.DataFrame) -> pd.DataFrame:
    """One row per place and period with mediation figures: parts, computed rate, stated rate, gap.

    `gap_points` is stated minus computed, in percentage points; `gap_flagged` is true when it
    is larger than the stated rate's own rounding (Lạng Sơn 2024-H1: 81.2 vs 81.28).
    """
    figures = pick_figures(records, [CASES, SETTLED, STATED], PLACE_PERIOD)
    if figures.empty:
        return pd.DataFrame(columns=RATE_COLUMNS)
    wide = figures.pivot(index=PLACE_PERIOD, columns="indicator", values=["value", "qualifier"])
    rates = pd.DataFrame(index=wide.index)
    for code, name in ((CASES, "cases"), (SETTLED, "settled"), (STATED, "stated_rate")):
        has = ("value", code) in wide.columns
        rates[name] = wide[("value", code)].astype("Float64") if has else pd.NA
        if name != "stated_rate":
            rates[f"{name}_qualifier"] = wide[("qualifier", code)] if has else pd.NA
    rates = rates.astype({"cases": "Float64", "settled": "Float64", "stated_rate": "Float64"})
    rates["computed_rate"] = (100 * rates["settled"] / rates["cases"]).astype("Float64")
    rates["computed_qualifier"] = [
        ratio_qualifier(s, c)
        for s, c in zip(rates["settled_qualifier"], rates["cases_qualifier"], strict=True)
    ]
    rates["gap_points"] = (rates["stated_rate"] - rates["computed_rate"]).astype("Float64")
    rates["gap_flagged"] = [
        bool(pd.notna(g) and abs(g) > rounding_tolerance(s))
        for g, s in zip(rates["gap_points"], rates["stated_rate"], strict=True)
    ]
    rates["doc_ids"] = figures.groupby(PLACE_PERIOD, sort=False)["doc_ids"].agg(
        lambda d: ";".join(sorted({x for cell in d for x in cell.split(";")}))
    )
    kinds = records.assign(period=records["period"].astype(str)).drop_duplicates("period")
    kind_of = dict(zip(kinds["period"], kinds["period_kind"].astype(str), strict=True))
    rates = rates.reset_index()
    rates["period_kind"] = pd.Categorical(
        [kind_of[p] for p in rates["period"]], categories=PERIOD_KINDS
    )
    rates = rates.sort_values(["period_kind", "period", "jurisdiction"], kind="stable")
    return rates[RATE_COLUMNS].reset_index(drop=True)


def rates_table(rates: pd.DataFrame) -> ReportTable:
    """Cases, settled cases, computed and stated rate and their gap, in Vietnamese."""
    gaps = []
    for gap, flagged in zip(rates["gap_points"], rates["gap_flagged"], strict=True):
        if pd.isna(gap):
            gaps.append("–")
        else:
            sign = "+" if gap > 0 else ("−" if gap < 0 else "")
            gaps.append(f"{sign}{fmt_number(abs(gap), 2)} điểm %" + (" ⚠ lệch" if flagged else ""))
    frame = pd.DataFrame(
        {
            "Địa bàn": rates["jurisdiction"].astype(str),
            "Kỳ báo cáo": [period_vi(p) for p in rates["period"]],
            "Vụ việc": fmt_values(rates["cases"], rates["cases_qualifier"]),
            "Hòa giải thành": fmt_values(rates["settled"], rates["settled_qualifier"]),
            "Tỷ lệ tính lại": [
                fmt_value(v, q, 2) + " %" if pd.notna(v) else "–"
                for v, q in zip(rates["computed_rate"], rates["computed_qualifier"], strict=True)
            ],
            "Tỷ lệ nguồn nêu": [fmt_percent(v) for v in rates["stated_rate"]],
            "Chênh lệch (nêu − tính)": gaps,
        }
    )
    return ReportTable(
        "Hòa giải ở cơ sở: tỷ lệ hòa giải thành tính lại từ số vụ việc và tỷ lệ nguồn nêu",
        frame,
        sources_note(sources_of(rates)),
        numeric=tuple(frame.columns[2:]),
        notes=(
            "⚠ lệch: chênh lệch lớn hơn nửa đơn vị của chữ số cuối mà nguồn nêu (81,2 % → 0,05 "
            "điểm %), tức không giải thích được bằng làm tròn.",
        ),
    )


def rates_chart(rates: pd.DataFrame) -> Chart:
    """Computed rate (dot) beside stated rate (diamond), one panel per kind of period."""
    rows = rates.dropna(subset=["computed_rate"])
    points = points_by_period_kind(
        rows, "computed_rate", "computed_qualifier", stated="stated_rate"
    )
    return dot_panels(
        points,
        title="Tỷ lệ hòa giải thành ở cơ sở (%)",
        xlabel="% vụ việc hòa giải thành",
        source=sources_note(sources_of(rows)),
        percent=True,
        stated="stated",
        stated_label="Tỷ lệ nguồn nêu",
        value_label="Tỷ lệ tính lại",
        method="Chấm: hòa giải thành ÷ vụ việc × 100, tính lại. Thoi: tỷ lệ nguồn nêu (nếu có).",
    )


def rates_note(rates: pd.DataFrame, n_places: int, national_years: list[int] | None = None) -> Note:
    """What the mediation figures cover, and which stated rates their parts do not give;
    `national_years`, the years with a national rate, says how long the national series is."""
    provinces = sorted(set(rates["jurisdiction"].astype(str)) - {"Việt Nam"})
    stated = int(rates["stated_rate"].notna().sum())
    flagged = rates[rates["gap_flagged"]]
    lines = [
        f"- {len(rates)} cặp địa bàn–kỳ có số liệu hòa giải, ở {len(provinces)} trên {n_places} "
        f"tỉnh, thành ({', '.join(provinces) or 'không có'}).",
        f"- {stated} trên {len(rates)} có tỷ lệ do nguồn nêu; "
        f"{len(flagged)} tỷ lệ nêu lệch với tỷ lệ tính lại quá mức làm tròn.",
    ]
    if national_years is not None:
        lines.append(
            f"- Tỷ lệ hòa giải thành cả nước có ở {len(national_years)} năm khác nhau"
            + (f" ({', '.join(map(str, national_years))})." if national_years else ".")
        )
    lines += [
        f"- {r.jurisdiction}, {period_vi(r.period)}: nguồn nêu {fmt_percent(r.stated_rate)}, "
        f"{fmt_number(r.settled)}/{fmt_number(r.cases)} cho {fmt_percent(r.computed_rate, 2)}."
        for r in flagged.itertuples()
    ]
    return Note(tuple(lines))
