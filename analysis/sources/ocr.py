"""Reading scanned PDFs: each page rendered (PDFium) and read by Tesseract in Vietnamese.

A signed provincial report usually reaches analysts as a scan: pages that are pictures, with no
text layer. Tesseract (Debian's `tesseract-ocr`, with the Vietnamese data of
`tesseract-ocr-vie`) reads each page rendered at `DPI`; the words come back with Tesseract's
confidence (0-100), kept per page and overall so that the reviewer sees how sure the reading
was. Figures read this way are never more than candidates: a person reviews every one.
"""

from __future__ import annotations

import io
import shutil
import statistics
from dataclasses import dataclass

from analysis.errors import DataError
from analysis.schema.rules import Rule

LANGUAGE = "vie"
DPI = 300
# Debian's packages for OCR (the README's system packages; .ci/run installs them).
APT_PACKAGES = ("tesseract-ocr", "tesseract-ocr-vie")
# A page of text read in one block of lines (Tesseract's default segmentation, 3, also finds
# columns in a report's letterhead table; 4 keeps a row's cells on one line).
TESSERACT_CONFIG = "--psm 4"
# Tesseract's own limit per page, in seconds: a page it cannot finish is an error, not a hang.
PAGE_TIMEOUT = 120


@dataclass(frozen=True)
class OcrPages:
    """The text of each page, and the mean confidence of its words (None: no word found)."""

    texts: list[str]
    confidence: list[float | None]
    engine: str

    def summary(self) -> dict[str, object]:
        """What the article's front matter keeps of the reading."""
        known = [c for c in self.confidence if c is not None]
        return {
            "engine": self.engine,
            "language": LANGUAGE,
            "dpi": DPI,
            "confidence": round(statistics.fmean(known), 1) if known else None,
            "page_confidence": [None if c is None else round(c, 1) for c in self.confidence],
        }


def missing() -> str | None:
    """Why OCR cannot run here (what to install), or None when it can."""
    install = f"install Debian's packages {' '.join(APT_PACKAGES)} (`apt-get install -y {' '.join(APT_PACKAGES)}`)"
    try:
        import pypdfium2  # noqa: F401
        import pytesseract
    except ImportError as exc:
        return f"the Python package {exc.name} is missing: run `make venv`"
    if shutil.which(pytesseract.pytesseract.tesseract_cmd) is None:
        return f"Tesseract is not installed: {install}"
    try:
        languages = pytesseract.get_languages()
    except Exception as exc:  # a broken install: its own words say what is wrong
        return f"Tesseract does not run ({exc}): {install}"
    if LANGUAGE not in languages:
        return f"Tesseract has no Vietnamese data ('{LANGUAGE}'): {install}"
    return None


def ocr_pdf(raw: bytes, name: str) -> OcrPages:
    """Every page of a PDF read by Tesseract; DataError naming the file (and what to install)
    when OCR cannot run or a page cannot be read."""
    why = missing()
    if why:
        raise DataError.single(
            name, f"scanned PDF (no text layer): OCR needed, but {why}", Rule.NO_OCR
        )
    import pypdfium2 as pdfium
    import pytesseract

    engine = f"tesseract {pytesseract.get_tesseract_version()}"
    texts, confidence = [], []
    try:
        document = pdfium.PdfDocument(io.BytesIO(raw))
    except pdfium.PdfiumError as exc:
        raise DataError.single(name, f"not a readable PDF: {exc}", Rule.NOT_READABLE) from None
    try:
        for number, page in enumerate(document, start=1):
            image = page.render(scale=DPI / 72, grayscale=True).to_pil()
            try:
                data = pytesseract.image_to_data(
                    image,
                    lang=LANGUAGE,
                    config=TESSERACT_CONFIG,
                    output_type=pytesseract.Output.DICT,
                    timeout=PAGE_TIMEOUT,
                )
            except (RuntimeError, pytesseract.TesseractError) as exc:
                raise DataError.single(
                    name, f"OCR failed on page {number}: {exc}", Rule.OCR_FAILED
                ) from None
            text, mean = _page_text(data)
            texts.append(text)
            confidence.append(mean)
    finally:
        document.close()
    return OcrPages(texts, confidence, engine)


def _page_text(data: dict[str, list]) -> tuple[str, float | None]:
    """A page's words as lines (Tesseract's block, paragraph and line numbers), paragraphs
    apart by a blank line; and the mean confidence of its words."""
    lines: list[str] = []
    scores: list[float] = []
    last_line = last_par = None
    for i, word in enumerate(data["text"]):
        word = word.strip()
        if not word:
            continue
        conf = float(data["conf"][i])
        if conf >= 0:
            scores.append(conf)
        par = (data["block_num"][i], data["par_num"][i])
        line = (*par, data["line_num"][i])
        if line != last_line:
            if last_par is not None and par != last_par:
                lines.append("")
            lines.append(word)
        else:
            lines[-1] += " " + word
        last_line, last_par = line, par
    return "\n".join(lines), (statistics.fmean(scores) if scores else None)
