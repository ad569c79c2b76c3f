"""The pages a manager reads first and last: a cover stating in words what the data covers, a
contents page, a one-page summary of headline figures with their sources, and the list of sources.

All text reaching HTML here is escaped (`html.escape`); links come from `SourceList` (http(s) only).
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from analysis.metrics.common import figure_count
from analysis.metrics.series import figures_of, national_indicators
from analysis.records.periods import parse_period
from analysis.records.scope import parts
from analysis.report.labels import indicator_vi, period_vi, unit_vi
from analysis.report.numfmt import fmt_number, fmt_stated
from analysis.report.sources import cite_many, source_list, split_ids
from analysis.report.tables import DISPUTED_SEPARATOR, ReportTable

NATIONAL = "Việt Nam"
# Kinds of period a headline may be: a figure for a known length of time.
HEADLINE_KINDS = ("year", "half", "nine_months", "quarter")


@dataclass(frozen=True)
class Coverage:
    """What the data covers, counted: the cover page says it in words."""

    n_sources: int
    n_outlets: int
    n_figures: int
    n_part_figures: int
    n_provinces: int
    has_national: bool
    first_year: int
    last_year: int
    latest_published: dt.date | None

    def sentences(self) -> list[str]:
        """The coverage in plain Vietnamese sentences."""
        places = f"{self.n_provinces} tỉnh, thành phố" + (
            " và số liệu cả nước" if self.has_national else ""
        )
        lines = [
            f"{fmt_number(self.n_figures)} số liệu đã được người duyệt đối chiếu với nguồn, "
            f"trích từ {self.n_sources} bài báo và trang tin của {self.n_outlets} cơ quan báo chí, "
            "trang thông tin.",
            f"Trong đó {fmt_number(self.n_part_figures)} số liệu là của một phần tỉnh, thành "
            "(một huyện, một cơ quan, một chiến dịch…): liệt kê riêng, không so sánh với số toàn "
            "tỉnh.",
            f"Địa bàn: {places}.",
            f"Thời gian: các kỳ báo cáo từ năm {self.first_year} đến năm {self.last_year}.",
        ]
        if self.latest_published:
            lines.append(
                f"Bài mới nhất được đăng ngày {self.latest_published.strftime('%d/%m/%Y')}."
            )
        return lines


def coverage(records: pd.DataFrame) -> Coverage:
    """Sources, outlets, figures, provinces and years of the records."""
    places = set(records["jurisdiction"].astype(str))
    periods = [parse_period(str(p)) for p in records["period"].astype(str).unique()]
    published = pd.to_datetime(records["source_published"]).dropna()
    outlets = records["source_outlet"].astype(str).where(records["source_outlet"].notna())
    return Coverage(
        n_sources=int(records["doc_id"].nunique()),
        n_outlets=int(outlets.nunique()),
        n_figures=figure_count(records),
        n_part_figures=figure_count(parts(records)),
        n_provinces=len(places - {NATIONAL}),
        has_national=NATIONAL in places,
        first_year=min(p.start.year for p in periods) if periods else 0,
        last_year=max((p.end or p.start).year for p in periods) if periods else 0,
        latest_published=published.max().date() if len(published) else None,
    )


def cover_html(title: str, cover: Coverage, data_version: str, data_date: dt.date) -> str:
    """The cover page: title, what the data covers in words, what the data version means."""
    esc = html.escape
    items = "".join(f"<li>{esc(s)}</li>" for s in cover.sentences())
    return (
        '<section class="cover">'
        f'<h1 class="cover-title">{esc(title)}</h1>'
        '<p class="cover-sub">Số liệu công tác tư pháp do báo chí đưa tin, đã trích xuất, '
        "đối chiếu với nguồn và kiểm tra tính nhất quán</p>"
        f'<h2 class="cover-h">Dữ liệu gồm</h2><ul class="cover-list">{items}</ul>'
        f'<p class="cover-note">Số liệu tính đến ngày {esc(data_date.strftime("%d/%m/%Y"))} '
        "(ngày đăng của bài mới nhất). Mã phiên bản dữ liệu "
        f"<b>{esc(data_version)}</b> là dấu vân tay của các tệp bản ghi: hai báo cáo cùng mã "
        "được dựng từ đúng cùng một dữ liệu; dữ liệu đổi thì mã đổi.</p>"
        "</section>"
    )


def contents_html(titles: Sequence[tuple[str, str]]) -> str:
    """The contents page: each part's title and the page it starts on (anchor id, title)."""
    esc = html.escape
    rows = "".join(
        f'<li><a class="toc" href="#{esc(anchor, quote=True)}">{esc(title)}</a></li>'
        for anchor, title in titles
    )
    return f'<section class="contents"><h1>Mục lục</h1><ol class="toc">{rows}</ol></section>'


def _latest(figures: pd.DataFrame) -> pd.DataFrame | None:
    """The figure of the period that ends last (the longest of those): every source's value
    where they disagree on it."""
    rows = figures.dropna(subset=["value"])
    if rows.empty:
        return None
    parsed = [parse_period(str(p)) for p in rows["period"]]
    keyed = rows.assign(
        _kind=[p.kind for p in parsed],
        _end=[p.end for p in parsed],
        _months=[p.months or 0 for p in parsed],
    )
    keyed = keyed[keyed["_kind"].isin(HEADLINE_KINDS)]
    if keyed.empty:
        return None
    first = keyed.sort_values(["_end", "_months"], ascending=False, kind="stable").iloc[0]
    return keyed[keyed["period"].astype(str) == str(first["period"])]


def headline_table(records: pd.DataFrame) -> ReportTable:
    """Each national indicator's latest figure (a year, half-year, quarter or nine months)."""
    national = records[records["jurisdiction"].astype(str) == NATIONAL]
    rows = []
    for code in national_indicators(records):
        unstated = national[national["level"].isna()]
        latest = _latest(figures_of(unstated, code, ["period"]))
        if latest is None:
            continue
        suffix = " %" if unit_vi(code) == "%" else f" {unit_vi(code)}"
        values = [
            fmt_stated(v, q, suffix)
            for v, q in zip(latest["value"], latest["qualifier"], strict=True)
        ]
        rows.append(
            {
                "Chỉ tiêu (cả nước)": indicator_vi(code),
                "Kỳ": period_vi(str(latest["period"].iloc[0])),
                "Số liệu": DISPUTED_SEPARATOR.join(values),
                "Nguồn": cite_many(";".join(latest["doc_ids"]).split(";")).removeprefix("Nguồn: "),
            }
        )
    frame = pd.DataFrame(rows, columns=["Chỉ tiêu (cả nước)", "Kỳ", "Số liệu", "Nguồn"])
    return ReportTable(
        "Số liệu chính: số liệu cả nước mới nhất của mỗi chỉ tiêu",
        frame,
        "Mỗi dòng là số liệu toàn quốc của kỳ kết thúc muộn nhất (năm, 6 tháng, 9 tháng hoặc "
        "quý), đúng chữ số nguồn ghi; chi tiết và các kỳ khác ở các phần sau.",
        numeric=("Số liệu",),
    )


def summary_html(records: pd.DataFrame, cover: Coverage) -> str:
    """The one-page summary: the headline table and what the data cannot say."""
    esc = html.escape
    cautions = [
        "Số liệu lấy từ báo chí, không phải từ báo cáo thống kê chính thức: chúng cho thấy điều "
        "các nguồn đã nêu, không đại diện cho mọi địa phương và mọi năm.",
        "Kỳ báo cáo dài ngắn khác nhau (năm, 6 tháng, 9 tháng, giai đoạn nhiều năm) được trình "
        "bày tách riêng; không cộng hay so sánh trực tiếp giữa các loại kỳ.",
        "≥ là cận dưới (nguồn ghi “trên”, “hơn”): con số thật lớn hơn hoặc bằng; ≈ là số xấp xỉ "
        "(“khoảng”, “gần”); ≤ là cận trên. Số nguồn nêu giữ đúng chữ số của nguồn; số tính lại "
        "ghi rõ cách làm tròn.",
        "Chỉ số liệu toàn tỉnh (cả nước) được so sánh, xếp hạng, vẽ theo thời gian hay tính trên "
        "số dân. Số liệu của một huyện, một cơ quan (bộ đội biên phòng, hội luật gia…), một "
        "chiến dịch hay một nhóm người nằm trong bảng “số liệu của một phần” của mỗi phần, "
        "không cộng vào tổng nào.",
        "Hai nguồn cho cùng một số liệu những giá trị khác nhau thì cả hai được nêu, không lấy "
        "trung bình.",
    ]
    return (
        '<section class="summary" id="tom-tat"><h1>Tóm tắt</h1>'
        f"{headline_table(records)._repr_html_()}"
        '<h2>Đọc số liệu thế nào</h2><ul class="cautions">'
        + "".join(f"<li>{esc(c)}</li>" for c in cautions)
        + "</ul></section>"
    )


def sources_html(records: pd.DataFrame) -> str:
    """The last part: every source of the records, with outlet, date, title and address."""
    listing = source_list(split_ids(records["doc_id"].astype(str)), "Danh sách nguồn")
    return (
        '<section class="sources" id="nguon"><h1>Nguồn số liệu</h1>'
        f'<p class="note">{len(listing.doc_ids)} nguồn, xếp theo tên báo. Mỗi số liệu trong '
        "báo cáo ghi tên báo và ngày đăng của nguồn của nó.</p>"
        f"{listing._repr_html_()}</section>"
    )
