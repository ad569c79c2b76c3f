"""Grassroots mediation: cases, settled cases, the success rate computed from them beside the rate
the source states, and the gap flagged when it exceeds the rounding the stated rate shows."""

from __future__ import annotations

import pandas as pd

from analysis.metrics.common import (
    PLACE_PERIOD,
    one_per_key,
    pick_figures,
    points_by_period_kind,
    ratio_qualifier,
    sources_of,
)
from analysis.records.bounds import rate_fits, ratio_interval, rounding_tolerance
from analysis.records.periods import PERIOD_KINDS
from analysis.report.labels import period_vi, sources_note
from analysis.report.numfmt import fmt_number, fmt_stated, fmt_value
from analysis.report.plots import Chart, dot_panels
from analysis.report.tables import Note, ReportTable

CASES = "mediation_cases"
SETTLED = "mediation_successful"
STATED = "mediation_success_rate"
# How a computed rate and a gap are rounded (a stated rate keeps the source's digits).
COMPUTED_DIGITS = 2
__all__ = ["mediation_rates", "rates_chart", "rates_note", "rates_table", "rounding_tolerance"]
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
    "stated_rate_qualifier",
    "cases_disputed",
    "settled_disputed",
    "stated_rate_disputed",
    "gap_points",
    "gap_flagged",
    "doc_ids",
]


def mediation_rates(records: pd.DataFrame) -> pd.DataFrame:
    """One row per place and period with mediation figures: parts, computed rate, stated rate, gap.

    Totals only. `gap_points` is stated minus computed, in percentage points, where both parts
    are exact; `gap_flagged` is true when no value the parts allow (a lower bound allows a
    range) is within the rounding the stated rate shows (Lạng Sơn 2024-H1: 81.2 vs 81.28; not
    Hải Dương's 88 % of "trên 16.000" cases, which the bound allows).
    """
    figures = one_per_key(
        pick_figures(records, [CASES, SETTLED, STATED], PLACE_PERIOD), PLACE_PERIOD
    )
    if figures.empty:
        return pd.DataFrame(columns=RATE_COLUMNS)
    wide = figures.pivot(
        index=PLACE_PERIOD, columns="indicator", values=["value", "qualifier", "disputed_text"]
    )
    rates = pd.DataFrame(index=wide.index)
    for code, name in ((CASES, "cases"), (SETTLED, "settled"), (STATED, "stated_rate")):
        has = ("value", code) in wide.columns
        rates[name] = wide[("value", code)].astype("Float64") if has else pd.NA
        rates[f"{name}_qualifier"] = wide[("qualifier", code)] if has else pd.NA
        rates[f"{name}_disputed"] = wide[("disputed_text", code)].fillna("") if has else ""
    rates = rates.astype({"cases": "Float64", "settled": "Float64", "stated_rate": "Float64"})
    rates["computed_rate"] = (100 * rates["settled"] / rates["cases"]).astype("Float64")
    rates["computed_qualifier"] = [
        ratio_qualifier(s, c)
        for s, c in zip(rates["settled_qualifier"], rates["cases_qualifier"], strict=True)
    ]
    exact = rates["computed_qualifier"] == "exact"
    rates["gap_points"] = (
        (rates["stated_rate"] - rates["computed_rate"]).where(exact).astype("Float64")
    )
    rates["gap_flagged"] = [
        bool(
            pd.notna(stated)
            and pd.notna(computed)
            and not rate_fits(stated, sq, ratio_interval(n, nq, d, dq))
        )
        for stated, sq, computed, n, nq, d, dq in zip(
            rates["stated_rate"],
            rates["stated_rate_qualifier"],
            rates["computed_rate"],
            rates["settled"],
            rates["settled_qualifier"],
            rates["cases"],
            rates["cases_qualifier"],
            strict=True,
        )
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


def _stated_cells(rates: pd.DataFrame, name: str, suffix: str = "") -> list[str]:
    """A stated figure as the source wrote it, or every source's value where they disagree."""
    return [
        d or fmt_stated(v, q, suffix)
        for v, q, d in zip(
            rates[name], rates[f"{name}_qualifier"], rates[f"{name}_disputed"], strict=True
        )
    ]


def _gap_cell(gap: object, flagged: bool, stated: object, computed: object) -> str:
    if pd.isna(stated) or pd.isna(computed):
        return "–"
    if pd.isna(gap):  # a rate of a bound: a range, no one gap
        return "⚠ ngoài khoảng các thành phần cho phép" if flagged else "trong khoảng cho phép"
    sign = "+" if gap > 0 else ("−" if gap < 0 else "")
    return f"{sign}{fmt_number(abs(gap), COMPUTED_DIGITS)} điểm %" + (" ⚠ lệch" if flagged else "")


def rates_table(rates: pd.DataFrame) -> ReportTable:
    """Cases, settled cases, computed and stated rate and their gap, in Vietnamese."""
    frame = pd.DataFrame(
        {
            "Địa bàn": rates["jurisdiction"].astype(str),
            "Kỳ báo cáo": [period_vi(p) for p in rates["period"]],
            "Vụ việc": _stated_cells(rates, "cases"),
            "Hòa giải thành": _stated_cells(rates, "settled"),
            "Tỷ lệ tính lại": [
                fmt_value(v, q, COMPUTED_DIGITS) + " %" if pd.notna(v) else "–"
                for v, q in zip(rates["computed_rate"], rates["computed_qualifier"], strict=True)
            ],
            "Tỷ lệ nguồn nêu": _stated_cells(rates, "stated_rate", " %"),
            "Chênh lệch (nêu − tính)": [
                _gap_cell(g, f, s, c)
                for g, f, s, c in zip(
                    rates["gap_points"],
                    rates["gap_flagged"],
                    rates["stated_rate"],
                    rates["computed_rate"],
                    strict=True,
                )
            ],
        }
    )
    return ReportTable(
        "Hòa giải ở cơ sở: tỷ lệ hòa giải thành tính lại từ số vụ việc và tỷ lệ nguồn nêu",
        frame,
        sources_note(sources_of(rates)),
        numeric=tuple(frame.columns[2:]),
        notes=(
            "Tỷ lệ nguồn nêu, số vụ việc: đúng chữ số nguồn ghi. Tỷ lệ tính lại = hòa giải thành "
            "÷ vụ việc × 100, làm tròn 2 chữ số thập phân (cận thì làm tròn ra phía ngoài).",
            "⚠ lệch: không giá trị nào các thành phần cho phép nằm trong phạm vi làm tròn của tỷ "
            "lệ nguồn nêu (81,2 % → ±0,05 điểm %); một cận (“trên 16.000 vụ việc”) cho một "
            "khoảng, và tỷ lệ nêu trong khoảng đó không bị đánh dấu.",
        ),
    )


def rates_chart(rates: pd.DataFrame) -> Chart:
    """Computed rate (dot) beside stated rate (diamond), one panel per kind of period."""
    rows = rates.dropna(subset=["computed_rate"])
    points = points_by_period_kind(
        rows,
        "computed_rate",
        "computed_qualifier",
        [fmt_value(v, q, COMPUTED_DIGITS) + " %" for v, q in zip(
            rows["computed_rate"], rows["computed_qualifier"], strict=True)],
        stated="stated_rate",
    ).assign(stated_text=_stated_cells(rows, "stated_rate", " %"))  # fmt: skip
    return dot_panels(
        points,
        title="Tỷ lệ hòa giải thành ở cơ sở (%)",
        xlabel="% vụ việc hòa giải thành",
        source=sources_note(sources_of(rows)),
        percent=True,
        stated="stated",
        stated_label="Tỷ lệ nguồn nêu",
        value_label="Tỷ lệ tính lại",
        method="Chấm: hòa giải thành ÷ vụ việc × 100, tính lại, làm tròn 2 chữ số thập phân. "
        "Thoi: tỷ lệ nguồn nêu (nếu có), đúng chữ số nguồn ghi. Chỉ số liệu toàn tỉnh.",
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
        f"{len(flagged)} tỷ lệ nêu nằm ngoài khoảng mà các thành phần cho phép (quá mức làm "
        "tròn, và quá các cận nguồn nêu).",
    ]
    if national_years is not None:
        lines.append(
            f"- Tỷ lệ hòa giải thành cả nước có ở {len(national_years)} năm khác nhau"
            + (f" ({', '.join(map(str, national_years))})." if national_years else ".")
        )
    lines += [
        f"- {r.jurisdiction}, {period_vi(r.period)}: nguồn nêu "
        f"{fmt_stated(r.stated_rate, r.stated_rate_qualifier, ' %')}, "
        f"{fmt_stated(r.settled, r.settled_qualifier)}/{fmt_stated(r.cases, r.cases_qualifier)} "
        f"cho {fmt_value(r.computed_rate, r.computed_qualifier, COMPUTED_DIGITS)} %."
        for r in flagged.itertuples()
    ]
    return Note(tuple(lines))
