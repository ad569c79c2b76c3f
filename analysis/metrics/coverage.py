"""What the records cover: an indicator × place-and-period matrix, consistency findings, and the
records still awaiting review."""

from __future__ import annotations

import pandas as pd

from analysis.records.citations import collapse_figures
from analysis.report.labels import indicator_vi, period_vi, sources_note
from analysis.report.numfmt import fmt_number, fmt_trimmed, fmt_values
from analysis.report.tables import Note, ReportTable

ABSENT = "·"


def coverage_matrix(records: pd.DataFrame, catalog: pd.DataFrame) -> pd.DataFrame:
    """Figures per catalog indicator (rows, catalog order) and place · period (columns).

    A figure several sources state is counted once (`collapse_figures`).
    """
    codes = [str(c) for c in catalog["code"]]
    if records.empty:
        return pd.DataFrame(index=pd.Index(codes, name="indicator"))
    figures = collapse_figures(records)
    keyed = figures.assign(
        indicator=figures["indicator"].astype(str),
        column=figures["jurisdiction"].astype(str) + " · " + figures["period"].astype(str),
    )
    order = (
        keyed.sort_values(["period_start", "jurisdiction"], kind="stable")["column"]
        .drop_duplicates()
        .tolist()
    )
    counts = pd.crosstab(keyed["indicator"], keyed["column"]).reindex(
        index=codes, columns=order, fill_value=0
    )
    counts.index.name = "indicator"
    counts.columns.name = None
    return counts


def coverage_table(matrix: pd.DataFrame, records: pd.DataFrame) -> ReportTable:
    """The matrix with Vietnamese indicator names, `·` where nothing is reported."""
    frame = matrix.astype(object).where(matrix > 0, ABSENT).astype(str)
    frame.insert(0, "Chỉ tiêu", [indicator_vi(c) for c in matrix.index])
    frame.columns = [
        "Chỉ tiêu",
        *(f"{c.split(' · ')[0]} · {period_vi(c.split(' · ')[1])}" for c in matrix.columns),
    ]
    return ReportTable(
        "Độ phủ: số số liệu đã duyệt theo chỉ tiêu, địa bàn và kỳ (số nhiều nguồn cùng nêu tính "
        "một lần)",
        frame.reset_index(drop=True),
        sources_note(records["doc_id"].astype(str)),
        numeric=tuple(frame.columns[1:]),
        notes=(f"{ABSENT}: không có số liệu.",),
    )


def coverage_note(records: pd.DataFrame, catalog: pd.DataFrame, n_places: int) -> Note:
    """How thin the coverage is, in numbers."""
    places = set(records["jurisdiction"].astype(str))
    provinces = places - {"Việt Nam"}
    matrix = coverage_matrix(records, catalog)
    cells = matrix.size
    filled = int((matrix > 0).to_numpy().sum())
    unused = [str(c) for c in matrix.index if matrix.loc[c].sum() == 0]
    lower = int(records["is_lower_bound"].sum())
    return Note(
        (
            f"- {len(collapse_figures(records))} số liệu đã duyệt ({len(records)} bản ghi: số "
            f"nhiều nguồn cùng nêu tính một lần), từ {records['doc_id'].nunique()} nguồn.",
            f"- {len(provinces)} trên {n_places} tỉnh, thành có số liệu"
            + (" (thêm số liệu cả nước)." if "Việt Nam" in places else "."),
            f"- {matrix.shape[1]} cặp địa bàn–kỳ, thuộc {records['period'].nunique()} kỳ báo "
            f"cáo, {records['period_kind'].nunique()} loại kỳ khác nhau.",
            f"- {filled} trên {cells} ô của ma trận chỉ tiêu × địa bàn–kỳ có số liệu "
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
            "Bản ghi": findings["record_ids"].astype(str).str.replace(";", ", "),
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
