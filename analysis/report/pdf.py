"""HTML sections to an A4 PDF with WeasyPrint: page numbers, a header naming the part and the date
the data runs to, an optional cover, contents and closing pages (see `front`), fonts embedded from
matplotlib's DejaVu Sans (full Vietnamese).

Nothing is loaded from outside the HTML (see `fetcher`), no clock is read, and the PDF id is a
hash of its content, so the same sections give the same bytes. WeasyPrint runs in a child
process (`render`) whose environment carries SOURCE_DATE_EPOCH, the data's date: font subsetting
(fontTools) reads the clock from nowhere else, and this process's environment is never written.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import html
import itertools
import json
import os
import re
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import matplotlib

FONT_FAMILY = "Report Sans"
SOURCE_DATE_EPOCH = "SOURCE_DATE_EPOCH"
RENDERER = "analysis.report.render"
# The cover page carries no running header.
COVER_PAGE_CSS = "@page :first { @top-left { content: none; } @top-right { content: none; } }"
FONT_FILES = {"normal": "DejaVuSans.ttf", "bold": "DejaVuSans-Bold.ttf"}


@dataclass(frozen=True)
class ReportMeta:
    """What every page header shows: the report's title, the data version and the data's date."""

    title: str
    data_version: str
    data_date: dt.date


@dataclass(frozen=True)
class Section:
    """One notebook's rendered body, under its title; `anchor` is its id for the contents page."""

    title: str
    body_html: str
    anchor: str = ""


@dataclass(frozen=True)
class Extras:
    """Pages around the notebooks, already escaped HTML: cover and contents first, then the
    summary; `back` closes the report (the list of sources)."""

    cover: str = ""
    contents: str = ""
    summary: str = ""
    back: str = ""


class RenderError(RuntimeError):
    """The PDF renderer was asked to load something outside the HTML (the message lists it), or
    it stopped."""


def _css_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


@cache
def _font_faces() -> str:
    fonts = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    faces = []
    for weight, name in FONT_FILES.items():
        data = base64.b64encode((fonts / name).read_bytes()).decode("ascii")
        faces.append(
            f"@font-face {{ font-family: {_css_string(FONT_FAMILY)}; font-weight: {weight};"
            f" src: url(data:font/ttf;base64,{data}); }}"
        )
    return "\n".join(faces)


def vi_date(day: dt.date) -> str:
    """A date as Vietnamese texts write it: 10/07/2024."""
    return day.strftime("%d/%m/%Y")


def stylesheet(meta: ReportMeta, cover: bool = False) -> str:
    """The report's print CSS: A4 pages, running header and page numbers, tables and figures."""
    header_right = f"Số liệu đến ngày {vi_date(meta.data_date)}"
    return f"""
{_font_faces()}
@page {{
  size: A4;
  margin: 20mm 15mm 18mm 15mm;
  @top-left {{ content: string(section-title, start); font: 8pt {_css_string(FONT_FAMILY)};
              color: #444; }}
  @top-right {{ content: {_css_string(header_right)}; font: 8pt {_css_string(FONT_FAMILY)};
               color: #444; }}
  @bottom-center {{ content: "Trang " counter(page) " / " counter(pages);
                   font: 8pt {_css_string(FONT_FAMILY)}; color: #444; }}
}}
{COVER_PAGE_CSS if cover else ""}
html {{ font-family: {_css_string(FONT_FAMILY)}; font-size: 9.5pt; line-height: 1.4; color: #111; }}
section.contents, section.summary, section.summary + section.notebook {{
  break-before: page; }}
/* A part or the sources follow on the same page (a forced break would leave its last short). */
section.notebook + section.notebook, section.notebook + section.sources {{ margin-top: 12mm;
  border-top: 0.8pt solid #333; padding-top: 4mm; }}
section.sources h1 {{ break-after: avoid; }}
/* Charts and headings made by code stay with what follows them, as Markdown cells do. */
div.output_markdown {{ break-after: avoid; }}
section.cover {{ padding-top: 45mm; }}
section.cover h1.cover-title {{ string-set: section-title ""; font-size: 24pt; line-height: 1.25;
                               margin-bottom: 6mm; }}
.cover-sub {{ font-size: 12pt; color: #333; margin-bottom: 18mm; }}
h2.cover-h {{ font-size: 12pt; }}
ul.cover-list li {{ font-size: 11pt; margin: 2mm 0; }}
.cover-note {{ margin-top: 25mm; font-size: 8.5pt; color: #444; }}
ol.toc {{ list-style: none; padding: 0; font-size: 11pt; }}
ol.toc li {{ margin: 3mm 0 1mm; }}
ol.toc li.level-2 {{ margin: 0.6mm 0 0.6mm 8mm; font-size: 9pt; color: #333; }}
a.toc::after {{ content: leader(".") " " target-counter(attr(href), page); }}
figure.source-list ol {{ padding-left: 6mm; font-size: 8pt; }}
figure.source-list li {{ margin: 1.2mm 0; break-inside: avoid; }}
figure.source-list a {{ color: #0645ad; word-break: break-all; }}
ul.cautions li {{ margin: 1.5mm 0; }}
h1 {{ string-set: section-title content(text); font-size: 16pt; margin: 0 0 6mm; }}
/* A Markdown cell (a heading, the text before a chart) stays on the page of what follows. */
div.text_cell {{ break-after: avoid; }}
h2 {{ font-size: 12.5pt; margin: 6mm 0 2mm; break-after: avoid; }}
h3 {{ font-size: 11pt; margin: 4mm 0 2mm; break-after: avoid; }}
a.anchor-link {{ display: none; }}
a {{ color: inherit; text-decoration: none; }}
img {{ max-width: 100%; max-height: 235mm; width: auto; height: auto; }}
.output_png {{ break-inside: avoid; }}
p.none {{ font-style: italic; }}
figure {{ margin: 3mm 0; }}
tr {{ break-inside: avoid; }}
figcaption {{ font-weight: bold; margin-bottom: 1.5mm; break-after: avoid; }}
table.fixed {{ table-layout: fixed; }}
table.fixed td {{ overflow-wrap: break-word; }}
table {{ border-collapse: collapse; font-size: 8pt; margin: 2mm 0; width: 100%; }}
td.text:first-child {{ min-width: 28mm; }}
th, td {{ border-bottom: 0.4pt solid #bbb; padding: 1mm 2mm; text-align: left;
          vertical-align: top; }}
td.num {{ text-align: right; white-space: nowrap; }}
th.num {{ text-align: right; }}
thead th {{ border-bottom: 0.8pt solid #333; }}
p.source, p.note {{ font-size: 7.5pt; color: #444; margin: 1mm 0 4mm; }}
pre {{ white-space: pre-wrap; font-size: 7.5pt; }}
code, pre, kbd, samp, tt {{ font-family: {_css_string(FONT_FAMILY)}; }}
.prompt, .input {{ display: none; }}
"""


LINK_SCHEMES = ("http", "https")
_LINK_ATTRIBUTES = ("href", "xlink:href", "action", "formaction")
_IGNORED_IN_URLS = re.compile(r"[\x00-\x20\x7f]")


def is_safe_link(url: str) -> bool:
    """True for an http(s) link or a link to a place in the same document (`#…`)."""
    cleaned = _IGNORED_IN_URLS.sub("", url)  # browsers read `java\tscript:` as `javascript:`
    if cleaned.startswith("#"):
        return True
    try:
        parts = urlsplit(cleaned)
    except ValueError:
        return False
    return parts.scheme.lower() in LINK_SCHEMES and bool(parts.netloc)


class _LinkFilter(HTMLParser):
    """Finds start tags with a link attribute that is not http(s), for `safe_links`."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.edits: list[tuple[tuple[int, int], str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._check(tag, attrs, "")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._check(tag, attrs, " /")

    def _check(self, tag: str, attrs: list[tuple[str, str | None]], close: str) -> None:
        unsafe = [(k, v) for k, v in attrs if k in _LINK_ATTRIBUTES and not is_safe_link(v or "")]
        if not unsafe:
            return
        kept = "".join(
            f" {k}" if v is None else f' {k}="{html.escape(v, quote=True)}"'
            for k, v in attrs
            if (k, v) not in unsafe
        )
        self.edits.append((self.getpos(), self.get_starttag_text() or "", f"<{tag}{kept}{close}>"))


def safe_links(markup: str) -> str:
    """`markup` with every link that is not http(s) (or to `#` a place in it) taken out of its
    tag: `javascript:`, `file:`, `data:` and relative links become plain text in the PDF."""
    finder = _LinkFilter()
    finder.feed(markup)
    finder.close()
    if not finder.edits:
        return markup
    starts = [0]  # HTMLParser counts lines by "\n" alone
    for line in markup.split("\n"):
        starts.append(starts[-1] + len(line) + 1)
    out, done = [], 0
    for (line, column), original, replacement in finder.edits:
        at = starts[line - 1] + column
        out += [markup[done:at], replacement]
        done = at + len(original)
    out.append(markup[done:])
    return "".join(out)


def document_html(sections: list[Section], meta: ReportMeta, extras: Extras | None = None) -> str:
    """The full HTML document for `sections`, with the report's metadata and stylesheet;
    only http(s) links (and `#` links to a place in it) stay links."""
    more = extras or Extras()
    parts = [
        f'<section class="notebook"{_id(section.anchor)}>\n{section.body_html}\n</section>'
        for section in sections
    ]
    body = safe_links("\n".join([more.cover, more.contents, more.summary, *parts, more.back]))
    return f"""<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<title>{html.escape(meta.title)}</title>
<meta name="generator" content="analysis.report">
<meta name="dcterms.created" content="{meta.data_date.isoformat()}">
<meta name="dcterms.modified" content="{meta.data_date.isoformat()}">
<style>{stylesheet(meta, bool(more.cover))}</style>
</head>
<body>
{body}
</body>
</html>
"""


def _id(anchor: str) -> str:
    return f' id="{html.escape(anchor, quote=True)}"' if anchor else ""


@dataclass(frozen=True)
class PdfJob:
    """One PDF to write: its sections, page headers and extra pages, and where it goes."""

    sections: Sequence[Section]
    meta: ReportMeta
    target: Path
    extras: Extras | None = None


def render_pdfs(jobs: Sequence[PdfJob]) -> None:
    """Write each job's PDF, rendered by WeasyPrint in one child process per run of jobs with
    the same data date (its SOURCE_DATE_EPOCH).

    Raises RenderError if a job asked for a resource outside its HTML (the fetcher's refusal is
    logged by the child) and writes none of that run's PDFs.
    """
    for day, run in itertools.groupby(jobs, key=lambda job: job.meta.data_date):
        _render_run(list(run), day)


def _render_run(jobs: list[PdfJob], day: dt.date) -> None:
    documents = [document_html(list(job.sections), job.meta, job.extras) for job in jobs]
    payload = [
        {"html": document, "identifier": hashlib.sha256(document.encode("utf-8")).hexdigest()[:32]}
        for document in documents
    ]
    epoch = str(int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC).timestamp()))
    with tempfile.TemporaryDirectory(prefix="report-pdf-") as folder:
        done = subprocess.run(
            [sys.executable, "-m", RENDERER, folder],
            input=json.dumps(payload).encode("utf-8"),
            stdout=subprocess.PIPE,
            env={**os.environ, SOURCE_DATE_EPOCH: epoch},
            check=False,
        )
        if done.returncode:
            raise RenderError(
                f"{jobs[0].target.name}: the PDF renderer stopped (exit status "
                f"{done.returncode}); its message is above"
            )
        outcome = json.loads(done.stdout)
        if "refused" in outcome:
            refused = outcome["refused"]
            raise RenderError(
                f"{jobs[outcome['job']].target.name}: refused to load {len(refused)} resource(s) "
                f"from outside the report: {', '.join(refused)}"
            )
        for number, job in enumerate(jobs):
            job.target.parent.mkdir(parents=True, exist_ok=True)
            job.target.write_bytes((Path(folder) / f"{number}.pdf").read_bytes())
