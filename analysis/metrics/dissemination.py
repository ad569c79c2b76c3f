"""Legal dissemination reach: sessions, person-attendances, attendances per session and per
1,000 residents (2019 census population; the national figure against the national total).

Totals only: a district's, a body's or a campaign's sessions are not the province's and are
listed apart (`analysis.metrics.parts`)."""

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
from analysis.report.labels import period_vi, sources_note
from analysis.report.numfmt import fmt_number, fmt_stated, fmt_values
from analysis.report.plots import Chart, dot_panels
from analysis.report.tables import Note, ReportTable

SESSIONS = "dissemination_sessions"
ATTENDEES = "dissemination_attendees"
PER_RESIDENTS = 1000
PLACE_COLUMNS = ["period_kind", "period_start", "is_national", "population"]
REACH_COLUMNS = [
    "jurisdiction",
    "period",
    "period_kind",
    "population_2019",
    "sessions",
    "sessions_qualifier",
    "attendances",
    "attendances_qualifier",
    "attendances_per_session",
    "per_session_qualifier",
    "attendances_per_1000_residents",
    "per_1000_qualifier",
    "sessions_disputed",
    "attendances_disputed",
    "doc_ids",
]
# How computed ratios are rounded in the table (stated figures keep the source's digits).
PER_SESSION_DIGITS = 1
PER_1000_DIGITS = 0


def _places(records: pd.DataFrame) -> pd.DataFrame:
    keyed = records.assign(**{k: records[k].astype(object) for k in PLACE_PERIOD})
    return keyed.drop_duplicates(PLACE_PERIOD).set_index(PLACE_PERIOD)[PLACE_COLUMNS]


def dissemination_reach(records: pd.DataFrame) -> pd.DataFrame:
    """One row per place and period that reports sessions or attendances, with both ratios.

    A ratio's qualifier follows from its parts: a lower-bound attendance over an exact
    population is a lower bound; over a lower-bound session count it bounds nothing (approx).
    """
    figures = one_per_key(pick_figures(records, [SESSIONS, ATTENDEES], PLACE_PERIOD), PLACE_PERIOD)
    if figures.empty:
        return pd.DataFrame(columns=REACH_COLUMNS)
    wide = figures.pivot(
        index=PLACE_PERIOD, columns="indicator", values=["value", "qualifier", "disputed_text"]
    )
    reach = pd.DataFrame(index=wide.index)
    for code, name in ((SESSIONS, "sessions"), (ATTENDEES, "attendances")):
        has = ("value", code) in wide.columns
        reach[name] = wide[("value", code)].astype("Float64") if has else pd.NA
        reach[f"{name}_qualifier"] = wide[("qualifier", code)] if has else pd.NA
        reach[f"{name}_disputed"] = wide[("disputed_text", code)].fillna("") if has else ""
    reach["doc_ids"] = figures.groupby(PLACE_PERIOD, sort=False)["doc_ids"].agg(
        lambda d: ";".join(sorted({x for cell in d for x in cell.split(";")}))
    )
    reach = reach.join(_places(records))
    reach["population_2019"] = reach["population"].astype("Int64")
    reach["attendances_per_session"] = (reach["attendances"] / reach["sessions"]).astype("Float64")
    reach["per_session_qualifier"] = [
        ratio_qualifier(a, s)
        for a, s in zip(reach["attendances_qualifier"], reach["sessions_qualifier"], strict=True)
    ]
    reach["attendances_per_1000_residents"] = (
        reach["attendances"] / reach["population_2019"].astype("Float64") * PER_RESIDENTS
    ).astype("Float64")
    reach["per_1000_qualifier"] = [
        ratio_qualifier(a, "exact") for a in reach["attendances_qualifier"]
    ]
    reach = reach.reset_index().sort_values(
        ["period_kind", "period_start", "is_national", "jurisdiction"],
        ascending=[True, True, False, True],
        kind="stable",
    )
    return reach[REACH_COLUMNS].reset_index(drop=True)


def _stated_column(reach: pd.DataFrame, name: str) -> list[str]:
    """A stated figure as the source wrote it, or every source's value where they disagree."""
    return [
        d or fmt_stated(v, q)
        for v, q, d in zip(
            reach[name], reach[f"{name}_qualifier"], reach[f"{name}_disputed"], strict=True
        )
    ]


def reach_table(reach: pd.DataFrame) -> ReportTable:
    """The reach figures in Vietnamese, qualifiers marked, sources named."""
    frame = pd.DataFrame(
        {
            "Địa bàn": reach["jurisdiction"].astype(str),
            "Kỳ báo cáo": [period_vi(p) for p in reach["period"]],
            "Số cuộc": _stated_column(reach, "sessions"),
            "Lượt người dự": _stated_column(reach, "attendances"),
            "Lượt người/cuộc": fmt_values(
                reach["attendances_per_session"], reach["per_session_qualifier"], PER_SESSION_DIGITS
            ),
            "Lượt người/1.000 dân": fmt_values(
                reach["attendances_per_1000_residents"],
                reach["per_1000_qualifier"],
                PER_1000_DIGITS,
            ),
            "Dân số 2019": [fmt_number(v) for v in reach["population_2019"]],
        }
    )
    numeric = tuple(frame.columns[2:])
    return ReportTable(
        "Phổ biến pháp luật: số cuộc, lượt người dự và mức độ tiếp cận",
        frame,
        sources_note(sources_of(reach)),
        numeric=numeric,
        notes=(
            "Số cuộc, lượt người dự: đúng chữ số nguồn ghi; chỉ số liệu toàn tỉnh (cả nước), số "
            "liệu của một huyện, một cơ quan hay một chiến dịch ở bảng riêng.",
            "Lượt người/cuộc: tính lại, làm tròn 1 chữ số thập phân; lượt người/1.000 dân: tính "
            "lại, làm tròn đến đơn vị (cận dưới làm tròn xuống).",
            "Dân số: Tổng điều tra 1/4/2019 (cả nước: tổng 63 tỉnh, thành = 96.208.984).",
            "Kỳ báo cáo có độ dài khác nhau (năm, 6 tháng): không so sánh trực tiếp giữa các kỳ.",
        ),
    )


def reach_chart(reach: pd.DataFrame) -> Chart:
    """Attendances per 1,000 residents, one panel per kind of period (no annualising)."""
    rows = reach.dropna(subset=["attendances_per_1000_residents"])
    points = points_by_period_kind(
        rows,
        "attendances_per_1000_residents",
        "per_1000_qualifier",
        fmt_values(
            rows["attendances_per_1000_residents"], rows["per_1000_qualifier"], PER_1000_DIGITS
        ),
    )
    return dot_panels(
        points,
        title="Lượt người dự phổ biến pháp luật trên 1.000 dân",
        xlabel="lượt người / 1.000 dân",
        source=sources_note(sources_of(rows)),
        method=(
            "Lượt người dự (toàn tỉnh) ÷ dân số 2019 × 1.000, làm tròn đến đơn vị. Mỗi loại kỳ một "
            "khung, không quy đổi theo năm."
        ),
    )


def reach_note(reach: pd.DataFrame, n_places: int) -> Note:
    """What the reach figures cover, in numbers: places, periods, lower bounds."""
    places = reach["jurisdiction"].astype(str)
    provinces = sorted(set(places) - {"Việt Nam"})
    bounds = int((reach["attendances_qualifier"] == "at_least").sum()) + int(
        (reach["sessions_qualifier"] == "at_least").sum()
    )
    figures = int(reach["attendances"].notna().sum() + reach["sessions"].notna().sum())
    return Note(
        (
            f"- Có số liệu cho {len(reach)} cặp địa bàn–kỳ: {len(provinces)} trên {n_places} "
            f"tỉnh, thành ({', '.join(provinces) or 'không có'})"
            + (" và cả nước." if "Việt Nam" in set(places) else "."),
            f"- {bounds} trên {figures} số liệu là cận dưới (“trên”, “hơn”): các tỷ số tính từ "
            "chúng cũng chỉ là cận dưới, hoặc không xác định chiều khi cả tử và mẫu đều là "
            "cận dưới.",
            f"- Các kỳ khác nhau: {', '.join(sorted({period_vi(p) for p in reach['period']}))}.",
        )
    )
