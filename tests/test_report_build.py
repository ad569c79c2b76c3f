"""The report build: every notebook executed in a fresh kernel and rendered to an A4 PDF whose
text carries the notebook's headline figures; the same data gives the same bytes."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import nbformat
import pytest
from pypdf import PdfReader

from analysis.paths import PROJECT_ROOT
from analysis.records.load import data_version
from analysis.report.build import (
    build_reports,
    data_date,
    notebook_paths,
    notebook_title,
    output_problems,
)

A4_POINTS = (595, 842)
HEADLINES = {
    "00_data_overview": ["Tổng quan dữ liệu", "29 trên 85 ô", "3 trên 63 tỉnh", "81,28"],
    "01_dissemination_reach": ["≥ 24.000.000", "≥ 400.000", "≥ 511", "96.208.984", "≈ 80,0"],
    "02_appraisal_volumes": ["1.528", "≥ 170", "Không nêu cấp", "Dự thảo VBQPPL được thẩm định"],
    "03_mediation_rates": ["Hòa giải ở cơ sở", "1.259", "1.549", "81,28 %", "81,2 %", "62,13 %"],
}


def _text(pdf: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(pdf).pages)


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("reports")
    build_reports(out_dir=out)
    return out


def test_build_writes_one_pdf_per_notebook_and_a_combined_report(built: Path):
    names = sorted(p.name for p in built.glob("*.pdf"))
    expected = sorted([f"{p.stem}.pdf" for p in notebook_paths()] + ["report.pdf"])
    assert names == expected
    assert sorted(p.name for p in built.glob("*.ipynb")) == [p.name for p in notebook_paths()]


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
    text = first.extract_text()
    assert f"Dữ liệu {data_version()} · ngày dữ liệu 10/07/2024" in text
    assert f"Trang 1 / {len(reader.pages)}" in text


def test_combined_report_holds_every_notebook(built: Path):
    text = _text(built / "report.pdf")
    for stem, figures in HEADLINES.items():
        assert figures[0] in text, f"report.pdf lacks the part from {stem}"


def test_charts_are_kept_as_images(built: Path):
    reader = PdfReader(built / "03_mediation_rates.pdf")
    assert sum(len(page.images) for page in reader.pages) == 1


def test_two_builds_give_the_same_bytes(tmp_path: Path):
    notebook = [PROJECT_ROOT / "notebooks" / "00_data_overview.ipynb"]
    first = build_reports(notebook, tmp_path / "a", combined=False)
    second = build_reports(notebook, tmp_path / "b", combined=False)
    for a, b in zip(first.pdfs + first.notebooks, second.pdfs + second.notebooks, strict=True):
        assert _sha(a) == _sha(b), f"{a.name} differs between two builds of the same data"


def test_build_date_comes_from_the_articles():
    assert data_date() == dt.date(2024, 7, 10)


def test_output_checks_refuse_stderr_and_absolute_paths():
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("x")
    cell.outputs = [
        nbformat.v4.new_output("stream", name="stderr", text="FutureWarning: soon\n"),
        nbformat.v4.new_output("stream", name="stdout", text=f"read {PROJECT_ROOT}/data\n"),
    ]
    nb.cells = [nbformat.v4.new_markdown_cell("# Tiêu đề"), cell]
    rules = [(p.rule, p.message) for p in output_problems(nb, "x.ipynb")]
    assert rules == [
        ("stderr-output", "cell 2 writes to stderr: ['FutureWarning: soon']"),
        ("absolute-path", "cell 2 shows an absolute path"),
    ]
    assert notebook_title(nb, "x") == "Tiêu đề"


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
