"""PDFs are rendered by WeasyPrint in a child process whose environment carries the data's date
(SOURCE_DATE_EPOCH): the same bytes on every build, and this process's environment untouched."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

import analysis.report.pdf as pdf
from analysis.report.pdf import PdfJob, ReportMeta, Section, document_html, render_pdfs

pytestmark = pytest.mark.integration  # the PDF renderer runs in a Python process of its own

META = ReportMeta("Thử nghiệm", "abc123", dt.date(2024, 7, 10))
EPOCH = str(int(dt.datetime(2024, 7, 10, tzinfo=dt.UTC).timestamp()))
# The renderer as WeasyPrint runs where the system has no HarfBuzz-Subset: fontTools subsets the
# fonts and stamps each with the clock unless SOURCE_DATE_EPOCH says otherwise.
FONTTOOLS_RENDERER = (
    "import runpy, sys; import weasyprint.pdf.fonts as fonts; fonts.harfbuzz_subset = None; "
    "sys.argv[0] = 'render'; runpy.run_module('analysis.report.render', run_name='__main__')"
)


def test_the_renderer_gets_the_data_date_and_this_process_keeps_its_environment(
    tmp_path: Path, monkeypatch
):
    monkeypatch.delenv(pdf.SOURCE_DATE_EPOCH, raising=False)
    seen = []
    real_run = subprocess.run

    def run(*args, **kwargs):
        seen.append(kwargs["env"])
        return real_run(*args, **kwargs)

    monkeypatch.setattr(pdf.subprocess, "run", run)
    before = dict(os.environ)
    render_pdfs([PdfJob([Section("T", "<h1>Hòa giải</h1>")], META, tmp_path / "a.pdf")])
    assert [env[pdf.SOURCE_DATE_EPOCH] for env in seen] == [EPOCH]
    assert dict(os.environ) == before, "rendering changed this process's environment"


def _fonttools_render(folder: Path, epoch: str | None) -> bytes:
    document = document_html([Section("T", "<h1>Hòa giải ở cơ sở</h1><p>≥ 5.000</p>")], META)
    env = {k: v for k, v in os.environ.items() if k != pdf.SOURCE_DATE_EPOCH}
    if epoch:
        env[pdf.SOURCE_DATE_EPOCH] = epoch
    folder.mkdir()
    done = subprocess.run(
        [sys.executable, "-W", "ignore", "-c", FONTTOOLS_RENDERER, str(folder)],
        input=json.dumps([{"html": document, "identifier": "0" * 32}]).encode(),
        capture_output=True,
        env=env,
        check=True,
    )
    assert json.loads(done.stdout) == {"written": 1}
    return (folder / "0.pdf").read_bytes()


def test_font_subsetting_by_fonttools_gives_the_same_bytes_with_the_data_date(tmp_path: Path):
    first = _fonttools_render(tmp_path / "1", EPOCH)
    time.sleep(1.1)  # fontTools' stamp counts seconds
    assert _fonttools_render(tmp_path / "2", EPOCH) == first
    assert _fonttools_render(tmp_path / "3", None) != first, (
        "without SOURCE_DATE_EPOCH the fonts carry the clock: this test no longer tests anything"
    )
