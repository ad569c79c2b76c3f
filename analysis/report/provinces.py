"""Provinces side by side (`analysis.metrics.provinces.province_values`) as a reader sees them:
ranked on one shared axis per kind of period, per resident where it applies, and on the tile
map. Where sources disagree on a province's latest figure, each value is a row of its own; the
map, one colour a square, leaves such a province uncoloured and names its values below."""

from __future__ import annotations

import pandas as pd

from analysis.metrics.common import reference_table
from analysis.metrics.provinces import per_residents, province_values
from analysis.records.citations import merged_ids
from analysis.report.labels import indicator_vi, period_vi, short_vi, unit_vi
from analysis.report.maps import tile_map
from analysis.report.numfmt import fmt_number, fmt_stated, fmt_value
from analysis.report.plots import Chart, rank_panels
from analysis.report.sources import cite_many
from analysis.report.tables import Note

GROUP_VI = {
    "per_year": "Một năm (năm báo cáo, hoặc trung bình mỗi năm của một giai đoạn)",
    "half": "6 tháng",
    "quarter": "Một quý",
    "nine_months": "9 tháng",
}
GROUP_SHORT = {
    "per_year": "mỗi năm (hoặc trung bình năm)",
    "half": "6 tháng",
    "quarter": "một quý",
    "nine_months": "9 tháng",
}
# How a computed value (per resident, a span's yearly average, a rate from its parts) is
# rounded on a chart of provinces; a stated figure keeps the source's digits.
SHOWN_DIGITS = 1


def shown_texts(values: pd.DataFrame, per_residents: int | None, percent: bool) -> list[str]:
    """How each plotted value of `province_values` is written: the source's digits where it is
    the stated figure, else rounded to SHOWN_DIGITS (per resident, yearly average, computed)."""
    suffix = " %" if percent else ""
    texts = []
    for v, q, avg, kind in zip(
        values["shown"],
        values["qualifier"],
        values["is_average"],
        values["source_kind"],
        strict=True,
    ):
        if per_residents or avg or kind != "stated":
            text = fmt_value(v, q, SHOWN_DIGITS) + suffix + (" (TB/năm)" if avg else "")
        else:
            text = fmt_stated(v, q, suffix)
        texts.append(text)
    return texts


def rank_points(values: pd.DataFrame, texts: list[str]) -> pd.DataFrame:
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
            "text": texts,
            "region": values["region"],
            "is_average": values["is_average"].astype(bool),
        }
    )


# How long the figures of each axis group run, for axis labels: a rate per year or per half-year.
GROUP_SPAN = {
    "per_year": "mỗi năm",
    "half": "trong 6 tháng",
    "quarter": "trong một quý",
    "nine_months": "trong 9 tháng",
}


def per_residents_vi(indicator: str, group: str | None = None) -> str:
    """The axis label of a per-resident rate, `lượt người / 1.000 dân`, and with an axis group
    the span it counts: `lượt người / 1.000 dân mỗi năm`."""
    per = per_residents(indicator)
    unit = unit_vi(indicator)
    label = f"{unit} / {fmt_number(per)} dân" if per else unit
    return f"{label} {GROUP_SPAN[group]}" if group and unit != "%" else label


def _no_figures(indicator: str) -> Note:
    return Note((f"- {indicator_vi(indicator)}: chưa có số liệu nào của tỉnh, thành phố.",))


def side_by_side_chart(
    records: pd.DataFrame, indicator: str, title: str | None = None
) -> Chart | Note:
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
    name = indicator_vi(indicator) + (f" trên {fmt_number(per)} dân" if per else "")
    return rank_panels(
        rank_points(values, shown_texts(values, per, percent)),
        title=title or f"{name}: các tỉnh, thành phố",
        xlabel={
            GROUP_VI[str(g)]: per_residents_vi(indicator, str(g))
            for g in dict.fromkeys(values["group"])
        },
        source=cite_many(merged_ids(values["doc_ids"])),
        percent=percent,
        method=method,
        regions=sorted(reference_table("provinces")["region"].astype(str).unique()),
    )


def map_chart(records: pd.DataFrame, indicator: str, group: str | None = None) -> Chart | Note:
    """The tile map coloured by the indicator (per resident where it applies), for one axis
    group: the one with most provinces unless named. Provinces without a figure are hatched."""
    per = per_residents(indicator)
    values = province_values(records, indicator, per)
    if values.empty:
        return _no_figures(indicator)
    percent = unit_vi(indicator) == "%"
    values = values.assign(text=shown_texts(values, per, percent))
    counts = values.groupby("group", observed=True).size()
    chosen = group or str(counts.idxmax())
    rows = values[values["group"].astype(str) == chosen]
    rivals = rows[rows["jurisdiction"].duplicated(keep=False)]
    rows = rows[~rows["jurisdiction"].isin(rivals["jurisdiction"])]
    name = short_vi(indicator) + (f" trên {fmt_number(per)} dân" if per else "")
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
        label=per_residents_vi(indicator, chosen),
        source=cite_many(merged_ids(rows["doc_ids"])),
        percent=percent,
        after_merger=False,
    )
