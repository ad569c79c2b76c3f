"""Why the readers' limits are where they are (analysis/sources/limits.py), measured in one run.

- trafilatura's time on a web page of distinct paragraphs, 0.5 to 4 MB, as a ratio to the
  0.5 MB page: it grows faster than the size, which is why a page over MAX_HTML_BYTES is first
  stripped of scripts, styles and inline images and refused if still over;
- the cost of that stripping on a 50 MB page (a ratio to reading the page's bytes once), and of
  the refusal of a 50 MB page of text;
- the zip check of a Word zip bomb (100 MB of paragraphs packed in a few hundred kB) against
  python-docx opening a normal report: the check reads the zip's directory only.
MB are 10^6 bytes.
"""

from __future__ import annotations

import contextlib
import io
import sys
import tempfile
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from ingest_docs import HTML_PAGE, make_docx

from analysis.errors import DataError
from analysis.sources.limits import (
    MAX_FALLBACK_BLOCKS,
    MAX_HTML_BYTES,
    check_zip,
    html_within_bounds,
)
from analysis.sources.readers import read_docx, read_html


def page(size: int, bloat: bool = False) -> bytes:
    head, _, rest = HTML_PAGE.read_bytes().partition(b"</body>")
    if bloat:
        return head + b"<script>var d='" + b"A" * size + b"';</script></body>" + rest
    paragraphs, n = [], 0
    while n < size:
        p = f"<p>Đoạn {len(paragraphs)}: Sở Tư pháp đã thẩm định {len(paragraphs)} dự thảo.</p>\n"
        paragraphs.append(p.encode())
        n += len(paragraphs[-1])
    return head + b"".join(paragraphs) + b"</body>" + rest


def timed(fn, *args) -> float:
    start = time.perf_counter()
    with contextlib.suppress(DataError):
        fn(*args)
    return time.perf_counter() - start


def fallbacks(raw: bytes, name: str) -> None:
    """trafilatura as read_html called it before the limits: with its fallbacks, always."""
    import trafilatura

    trafilatura.bare_extraction(
        raw, with_metadata=True, include_comments=False, include_tables=True, favor_recall=True
    )


def main() -> None:
    small = timed(fallbacks, page(125_000), "p")
    print(f"trafilatura with its fallbacks, 0.125 MB page of short paragraphs: {small:.2f} s")
    for size in (250_000, 500_000):
        took = timed(fallbacks, page(size), "p")
        print(f"  {size / 1e6:.2f} MB: {took:.2f} s, {took / small:.1f}x for {size / 125e3:.0f}x")
    base = timed(read_html, page(500_000), "p")
    print(
        f"read_html now (fallbacks over {MAX_FALLBACK_BLOCKS:,} blocks skipped), 0.5 MB: {base:.2f} s"
    )
    for size in (1_000_000, 1_900_000):
        took = timed(read_html, page(size), "p")
        print(
            f"  {size / 1e6:.0f} MB: {took:.2f} s, {took / base:.1f}x for {size / 5e5:.0f}x the size"
        )
    bloated = page(50_000_000, bloat=True)
    once = timed(bytes.lower, bloated)
    strip = timed(html_within_bounds, bloated, "p")
    print(f"strip a 50 MB page of scripts: {strip:.2f} s, {strip / once:.1f}x one pass over it")
    refuse = timed(html_within_bounds, page(50_000_000), "p")
    print(f"refuse a 50 MB page of text (limit {MAX_HTML_BYTES / 1e6:.0f} MB): {refuse:.2f} s")
    with tempfile.TemporaryDirectory() as tmp:
        normal = make_docx(Path(tmp) / "normal.docx").read_bytes()
        opened = timed(read_docx, normal, "normal.docx")
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
            part = zipfile.ZipInfo("word/document.xml")
            part.compress_type = zipfile.ZIP_DEFLATED
            with z.open(part, "w", force_zip64=True) as fh:
                block = (
                    b"<w:p><w:r><w:t>S\xe1\xbb\x9f T\xc6\xb0 ph\xc3\xa1p</w:t></w:r></w:p>" * 10_000
                )
                for _ in range(100_000_000 // len(block)):
                    fh.write(block)
        bomb = buffer.getvalue()
        checked = timed(check_zip, bomb, "bomb.docx")
        print(
            f"zip check of a {len(bomb) / 1e3:.0f} kB bomb of 100 MB: {checked * 1e3:.1f} ms, "
            f"{checked / opened:.3f}x python-docx opening a normal report ({opened * 1e3:.0f} ms)"
        )


if __name__ == "__main__":
    main()
