"""Documents as they come: the same report twice, Word titles, Markdown front matter, scans.

The samples (tests/fixtures/samples/, written by tests/make_samples.py): one report as a web
page and as a PDF, a Word report whose title property is "Word Document", a Markdown note
with front matter. The scanned copy of the PDF is made here: its pages rendered to pictures
and put back into a PDF with no text layer.
"""

from __future__ import annotations

import datetime as dt
import io
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import read_rows
from review_data import SAMPLES, cli

from analysis.cli import main
from analysis.sources.articles import read_article
from analysis.sources.fingerprint import Fingerprint
from analysis.sources.ocr import APT_PACKAGES, missing
from analysis.sources.readers import read_docx
from analysis.sources.registry import read_registry, registry_path

HTML = SAMPLES / "bao-cao-tu-phap-quang-binh-2024.html"
PDF = SAMPLES / "bao-cao-tu-phap-quang-binh-2024.pdf"
DOCX = SAMPLES / "bao-cao-6-thang-ha-giang.docx"
MD = SAMPLES / "tin-pho-bien-bac-kan.md"
# What the scanned copy must give: at least this share of the text PDF's figures, same values.
OCR_SHARE = 0.9


def ingest(*paths: Path) -> tuple[list[str], list[str]]:
    done = CliRunner().invoke(main, ["ingest", *map(str, paths)])
    assert done.exit_code == 0, done.stderr
    return done.stdout.split(), done.stderr.splitlines()


def registered() -> dict[str, dict[str, str]]:
    return {r["source_id"]: r for r in read_registry(registry_path())[0]}


@pytest.mark.parametrize("order", [(HTML, PDF), (PDF, HTML)])
def test_one_report_as_web_page_and_pdf_is_one_document(data_copy, order):
    first, second = order
    out, err = ingest(*order)
    assert err[0].startswith(f"stored {first.stem}_")
    stored = err[0].split()[1]
    assert err[1] == (
        f"skipped {second}: the same document as {stored} ({second.suffix[1:]}; "
        f"{err[1].split('; ')[1].split()[0]} of its word sequences in common): not stored "
        "again, its figures are those of the first"
    )
    assert out[0] == out[1] == str(data_copy / "articles" / f"{stored}.txt"), "linked to the first"
    assert [s for s in registered() if s.startswith("bao-cao")] == [stored]
    assert not list((data_copy / "raw").glob(f"{second.stem}_*{second.suffix}"))
    cli("extract", *set(out), "--into", data_copy / "candidates")
    docs = Counter(r["doc_id"] for r in read_rows(data_copy / "candidates" / "candidates.csv"))
    assert docs == {stored: 9}, "one set of candidates"


def test_the_same_text_saved_again_is_recognised_and_a_changed_figure_is_not(tmp_path, data_copy):
    ingest(HTML)
    page = HTML.read_text(encoding="utf-8")
    resaved = tmp_path / "luu-lai.html"  # other markup, spacing, line breaks, decomposed marks
    import unicodedata

    resaved.write_text(
        unicodedata.normalize("NFD", page.replace("<p>", "\n<p class='x'>  ").replace(". ", ".\n")),
        encoding="utf-8",
    )
    _, err = ingest(resaved)
    assert err[0].startswith(f"skipped {resaved}: the same document as bao-cao-tu-phap")
    corrected = tmp_path / "dinh-chinh.html"  # one figure corrected: a new version, kept
    corrected.write_text(page.replace("1.436 cuộc", "1.463 cuộc"), encoding="utf-8")
    _, err = ingest(corrected)
    assert err[0].startswith("stored dinh-chinh_"), err


def test_a_fingerprint_is_of_words_and_numbers():
    text = " ".join(
        f"Tại huyện thứ {i}, toàn huyện đã tổ chức {100 + i} cuộc tuyên truyền pháp luật cho "
        f"{2000 + i}.000 lượt người."
        for i in range(8)
    )
    relaid = Fingerprint.of(text.upper().replace(". ", ".\n\n").replace(",", " ,  "))
    assert Fingerprint.of(text).share(relaid) == 1.0, "case, spacing and lines do not count"
    assert Fingerprint.of(text).same_as(relaid)
    other = Fingerprint.of(text.replace("2003.000", "2030.000"))
    assert Fingerprint.of(text).share(other) > 0.8
    assert not Fingerprint.of(text).same_as(other), "a changed figure is another text"
    quoted = Fingerprint.of(text + " ".join(f"câu khác số {i} của bài báo" for i in range(60)))
    assert not Fingerprint.of(text).same_as(quoted), "a quote inside a longer article"
    assert Fingerprint.of("Tổ chức 12 cuộc.").share(Fingerprint.of("Tổ chức 12 cuộc.")) == 0.0


def test_a_word_file_is_titled_by_its_first_heading_never_word_document(tmp_path, data_copy):
    import docx

    assert read_docx(DOCX.read_bytes(), "x").title == (
        "Báo cáo công tác tư pháp 6 tháng đầu năm 2024 của tỉnh Hà Giang"
    )
    out, _ = ingest(DOCX)
    meta = read_article(out[0]).meta
    assert meta["title"] == "Báo cáo công tác tư pháp 6 tháng đầu năm 2024 của tỉnh Hà Giang"
    assert registered()[Path(out[0]).stem]["title"] == meta["title"]
    for property_title, expected in [
        ("Word Document", None),
        ("Kế hoạch năm 2025", "Kế hoạch năm 2025"),
    ]:
        plain = docx.Document()
        plain.core_properties.title = property_title
        plain.add_paragraph("Nội dung không có tiêu đề.")
        buffer = io.BytesIO()
        plain.save(buffer)
        assert read_docx(buffer.getvalue(), "x").title == expected


def test_markdown_front_matter_is_kept(data_copy):
    out, _ = ingest(MD)
    meta = read_article(out[0]).meta
    assert (meta["title"], meta["jurisdiction"], meta["published"], meta["source"]) == (
        "Bắc Kạn: kết quả phổ biến, giáo dục pháp luật 9 tháng năm 2024",
        "Bắc Kạn",
        dt.date(2024, 10, 8),
        "Cổng thông tin Sở Tư pháp (mẫu thử)",
    )
    row = registered()[Path(out[0]).stem]
    assert (row["jurisdiction"], row["published"], row["obtained"]) == (
        "Bắc Kạn",
        "2024-10-08",
        "text",
    )


def scanned_copy(pdf: Path, target: Path, dpi: int = 200) -> Path:
    """The PDF as a scanner gives it back: each page a picture, no text layer."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf.read_bytes())
    pages = [page.render(scale=dpi / 72).to_pil().convert("RGB") for page in document]
    document.close()
    pages[0].save(target, save_all=True, append_images=pages[1:], resolution=dpi)
    return target


@pytest.mark.integration  # Tesseract, a program of its own
@pytest.mark.skipif(bool(missing()), reason=f"OCR: {missing()}")
def test_a_scanned_pdf_is_read_by_ocr_and_gives_the_same_figures(tmp_path, data_copy):
    from pypdf import PdfReader

    scan = scanned_copy(PDF, tmp_path / "ban-scan.pdf")
    assert not "".join(p.extract_text() for p in PdfReader(scan).pages).strip(), "a text layer"
    out, err = ingest(scan)
    assert "read by OCR (confidence" in err[0]
    meta = read_article(out[0]).meta
    assert meta["ocr"]["language"] == "vie" and len(meta["ocr"]["page_confidence"]) == 2
    assert meta["ocr"]["confidence"] > 50
    expected = Counter((r["indicator"], r["value"]) for r in _extract(PDF, tmp_path / "text.csv"))
    got = Counter(
        (r["indicator"], r["value"]) for r in _extract(Path(out[0]), tmp_path / "scan.csv")
    )
    same = sum((expected & got).values())
    assert len(expected) >= 9 and same >= OCR_SHARE * sum(expected.values()), (expected, got)
    _, err = ingest(PDF)  # the text PDF after its scan: the same document
    assert err[0].startswith(f"skipped {PDF}: the same document as {Path(out[0]).stem}")


def _extract(path: Path, out: Path) -> list[dict[str, str]]:
    cli("extract", path, "-o", out)
    return read_rows(out)


def test_without_ocr_a_scan_is_refused_naming_the_packages(tmp_path, data_copy, monkeypatch):
    import shutil

    scan = scanned_copy(PDF, tmp_path / "ban-scan.pdf", dpi=50)
    monkeypatch.setattr(shutil, "which", lambda *_: None)
    done = CliRunner().invoke(main, ["ingest", str(scan)])
    assert done.exit_code == 1
    assert (
        f"error: {scan}: scanned PDF (no text layer): OCR needed, but Tesseract is not installed: "
        f"install Debian's packages {' '.join(APT_PACKAGES)} (`apt-get install -y "
        f"{' '.join(APT_PACKAGES)}`)"
    ) in done.stderr
