"""Fixture reports the ingest tests make: a PDF (WeasyPrint, two pages) and a Word .docx.

The texts are written for these tests (Vietnamese, with figures), never a real report's words.
`FIGURES` says what the extractor must find in each, as (indicator, value) pairs.
"""

from __future__ import annotations

from pathlib import Path

PDF_TITLE = "Báo cáo kết quả công tác tư pháp năm 2023"
PDF_PARAGRAPHS = [
    "Thực hiện Kế hoạch công tác năm 2023, Sở Tư pháp tỉnh Ninh Bình báo cáo kết quả như sau.",
    "Năm 2023, Sở Tư pháp đã thẩm định 63 dự thảo văn bản quy phạm pháp luật, góp ý 154 dự thảo "
    "văn bản do các cơ quan, đơn vị gửi đến, bảo đảm đúng thời hạn theo quy định.",
    "Về công tác phổ biến, giáo dục pháp luật, toàn tỉnh đã tổ chức 1.120 cuộc tuyên truyền pháp "
    "luật cho trên 95.000 lượt người.",
]
PDF_PAGE_TWO = [
    "Về hòa giải ở cơ sở, năm 2023 các tổ hòa giải đã tiếp nhận 842 vụ việc, hòa giải thành "
    "715 vụ việc, đạt tỷ lệ 84,9%.",
    "Về lý lịch tư pháp, Sở đã tiếp nhận 3.410 hồ sơ yêu cầu cấp Phiếu lý lịch tư pháp.",
]

DOCX_TITLE = "Báo cáo công tác tư pháp 9 tháng năm 2024"
DOCX_PARAGRAPHS = [
    "PHÒNG TƯ PHÁP HUYỆN THỬ NGHIỆM",
    "Báo cáo kết quả công tác tư pháp 9 tháng đầu năm 2024 của tỉnh Hà Nam.",
    "Trong 9 tháng đầu năm 2024, các tổ hòa giải trên địa bàn tỉnh Hà Nam đã tiếp nhận "
    "326 vụ việc, hòa giải thành 281 vụ việc.",
]
DOCX_TABLE = [
    ("Nội dung", "Kết quả"),
    ("Tuyên truyền pháp luật", "Tổ chức 214 cuộc tuyên truyền pháp luật cho 18.600 lượt người"),
]

FIGURES = {
    "pdf": {
        ("appraisal_drafts", "63"),
        ("drafts_commented", "154"),
        ("dissemination_sessions", "1120"),
        ("dissemination_attendees", "95000"),
        ("mediation_cases", "842"),
        ("mediation_successful", "715"),
        ("mediation_success_rate", "84.9"),
        ("criminal_record_requests", "3410"),
    },
    "docx": {
        ("mediation_cases", "326"),
        ("mediation_successful", "281"),
        ("dissemination_sessions", "214"),
        ("dissemination_attendees", "18600"),
    },
    "html": {
        ("mediation_cases", "1245"),
        ("mediation_successful", "1032"),
        ("mediation_success_rate", "82.9"),
        ("dissemination_sessions", "356"),
        ("dissemination_attendees", "41000"),
        ("dissemination_materials", "12500"),
        ("appraisal_drafts", "48"),
        ("drafts_commented", "97"),
    },
}
HTML_PAGE = Path(__file__).resolve().parent / "fixtures" / "ingest" / "tin-hoa-giai.html"


def make_pdf(path: Path) -> Path:
    """A two-page PDF report with a text layer, made by WeasyPrint from HTML."""
    from weasyprint import HTML

    first = "".join(f"<p>{p}</p>" for p in PDF_PARAGRAPHS)
    second = "".join(f"<p>{p}</p>" for p in PDF_PAGE_TWO)
    html = (
        f"<html lang='vi'><head><meta charset='utf-8'><title>{PDF_TITLE}</title>"
        "<style>@page { size: A5; margin: 2cm } body { font-family: 'DejaVu Sans', sans-serif;"
        " font-size: 11pt }</style></head><body>"
        f"<h1>{PDF_TITLE}</h1>{first}<p style='break-before: page'></p>{second}</body></html>"
    )
    HTML(string=html).write_pdf(path)
    return path


def make_scanned_pdf(path: Path) -> Path:
    """A PDF whose only page is a picture: no text layer, as a scanner makes them."""
    from weasyprint import HTML

    square = (
        "data:image/svg+xml;utf8,<svg xmlns='http://www.w3.org/2000/svg' width='40' "
        "height='40'><rect width='40' height='40' fill='black'/></svg>"
    )
    HTML(string=f'<html><body><img src="{square}"></body></html>').write_pdf(path)
    return path


def make_docx(path: Path) -> Path:
    """A Word report: a title, paragraphs and a two-column table of results."""
    import docx

    document = docx.Document()
    document.core_properties.title = DOCX_TITLE
    document.add_heading(DOCX_TITLE, level=1)
    for paragraph in DOCX_PARAGRAPHS:
        document.add_paragraph(paragraph)
    table = document.add_table(rows=len(DOCX_TABLE), cols=2)
    for row, cells in zip(table.rows, DOCX_TABLE, strict=True):
        for cell, text in zip(row.cells, cells, strict=True):
            cell.text = text
    document.save(path)
    return path
