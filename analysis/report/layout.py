"""The layout check of a written PDF, run by the build on every report: no page (but the last)
less than a third full, no text or picture outside the page or into its side margins, no two
lines of text on top of each other. Labels inside a chart are pictures here; `plots` checks
them when the chart is drawn (`Chart.layout_problems`).

Pages are read with PDFium (pypdfium2, already used to read scanned PDFs): the boxes of the text
runs and pictures each page holds, in points from the page's bottom-left corner.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from analysis.errors import Problem

MM = 72 / 25.4
# The page box WeasyPrint lays out (pdf.stylesheet): margins top, right, bottom, left, in mm.
PAGE_MARGINS_MM = (20.0, 15.0, 18.0, 15.0)
MIN_FILL = 1 / 3
# Slack before a box counts as outside or overlapping: glyph boxes of adjacent runs touch.
TOLERANCE_PT = 1.0
MIN_OVERLAP_PT = 2.0

RULE_EMPTY = "layout-near-empty-page"
RULE_CHART = "layout-chart"
# The key of a chart PNG's output metadata listing its overlapping or cut-off labels
# (`analysis.report.plots.Chart`), which the build reports under RULE_CHART.
LAYOUT_PROBLEMS = "layout_problems"
RULE_OUTSIDE = "layout-outside-page"
RULE_OVERLAP = "layout-overlap"

Box = tuple[float, float, float, float]  # left, bottom, right, top


@dataclass(frozen=True)
class PageBoxes:
    """What one page holds: its size, its text runs (text, box) and its pictures' boxes."""

    width: float
    height: float
    texts: tuple[tuple[str, Box], ...]
    pictures: tuple[Box, ...]


def read_pages(pdf: Path) -> list[PageBoxes]:
    """Every page's text runs and pictures, as PDFium finds them."""
    document = pdfium.PdfDocument(pdf)
    pages = []
    try:
        for page in document:
            width, height = page.get_size()
            textpage = page.get_textpage()
            texts = []
            for i in range(textpage.count_rects()):
                box = textpage.get_rect(i)
                text = textpage.get_text_bounded(*box).strip()
                if text:
                    texts.append((text, box))
            pictures = tuple(
                obj.get_bounds() for obj in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,))
            )
            pages.append(PageBoxes(width, height, tuple(texts), pictures))
    finally:
        document.close()
    return pages


def _body(page: PageBoxes) -> list[Box]:
    """Boxes of the page's body: what lies below the running header and above the page number."""
    top = page.height - PAGE_MARGINS_MM[0] * MM
    bottom = PAGE_MARGINS_MM[2] * MM
    boxes = [b for _, b in page.texts] + list(page.pictures)
    return [b for b in boxes if b[1] < top - TOLERANCE_PT and b[3] > bottom + TOLERANCE_PT]


def page_fill(page: PageBoxes) -> float:
    """How far down the body reaches, as a share of the body's height (0 for an empty page)."""
    body = _body(page)
    if not body:
        return 0.0
    top = page.height - PAGE_MARGINS_MM[0] * MM
    height = top - PAGE_MARGINS_MM[2] * MM
    return min(1.0, (top - min(b[1] for b in body)) / height)


def _short(text: str) -> str:
    flat = " ".join(text.split())
    return repr(flat if len(flat) <= 40 else flat[:39] + "…")


def _overlap(a: Box, b: Box) -> float:
    """The smaller side of the rectangle two boxes share (0 if they do not meet)."""
    width = min(a[2], b[2]) - max(a[0], b[0])
    height = min(a[3], b[3]) - max(a[1], b[1])
    return max(0.0, min(width, height))


def overlapping(boxes: Sequence[tuple[str, Box]]) -> list[tuple[str, str]]:
    """Pairs of labelled boxes that overlap by more than MIN_OVERLAP_PT both ways (boxes sorted
    by their bottom edge: only those starting below another's top can meet it)."""
    ordered = sorted(boxes, key=lambda item: item[1][1])
    pairs = []
    for i, (a, box_a) in enumerate(ordered):
        for b, box_b in ordered[i + 1 :]:
            if box_b[1] >= box_a[3] - MIN_OVERLAP_PT:
                break
            if _overlap(box_a, box_b) > MIN_OVERLAP_PT:
                pairs.append((a, b))
    return pairs


def page_problems(page: PageBoxes, number: int, name: str, last: bool) -> list[Problem]:
    """What is wrong with one page's layout; `last` pages may be short."""
    problems = []
    fill = page_fill(page)
    if not last and fill < MIN_FILL:
        problems.append(
            Problem(
                name,
                f"page {number} is {fill:.0%} full (less than a third): "
                f"{', '.join(_short(t) for t, _ in page.texts[:3]) or 'nothing on it'}",
                RULE_EMPTY,
            )
        )
    left = PAGE_MARGINS_MM[3] * MM - TOLERANCE_PT
    right = page.width - PAGE_MARGINS_MM[1] * MM + TOLERANCE_PT
    for text, box in page.texts:
        inside_page = box[1] >= -TOLERANCE_PT and box[3] <= page.height + TOLERANCE_PT
        if box[0] < left or box[2] > right or not inside_page:
            problems.append(
                Problem(name, f"page {number}: text {_short(text)} runs outside the page's body "
                        f"(x {box[0]:.0f}–{box[2]:.0f} pt of {page.width:.0f})", RULE_OUTSIDE)
            )  # fmt: skip
    for box in page.pictures:
        if box[0] < left or box[2] > right or box[1] < 0 or box[3] > page.height:
            problems.append(
                Problem(name, f"page {number}: a picture runs outside the page's body "
                        f"(x {box[0]:.0f}–{box[2]:.0f}, y {box[1]:.0f}–{box[3]:.0f} pt)",
                        RULE_OUTSIDE)
            )  # fmt: skip
    for a, b in overlapping(page.texts):
        problems.append(
            Problem(name, f"page {number}: text {_short(a)} overlaps {_short(b)}", RULE_OVERLAP)
        )
    return problems


def pdf_problems(pdf: Path, name: str | None = None) -> list[Problem]:
    """Every layout problem of a PDF, page by page; the last page may be short."""
    pages = read_pages(pdf)
    label = name or pdf.name
    return [
        problem
        for number, page in enumerate(pages, start=1)
        for problem in page_problems(page, number, label, number == len(pages))
    ]


def all_problems(pdfs: Iterable[Path]) -> list[Problem]:
    """`pdf_problems` of every PDF."""
    return [problem for pdf in pdfs for problem in pdf_problems(pdf)]
