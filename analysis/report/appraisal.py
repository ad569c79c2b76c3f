"""Appraisal volumes (`analysis.metrics.appraisal.appraisal_volumes`) as a reader sees them: a
table by place, period and tier, and what the figures cover."""

from __future__ import annotations

import pandas as pd

from analysis.contract import NATIONAL
from analysis.metrics.appraisal import appraisal_indicators
from analysis.records.citations import merged_ids
from analysis.report.labels import LEVEL_UNSTATED, level_vi, period_vi, short_vi
from analysis.report.numfmt import fmt_stated
from analysis.report.sources import cite_many
from analysis.report.tables import Note, ReportTable


def volumes_table(volumes: pd.DataFrame) -> ReportTable:
    """Place and period down the side, indicator and tier across: lower bounds marked."""
    frame = pd.DataFrame(
        {
            "Địa bàn": volumes["jurisdiction"].astype(str),
            "Kỳ báo cáo": [period_vi(p) for p in volumes["period"]],
            "Chỉ tiêu": [
                short_vi(c) + (" (các nguồn cho số khác nhau)" if d else "")
                for c, d in zip(volumes["indicator"], volumes["disputed"], strict=True)
            ],
            "Cấp": [level_vi(lv) for lv in volumes["level"]],
            "Số lượng": [
                fmt_stated(v, q)
                for v, q in zip(volumes["value"], volumes["qualifier"], strict=True)
            ],
        }
    )
    return ReportTable(
        "Xây dựng, thẩm định, kiểm tra văn bản: số lượng theo địa bàn, kỳ và cấp",
        frame,
        cite_many(merged_ids(volumes["doc_ids"])),
        numeric=("Số lượng",),
        notes=(
            "Số liệu toàn tỉnh (cả nước) ở mỗi cấp, đúng chữ số nguồn ghi; số của một cơ quan "
            "(Bộ Tư pháp tự kiểm tra), một huyện hay một loại văn bản ở bảng riêng.",
            f"“{LEVEL_UNSTATED}”: nguồn không nói văn bản thuộc cấp nào.",
            "Kỳ báo cáo có độ dài khác nhau (năm, 6 tháng, từ đầu năm): không cộng hay so sánh "
            "trực tiếp giữa các kỳ.",
        ),
    )


def volumes_note(volumes: pd.DataFrame, n_places: int) -> Note:
    """What the appraisal figures cover, in numbers."""
    places = set(volumes["jurisdiction"].astype(str))
    provinces = sorted(places - {NATIONAL})
    unstated = int(volumes["level"].isna().sum())
    per_indicator = volumes.groupby("indicator", sort=False).size()
    thin = [short_vi(c) for c in appraisal_indicators() if per_indicator.get(c, 0) <= 1]
    return Note(
        (
            f"- {len(volumes)} số liệu từ {len(merged_ids(volumes['doc_ids']))} bài, cho "
            f"{len(provinces)} trên {n_places} tỉnh, thành"
            + (" và cả nước." if NATIONAL in places else "."),
            f"- {unstated} trên {len(volumes)} số liệu không nêu cấp văn bản.",
            f"- Chỉ có một số liệu hoặc không có: {', '.join(thin) if thin else 'không'}.",
        )
    )
