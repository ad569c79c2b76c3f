"""The report build's checks that run no notebook: parameters injected into the profile, the
data's date, outputs refused for stderr or absolute paths, an unknown province refused with
close names (tests/test_report_build.py builds the reports)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import nbformat
import pytest

from analysis.paths import PROJECT_ROOT
from analysis.report.build import data_date, notebook_title, output_problems


def test_an_unknown_province_is_refused_with_close_names(tmp_path: Path):
    from click.testing import CliRunner

    from analysis.cli import main

    result = CliRunner().invoke(
        main, ["report", "--province", "Lang Son X", "--out", str(tmp_path)]
    )
    assert result.exit_code == 1
    assert "unknown province 'Lang Son X'" in result.output and "Lạng Sơn" in result.output


def test_parameters_are_injected_after_the_tagged_cell():
    from analysis.report.build import BuildError, inject_parameters, profile_path

    nb = nbformat.read(profile_path(), as_version=4)
    tagged = next(i for i, c in enumerate(nb.cells) if "parameters" in c.metadata.get("tags", []))
    inject_parameters(nb, {"province": "Hậu Giang"})
    assert nb.cells[tagged + 1].source == "province = 'Hậu Giang'"
    inject_parameters(nb, {"province": "Cà Mau"})
    assert [c.source for c in nb.cells].count("province = 'Cà Mau'") == 1
    assert "province = 'Hậu Giang'" not in [c.source for c in nb.cells], "one injected cell"
    with pytest.raises(BuildError, match="does not declare year"):
        inject_parameters(nb, {"year": 2020})


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
