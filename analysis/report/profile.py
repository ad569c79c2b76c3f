"""One province's profile (`analysis.metrics.profile`) as a reader sees it: its figures with the
per-resident rate, the national figure of the same period and its rank; its series over time;
what the data holds for it; its part figures."""

from __future__ import annotations

import pandas as pd

from analysis.metrics.coverage import coverage
from analysis.metrics.profile import profile_series, province_records
from analysis.metrics.provinces import per_residents
from analysis.records.citations import merged_ids
from analysis.records.periods import parse_period
from analysis.report.labels import level_vi, period_vi, short_vi, unit_vi
from analysis.report.numfmt import fmt_number, fmt_rivals, fmt_stated, fmt_value
from analysis.report.parts import part_figures_table
from analysis.report.plots import Chart
from analysis.report.series import series_chart
from analysis.report.sources import cite_many
from analysis.report.tables import Heading, Note, ReportTable

# How a computed value (a rate from its parts) is rounded in the profile.
RATE_DIGITS = 2
# A figure per resident is of its period (a half-year's per half-year), a span's per year.
PER_RESIDENTS_HEADING = "Trên số dân: cả kỳ (giai đoạn: mỗi năm)"


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
            PER_RESIDENTS_HEADING: [
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
        cite_many(merged_ids([*profile["doc_ids"], *profile["national_doc_ids"]])),
        numeric=(province, PER_RESIDENTS_HEADING, "Cả nước cùng kỳ", "Hạng"),
        notes=(
            "Số liệu toàn tỉnh và toàn quốc cùng kỳ, đúng chữ số nguồn ghi; số liệu của một "
            "huyện, một cơ quan hay một chiến dịch ở bảng riêng bên dưới.",
            "Trên số dân: số liệu của cả kỳ (một giai đoạn nhiều năm: trung bình mỗi năm) chia cho dân số 2019 (Tổng điều tra), làm tròn 1 chữ số thập phân "
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


OVER_TIME = Heading(
    "Theo thời gian",
    "Những chỉ tiêu có từ hai kỳ cùng loại (hai năm, hai lần 6 tháng): mỗi loại kỳ một khung "
    "với trục riêng. Chỉ tiêu chỉ có một kỳ mỗi loại nằm ở bảng trên.",
)
PARTS = Heading(
    "Số liệu của một phần tỉnh",
    "Số liệu của một huyện, một cơ quan (bộ đội biên phòng…), một chiến dịch hay một nhóm "
    "người: không phải số liệu toàn tỉnh, nên không có trong bảng, biểu đồ và hạng ở trên.",
)


def profile_charts(records: pd.DataFrame, province: str) -> list[Heading | Chart | Note]:
    """The section "Theo thời gian": its heading, then a chart for each indicator with two
    periods of one kind of the province's totals (`profile_series`); nothing at all when there
    is none (`profile_note` says so)."""
    charts = [series_chart(series) for series in profile_series(records, province)]
    return [OVER_TIME, *charts] if charts else []


def profile_parts(parts: pd.DataFrame) -> list[Heading | ReportTable | Note]:
    """The section of the province's part figures (`part_figures(records, jurisdiction=…)`):
    its heading and table; nothing when there is none (`profile_note` says so)."""
    return [PARTS, part_figures_table(parts)] if len(parts) else []


def _periods_vi(periods: list[str]) -> str:
    """The periods the data holds, in words: one named, a few listed, many as a span of years."""
    if len(periods) == 1:
        return f"một kỳ báo cáo: {period_vi(periods[0]).lower()}"
    if len(periods) <= 3:
        return f"{len(periods)} kỳ báo cáo: " + ", ".join(period_vi(p).lower() for p in periods)
    parsed = [parse_period(p) for p in periods]
    first = min(p.start.year for p in parsed)
    last = max((p.end or p.start).year for p in parsed)
    years = f"năm {first}" if first == last else f"từ năm {first} đến năm {last}"
    return f"{len(periods)} kỳ báo cáo, {years}"


def profile_note(records: pd.DataFrame, province: str) -> Note:
    """What the data holds for the province, in numbers and words, and which sections of the
    profile it leaves out for want of figures."""
    own_records = province_records(records, province)
    own = coverage(own_records)
    if not own.n_records:
        return Note((f"- Chưa có số liệu đã duyệt nào của {province}.",))
    periods = sorted(set(own_records["period"].astype(str)), key=lambda p: parse_period(p).start)
    parts = (
        f"{own.n_part_figures} trong đó là số liệu của một phần tỉnh (một huyện, một cơ quan, "
        "một chiến dịch…): không vẽ, không xếp hạng, liệt kê ở bảng riêng"
        if own.n_part_figures
        else "tất cả là số liệu toàn tỉnh"
    )
    lines = [
        f"- {own.n_figures} số liệu đã duyệt của {province}, từ {own.n_sources} nguồn, về "
        f"{own.n_indicators} chỉ tiêu; {parts}.",
        f"- {_periods_vi(periods)[0].upper()}{_periods_vi(periods)[1:]}.",
    ]
    if not profile_series(records, province):
        lines.append(
            "- Chưa chỉ tiêu nào có số liệu toàn tỉnh ở hai kỳ cùng loại (hai năm, hai lần 6 "
            "tháng), nên hồ sơ chưa có biểu đồ theo thời gian."
        )
    return Note(tuple(lines))
