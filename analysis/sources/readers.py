"""The text of what analysts hold: saved web pages, PDF and Word reports, plain text.

Each reader turns a file's raw bytes into a `Document`: the body text that record offsets will
count in (NFC) and what the file itself states about its title, outlet and publication date.
`ingest` stores that text; `extract` reads the same files the same way, so a figure found in a
saved page has the same evidence whether or not the page was ingested first.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from analysis.errors import DataError, Problem
from analysis.fileio import list_files, read_bytes, regular_file_problem
from analysis.schema.rules import Rule
from analysis.sources.articles import (
    MAX_ARTICLE_BYTES,
    Article,
    _check_lines,
    _decode,
    doc_id_of,
    read_article,
    split_front_matter,
)
from analysis.sources.limits import (
    MAX_DOCUMENT_BYTES,
    check_text_size,
    check_zip,
    html_within_bounds,
    many_blocks,
)

# Kind of source -> the suffixes it is read from; the kind is also the registry's `obtained`.
KINDS = {
    "text": (".txt", ".md"),
    "html": (".html", ".htm"),
    "pdf": (".pdf",),
    "docx": (".docx",),
}
SUFFIX_KIND = {suffix: kind for kind, suffixes in KINDS.items() for suffix in suffixes}
READABLE_SUFFIXES = tuple(SUFFIX_KIND)
# Media types a server may name, for an address whose path has no telling suffix.
MEDIA_KIND = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "application/pdf": "pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "text/plain": "text",
    "text/markdown": "text",
}
RAW_SUFFIX = {"html": ".html", "pdf": ".pdf", "docx": ".docx", "text": ".txt"}
SENTENCE_END = '.:;!?…)"”»'


@dataclass(frozen=True)
class Document:
    """A source's text (NFC, `\\n` line ends, ending in one newline) and what it states of itself."""

    text: str
    kind: str
    title: str | None = None
    outlet: str | None = None
    published: dt.date | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def kind_of(raw: bytes, name: str, media_type: str | None = None) -> str | None:
    """The kind of a source from its first bytes, else its media type, else its suffix."""
    head = raw[:1024].lstrip()
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"PK\x03\x04") and b"word/" in raw[:65536]:
        return "docx"
    lowered = head[:256].lower()
    if lowered.startswith((b"<!doctype html", b"<html")) or b"<html" in lowered:
        return "html"
    if media_type:
        kind = MEDIA_KIND.get(media_type.split(";")[0].strip().lower())
        if kind:
            return kind
    return SUFFIX_KIND.get(Path(name.split("?")[0]).suffix.lower())


def read_document(raw: bytes, kind: str, name: str, url: str | None = None) -> Document:
    """The text of `raw` read as `kind`; DataError naming `name` when it holds no readable text."""
    reader = {"html": read_html, "pdf": read_pdf, "docx": read_docx, "text": read_text}[kind]
    doc = reader(raw, name, url) if kind == "html" else reader(raw, name)
    if not doc.text.strip():
        raise DataError.single(name, f"no text found in this {kind} file", Rule.EMPTY_FILE)
    check_text_size(doc.text, name, MAX_ARTICLE_BYTES)
    _check_lines(doc.text, raw, name)
    return doc


def _clean(text: str) -> str:
    """NFC, `\\n` line ends, no trailing spaces, no runs of blank lines, one final newline."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    lines = [line.rstrip() for line in text.split("\n")]
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")
    return text + "\n" if text else ""


# Front matter of a text file that `ingest` keeps (besides title, source and published).
KEPT_FRONT_MATTER = ("jurisdiction", "url", "retrieved_from")


def read_text(raw: bytes, name: str) -> Document:
    """A UTF-8 text or Markdown file; its own front matter, if any, gives title, outlet, date,
    and the jurisdiction and address it states (kept in `extra`)."""
    meta, body = split_front_matter(_decode(raw, name), name)
    kept = {k: _str_or_none(meta.get(k)) for k in KEPT_FRONT_MATTER}
    return Document(
        _clean(body),
        "text",
        title=_str_or_none(meta.get("title")),
        outlet=_str_or_none(meta.get("source")),
        published=meta.get("published"),
        extra={k: v for k, v in kept.items() if v},
    )


def read_html(raw: bytes, name: str, url: str | None = None) -> Document:
    """A web page's main text (trafilatura: no menus, adverts or comments) with its title
    as the first line, and the publication date only where the page's markup states it."""
    import trafilatura

    raw = html_within_bounds(raw, name)
    try:
        found = trafilatura.bare_extraction(
            raw,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            favor_recall=True,
            fast=many_blocks(raw),  # bounded time: no quadratic fallback on thousands of blocks
        )
    except Exception as exc:  # a parser error deep in lxml must not stop a batch
        raise DataError.single(
            name, f"not a readable web page: {_why(exc)}", Rule.NOT_READABLE
        ) from None
    if found is None or not (found.text or "").strip():
        raise DataError.single(name, "no main text found in this web page", Rule.EMPTY_FILE)
    title = _str_or_none(found.title)
    text = _clean(found.text)
    if title and not text.startswith(title):
        text = _clean(f"{title}\n{text}")
    return Document(
        text,
        "html",
        title=title,
        outlet=_str_or_none(found.sitename),
        published=_stated_date(raw, url),
    )


def _stated_date(raw: bytes, url: str | None) -> dt.date | None:
    """The publication date the page's markup or address states (htmldate, no guessing from
    the running text), or None."""
    from htmldate import find_date

    try:
        found = find_date(raw, url=url, extensive_search=False, original_date=True)
    except (ValueError, TypeError):
        return None
    return dt.date.fromisoformat(found) if found else None


def read_pdf(raw: bytes, name: str) -> Document:
    """A PDF's text layer, page by page (a blank line between pages; `page_starts` the offset
    each page begins at, to find a figure's page); a PDF without one (scanned pages) is read
    by OCR in Vietnamese (`analysis.sources.ocr`), its confidence kept as `ocr`, or refused
    with a message naming what to install."""
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(raw))
        if reader.is_encrypted and not reader.decrypt(""):
            raise DataError.single(name, "PDF is encrypted with a password", Rule.NOT_READABLE)
        pages = [_dewrap(page.extract_text() or "") for page in reader.pages]
    except DataError:
        raise
    except Exception as exc:  # pypdf raises its own, zlib, struct and key errors on bad files
        raise DataError.single(
            name, f"not a readable PDF: {_why(exc)}", Rule.NOT_READABLE
        ) from None
    extra: dict[str, Any] = {}
    if not any(p.strip() for p in pages):
        from analysis.sources.ocr import ocr_pdf

        read = ocr_pdf(raw, name)
        pages = [_dewrap(p) for p in read.texts]
        extra["ocr"] = read.summary()
        if not any(p.strip() for p in pages):
            raise DataError.single(
                name,
                f"PDF of {len(pages)} page(s) has no text layer, and OCR found no text on its "
                "pages (pictures only?)",
                Rule.NO_TEXT_LAYER,
            )
    title = _title_or_none((reader.metadata or {}).get("/Title"))
    if title and _slug(title) == _slug(Path(name).stem):
        title = None  # a converter's default: the file's own name
    texts = [_clean(p).rstrip("\n") for p in pages]
    starts = [0]
    for text in texts[:-1]:
        starts.append(starts[-1] + len(text) + 2)
    extra = {"pages": len(pages), "page_starts": starts, **extra}
    return Document("\n\n".join(texts).rstrip("\n") + "\n", "pdf", title=title, extra=extra)


def _dewrap(page: str) -> str:
    """Join a PDF's visual lines back into paragraphs: a line that does not end a sentence
    runs on when the next begins in lower case or with a digit (a number and its unit words
    must share a line for the extractor)."""
    out: list[str] = []
    for line in (x.strip() for x in page.split("\n")):
        if out and out[-1] and line and out[-1][-1] not in SENTENCE_END:
            first = line[0]
            if first.isdigit() or (first.isalpha() and first.islower()):
                out[-1] += " " + line
                continue
        out.append(line)
    return "\n".join(out)


def read_docx(raw: bytes, name: str) -> Document:
    """A Word .docx: its paragraphs and table rows in document order (cells joined by ' | ')."""
    import docx
    from docx.table import Table

    check_zip(raw, name)  # before a byte is unpacked
    try:
        document = docx.Document(io.BytesIO(raw))
    except Exception as exc:  # python-docx raises zip, XML and its own errors alike
        raise DataError.single(
            name, f"not a readable .docx: {_why(exc)}", Rule.NOT_READABLE
        ) from None
    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            for row in block.rows:
                cells, previous = [], None
                for cell in row.cells:  # a merged cell is repeated once per grid column
                    if cell._tc is not previous and cell.text.strip():
                        cells.append(cell.text.strip())
                    previous = cell._tc
                lines.append(" | ".join(cells))
        else:
            lines.append(block.text)
    return Document(_clean("\n".join(lines)), "docx", title=_docx_title(document))


def _docx_title(document: Any) -> str | None:
    """A Word file's title as a reader sees it: its first paragraph styled Title or Heading,
    else the title property unless it is a template's placeholder ("Word Document")."""
    for paragraph in document.paragraphs:
        style = (paragraph.style.name if paragraph.style is not None else "") or ""
        if (style == "Title" or style.startswith("Heading")) and paragraph.text.strip():
            return _str_or_none(paragraph.text)
    return _title_or_none(document.core_properties.title)


# Titles that programs write into a file's properties, not a person: never a document's title.
PLACEHOLDER_TITLES = re.compile(
    r"(?:microsoft )?word document|document\d*|untitled.*|tài liệu\d*|new document|"
    r"(?:microsoft word|microsoft powerpoint) - .*|.*\.(?:docx?|pdf|rtf|odt)|slide \d+|\W*",
    re.IGNORECASE,
)


def _slug(text: str) -> str:
    return re.sub(r"\W+", "", text.casefold())


def _title_or_none(value: Any) -> str | None:
    """A title property, unless it is a program's placeholder."""
    title = _str_or_none(value)
    return None if title is None or PLACEHOLDER_TITLES.fullmatch(title) else title


def _why(exc: Exception) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def _str_or_none(value: Any) -> str | None:
    text = " ".join(str(value).split()) if value is not None else ""
    return text or None


def read_file(path: str | Path) -> Article:
    """Any readable file as an Article: .txt/.md as articles are read, the other kinds through
    their reader; the doc_id is the file name without extension either way."""
    path = Path(path)
    kind = SUFFIX_KIND.get(path.suffix.lower())
    if kind in (None, "text"):
        return read_article(path)
    name = str(path)
    raw = read_bytes(path, MAX_DOCUMENT_BYTES, "document")
    if not raw.strip():
        raise DataError.single(name, "empty file: no text to read", Rule.EMPTY_FILE)
    doc = read_document(raw, kind, name)
    meta = {"title": doc.title, "source": doc.outlet, "published": doc.published}
    return Article(doc_id_of(path), path, doc.text, {k: v for k, v in meta.items() if v})


def source_paths(
    *paths: str | Path,
) -> tuple[list[Path], list[tuple[Path, str]], list[Problem]]:
    """The readable files named, folders expanded at any depth (sorted, hidden files and folders
    left out); the files skipped for their kind, with the reason; and a Problem for each one that
    is not a regular file (FIFO, socket, device: decided with stat, never opened) or cannot be
    listed. A file named twice is listed once."""
    found: list[Path] = []
    skipped: list[tuple[Path, str]] = []
    problems: list[Problem] = []
    for p in map(Path, paths):
        if p.is_dir():
            candidates, trouble = list_files(p)
            problems += trouble
        else:
            candidates = [p]
        for f in candidates:
            if f.suffix.lower() not in READABLE_SUFFIXES:
                what = f"'{f.suffix}'" if f.suffix else "no suffix"
                skipped.append(
                    (f, f"{what} is not a kind read here ({', '.join(READABLE_SUFFIXES)})")
                )
            elif (problem := regular_file_problem(f)) is not None and f.exists():
                problems.append(problem)
            else:
                found.append(f)
    return list(dict.fromkeys(found)), list(dict.fromkeys(skipped)), list(dict.fromkeys(problems))
