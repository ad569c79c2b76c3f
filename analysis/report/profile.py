"""One province's profile (`analysis.metrics.profile`) as a reader sees it: its figures with the
per-resident rate, the national figure of the same period and its rank; its series over time;
what the data holds for it; and its sources."""

from __future__ import annotations

import pandas as pd

from analysis.metrics.coverage import coverage
from analysis.metrics.profile import profile_series, province_records
from analysis.metrics.provinces import per_residents
from analysis.records.citations import merged_ids
from analysis.report.labels import level_vi, period_vi, short_vi, unit_vi
from analysis.report.numfmt import fmt_number, fmt_rivals, fmt_stated, fmt_value
from analysis.report.plots import Chart
from analysis.report.series import series_chart
from analysis.report.sources import SourceList, cite_many, source_list
from analysis.report.tables import Note, ReportTable

# How a computed value (a rate from its parts) is rounded in the profile.
RATE_DIGITS = 2


def _value(v: object, q: object, code: str, computed: bool = False) -> str:
    if v is None or pd.isna(v):
        return "–"
    suffix = " %" if unit_vi(code) == "%" else ""
    if computed:
        return fmt_value(float(v), str(q), RATE_DIGITS) + suffix
    return fmt_stated(float(v), str(q), suffix)


def profile_table(profile: pd.DataFrame, province: str) -> ReportTable:
    """The province's figures with per-resident rate, national figure and rank, in Vietnamese."""
    frame = pd.DataFrame(
        {
            "Chỉ tiêu": [
                short_vi(c)
                + ("" if lv is None or pd.isna(lv) else f" ({level_vi(lv).lower()})")
                + (" (tính lại)" if computed else "")
                for c, lv, computed in zip(
                    profile["indicator"], profile["level"], profile["computed"], strict=True
                )
            ],
            "Kỳ": [period_vi(p) for p in profile["period"]],
            province: [
                _value(v, q, c, computed) + (" (nguồn khác nhau)" if disputed else "")
                for v, q, c, computed, disputed in zip(
                    profile["value"],
                    profile["qualifier"],
                    profile["indicator"],
                    profile["computed"],
                    profile["disputed"],
                    strict=True,
                )
            ],
            "Trên số dân": [
                "–"
                if pd.isna(r)
                else fmt_value(r, q, 1 if r < 100 else 0)
                + f" /{fmt_number(per_residents(c))}"
                + ("/năm" if k == "years" else "")
                for r, q, c, k in zip(
                    profile["per_residents"],
                    profile["qualifier"],
                    profile["indicator"],
                    profile["period_kind"],
                    strict=True,
                )
            ],
            "Cả nước cùng kỳ": [
                fmt_rivals(rivals) or _value(v, q, c)
                for v, q, c, rivals in zip(
                    profile["national_value"],
                    profile["national_qualifier"],
                    profile["indicator"],
                    profile["national_rivals"],
                    strict=True,
                )
            ],
            "Hạng": [
                "–" if pd.isna(r) else f"{int(r)}/{int(n)}"
                for r, n in zip(profile["rank"], profile["n_ranked"], strict=True)
            ],
        }
    )
    return ReportTable(
        f"{province}: các số liệu đã duyệt, hạng trong các tỉnh có số liệu cùng loại kỳ",
        frame,
        cite_many(merged_ids(profile["doc_ids"])),
        numeric=(province, "Trên số dân", "Cả nước cùng kỳ", "Hạng"),
        notes=(
            "Số liệu toàn tỉnh và toàn quốc cùng kỳ, đúng chữ số nguồn ghi; số liệu của một "
            "huyện, một cơ quan hay một chiến dịch ở bảng riêng bên dưới.",
            "Trên số dân: chia cho dân số 2019 (Tổng điều tra), làm tròn 1 chữ số thập phân "
            "(từ 100 trở lên: đến đơn vị); lượt người trên 1.000 dân, vụ việc và hồ sơ trên "
            "10.000 dân; giai đoạn nhiều năm: trung bình mỗi năm.",
            "Hạng: thứ hạng (1 là cao nhất, trên số dân nếu có) của số liệu mới nhất của tỉnh "
            "trong các tỉnh, thành phố có số liệu cùng loại kỳ (năm hoặc trung bình năm; 6 "
            "tháng; 9 tháng; quý); “–”: không phải số liệu mới nhất của loại kỳ đó.",
        )
        + (
            (
                "(tính lại): tỷ lệ nguồn không nêu, tính từ số vụ việc hòa giải thành ÷ số vụ "
                "việc, làm tròn 2 chữ số thập phân.",
            )
            if profile["computed"].any()
            else ()
        ),
    )


def profile_sources(profile: pd.DataFrame) -> SourceList:
    """The sources of the province's figures and of the national figures beside them."""
    return source_list(
        merged_ids([*profile["doc_ids"], *profile["national_doc_ids"]]),
        "Nguồn của các số liệu trên (của tỉnh và của cả nước cùng kỳ)",
    )


def profile_charts(records: pd.DataFrame, province: str) -> list[Chart | Note]:
    """A chart over time for each indicator with two periods of one kind of the province's
    totals (`profile_series`); with none, a note that says so."""
    charts = [series_chart(series) for series in profile_series(records, province)]
    if not charts:
        return [
            Note(
                (
                    f"- Không chỉ tiêu nào của {province} có số liệu toàn tỉnh ở hai kỳ cùng "
                    "loại: chưa vẽ được theo thời gian (mọi số liệu ở bảng trên).",
                )
            )
        ]
    return charts


def profile_note(records: pd.DataFrame, province: str) -> Note:
    """What the data holds for the province, in numbers and words."""
    own = coverage(province_records(records, province))
    if not own.n_records:
        return Note((f"- Chưa có số liệu đã duyệt nào của {province}.",))
    return Note(
        (
            f"- {own.n_figures} số liệu đã duyệt của {province}, từ {own.n_sources} nguồn, về "
            f"{own.n_indicators} chỉ tiêu; {own.n_part_figures} trong đó là số liệu của một "
            "phần tỉnh (một huyện, một cơ quan, một chiến dịch…): không vẽ, không xếp hạng, "
            "liệt kê ở bảng riêng.",
            f"- Các kỳ báo cáo từ năm {own.first_year} đến năm {own.last_year}; "
            f"{own.n_periods} kỳ khác nhau, thuộc {own.n_period_groups} loại kỳ so sánh được.",
        )
    )
