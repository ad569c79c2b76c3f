"""What the records cover: an indicator × place-and-period matrix, consistency findings, and the
records still awaiting review."""

from __future__ import annotations

import pandas as pd

from analysis.records.citations import collapse_figures
from analysis.records.periods import PERIOD_KINDS
from analysis.report.labels import PERIOD_KIND_VI, indicator_vi, period_vi, short_vi, sources_note
from analysis.report.maps import tile_map
from analysis.report.numfmt import fmt_number, fmt_trimmed, fmt_values
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
    return ReportTable(
        "Độ phủ: số liệu đã duyệt theo chỉ tiêu và loại kỳ báo cáo (số nhiều nguồn cùng nêu tính "
        "một lần)",
        frame.reset_index(drop=True),
        sources_note(records["doc_id"].astype(str)),
        numeric=tuple(frame.columns[1:]),
        notes=(f"{ABSENT}: không có số liệu.",),
    )


def coverage_map(records: pd.DataFrame):
    """The tile map coloured by the number of reviewed figures of each province."""

    provincial = records[~records["is_national"].astype(bool)]
    counts = provincial.groupby(provincial["jurisdiction"].astype(str)).size()
    return tile_map(
        counts.astype(float),
        title="Số số liệu đã duyệt của mỗi tỉnh, thành phố (đơn vị hành chính trước 1/7/2025)",
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
    lower = int(records["is_lower_bound"].sum())
    years = sorted({int(str(p)[:4]) for p in records["period"].astype(str)})
    return Note(
        (
            f"- {len(collapse_figures(records))} số liệu đã duyệt ({len(records)} bản ghi: số "
            f"nhiều nguồn cùng nêu tính một lần), từ {records['doc_id'].nunique()} nguồn.",
            f"- {len(provinces)} trên {n_places} tỉnh, thành có số liệu"
            + (" (thêm số liệu cả nước)." if "Việt Nam" in places else "."),
            f"- {records['period'].nunique()} kỳ báo cáo, thuộc {len(kinds)} loại kỳ, "
            f"bắt đầu trong các năm {years[0] if years else '–'}–{years[-1] if years else '–'}.",
            f"- {filled} trên {cells} ô chỉ tiêu × loại kỳ có số liệu "
            f"({fmt_number(100 * filled / cells if cells else 0, 1)} %).",
            f"- {len(unused)} trên {len(matrix)} chỉ tiêu không có số liệu nào"
            + (f": {', '.join(unused)}." if unused else "."),
            f"- {lower} trên {len(records)} số liệu là cận dưới (“trên”, “hơn”).",
        )
    )


FINDING_VI = {
    "rate-differs-from-parts": "Tỷ lệ nêu lệch với các thành phần",
    "sources-disagree": "Các nguồn cho số khác nhau",
    "same-figure-other-period": "Cùng một số cho hai kỳ khác nhau",
    "long-evidence": "Trích dẫn dài",
}


def _finding_vi(kind: str, stated: object, computed: object, message: str) -> str:
    if kind == "rate-differs-from-parts":
        return f"nguồn nêu {fmt_trimmed(stated)} %, các thành phần cho {fmt_trimmed(computed)} %"
    if kind == "sources-disagree":
        return f"lớn nhất {fmt_trimmed(stated)}, nhỏ nhất {fmt_trimmed(computed)}"
    if kind == "same-figure-other-period":
        return f"cùng số {fmt_trimmed(stated)} ở hai nguồn, hai kỳ chồng lên nhau"
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
                _finding_vi(str(k), s, c, str(m))
                for k, s, c, m in zip(
                    findings["finding"],
                    findings["stated"],
                    findings["computed"],
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
            "Giá trị": fmt_values(records["value"], records["qualifier"]),
            "Địa bàn": records["jurisdiction"].astype(str),
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
