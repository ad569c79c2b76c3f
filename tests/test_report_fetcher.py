"""The PDF renderer loads embedded data: URLs only; anything else is refused and the build fails."""

from __future__ import annotations

import base64
import datetime as dt
from pathlib import Path

import pytest
from pypdf import PdfReader

from analysis.report.fetcher import EmbeddedOnlyFetcher, RefusedURL
from analysis.report.pdf import PdfJob, RenderError, ReportMeta, Section, render_pdfs

META = ReportMeta("Thử nghiệm", "abc123def456", dt.date(2024, 7, 10))
# A 1×1 PNG, embedded the way nbconvert embeds notebook figures.
PIXEL = base64.b64encode(
    bytes.fromhex(
        "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
        "1f15c4890000000d49444154789c63f8cfc0f01f0005000201a3f0f4a10000000049454e44ae426082"
    )
).decode()


@pytest.mark.parametrize(
    "url",
    ["http://example.invalid/tracker.png", "https://example.invalid/x.css", "file:///etc/passwd"],
)
def test_fetcher_refuses_network_and_files(url):
    fetcher = EmbeddedOnlyFetcher()
    with pytest.raises(RefusedURL, match="only embedded data: URLs"):
        fetcher.fetch(url)
    assert fetcher.refused == [url]


def test_fetcher_serves_data_urls():
    response = EmbeddedOnlyFetcher().fetch(f"data:image/png;base64,{PIXEL}")
    assert response.read()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.integration  # the PDF renderer runs in a Python process of its own
@pytest.mark.parametrize("src", ["http://example.invalid/x.png", "file:///etc/passwd"])
def test_render_refuses_an_image_from_outside_and_writes_nothing(tmp_path: Path, src: str):
    target = tmp_path / "hostile.pdf"
    hostile = Section("T", f'<h1>Bài báo</h1><img src="{src}">')
    with pytest.raises(RenderError, match=f"refused to load 1 resource.*{src}"):
        render_pdfs([PdfJob([hostile], META, target)])
    assert not target.exists()


@pytest.mark.integration  # the PDF renderer runs in a Python process of its own
def test_render_embeds_data_images_and_vietnamese_text(tmp_path: Path):
    target = tmp_path / "ok.pdf"
    section = Section(
        "T", f'<h1>Hòa giải ở cơ sở</h1><p>≥ 5.000</p><img src="data:image/png;base64,{PIXEL}">'
    )
    render_pdfs([PdfJob([section], META, target)])
    text = PdfReader(target).pages[0].extract_text()
    assert "Hòa giải ở cơ sở" in text and "≥ 5.000" in text
    assert "Số liệu đến ngày 10/07/2024" in text, "the header says how recent the data is"
    assert "abc123def456" not in text, "a bare hash in the header means nothing to a reader"
    assert "Trang 1 / 1" in text
