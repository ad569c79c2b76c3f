"""Provinces side by side: each province's latest figure of an indicator on one shared axis per
kind of period, per resident where the population is known, ranked; and one province's profile
(its figures, its rank, the national figure beside it).

Only provincial totals are ranked, mapped or divided by the population: one district's or one
body's figure is not the province's. Where sources disagree on a province's latest figure, each
value is a row of its own (never one number made of them); the map, one colour a square, leaves
such a province uncoloured and names its values below."""

from __future__ import annotations

import pandas as pd

from analysis.metrics.common import reference_table
from analysis.metrics.series import (
    NATIONAL,
    computed_rate,
    figures_of,
    figures_of_many,
    place_in_time,
    rate_parts,
    slim,
)
from analysis.records.periods import parse_period
from analysis.report.labels import indicator_vi, period_vi, short_vi, sources_note, unit_vi
from analysis.report.maps import tile_map
from analysis.report.numfmt import fmt_number, fmt_stated, fmt_value
from analysis.report.plots import rank_panels
from analysis.report.sources import split_ids
from analysis.report.tables import Note

PLACE_KEYS = ["jurisdiction", "period"]
# Axis groups: figures of one group share an axis. A year and a span's yearly average are both
# "per year"; half-years, quarters and nine months each stand apart; year-to-date has no length.
GROUP_OF_KIND = {
    "year": "per_year",
    "years": "per_year",
    "half": "half",
    "quarter": "quarter",
    "nine_months": "nine_months",
}
GROUP_VI = {
    "per_year": "Một năm (năm báo cáo, hoặc trung bình mỗi năm của một giai đoạn)",
    "half": "6 tháng",
    "quarter": "Một quý",
    "nine_months": "9 tháng",
}
GROUP_ORDER = tuple(GROUP_VI)
GROUP_SHORT = {
    "per_year": "mỗi năm (hoặc trung bình năm)",
    "half": "6 tháng",
    "quarter": "một quý",
    "nine_months": "9 tháng",
}
VALUE_COLUMNS = [
    "jurisdiction",
    "region",
    "group",
    "period",
    "value",
    "qualifier",
    "source_kind",
    "population",
    "per_year",
    "shown",
    "is_average",
    "rank",
    "n_ranked",
    "disputed",
    "text",
    "doc_ids",
]
# How a computed value (per resident, a span's yearly average, a rate from its parts) is
# rounded on a chart of provinces; a stated figure keeps the source's digits.
SHOWN_DIGITS = 1


def _place_figures(
    records: pd.DataFrame, indicator: str, picked: dict[str, pd.DataFrame] | None = None
) -> pd.DataFrame:
    """Stated figures per province and period; for a rate, computed from its parts where unstated."""
    parts = rate_parts(reference_table("catalog"), indicator)
    codes = [indicator, *(parts or ())]
    found = picked if picked is not None else figures_of_many(records, codes, PLACE_KEYS)
    stated = found.get(indicator)
    stated = (
        stated.dropna(subset=["value"]).assign(source_kind="stated")
        if stated is not None
        else pd.DataFrame(
            columns=[*PLACE_KEYS, "value", "qualifier", "doc_ids", "disputed", "source_kind"]
        )
    )
    if not parts:
        return stated
    computed = computed_rate(records, parts, PLACE_KEYS, found).assign(source_kind="computed")
    have = set(zip(stated["jurisdiction"], stated["period"], strict=True))
    extra = computed[
        [
            (j, p) not in have
            for j, p in zip(computed["jurisdiction"], computed["period"], strict=True)
        ]
    ]
    return pd.concat([stated, extra], ignore_index=True)


def picked_by_place(records: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Every indicator's provincial figures per province and period, picked in one pass: give it
    to `province_values` when ranking many indicators of the same records."""
    provincial = slim(records[~records["is_national"].astype(bool)])
    codes = sorted(set(provincial["indicator"].astype(str)))
    return figures_of_many(provincial, codes, PLACE_KEYS)


def province_values(
    records: pd.DataFrame,
    indicator: str,
    per_residents: int | None = None,
    picked: dict[str, pd.DataFrame] | None = None,
) -> pd.DataFrame:
    """Each province's latest figure per axis group, ranked within the group (1 = highest).

    `shown` is what the axis plots: the figure (a span's yearly average), divided by the 2019
    population and multiplied by `per_residents` when asked. A lower bound stays a lower bound.
    """
    provincial = records if picked is not None else slim(records[~records["is_national"]])
    figures = _place_figures(provincial, indicator, picked)
    if figures.empty:
        return pd.DataFrame(columns=VALUE_COLUMNS)
    figures = figures.assign(
        jurisdiction=figures["jurisdiction"].astype(str), period=figures["period"].astype(str)
    )
    kinds = [parse_period(p).kind for p in figures["period"]]
    figures["group"] = [GROUP_OF_KIND.get(k) for k in kinds]
    figures = figures.dropna(subset=["group"]).copy()
    timing = pd.DataFrame(
        [place_in_time(p) for p in figures["period"]],
        columns=["x_start", "x_end", "x", "years"],
        index=figures.index,
    )
    figures = figures.join(timing)
    percent = str(reference_table("catalog").set_index("code").loc[indicator, "unit"]) == "percent"
    figures["value"] = figures["value"].astype(float)
    figures["is_average"] = (figures["years"] > 0) & (not percent)
    figures["per_year"] = [
        v / y if avg else v
        for v, y, avg in zip(figures["value"], figures["years"], figures["is_average"], strict=True)
    ]
    places = reference_table("provinces").set_index("province")
    figures["region"] = figures["jurisdiction"].map(places["region"].astype(str)).fillna("")
    figures["population"] = figures["jurisdiction"].map(places["population_2019"]).astype("Int64")
    if per_residents:
        figures = figures.dropna(subset=["population"])
        people = figures["population"].astype(float)
        figures["shown"] = figures["per_year"] / people * per_residents
    else:
        figures["shown"] = figures["per_year"]
    ordered = figures.sort_values(["x_end", "is_average"], ascending=[False, True], kind="stable")
    chosen = ordered.drop_duplicates(["jurisdiction", "group"])[["jurisdiction", "group", "period"]]
    latest = ordered.merge(chosen, on=["jurisdiction", "group", "period"])  # rivals kept
    latest["disputed"] = latest["disputed"].fillna(False).astype(bool)
    latest["text"] = _shown_texts(latest, per_residents, percent)
    latest["group"] = pd.Categorical(latest["group"], categories=GROUP_ORDER)
    latest = latest.sort_values(["group", "shown", "jurisdiction"], ascending=[True, False, True])
    latest["rank"] = latest.groupby("group", observed=True).cumcount() + 1
    latest["n_ranked"] = latest.groupby("group", observed=True)["rank"].transform("size")
    return latest[VALUE_COLUMNS].reset_index(drop=True)


def _shown_texts(rows: pd.DataFrame, per_residents: int | None, percent: bool) -> list[str]:
    """How each plotted value is written: the source's digits where it is the stated figure,
    else rounded to SHOWN_DIGITS (per resident, yearly average, computed rate)."""
    suffix = " %" if percent else ""
    texts = []
    for v, q, avg, kind in zip(
        rows["shown"], rows["qualifier"], rows["is_average"], rows["source_kind"], strict=True
    ):
        if per_residents or avg or kind != "stated":
            text = fmt_value(v, q, SHOWN_DIGITS) + suffix + (" (TB/năm)" if avg else "")
        else:
            text = fmt_stated(v, q, suffix)
        texts.append(text)
    return texts


def rank_points(values: pd.DataFrame) -> pd.DataFrame:
    """Points for `plots.rank_panels`: one panel per axis group, one row per province."""

    return pd.DataFrame(
        {
            "panel": [GROUP_VI[str(g)] for g in values["group"]],
            "label": [
                f"{j} ({period_vi(p).replace('Giai đoạn ', '').replace('Năm ', '')}"
                + ("; các nguồn khác nhau)" if d else ")")
                for j, p, d in zip(
                    values["jurisdiction"], values["period"], values["disputed"], strict=True
                )
            ],
            "value": values["shown"].astype(float),
            "qualifier": values["qualifier"].astype(str),
            "text": values["text"].astype(str),
            "region": values["region"],
            "is_average": values["is_average"].astype(bool),
        }
    )


def province_rank(values: pd.DataFrame, province: str) -> pd.DataFrame:
    """The province's rows of `province_values`: its rank out of how many, per axis group."""
    return values[values["jurisdiction"] == province].reset_index(drop=True)


def national_beside(records: pd.DataFrame, indicator: str, period: str) -> pd.Series | None:
    """The national figure of the same indicator and period, if the data has one."""
    national = records[records["jurisdiction"].astype(str) == NATIONAL]
    figures = figures_of(national, indicator, ["period"]).dropna(subset=["value"])
    match = figures[figures["period"].astype(str) == period]
    return None if match.empty else match.iloc[0]


# Per how many residents a count is compared between provinces, by the indicator's unit.
PER_RESIDENTS_BY_UNIT = {"attendances": 1000, "cases": 10000, "applications": 10000}


def per_residents(indicator: str) -> int | None:
    """1,000 for attendances, 10,000 for cases and applications; None for rates and the rest."""
    unit = str(reference_table("catalog").set_index("code").loc[indicator, "unit"])
    return PER_RESIDENTS_BY_UNIT.get(unit)


def per_residents_vi(indicator: str) -> str:
    """The axis label of a per-resident rate: `lượt người / 1.000 dân`."""

    per = per_residents(indicator)
    unit = unit_vi(indicator)
    return f"{unit} / {fmt_number(per)} dân" if per else unit


def _no_figures(indicator: str):

    return Note((f"- {indicator_vi(indicator)}: chưa có số liệu nào của tỉnh, thành phố.",))


def side_by_side_chart(records: pd.DataFrame, indicator: str, title: str | None = None):
    """Provinces ranked on one shared axis per axis group, per resident where it applies."""

    per = per_residents(indicator)
    values = province_values(records, indicator, per)
    if values.empty:
        return _no_figures(indicator)
    percent = unit_vi(indicator) == "%"
    method = (
        "Mỗi tỉnh một dòng: số liệu toàn tỉnh mới nhất của mỗi loại kỳ (số của một huyện, một "
        "cơ quan hay một chiến dịch không được xếp); cùng một trục trong mỗi khung."
    )
    if per:
        method += (
            f" Chia cho dân số 2019 (Tổng điều tra), nhân {fmt_number(per)}, làm tròn 1 chữ số "
            "thập phân."
        )
    if values["is_average"].any():
        method += " Ô vuông: trung bình mỗi năm của một giai đoạn nhiều năm."
    if "computed" in set(values["source_kind"]):
        method += " Tỷ lệ nguồn không nêu thì tính lại từ số vụ việc."
    name = indicator_vi(indicator) + (f" trên {per:,} dân".replace(",", ".") if per else "")
    return rank_panels(
        rank_points(values),
        title=title or f"{name}: các tỉnh, thành phố",
        xlabel=per_residents_vi(indicator),
        source=sources_note(split_ids(values["doc_ids"])),
        percent=percent,
        method=method,
        regions=sorted(reference_table("provinces")["region"].astype(str).unique()),
    )


def map_chart(records: pd.DataFrame, indicator: str, group: str | None = None):
    """The tile map coloured by the indicator (per resident where it applies), for one axis
    group: the one with most provinces unless named. Provinces without a figure are hatched."""

    per = per_residents(indicator)
    values = province_values(records, indicator, per)
    if values.empty:
        return _no_figures(indicator)
    counts = values.groupby("group", observed=True).size()
    chosen = group or str(counts.idxmax())
    rows = values[values["group"].astype(str) == chosen]
    rivals = rows[rows["jurisdiction"].duplicated(keep=False)]
    rows = rows[~rows["jurisdiction"].isin(rivals["jurisdiction"])]
    name = short_vi(indicator) + (f" trên {per:,} dân".replace(",", ".") if per else "")
    index = rows["jurisdiction"].to_numpy()
    return tile_map(
        pd.Series(rows["shown"].to_numpy(), index=index),
        qualifiers=pd.Series(rows["qualifier"].to_numpy(), index=index),
        texts=pd.Series(rows["text"].to_numpy(), index=index),
        notes=tuple(
            f"{j}: các nguồn cho số khác nhau ({' / '.join(g['text'])}), ô không tô màu."
            for j, g in rivals.groupby("jurisdiction", sort=True)
        ),
        title=f"{name}, {GROUP_SHORT[chosen]}: số liệu mới nhất của mỗi tỉnh",
        label=per_residents_vi(indicator),
        source=sources_note(split_ids(rows["doc_ids"])),
        percent=unit_vi(indicator) == "%",
        after_merger=False,
    )
