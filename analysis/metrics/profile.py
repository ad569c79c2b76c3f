"""One province's profile: its figures over time, its rank among the provinces with the same kind
of figure, the national figure of the same period beside it, and its sources. Nothing of any
other province is shown: a rank is a number out of how many.

The province's totals are profiled, ranked and set beside the national total of the same period
(a kind of period of its own); its area and part figures (a district, the border guards, one
campaign) are listed apart (`analysis.metrics.parts`), never charted."""

from __future__ import annotations

import pandas as pd

from analysis.metrics.common import figure_count, one_per_key, reference_table
from analysis.metrics.provinces import (
    GROUP_OF_KIND,
    per_residents,
    picked_by_place,
    province_values,
)
from analysis.metrics.series import (
    CHARTED_KINDS,
    computed_rate,
    figures_of_many,
    indicator_series,
    rate_parts,
    series_chart,
    slim,
)
from analysis.records.periods import PERIOD_KINDS, parse_period
from analysis.records.scope import parts
from analysis.report.labels import level_vi, period_vi, short_vi, sources_note
from analysis.report.numfmt import fmt_stated, fmt_value
from analysis.report.sources import source_list, split_ids
from analysis.report.tables import Note, ReportTable

NATIONAL = "Việt Nam"
PROFILE_COLUMNS = [
    "indicator",
    "period",
    "period_kind",
    "level",
    "value",
    "qualifier",
    "per_residents",
    "national_value",
    "national_qualifier",
    "rank",
    "n_ranked",
    "doc_ids",
    "national_doc_ids",
    "computed",
    "disputed",
    "national_text",
]
# How a computed value (a rate from its parts, per resident) is rounded in the profile.
RATE_DIGITS = 2


def province_records(records: pd.DataFrame, province: str) -> pd.DataFrame:
    """The province's own records."""
    return records[records["jurisdiction"].astype(str) == province]


def profile_figures(records: pd.DataFrame, province: str) -> pd.DataFrame:
    """One row per indicator, period and tier of the province, catalog order then time order."""
    records = slim(records)
    own = province_records(records, province)
    national = records[records["jurisdiction"].astype(str) == NATIONAL]
    places = reference_table("provinces").set_index("province")
    population = int(places.loc[province, "population_2019"]) if province in places.index else None
    catalog = reference_table("catalog")
    codes = [str(c) for c in catalog["code"]]
    tiers = ["period", "level"]
    own_picked = figures_of_many(own, codes, tiers)
    national_picked = {
        code: one_per_key(figures, ["period"])
        for code, figures in figures_of_many(
            national[national["level"].isna()], codes, ["period"]
        ).items()
    }
    place_picked = picked_by_place(records)
    empty = pd.DataFrame(columns=[*tiers, "value", "qualifier", "n_records", "doc_ids"])
    rows = []
    for code in codes:
        figures = own_picked.get(code, empty).dropna(subset=["value"])
        parts = rate_parts(catalog, code)
        if parts:
            computed = computed_rate(own, parts, tiers, own_picked).assign(computed=True)
            stated = set(figures["period"].astype(str))
            computed = computed[~computed["period"].astype(str).isin(stated)]
            figures = pd.concat([figures.assign(computed=False), computed], ignore_index=True)
        else:
            figures = figures.assign(computed=False)
        if figures.empty:
            continue
        per = per_residents(code)
        nat = national_picked.get(code, empty.assign(disputed_text=""))
        nat = nat[nat["value"].notna() | (nat["disputed_text"] != "")]
        nat = nat.set_index(nat["period"].astype(str))
        ranks = province_values(records, code, per, place_picked)
        ranks = ranks[ranks["jurisdiction"] == province]
        for f in figures.itertuples():
            period = str(f.period)
            kind = parse_period(period).kind
            months = parse_period(period).months or 0
            years = months // 12 if kind == "years" else 1
            mine = ranks[(ranks["period"] == period) & (ranks["value"] == float(f.value))]
            rank = mine.iloc[0] if len(mine) and pd.isna(f.level) else None
            disputed = bool(f.disputed) if pd.notna(f.disputed) else False
            rows.append(
                {
                    "indicator": code,
                    "period": period,
                    "period_kind": kind,
                    "level": None if pd.isna(f.level) else str(f.level),
                    "value": float(f.value),
                    "qualifier": str(f.qualifier),
                    "per_residents": (
                        float(f.value) / years / population * per if per and population else None
                    ),
                    "national_value": float(nat.loc[period, "value"])
                    if period in nat.index and pd.notna(nat.loc[period, "value"])
                    else None,
                    "national_qualifier": (
                        str(nat.loc[period, "qualifier"]) if period in nat.index else None
                    ),
                    "rank": int(rank["rank"]) if rank is not None else None,
                    "n_ranked": int(rank["n_ranked"]) if rank is not None else None,
                    "doc_ids": str(f.doc_ids),
                    "national_doc_ids": str(nat.loc[period, "doc_ids"])
                    if period in nat.index
                    else "",
                    "computed": bool(f.computed),
                    "disputed": disputed,
                    "national_text": str(nat.loc[period, "disputed_text"])
                    if period in nat.index
                    else "",
                }
            )
    frame = pd.DataFrame(rows, columns=PROFILE_COLUMNS)
    if frame.empty:
        return frame
    frame["_kind"] = frame["period_kind"].map({k: i for i, k in enumerate(PERIOD_KINDS)})
    frame["_start"] = [parse_period(p).start for p in frame["period"]]
    order = {c: i for i, c in enumerate(reference_table("catalog")["code"].astype(str))}
    frame["_ind"] = frame["indicator"].map(order)
    frame = frame.sort_values(["_ind", "_kind", "_start"], kind="stable")
    return frame[PROFILE_COLUMNS].reset_index(drop=True)


def profile_table(profile: pd.DataFrame, province: str) -> object:
    """The province's figures with per-resident rate, national figure and rank, in Vietnamese."""

    units = reference_table("catalog").set_index("code")["unit"].astype(str)

    def value(v: object, q: object, code: str, computed: bool = False, text: str = "") -> str:
        if text:
            return text
        if v is None or pd.isna(v):
            return "–"
        suffix = " %" if units[code] == "percent" else ""
        if computed:
            return fmt_value(float(v), str(q), RATE_DIGITS) + suffix
        return fmt_stated(float(v), str(q), suffix)

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
                value(v, q, c, computed) + (" (nguồn khác nhau)" if disputed else "")
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
                + f" /{per_residents(c):,}".replace(",", ".")
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
                value(v, q, c, text=t)
                for v, q, c, t in zip(
                    profile["national_value"],
                    profile["national_qualifier"],
                    profile["indicator"],
                    profile["national_text"],
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
        sources_note(split_ids(profile["doc_ids"])),
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


def profile_sources(profile: pd.DataFrame) -> object:
    """The sources of the province's figures and of the national figures beside them."""

    return source_list(
        [*profile["doc_ids"], *profile["national_doc_ids"]],
        "Nguồn của các số liệu trên (của tỉnh và của cả nước cùng kỳ)",
    )


def profile_charts(records: pd.DataFrame, province: str) -> list[object]:
    """A chart over time for each indicator with two periods of one kind (two years, two
    half-years) of the province's totals: one figure of each kind says nothing about a trend,
    and the table has it. With none, a note that says so."""
    own = province_records(slim(records), province)
    codes = [str(c) for c in reference_table("catalog")["code"]]
    picked = figures_of_many(own, codes)
    charts = []
    for code in codes:
        series = indicator_series(own, code, province, picked)
        charted = series[series["period_kind"].astype(str).isin([*CHARTED_KINDS, "years"])]
        groups = charted["period_kind"].astype(str).replace("years", "year")
        if (charted.groupby(groups.to_numpy())["period"].nunique() >= 2).any():
            chart = series_chart(charted)
            if chart is not None:
                charts.append(chart)
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


def profile_note(records: pd.DataFrame, province: str) -> object:
    """What the data holds for the province, in numbers and words."""

    own = province_records(records, province)
    if own.empty:
        return Note((f"- Chưa có số liệu đã duyệt nào của {province}.",))
    periods = [parse_period(str(p)) for p in own["period"].astype(str).unique()]
    first = min(p.start.year for p in periods)
    last = max((p.end or p.start).year for p in periods)
    groups = {GROUP_OF_KIND.get(p.kind) for p in periods} - {None}
    n_parts = figure_count(parts(own))
    return Note(
        (
            f"- {figure_count(own)} số liệu đã duyệt của {province}, từ "
            f"{own['doc_id'].nunique()} nguồn, về {own['indicator'].nunique()} chỉ tiêu; "
            f"{n_parts} trong đó là số liệu của một phần tỉnh (một huyện, một cơ quan, một "
            "chiến dịch…): không vẽ, không xếp hạng, liệt kê ở bảng riêng.",
            f"- Các kỳ báo cáo từ năm {first} đến năm {last}; "
            f"{len(periods)} kỳ khác nhau, thuộc {len(groups)} loại kỳ so sánh được.",
        )
    )
