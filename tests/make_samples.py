"""Write the four sample documents of tests/fixtures/samples/ (run again after changing them).

One provincial report as a web page and as a PDF (the same text: ingest must see one document),
a Word report whose title property is a template's placeholder, and a Markdown note with front
matter. The texts are written for these tests, never a real report's words.

    .venv/bin/python tests/make_samples.py
"""

from __future__ import annotations

import datetime as dt
import html
import os
import sys
from pathlib import Path

SAMPLES = Path(__file__).resolve().parent / "fixtures" / "samples"
REPORT_TITLE = "Báo cáo kết quả công tác tư pháp năm 2024 của tỉnh Quảng Bình"
REPORT_HEAD = ["UBND TỈNH QUẢNG BÌNH", "SỞ TƯ PHÁP"]
REPORT = [
    "Thực hiện chương trình công tác năm 2024, Sở Tư pháp tỉnh Quảng Bình báo cáo kết quả "
    "công tác tư pháp trên địa bàn tỉnh như sau.",
    "Về xây dựng và kiểm tra văn bản, năm 2024 Sở Tư pháp đã thẩm định 86 dự thảo văn bản "
    "quy phạm pháp luật, tham gia góp ý 212 dự thảo văn bản do các sở, ngành gửi đến.",
    "Về phổ biến, giáo dục pháp luật, toàn tỉnh đã tổ chức 1.436 cuộc tuyên truyền pháp luật "
    "trực tiếp cho hơn 118.000 lượt người tham dự.",
    "Về hòa giải ở cơ sở, các tổ hòa giải đã tiếp nhận 1.058 vụ việc, hòa giải thành 902 vụ "
    "việc, đạt tỷ lệ 85,3%.",
    "Về lý lịch tư pháp, Sở đã tiếp nhận 6.215 hồ sơ yêu cầu cấp Phiếu lý lịch tư pháp, trả "
    "kết quả đúng hạn cho người yêu cầu.",
    "Về trợ giúp pháp lý, Trung tâm Trợ giúp pháp lý nhà nước tỉnh đã thụ lý 734 vụ việc "
    "trợ giúp pháp lý cho người được trợ giúp pháp lý.",
]
DOCX_PLACEHOLDER = "Word Document"
DOCX_TITLE = "Báo cáo công tác tư pháp 6 tháng đầu năm 2024 của tỉnh Hà Giang"
DOCX = [
    "Trong 6 tháng đầu năm 2024, Sở Tư pháp tỉnh Hà Giang đã thẩm định 27 dự thảo văn bản "
    "quy phạm pháp luật.",
    "Các tổ hòa giải ở cơ sở trên địa bàn tỉnh Hà Giang đã tiếp nhận 214 vụ việc, hòa giải "
    "thành 187 vụ việc.",
]
MD_META = {
    "title": "Bắc Kạn: kết quả phổ biến, giáo dục pháp luật 9 tháng năm 2024",
    "source": "Cổng thông tin Sở Tư pháp (mẫu thử)",
    "published": dt.date(2024, 10, 8),
    "jurisdiction": "Bắc Kạn",
}
MD_BODY = (
    "Trong 9 tháng đầu năm 2024, các cơ quan, đơn vị trên địa bàn tỉnh Bắc Kạn đã tổ chức "
    "642 cuộc tuyên truyền pháp luật cho 35.700 lượt người.\n\n"
    "Các tổ hòa giải ở cơ sở đã tiếp nhận 156 vụ việc, hòa giải thành 131 vụ việc.\n"
)
FILES = {
    "html": "bao-cao-tu-phap-quang-binh-2024.html",
    "pdf": "bao-cao-tu-phap-quang-binh-2024.pdf",
    "docx": "bao-cao-6-thang-ha-giang.docx",
    "md": "tin-pho-bien-bac-kan.md",
}


def report_html() -> str:
    """The report as a news site publishes it: menus, the report's words, related links."""
    body = "".join(f"<p>{html.escape(p)}</p>" for p in REPORT)
    return (
        "<!DOCTYPE html><html lang='vi'><head><meta charset='utf-8'>"
        f"<title>{html.escape(REPORT_TITLE)} | Tin Tư pháp (mẫu thử)</title>"
        f"<meta property='og:title' content='{html.escape(REPORT_TITLE)}'>"
        "<meta property='og:site_name' content='Tin Tư pháp (mẫu thử)'>"
        "<meta property='article:published_time' content='2025-01-10T08:00:00+07:00'>"
        "</head><body><header><nav><a href='/'>Trang chủ</a> | <a href='/tin'>Tin tức</a></nav>"
        "</header><main><article>"
        f"<h1>{html.escape(REPORT_TITLE)}</h1><p>{' – '.join(REPORT_HEAD)}</p>{body}"
        "</article></main><aside><h3>Tin liên quan</h3><ul><li><a href='/a'>Hội nghị "
        "tập huấn nghiệp vụ hộ tịch</a></li></ul></aside><footer>© 2025 Tin Tư pháp</footer>"
        "</body></html>\n"
    )


def write_pdf(path: Path) -> None:
    """The report as the department signs it: letterhead, title, paragraphs, two A5 pages."""
    from weasyprint import HTML

    head = "<br>".join(html.escape(h) for h in REPORT_HEAD)
    first = "".join(f"<p>{html.escape(p)}</p>" for p in REPORT[:3])
    second = "".join(f"<p>{html.escape(p)}</p>" for p in REPORT[3:])
    HTML(
        string=(
            "<html lang='vi'><head><meta charset='utf-8'>"
            f"<title>{html.escape(REPORT_TITLE)}</title><style>@page {{ size: A5; margin: 1.8cm }}"
            " body { font-family: 'DejaVu Sans', sans-serif; font-size: 11pt }"
            " .head { text-align: center; font-weight: bold }</style></head><body>"
            f"<p class='head'>{head}</p><h1>{html.escape(REPORT_TITLE)}</h1>{first}"
            f"<p style='break-before: page'></p>{second}</body></html>"
        )
    ).write_pdf(path)


def write_docx(path: Path) -> None:
    """A Word report whose title property is a placeholder; its first heading is the title."""
    import docx

    document = docx.Document()
    document.core_properties.title = DOCX_PLACEHOLDER
    document.add_paragraph("SỞ TƯ PHÁP TỈNH HÀ GIANG")
    document.add_heading(DOCX_TITLE, level=1)
    for paragraph in DOCX:
        document.add_paragraph(paragraph)
    document.save(path)


def write_md(path: Path) -> None:
    import yaml

    meta = yaml.safe_dump(MD_META, allow_unicode=True, sort_keys=False)
    path.write_text(f"---\n{meta}---\n{MD_BODY}", encoding="utf-8")


def main() -> None:
    os.environ["SOURCE_DATE_EPOCH"] = "1736467200"  # 2025-01-10: the same bytes on every run
    SAMPLES.mkdir(parents=True, exist_ok=True)
    (SAMPLES / FILES["html"]).write_text(report_html(), encoding="utf-8")
    write_pdf(SAMPLES / FILES["pdf"])
    write_docx(SAMPLES / FILES["docx"])
    write_md(SAMPLES / FILES["md"])
    print(f"wrote {len(FILES)} samples to {SAMPLES}", file=sys.stderr)


if __name__ == "__main__":
    main()
