"""What the records cover: an indicator × place-and-period matrix, consistency findings, and the
records still awaiting review. Figures are counted one per figure however many sources state it
(`figure_count`), the same count everywhere; the map counts provincial totals only."""

from __future__ import annotations

import pandas as pd

from analysis.metrics.common import figure_count
from analysis.records.citations import collapse_figures
from analysis.records.periods import PERIOD_KINDS
from analysis.records.scope import totals
from analysis.report.labels import (
    PERIOD_KIND_VI,
    indicator_vi,
    period_vi,
    scope_vi,
    short_vi,
    sources_note,
)
from analysis.report.maps import tile_map
from analysis.report.numfmt import fmt_number, fmt_stated, fmt_trimmed
from analysis.report.sources import cite_short
from analysis.report.tables import Note, ReportTable

ABSENT = "·"
KIND_SHORT = {"year_to_date": "Từ đầu năm"}


def coverage_matrix(records: pd.DataFrame, catalog: pd.DataFrame) -> pd.DataFrame:
    """Figures per catalog indicator (rows, catalog order) and kind of period (columns, in time
    order), with the number of provinces and of national figures: readable at any size. A figure
    several sources state is counted once (`collapse_figures`)."""
    codes = [str(c) for c in catalog["code"]]
    figures = collapse_figures(records)
    kinds = [k for k in PERIOD_KINDS if k in set(figures["period_kind"].astype(str))]
    keyed = figures.assign(
        indicator=figures["indicator"].astype(str), period_kind=figures["period_kind"].astype(str)
    )
    counts = pd.crosstab(keyed["indicator"], keyed["period_kind"]) if len(keyed) else None
    matrix = (
        counts.reindex(index=codes, columns=kinds, fill_value=0)
        if counts is not None
        else pd.DataFrame(0, index=codes, columns=kinds)
    )
    provincial = keyed[~keyed["is_national"].astype(bool)]
    matrix["provinces"] = (
        provincial.groupby("indicator")["jurisdiction"].nunique().reindex(codes).fillna(0)
    ).astype(int)
    matrix["national"] = (
        (keyed[keyed["is_national"].astype(bool)].groupby("indicator").size().reindex(codes))
        .fillna(0)
        .astype(int)
    )
    matrix["parts"] = (
        (keyed[~keyed["is_total"].astype(bool)].groupby("indicator").size().reindex(codes))
        .fillna(0)
        .astype(int)
    )
    matrix.index.name = "indicator"
    matrix.columns.name = None
    return matrix


def coverage_table(matrix: pd.DataFrame, records: pd.DataFrame) -> ReportTable:
    """The matrix with Vietnamese names, `·` where nothing is reported."""
    kinds = [c for c in matrix.columns if c in PERIOD_KINDS]
    frame = matrix[kinds].astype(object).where(matrix[kinds] > 0, ABSENT).astype(str)
    frame.columns = [KIND_SHORT.get(k) or PERIOD_KIND_VI[k] for k in kinds]
    frame.insert(0, "Chỉ tiêu", [short_vi(c) for c in matrix.index])
    frame["Số tỉnh có số liệu"] = (
        matrix["provinces"].astype(object).where(matrix["provinces"] > 0, ABSENT).astype(str)
    )
    frame["Số liệu cả nước"] = (
        matrix["national"].astype(object).where(matrix["national"] > 0, ABSENT).astype(str)
    )
    frame["Trong đó một phần"] = (
        matrix["parts"].astype(object).where(matrix["parts"] > 0, ABSENT).astype(str)
    )
    return ReportTable(
        "Độ phủ: số liệu đã duyệt theo chỉ tiêu và loại kỳ báo cáo (số nhiều nguồn cùng nêu tính "
        "một lần)",
        frame.reset_index(drop=True),
        sources_note(records["doc_id"].astype(str)),
        numeric=tuple(frame.columns[1:]),
        notes=(
            f"{ABSENT}: không có số liệu.",
            "Trong đó một phần: số liệu của một huyện, một cơ quan, một chiến dịch… (phạm vi "
            "“địa bàn” hoặc “một phần”), đếm trong các ô nhưng không bao giờ so sánh với số "
            "toàn tỉnh.",
        ),
    )


def coverage_map(records: pd.DataFrame):
    """The tile map coloured by the number of reviewed provincial totals of each province (a
    district's or a body's figure is not the province's, so it is not mapped)."""

    provincial = collapse_figures(totals(records[~records["is_national"].astype(bool)]))
    counts = provincial.groupby(provincial["jurisdiction"].astype(str)).size()
    return tile_map(
        counts.astype(float),
        title="Số số liệu toàn tỉnh đã duyệt của mỗi tỉnh, thành phố (đơn vị hành chính trước "
        "1/7/2025)",
        label="số liệu",
        source=sources_note(provincial["doc_id"].astype(str)),
        after_merger=False,
    )


def coverage_note(records: pd.DataFrame, catalog: pd.DataFrame, n_places: int) -> Note:
    """How thin the coverage is, in numbers."""
    places = set(records["jurisdiction"].astype(str))
    provinces = places - {"Việt Nam"}
    matrix = coverage_matrix(records, catalog)
    kinds = [c for c in matrix.columns if c in PERIOD_KINDS]
    cells = matrix[kinds].size
    filled = int((matrix[kinds] > 0).to_numpy().sum())
    unused = [str(c) for c in matrix.index if matrix.loc[c, kinds].sum() == 0]
    figures = collapse_figures(records)
    lower = int((figures["qualifier"] == "at_least").sum())
    approx = int((figures["qualifier"] == "approx").sum())
    n_parts = int((~figures["is_total"].astype(bool)).sum())
    years = sorted({int(str(p)[:4]) for p in records["period"].astype(str)})
    return Note(
        (
            f"- {fmt_number(figure_count(records))} số liệu đã duyệt ({len(records)} bản ghi: số "
            f"nhiều nguồn cùng nêu tính một lần), từ {records['doc_id'].nunique()} nguồn.",
            f"- {len(figures) - n_parts} số liệu toàn tỉnh (cả nước) và {n_parts} số liệu của "
            "một phần tỉnh (một huyện, một cơ quan, một chiến dịch…): chỉ số liệu toàn tỉnh "
            "được so sánh, xếp hạng, vẽ theo thời gian.",
            f"- {len(provinces)} trên {n_places} tỉnh, thành có số liệu"
            + (" (thêm số liệu cả nước)." if "Việt Nam" in places else "."),
            f"- {records['period'].nunique()} kỳ báo cáo, thuộc {len(kinds)} loại kỳ, "
            f"bắt đầu trong các năm {years[0] if years else '–'}–{years[-1] if years else '–'}.",
            f"- {filled} trên {cells} ô chỉ tiêu × loại kỳ có số liệu "
            f"({fmt_number(100 * filled / cells if cells else 0, 1)} %).",
            f"- {len(unused)} trên {len(matrix)} chỉ tiêu không có số liệu nào"
            + (f": {', '.join(unused)}." if unused else "."),
            f"- {lower} trên {len(figures)} số liệu là cận dưới (“trên”, “hơn”), {approx} là số "
            "xấp xỉ (“khoảng”, “gần”).",
        )
    )


FINDING_VI = {
    "rate-differs-from-parts": "Tỷ lệ nêu lệch với các thành phần",
    "sources-disagree": "Các nguồn cho số khác nhau",
    "same-figure-other-period": "Cùng một số cho hai kỳ khác nhau",
    "long-evidence": "Trích dẫn dài",
}


def _finding_vi(
    kind: str, stated: object, q: object, computed: object, cq: object, message: str
) -> str:
    if kind == "rate-differs-from-parts":
        mark = (
            ""
            if pd.isna(cq) or cq == "exact"
            else {"at_most": "≤ ", "at_least": "≥ "}.get(cq, "≈ ")
        )
        return (
            f"nguồn nêu {fmt_stated(stated, q, ' %')}, các thành phần cho {mark}"
            f"{fmt_trimmed(computed)} % (tính lại, làm tròn 2 chữ số)"
        )
    if kind == "sources-disagree":
        return f"lớn nhất {fmt_stated(stated, q)}, nhỏ nhất {fmt_stated(computed, cq)}"
    if kind == "same-figure-other-period":
        return f"cùng số {fmt_stated(stated, q)} ở hai nguồn, hai kỳ chồng lên nhau"
    if kind == "long-evidence":
        return f"{fmt_number(stated)} ký tự (hợp đồng: khoảng {fmt_number(computed)})"
    return message


def findings_table(findings: pd.DataFrame) -> ReportTable:
    """Consistency findings (from `check_consistency`) in Vietnamese; an empty table says so."""
    frame = pd.DataFrame(
        {
            "Loại": [FINDING_VI.get(str(k), str(k)) for k in findings["finding"]],
            "Chỉ tiêu": [indicator_vi(c) for c in findings["indicator"]],
            "Địa bàn": findings["jurisdiction"].astype(str),
            "Kỳ": [period_vi(p) for p in findings["period"]],
            "Chi tiết": [
                _finding_vi(str(k), s, q, c, cq, str(m))
                for k, s, q, c, cq, m in zip(
                    findings["finding"],
                    findings["stated"],
                    findings["qualifier"],
                    findings["computed"],
                    findings["computed_qualifier"],
                    findings["message"],
                    strict=True,
                )
            ],
            "Nguồn": [
                "; ".join(cite_short(d) for d in dict.fromkeys(cell.split(";")))
                for cell in findings["doc_ids"].astype(str)
            ],
        }
    )
    docs = [d for cell in findings["doc_ids"].astype(str) for d in cell.split(";")]
    return ReportTable(
        "Kiểm tra nhất quán: những số liệu cần xem lại",
        frame,
        sources_note(docs),
    )


def pending_review(records: pd.DataFrame) -> ReportTable:
    """Records with status candidate: extracted, not yet reviewed by a person."""
    frame = pd.DataFrame(
        {
            "record_id": records["record_id"].astype(str),
            "Bài": records["doc_id"].astype(str),
            "Chỉ tiêu": records["indicator"].astype(str),
            "Giá trị": [
                fmt_stated(v, q)
                for v, q in zip(records["value"], records["qualifier"], strict=True)
            ],
            "Phạm vi": [
                scope_vi(s) + (f": {a or n}" if isinstance(a or n, str) else "")
                for s, a, n in zip(
                    records["scope"],
                    records["area"].astype(object).where(records["area"].notna(), None),
                    records["scope_note"].astype(object).where(records["scope_note"].notna(), None),
                    strict=True,
                )
            ],
            "Địa bàn": [
                str(j) if pd.notna(j) else "chưa rõ: người duyệt ghi"
                for j in records["jurisdiction"]
            ],
            "Kỳ": records["period"].astype(str),
            "Trích dẫn": records["evidence"].astype(str),
        }
    )
    return ReportTable(
        f"Bản ghi chờ duyệt (trạng thái candidate): {len(frame)}",
        frame,
        sources_note(records["doc_id"].astype(str)),
        numeric=("Giá trị",),
    )
