"""Bounds on what the readers unpack and parse, checked before the work starts, so every read ends.

A Word file is a zip: its directory declares each part's size, and Python's zipfile never
unpacks more than that, so a part declared small is small and a part declared huge is refused
before a byte of it is unpacked (a 0.4 MB zip bomb made an 82 MB article in 35 s at 1.3 GB).
A web page is parsed by trafilatura in time that grows faster than its size, and faster still
with its number of blocks when trafilatura falls back on justext, whose neighbour search is
quadratic (a 0.5 MB page of 6,800 short paragraphs: 10 s; benchmarks/readers_limits.py). So a
page over `MAX_HTML_BYTES` is first stripped of what carries no text (scripts, styles,
comments, inline images) and refused if it is still over, and a page of more than
`MAX_FALLBACK_BLOCKS` blocks is read by trafilatura's own pass alone (`fast`), without the
fallbacks it would compare.
"""

from __future__ import annotations

import io
import zipfile

from analysis.errors import DataError
from analysis.schema.rules import Rule

# A PDF, Word or HTML file `extract` or `ingest` reads from disk; the same as the largest download.
MAX_DOCUMENT_BYTES = 50 * 1024 * 1024
# Markup parsed for a page's main text: ~3 s of trafilatura's own pass at most. Article pages,
# scripts and styles aside, are 20-500 kB.
MAX_HTML_BYTES = 2_000_000
# Blocks (paragraphs, divisions, list items, cells, headings, breaks) above which the fallbacks
# are skipped: justext's quadratic search costs ~0.5 s at 3,000, 10 s at 6,800.
MAX_FALLBACK_BLOCKS = 3_000
_BLOCK_TAGS = (b"<p", b"<div", b"<li", b"<td", b"<tr", b"<h", b"<br")
# A Word file's parts, unpacked: text parts are a few MB even for a long report, images are
# stored already compressed. Both limits are decided from the zip's directory, before unpacking.
MAX_UNZIPPED_BYTES = 100_000_000
# Word's XML compresses 5 to 30 to 1; a part of a zip bomb, a thousand to 1.
MAX_ZIP_RATIO = 100
RATIO_FROM_BYTES = 1_000_000  # smaller parts may compress better without harm
# Elements whose content is never a page's text, and the inline data of attributes.
_BULK = (
    (b"<script", b"</script>"),
    (b"<style", b"</style>"),
    (b"<svg", b"</svg>"),
    (b"<template", b"</template>"),
    (b"<!--", b"-->"),
)
_KEEP_SCRIPT = b"ld+json"  # structured data: where a page states its publication date


def check_zip(raw: bytes, name: str) -> None:
    """DataError [zip-bomb] when the zip's directory declares parts that unpack to more than
    `MAX_UNZIPPED_BYTES` together, or a part over 1 MB that unpacks to over `MAX_ZIP_RATIO`
    times its packed size; [not-readable] when it is not a zip. Nothing is unpacked."""
    try:
        parts = zipfile.ZipFile(io.BytesIO(raw)).infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise DataError.single(name, f"not a readable .docx: {exc}", Rule.NOT_READABLE) from None
    total = sum(p.file_size for p in parts)
    for part in parts:
        ratio = part.file_size / max(part.compress_size, 1)
        if part.file_size > RATIO_FROM_BYTES and ratio > MAX_ZIP_RATIO:
            raise DataError.single(
                name,
                f"its part {part.filename} unpacks to {part.file_size / 1e6:,.1f} MB from "
                f"{part.compress_size / 1e3:,.0f} kB ({ratio:,.0f} to 1, over the "
                f"{MAX_ZIP_RATIO} to 1 of a real document): a zip bomb, not unpacked",
                Rule.ZIP_BOMB,
            )
    if total > MAX_UNZIPPED_BYTES:
        raise DataError.single(
            name,
            f"its {len(parts)} parts unpack to {total / 1e6:,.1f} MB, over the "
            f"{MAX_UNZIPPED_BYTES / 1e6:,.0f} MB limit: not unpacked",
            Rule.ZIP_BOMB,
        )


def strip_bulk(raw: bytes) -> bytes:
    """The page without scripts (but structured data), styles, SVG, templates, comments and the
    data of inline `data:` attributes: in one pass over a lower-cased copy, linear in its size."""
    low = raw.lower()
    cuts: list[tuple[int, int]] = []
    for opening, closing in _BULK:
        at = 0
        while (start := low.find(opening, at)) >= 0:
            end = low.find(closing, start)
            end = len(raw) if end < 0 else end + len(closing)
            tag_end = low.find(b">", start)
            if opening == b"<script" and _KEEP_SCRIPT in low[start : max(tag_end, start)]:
                at = end
                continue
            cuts.append((start, end))
            at = end
    for quote in (b'"', b"'"):
        needle = b"=" + quote + b"data:"
        at = 0
        while (start := low.find(needle, at)) >= 0:
            end = low.find(quote, start + 2)
            end = len(raw) if end < 0 else end
            cuts.append((start + 2, end))
            at = end
    kept, done = [], 0
    for start, end in sorted(cuts):
        if start >= done:
            kept.append(raw[done:start])
            done = end
        else:
            done = max(done, end)
    kept.append(raw[done:])
    return b"".join(kept)


def html_within_bounds(raw: bytes, name: str) -> bytes:
    """The markup to parse for a page's text: `raw` itself when small enough, else `raw` without
    its bulk (`strip_bulk`); DataError [too-large] when that is still over `MAX_HTML_BYTES`."""
    if len(raw) <= MAX_HTML_BYTES:
        return raw
    lean = strip_bulk(raw)
    if len(lean) > MAX_HTML_BYTES:
        raise DataError.single(
            name,
            f"a web page of {len(raw) / 1e6:,.1f} MB ({len(lean) / 1e6:,.1f} MB of text and "
            f"markup without its scripts, styles and inline images) is over the "
            f"{MAX_HTML_BYTES / 1e6:,.0f} MB a page is parsed within: save the article's own "
            "text as a .txt file and ingest that",
            Rule.TOO_LARGE,
        )
    return lean


def many_blocks(raw: bytes) -> bool:
    """True when a page has more blocks than trafilatura's fallbacks are run on in bounded time
    (tags counted, not parsed: `<p` also counts `<pre`, a bound needs no more)."""
    low = raw.lower()
    return sum(low.count(tag) for tag in _BLOCK_TAGS) > MAX_FALLBACK_BLOCKS


def check_text_size(text: str, name: str, limit: int) -> None:
    """DataError [too-large] when a document's text is over the size an article may be, before
    it is stored or extracted (`validate` would refuse the article later)."""
    size = len(text.encode("utf-8"))
    if size > limit:
        raise DataError.single(
            name,
            f"its text of {size / 1e6:,.1f} MB is over the {limit / 1e6:,.0f} MB an article may "
            "be: split the document",
            Rule.TOO_LARGE,
        )
