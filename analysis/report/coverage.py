"""What the records cover (`analysis.metrics.coverage`) as a reader sees it: the indicator ×
kind-of-period table, the map of provincial totals, what the data holds and lacks in numbers,
the consistency findings in Vietnamese, and the records still awaiting review."""

from __future__ import annotations

import pandas as pd

from analysis.metrics.coverage import coverage, coverage_matrix, figures_by_province
from analysis.records.citations import merged_ids
from analysis.records.periods import PERIOD_KINDS
from analysis.report.labels import PERIOD_KIND_VI, indicator_vi, period_vi, scope_vi, short_vi
from analysis.report.maps import tile_map
from analysis.report.numfmt import fmt_number, fmt_stated, fmt_trimmed
from analysis.report.plots import Chart
from analysis.report.sources import cite_many, cite_short
from analysis.report.tables import Note, ReportTable

ABSENT = "·"
KIND_SHORT = {"year_to_date": "Từ đầu năm"}


def _counts(column: pd.Series) -> pd.Series:
    """Counts as text, `·` where there are none."""
    return column.astype(object).where(column > 0, ABSENT).astype(str)


def coverage_table(matrix: pd.DataFrame, records: pd.DataFrame) -> ReportTable:
    """The matrix (`coverage_matrix`) with Vietnamese names, `·` where nothing is reported."""
    kinds = [c for c in matrix.columns if c in PERIOD_KINDS]
    frame = matrix[kinds].astype(object).where(matrix[kinds] > 0, ABSENT).astype(str)
    frame.columns = [KIND_SHORT.get(k) or PERIOD_KIND_VI[k] for k in kinds]
    frame.insert(0, "Chỉ tiêu", [short_vi(c) for c in matrix.index])
    frame["Số tỉnh có số liệu"] = _counts(matrix["provinces"])
    frame["Số liệu cả nước"] = _counts(matrix["national"])
    frame["Trong đó một phần"] = _counts(matrix["parts"])
    return ReportTable(
        "Độ phủ: số liệu đã duyệt theo chỉ tiêu và loại kỳ báo cáo (số nhiều nguồn cùng nêu tính "
        "một lần)",
        frame.reset_index(drop=True),
        cite_many(records["doc_id"].astype(str)),
        numeric=tuple(frame.columns[1:]),
        notes=(
            f"{ABSENT}: không có số liệu.",
            "Trong đó một phần: số liệu của một huyện, một cơ quan, một chiến dịch… (phạm vi "
            "“địa bàn” hoặc “một phần”), đếm trong các ô nhưng không bao giờ so sánh với số "
            "toàn tỉnh.",
        ),
    )


def coverage_map(records: pd.DataFrame) -> Chart:
    """The tile map coloured by the number of reviewed provincial totals of each province (a
    district's or a body's figure is not the province's, so it is not mapped)."""
    counts = figures_by_province(records)
    return tile_map(
        pd.Series(counts["figures"].to_numpy(dtype=float), index=counts["jurisdiction"]),
        title="Số số liệu toàn tỉnh đã duyệt của mỗi tỉnh, thành phố (đơn vị hành chính trước "
        "1/7/2025)",
        label="số liệu",
        source=cite_many(merged_ids(counts["doc_ids"])),
        after_merger=False,
    )


def coverage_note(records: pd.DataFrame, catalog: pd.DataFrame, n_places: int) -> Note:
    """How thin the coverage is, in numbers."""
    cover = coverage(records)
    matrix = coverage_matrix(records, catalog)
    kinds = [c for c in matrix.columns if c in PERIOD_KINDS]
    cells = matrix[kinds].size
    filled = int((matrix[kinds] > 0).to_numpy().sum())
    unused = [str(c) for c in matrix.index if matrix.loc[c, kinds].sum() == 0]
    years = (cover.first_year, cover.last_start_year) if cover.n_periods else ("–", "–")
    return Note(
        (
            f"- {fmt_number(cover.n_figures)} số liệu đã duyệt ({cover.n_records} bản ghi: số "
            f"nhiều nguồn cùng nêu tính một lần), từ {cover.n_sources} nguồn.",
            f"- {cover.n_figures - cover.n_part_figures} số liệu toàn tỉnh (cả nước) và "
            f"{cover.n_part_figures} số liệu của một phần tỉnh (một huyện, một cơ quan, một "
            "chiến dịch…): chỉ số liệu toàn tỉnh được so sánh, xếp hạng, vẽ theo thời gian.",
            f"- {cover.n_provinces} trên {n_places} tỉnh, thành có số liệu"
            + (" (thêm số liệu cả nước)." if cover.has_national else "."),
            f"- {cover.n_periods} kỳ báo cáo, thuộc {len(kinds)} loại kỳ, "
            f"bắt đầu trong các năm {years[0]}–{years[1]}.",
            f"- {filled} trên {cells} ô chỉ tiêu × loại kỳ có số liệu "
            f"({fmt_number(100 * filled / cells if cells else 0, 1)} %).",
            f"- {len(unused)} trên {len(matrix)} chỉ tiêu không có số liệu nào"
            + (f": {', '.join(unused)}." if unused else "."),
            f"- {cover.n_lower_bounds} trên {cover.n_figures} số liệu là cận dưới (“trên”, "
            f"“hơn”), {cover.n_approximate} là số xấp xỉ (“khoảng”, “gần”).",
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
                "; ".join(cite_short(d) for d in dict.fromkeys(ids)) for ids in findings["doc_ids"]
            ],
        }
    )
    return ReportTable(
        "Kiểm tra nhất quán: những số liệu cần xem lại",
        frame,
        cite_many(merged_ids(findings["doc_ids"])),
        empty="Kiểm tra nhất quán không thấy số liệu nào cần xem lại.",
    )


def pending_review(records: pd.DataFrame) -> ReportTable:
    """Records with status candidate: extracted, not yet reviewed by a person."""
    frame = pd.DataFrame(
        {
            "Mã bản ghi": records["record_id"].astype(str),
            "Nguồn": [cite_short(str(d)) for d in records["doc_id"]],
            "Chỉ tiêu": [short_vi(c) for c in records["indicator"]],
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
        f"Số liệu trích xuất tự động, chờ người duyệt: {len(frame)}",
        frame,
        cite_many(records["doc_id"].astype(str)),
        numeric=("Giá trị",),
        empty="Không có số liệu nào chờ duyệt: mọi số liệu trích xuất đã được người duyệt xem.",
    )
