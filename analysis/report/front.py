"""The pages a manager reads first and last: a cover stating in words what the data covers, a
contents page, a one-page summary of headline figures with their sources, and the list of sources.

All text reaching HTML here is escaped (`html.escape`); links come from `SourceList` (http(s) only).
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Iterable, Sequence

import pandas as pd

from analysis.metrics.coverage import Coverage
from analysis.metrics.series import latest_national_figures
from analysis.records.citations import merged_ids
from analysis.report.labels import indicator_vi, period_vi, unit_vi
from analysis.report.numfmt import DISPUTED_SEPARATOR, fmt_number, fmt_stated
from analysis.report.sources import cite_cell, source_list
from analysis.report.tables import ReportTable


def coverage_sentences(cover: Coverage) -> list[str]:
    """What the data covers (`analysis.metrics.coverage.coverage`) in plain Vietnamese sentences."""
    places = f"{cover.n_provinces} tỉnh, thành phố" + (
        " và số liệu cả nước" if cover.has_national else ""
    )
    lines = [
        f"{fmt_number(cover.n_figures)} số liệu đã được người duyệt đối chiếu với nguồn, "
        f"trích từ {cover.n_sources} bài báo và trang tin của {cover.n_outlets} cơ quan báo chí, "
        "trang thông tin.",
        f"Trong đó {fmt_number(cover.n_part_figures)} số liệu là của một phần tỉnh, thành "
        "(một huyện, một cơ quan, một chiến dịch…): liệt kê riêng, không so sánh với số toàn "
        "tỉnh.",
        f"Địa bàn: {places}.",
        f"Thời gian: các kỳ báo cáo từ năm {cover.first_year} đến năm {cover.last_year}.",
    ]
    if cover.latest_published:
        lines.append(f"Bài mới nhất được đăng ngày {cover.latest_published.strftime('%d/%m/%Y')}.")
    return lines


def cover_html(title: str, cover: Coverage, data_version: str, data_date: dt.date) -> str:
    """The cover page: title, what the data covers in words, what the data version means."""
    esc = html.escape
    items = "".join(f"<li>{esc(s)}</li>" for s in coverage_sentences(cover))
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


def contents_html(titles: Sequence[tuple[str, str] | tuple[str, str, int]]) -> str:
    """The contents page: each part's title and the page it starts on (anchor id, title), and
    a section within a part (anchor id, title, 2) indented under it."""
    esc = html.escape
    rows = "".join(
        f'<li class="level-{entry[2] if len(entry) > 2 else 1}"><a class="toc" '
        f'href="#{esc(entry[0], quote=True)}">{esc(entry[1])}</a></li>'
        for entry in titles
    )
    return f'<section class="contents"><h1>Mục lục</h1><ol class="toc">{rows}</ol></section>'


def headline_table(records: pd.DataFrame) -> ReportTable:
    """Each national indicator's latest figure (a year, half-year, quarter or nine months)."""
    latest = latest_national_figures(records)
    rows = []
    for code, figures in latest.groupby("indicator", sort=False):
        suffix = " %" if unit_vi(code) == "%" else f" {unit_vi(code)}"
        values = [
            fmt_stated(v, q, suffix)
            for v, q in zip(figures["value"], figures["qualifier"], strict=True)
        ]
        rows.append(
            {
                "Chỉ tiêu (cả nước)": indicator_vi(code),
                "Kỳ": period_vi(str(figures["period"].iloc[0])),
                "Số liệu": DISPUTED_SEPARATOR.join(values),
                "Nguồn": cite_cell(merged_ids(figures["doc_ids"])),
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


def sources_html(doc_ids: Iterable[object]) -> str:
    """The last part, "Nguồn số liệu": every source named (the records' of a combined report,
    those a notebook cites in its own PDF), with outlet, date, title and address."""
    listing = source_list(doc_ids, "Danh sách nguồn")
    return (
        '<section class="sources" id="nguon"><h1>Nguồn số liệu</h1>'
        f'<p class="note">{len(listing.doc_ids)} nguồn, xếp theo tên báo. Mỗi số liệu trong '
        "báo cáo ghi tên báo và ngày đăng của nguồn của nó.</p>"
        f"{listing._repr_html_()}</section>"
    )
