"""Appraisal volumes: drafts appraised, proposals, drafts commented, documents checked, issued and
published to the national legal database, by place, period and tier (level). Totals only: the
Ministry's own checking or one district's drafts are listed apart (`analysis.metrics.parts`)."""

from __future__ import annotations

import pandas as pd

from analysis.metrics.common import pick_figures, sources_of
from analysis.records.periods import PERIOD_KINDS
from analysis.reference import load_catalog
from analysis.report.labels import (
    LEVEL_UNSTATED,
    PERIOD_KIND_VI,
    level_vi,
    period_vi,
    short_vi,
    sources_note,
)
from analysis.report.numfmt import fmt_stated
from analysis.report.plots import Chart, dot_panels
from analysis.report.tables import Note, ReportTable


def appraisal_indicators() -> tuple[str, ...]:
    """The catalog's appraisal-domain codes, in catalog order (documents drafted to published)."""
    catalog = load_catalog()
    return tuple(catalog.loc[catalog["domain"] == "appraisal", "code"].astype(str))


LEVEL_ORDER = ("central", "province", "district", "commune", None)
KEYS = ["jurisdiction", "period", "level"]
VOLUME_COLUMNS = [
    "jurisdiction",
    "period",
    "period_kind",
    "level",
    "indicator",
    "value",
    "qualifier",
    "n_records",
    "disputed",
    "doc_ids",
]


def appraisal_volumes(records: pd.DataFrame) -> pd.DataFrame:
    """One row per place, period, tier and indicator, in catalog order; level NA = not stated."""
    indicators = appraisal_indicators()
    figures = pick_figures(records, indicators, KEYS)
    if figures.empty:
        return pd.DataFrame(columns=VOLUME_COLUMNS)
    kinds = records.assign(period=records["period"].astype(str)).drop_duplicates("period")
    kind_of = dict(zip(kinds["period"], kinds["period_kind"].astype(str), strict=True))
    figures["period_kind"] = pd.Categorical(
        [kind_of[p] for p in figures["period"]], categories=PERIOD_KINDS
    )
    figures["level"] = pd.Series(
        [None if pd.isna(lv) else str(lv) for lv in figures["level"]],
        index=figures.index,
        dtype=object,
    )
    order = {
        "level": {lv: i for i, lv in enumerate(LEVEL_ORDER)},
        "indicator": {c: i for i, c in enumerate(indicators)},
    }
    figures = figures.assign(
        _ind=figures["indicator"].map(order["indicator"]),
        _lvl=[order["level"][lv] for lv in figures["level"]],
        _nat=figures["jurisdiction"] != "Việt Nam",
    ).sort_values(["period_kind", "period", "_nat", "jurisdiction", "_ind", "_lvl"], kind="stable")
    figures["value"] = figures["value"].astype("Float64")
    return figures[VOLUME_COLUMNS].reset_index(drop=True)


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
        sources_note(sources_of(volumes)),
        numeric=("Số lượng",),
        notes=(
            "Số liệu toàn tỉnh (cả nước) ở mỗi cấp, đúng chữ số nguồn ghi; số của một cơ quan "
            "(Bộ Tư pháp tự kiểm tra), một huyện hay một loại văn bản ở bảng riêng.",
            f"“{LEVEL_UNSTATED}”: nguồn không nói văn bản thuộc cấp nào.",
            "Kỳ báo cáo có độ dài khác nhau (năm, 6 tháng, từ đầu năm): không cộng hay so sánh "
            "trực tiếp giữa các kỳ.",
        ),
    )


def volumes_chart(volumes: pd.DataFrame) -> Chart:
    """One panel per place and period (each with its own axis), one row per indicator and tier."""
    points = pd.DataFrame(
        {
            "panel": [
                f"{j} · {period_vi(p)} ({PERIOD_KIND_VI[str(k)].split(' (')[0].lower()})"
                for j, p, k in zip(
                    volumes["jurisdiction"], volumes["period"], volumes["period_kind"], strict=True
                )
            ],
            "label": [
                short_vi(c) + ("" if lv is None or pd.isna(lv) else f" — {level_vi(lv).lower()}")
                for c, lv in zip(volumes["indicator"], volumes["level"], strict=True)
            ],
            "value": volumes["value"].astype(float),
            "qualifier": volumes["qualifier"],
            "text": [
                fmt_stated(v, q)
                for v, q in zip(volumes["value"], volumes["qualifier"], strict=True)
            ],
        }
    ).dropna(subset=["value"])
    return dot_panels(
        points,
        title="Số văn bản được thẩm định, góp ý, kiểm tra, ban hành",
        xlabel="số văn bản / đề nghị",
        source=sources_note(sources_of(volumes)),
        method="Mỗi địa bàn và kỳ một khung với trục riêng; các kỳ dài ngắn khác nhau.",
    )


def volumes_note(volumes: pd.DataFrame, n_places: int) -> Note:
    """What the appraisal figures cover, in numbers."""
    places = set(volumes["jurisdiction"].astype(str))
    provinces = sorted(places - {"Việt Nam"})
    unstated = int(volumes["level"].isna().sum())
    per_indicator = volumes.groupby("indicator", sort=False).size()
    thin = [short_vi(c) for c in appraisal_indicators() if per_indicator.get(c, 0) <= 1]
    return Note(
        (
            f"- {len(volumes)} số liệu từ {len(sources_of(volumes))} bài, cho {len(provinces)} "
            f"trên {n_places} tỉnh, thành" + (" và cả nước." if "Việt Nam" in places else "."),
            f"- {unstated} trên {len(volumes)} số liệu không nêu cấp văn bản.",
            f"- Chỉ có một số liệu hoặc không có: {', '.join(thin) if thin else 'không'}.",
        )
    )
