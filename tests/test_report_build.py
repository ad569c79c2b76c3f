"""The report build: every notebook executed in a fresh kernel and rendered to an A4 PDF whose
text carries the notebook's headline figures; the same data gives the same bytes.

One build of every notebook and of Lạng Sơn's profile (`built`) serves all the tests that read
a PDF; the tests of byte-identical rebuilds compare one more build with it. Under xdist a module's
tests stay on one worker (`--dist loadscope`), so it is built once."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import nbformat
import pytest
from pypdf import PdfReader

from analysis.paths import PROJECT_ROOT
from analysis.records.load import data_version
from analysis.report.build import (
    build_reports,
    notebook_paths,
)
from analysis.report.layout import all_problems

A4_POINTS = (595, 842)
HEADLINES = {
    "00_data_overview": ["Tổng quan dữ liệu", "26 trên 51 ô", "3 trên 63 tỉnh", "81,28"],
    "01_dissemination_reach": ["≥ 24.000.000", "≥ 400.000", "≥ 511", "96.208.984", "≈ 80,0"],
    "02_appraisal_volumes": ["1.528", "≥ 30", "Không nêu cấp", "Số liệu của một phần tỉnh"],
    "03_mediation_rates": ["Hòa giải ở cơ sở", "1.259", "1.549", "81,28 %", "81,2 %", "62,13 %"],
    "04_legal_aid_records": ["Trợ giúp pháp lý", "≥ 40.000", "Lý lịch tư pháp"],
}


def _text(pdf: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(pdf).pages)


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


pytestmark = pytest.mark.integration  # Jupyter kernels, a PDF renderer
PROVINCE = "Lạng Sơn"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every notebook and the combined report, and Lạng Sơn's profile in provinces/."""
    out = tmp_path_factory.mktemp("reports")
    build_reports(out_dir=out, provinces=[PROVINCE])
    return out


def test_build_writes_one_pdf_per_notebook_and_a_combined_report(built: Path):
    names = sorted(p.name for p in built.glob("*.pdf"))
    expected = sorted([f"{p.stem}.pdf" for p in notebook_paths()] + ["report.pdf"])
    assert names == expected
    assert sorted(p.name for p in built.glob("*.ipynb")) == [p.name for p in notebook_paths()]
    assert not any("province_profile" in n for n in expected), (
        "the province profile is run per province, not as a part of the combined report"
    )


def _province_names() -> list[str]:
    from analysis.reference import load_provinces, load_provinces_2025

    return sorted(
        {*load_provinces()["province"].astype(str), *load_provinces_2025()["province_2025"]}
    )


def test_a_province_report_holds_that_province_only_and_rebuilds_byte_identical(
    built: Path, tmp_path: Path
):
    from click.testing import CliRunner

    from analysis.cli import main

    result = CliRunner().invoke(main, ["report", "--province", PROVINCE, "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    runs = [built / "provinces" / "lang-son.pdf", tmp_path / "provinces" / "lang-son.pdf"]
    assert _sha(runs[0]) == _sha(runs[1]), "two builds of the same province differ"
    assert sorted(p.name for p in tmp_path.rglob("*.pdf")) == ["lang-son.pdf"]
    text = _text(runs[1])
    assert "Hồ sơ số liệu tư pháp: Lạng Sơn" in text
    for figure in ("3.483", "2.164", "62,13 %", "81,2", "≥ 400.000", "≥ 24.000.000", "1/"):
        assert figure in text, f"the profile lacks {figure!r}"
    others = [n for n in _province_names() if n != "Lạng Sơn" and n in text]
    assert others == [], f"Lạng Sơn's profile names other provinces: {others}"
    assert "Báo Lạng Sơn (LSO)" in text


@pytest.mark.parametrize("stem", sorted(HEADLINES))
def test_each_pdf_holds_its_headline_figures_with_diacritics(built: Path, stem: str):
    text = _text(built / f"{stem}.pdf")
    for figure in HEADLINES[stem]:
        assert figure in text, f"{stem}.pdf lacks {figure!r}"
    assert "import " not in text and "load_records(" not in text, "code must be hidden"


def test_pages_are_a4_with_header_and_page_numbers(built: Path):
    reader = PdfReader(built / "report.pdf")
    first = reader.pages[0]
    assert (round(float(first.mediabox.width)), round(float(first.mediabox.height))) == A4_POINTS
    assert f"Trang 1 / {len(reader.pages)}" in first.extract_text()
    text = reader.pages[3].extract_text()
    assert "Số liệu đến ngày 10/07/2024" in text, "every page past the cover says the data's date"
    assert data_version() not in text, "a bare hash means nothing in a page header"


def test_combined_report_opens_with_cover_contents_and_summary(built: Path):
    reader = PdfReader(built / "report.pdf")
    cover, contents, summary = (reader.pages[i].extract_text() for i in range(3))
    assert "Thống kê ngành Tư pháp Việt Nam" in cover
    assert "35 số liệu" in cover and "4 bài báo" in cover and "3 tỉnh" in cover
    assert "từ năm 2020 đến năm 2024" in cover and "10/07/2024" in cover
    words = " ".join(cover.split())
    assert data_version() in words and "dấu vân tay" in words, "the data version is explained"
    assert "Mục lục" in contents
    for title in ("Tóm tắt", "Tổng quan dữ liệu", "Hòa giải ở cơ sở", "Nguồn số liệu"):
        assert title in contents, f"the contents page lacks {title!r}"
    assert "Tóm tắt" in summary and "≥ 24.000.000 lượt người" in summary


def test_the_cover_and_every_page_count_the_figures_alike(built: Path):
    text = " ".join(_text(built / "report.pdf").split())
    counts = re.findall(r"(\d[\d.]*) số liệu đã (?:được người )?duyệt", text)
    assert len(counts) >= 2 and set(counts) == {"35"}, f"figure counts differ: {counts}"


def test_sources_are_listed_by_outlet_with_their_titles(built: Path):
    text = _text(built / "report.pdf")
    listing = text[text.rindex("Danh sách nguồn") :]
    for outlet in ("Báo Lạng Sơn (LSO)", "TTXVN", "Báo Pháp luật Việt Nam (PLVN)"):
        assert outlet in listing, f"the sources list lacks {outlet}"
    assert "Quảng Ninh: Lan tỏa cách làm hay trong công tác tư pháp" in listing
    assert "000_dad9108531b79d33" not in text, "sources are never cited by file id"


def test_no_page_is_nearly_empty(built: Path):
    reader = PdfReader(built / "report.pdf")
    for number, page in enumerate(reader.pages[1:-1], start=2):
        body = page.extract_text().strip().splitlines()
        assert len(body) > 6 or page.images, f"page {number} holds almost nothing: {body}"
    assert all_problems(sorted(built.glob("*.pdf"))) == [], "the build's layout check passes"


def test_each_notebook_pdf_lists_the_sources_it_cites(built: Path):
    for stem in HEADLINES:
        text = " ".join(_text(built / f"{stem}.pdf").split())
        assert "Nguồn số liệu" in text and "Danh sách nguồn" in text, f"{stem}.pdf lists no sources"
        listing = text[text.rindex("Danh sách nguồn") :]
        assert "TTXVN" in listing or "Báo Lạng Sơn" in listing, f"{stem}.pdf: {listing[:200]}"
    words = " ".join(_text(built / "00_data_overview.pdf").split())
    assert "data/records" not in words and "candidate" not in words, "no developer words"


def test_combined_report_holds_every_notebook(built: Path):
    text = _text(built / "report.pdf")
    for stem, figures in HEADLINES.items():
        assert figures[0] in text, f"report.pdf lacks the part from {stem}"


def test_charts_are_kept_as_images(built: Path):
    reader = PdfReader(built / "03_mediation_rates.pdf")
    images = {hashlib.sha256(i.data).hexdigest() for page in reader.pages for i in page.images}
    assert len(images) == 2, (
        "the Lạng Sơn-only seeds give two side-by-side charts and no national series chart"
    )


def test_two_builds_give_the_same_bytes(built: Path, tmp_path: Path):
    notebook = [PROJECT_ROOT / "notebooks" / "00_data_overview.ipynb"]
    again = build_reports(notebook, tmp_path, combined=False)  # the first in the shared build
    assert [p.name for p in again.pdfs + again.notebooks] == [
        "00_data_overview.pdf",
        "00_data_overview.ipynb",
    ]
    for path in again.pdfs + again.notebooks:
        assert _sha(path) == _sha(built / path.name), (
            f"{path.name} differs between two builds of the same data"
        )


def test_cli_names_the_notebook_and_the_error_of_a_failing_cell(tmp_path: Path):
    from click.testing import CliRunner

    from analysis.cli import main

    nb = nbformat.v4.new_notebook(
        metadata={
            "kernelspec": {"name": "vn-justice-stats", "display_name": "x", "language": "python"}
        }
    )
    nb.cells = [nbformat.v4.new_markdown_cell("# Hỏng"), nbformat.v4.new_code_cell("1 / 0")]
    broken = tmp_path / "broken.ipynb"
    nbformat.write(nb, broken)
    result = CliRunner().invoke(main, ["report", str(broken), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert result.output.strip().splitlines()[-1] == (
        "error: broken.ipynb: a cell failed: ZeroDivisionError: division by zero"
    )
    assert not (tmp_path / "out").exists(), "nothing is written when a notebook fails"
