"""Legal dissemination reach (`analysis.metrics.dissemination.dissemination_reach`) as a reader
sees it: a table of sessions, attendances and both ratios, and what the figures cover."""

from __future__ import annotations

import pandas as pd

from analysis.contract import NATIONAL
from analysis.records.citations import merged_ids
from analysis.report.labels import period_vi
from analysis.report.numfmt import fmt_number, fmt_values
from analysis.report.sources import cite_many
from analysis.report.tables import Note, ReportTable, stated_cells

# How computed ratios are rounded in the table (stated figures keep the source's digits).
PER_SESSION_DIGITS = 1
PER_1000_DIGITS = 0
# Per the whole reporting period, never per year: the charts of provinces say "mỗi năm".
PER_1000_HEADING = "Lượt người/1.000 dân cả kỳ"


def reach_table(reach: pd.DataFrame) -> ReportTable:
    """The reach figures in Vietnamese, qualifiers marked, sources named."""
    frame = pd.DataFrame(
        {
            "Địa bàn": reach["jurisdiction"].astype(str),
            "Kỳ báo cáo": [period_vi(p) for p in reach["period"]],
            "Số cuộc": stated_cells(reach, "sessions"),
            "Lượt người dự": stated_cells(reach, "attendances"),
            "Lượt người/cuộc": fmt_values(
                reach["attendances_per_session"], reach["per_session_qualifier"], PER_SESSION_DIGITS
            ),
            PER_1000_HEADING: fmt_values(
                reach["attendances_per_1000_residents"],
                reach["per_1000_qualifier"],
                PER_1000_DIGITS,
            ),
            "Dân số 2019": [fmt_number(v) for v in reach["population_2019"]],
        }
    )
    return ReportTable(
        "Phổ biến pháp luật: số cuộc, lượt người dự và mức độ tiếp cận",
        frame,
        cite_many(merged_ids(reach["doc_ids"])),
        numeric=tuple(frame.columns[2:]),
        notes=(
            "Số cuộc, lượt người dự: đúng chữ số nguồn ghi; chỉ số liệu toàn tỉnh (cả nước), số "
            "liệu của một huyện, một cơ quan hay một chiến dịch ở bảng riêng.",
            "Lượt người/cuộc: tính lại, làm tròn 1 chữ số thập phân; lượt người/1.000 dân cả kỳ: "
            "lượt người dự của cả kỳ báo cáo (một giai đoạn nhiều năm: cả giai đoạn, không chia "
            "theo năm) trên 1.000 dân, tính lại, làm tròn đến đơn vị (cận dưới làm tròn xuống).",
            "Dân số: Tổng điều tra 1/4/2019 (cả nước: tổng 63 tỉnh, thành = 96.208.984).",
            "Kỳ báo cáo có độ dài khác nhau (năm, 6 tháng): không so sánh trực tiếp giữa các kỳ.",
        ),
    )


def reach_note(reach: pd.DataFrame, n_places: int) -> Note:
    """What the reach figures cover, in numbers: places, periods, lower bounds."""
    places = reach["jurisdiction"].astype(str)
    provinces = sorted(set(places) - {NATIONAL})
    bounds = int((reach["attendances_qualifier"] == "at_least").sum()) + int(
        (reach["sessions_qualifier"] == "at_least").sum()
    )
    figures = int(reach["attendances"].notna().sum() + reach["sessions"].notna().sum())
    return Note(
        (
            f"- Có số liệu cho {len(reach)} cặp địa bàn–kỳ: {len(provinces)} trên {n_places} "
            f"tỉnh, thành ({', '.join(provinces) or 'không có'})"
            + (" và cả nước." if NATIONAL in set(places) else "."),
            f"- {bounds} trên {figures} số liệu là cận dưới (“trên”, “hơn”): các tỷ số tính từ "
            "chúng cũng chỉ là cận dưới, hoặc không xác định chiều khi cả tử và mẫu đều là "
            "cận dưới.",
            f"- Các kỳ khác nhau: {', '.join(sorted({period_vi(p) for p in reach['period']}))}.",
        )
    )
