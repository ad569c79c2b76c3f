"""Grassroots mediation rates (`analysis.metrics.mediation.mediation_rates`) as a reader sees
them: cases, settled cases, the computed and the stated rate and their gap, and which stated
rates their own parts do not give."""

from __future__ import annotations

import pandas as pd

from analysis.contract import NATIONAL
from analysis.records.citations import merged_ids
from analysis.report.labels import period_vi
from analysis.report.numfmt import fmt_number, fmt_stated, fmt_value
from analysis.report.sources import cite_many
from analysis.report.tables import Note, ReportTable, stated_cells

# How a computed rate and a gap are rounded (a stated rate keeps the source's digits).
COMPUTED_DIGITS = 2


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
            "Vụ việc": stated_cells(rates, "cases"),
            "Hòa giải thành": stated_cells(rates, "settled"),
            "Tỷ lệ tính lại": [
                fmt_value(v, q, COMPUTED_DIGITS) + " %" if pd.notna(v) else "–"
                for v, q in zip(rates["computed_rate"], rates["computed_qualifier"], strict=True)
            ],
            "Tỷ lệ nguồn nêu": stated_cells(rates, "stated_rate", " %"),
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
        cite_many(merged_ids(rates["doc_ids"])),
        numeric=tuple(frame.columns[2:]),
        notes=(
            "Tỷ lệ nguồn nêu, số vụ việc: đúng chữ số nguồn ghi. Tỷ lệ tính lại = hòa giải thành "
            "÷ vụ việc × 100, làm tròn 2 chữ số thập phân (cận thì làm tròn ra phía ngoài).",
            "⚠ lệch: không giá trị nào các thành phần cho phép nằm trong phạm vi làm tròn của tỷ "
            "lệ nguồn nêu (81,2 % → ±0,05 điểm %); một cận (“trên 16.000 vụ việc”) cho một "
            "khoảng, và tỷ lệ nêu trong khoảng đó không bị đánh dấu.",
        ),
    )


def rates_note(rates: pd.DataFrame, n_places: int, national_years: list[int] | None = None) -> Note:
    """What the mediation figures cover, and which stated rates their parts do not give;
    `national_years`, the years with a national rate, says how long the national series is."""
    provinces = sorted(set(rates["jurisdiction"].astype(str)) - {NATIONAL})
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
