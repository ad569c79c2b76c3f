"""nbval guards the stored notebook outputs: change one reviewed figure and the cells that show
it fail while every other cell of the notebook passes. The stored outputs are recorded on the
live data, so this runs pytest --nbval as a subprocess on a copy of `data/` (VN_JUSTICE_DATA_DIR),
never on the unit tests' fixture data. One run shows both sides: the cells that do not show the
figure pass on the copy (as `make test`'s nbval of every notebook shows on the live data)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from conftest import read_rows, write_rows

from analysis.paths import DATA_DIR_ENV, PROJECT_ROOT

NOTEBOOK = "notebooks/03_mediation_rates.ipynb"
SANITIZE = "notebooks/sanitize.cfg"

pytestmark = pytest.mark.integration  # nbval in a pytest of its own, with a Jupyter kernel


def _nbval(data: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, DATA_DIR_ENV: str(data)}
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-p",
            "no:cacheprovider",
            "-q",
            "-rf",
            "--nbval",
            "--nbval-current-env",
            "--nbval-sanitize-with",
            SANITIZE,
            NOTEBOOK,
        ],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture
def live_copy(tmp_path: Path) -> Path:
    """A copy of the project's live data, the data the stored notebooks were recorded on."""
    return Path(shutil.copytree(PROJECT_ROOT / "data", tmp_path / "data"))


def code_cells() -> list[nbformat.NotebookNode]:
    """The notebook's code cells as stored, in the order nbval numbers them (Cell 0, 1, …)."""
    cells = nbformat.read(PROJECT_ROOT / NOTEBOOK, as_version=4).cells
    return [c for c in cells if c.cell_type == "code"]


def shown(cell: nbformat.NotebookNode) -> str:
    """The text a cell's stored outputs show (streams, plain text, HTML, Markdown)."""
    parts = [o.get("text", "") for o in cell.outputs]
    parts += [
        v for o in cell.outputs for k, v in o.get("data", {}).items() if k.startswith("text/")
    ]
    return "".join("".join(p) if isinstance(p, list) else p for p in parts)


def test_nbval_fails_where_a_changed_figure_shows_and_passes_elsewhere(live_copy: Path):
    records = live_copy / "records" / "records.csv"
    rows = read_rows(records)
    target = [
        r for r in rows if r["indicator"] == "mediation_successful" and r["period"] == "2024-H1"
    ]
    assert len(target) == 1 and target[0]["value"] == "1259" and target[0]["status"] == "reviewed"
    target[0]["value"] = "1300"
    write_rows(records, rows)
    cells = code_cells()
    showing = {i for i, c in enumerate(cells) if "1.259" in shown(c)}
    assert showing, f"no stored output of {NOTEBOOK} shows 1.259"

    run = _nbval(live_copy)
    assert run.returncode == 1, f"nbval should fail after 1259 → 1300:\n{run.stdout[-3000:]}"
    failed = {int(n) for n in re.findall(r"^FAILED \S+::Cell (\d+)", run.stdout, re.M)}
    assert failed == showing, f"cells {sorted(failed)} failed, {sorted(showing)} show the figure"
    assert f"{len(cells) - len(showing)} passed" in run.stdout, (
        f"every cell not showing the figure should pass on the copy:\n{run.stdout[-3000:]}"
    )
    assert "1.300" in run.stdout, "the failure should show the new figure as the notebook prints it"
    assert "1.259" in run.stdout, "and the stored one it no longer matches"
