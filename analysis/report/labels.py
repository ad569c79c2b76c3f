"""Vietnamese labels for the codes records carry: periods, tiers, scopes, indicators."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pandas as pd

from analysis.paths import reference_dir
from analysis.records.periods import parse_period
from analysis.reference import load_catalog

PERIOD_KIND_VI = {
    "year": "Cả năm",
    "half": "6 tháng",
    "quarter": "Quý",
    "nine_months": "9 tháng",
    "year_to_date": "Từ đầu năm đến lúc báo cáo (không rõ ngày chốt)",
    "years": "Nhiều năm",
}
LEVEL_VI = {
    "central": "Trung ương",
    "province": "Cấp tỉnh",
    "district": "Cấp huyện",
    "commune": "Cấp xã",
}
LEVEL_UNSTATED = "Không nêu cấp"
SCOPE_VI = {
    "total": "Toàn tỉnh (cả nước)",
    "area": "Một địa bàn",
    "part": "Một phần",
}
_QUARTERS = {"Q1": "I", "Q2": "II", "Q3": "III", "Q4": "IV"}
# Short names for chart axes, where the catalog's full names would not fit.
SHORT_NAMES = {
    "appraisal_drafts": "Dự thảo VBQPPL được thẩm định",
    "appraisal_proposals": "Đề nghị xây dựng VBQPPL được thẩm định",
    "drafts_commented": "Dự thảo được góp ý",
    "docs_checked": "VBQPPL được kiểm tra",
    "docs_issued": "VBQPPL được ban hành",
    "docs_published_db": "VBQPPL đưa lên CSDL quốc gia",
    "dissemination_sessions": "Cuộc phổ biến pháp luật",
    "dissemination_attendees": "Lượt người dự",
    "mediation_cases": "Vụ việc hòa giải",
    "mediation_successful": "Vụ việc hòa giải thành",
    "mediation_success_rate": "Tỷ lệ hòa giải thành",
}


def period_vi(code: str) -> str:
    """`2024-H1` → `6 tháng đầu năm 2024`, `2021-YTD` → `Từ đầu năm 2021`, `2020` → `Năm 2020`."""
    period = parse_period(str(code))
    year = period.start.year
    part = str(code)[5:]
    if period.kind == "year":
        return f"Năm {year}"
    if period.kind == "half":
        return f"6 tháng {'đầu' if part == 'H1' else 'cuối'} năm {year}"
    if period.kind == "quarter":
        return f"Quý {_QUARTERS[part]}/{year}"
    if period.kind == "nine_months":
        return f"9 tháng đầu năm {year}"
    if period.kind == "year_to_date":
        return f"Từ đầu năm {year}"
    return f"Giai đoạn {year}–{period.end.year if period.end else ''}"


def level_vi(level: object) -> str:
    """A tier code in Vietnamese; an empty tier says the source did not name one."""
    return LEVEL_UNSTATED if pd.isna(level) else LEVEL_VI[str(level)]


def scope_vi(scope: object) -> str:
    """What part of its jurisdiction a figure counts, in Vietnamese; no scope says so."""
    return "Chưa rõ phạm vi" if pd.isna(scope) else SCOPE_VI[str(scope)]


@cache
def _catalog_names_in(directory: Path) -> dict[str, tuple[str, str]]:
    catalog = load_catalog(directory)
    return {
        str(code): (str(name), str(unit))
        for code, name, unit in zip(
            catalog["code"], catalog["name_vi"], catalog["unit_vi"], strict=True
        )
    }


def indicator_vi(code: str) -> str:
    """The catalog's Vietnamese name of an indicator."""
    return _catalog_names_in(reference_dir())[str(code)][0]


def unit_vi(code: str) -> str:
    """The catalog's Vietnamese unit of an indicator (văn bản, cuộc, lượt người, %)."""
    return _catalog_names_in(reference_dir())[str(code)][1]


def short_vi(code: str) -> str:
    """A short Vietnamese name for chart labels; falls back to the catalog name."""
    return SHORT_NAMES.get(str(code)) or indicator_vi(code)
