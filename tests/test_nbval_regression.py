"""nbval guards the stored notebook outputs: change one reviewed figure and the notebook that
shows it fails; leave the data alone and it passes. Runs pytest --nbval as a subprocess on a
copy of the live data (VN_JUSTICE_DATA_DIR): the stored outputs follow the live data, so this is
the one test that reads it (it never writes there)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import read_rows, write_rows

from analysis.paths import DATA_DIR_ENV, PROJECT_ROOT

NOTEBOOK = "notebooks/03_mediation_rates.ipynb"
SANITIZE = "notebooks/sanitize.cfg"


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
    """A copy of the project's data/, whose figures the notebooks' stored outputs show."""
    return Path(shutil.copytree(PROJECT_ROOT / "data", tmp_path / "data"))


def test_nbval_passes_on_unchanged_data(live_copy: Path):
    run = _nbval(live_copy)
    assert run.returncode == 0, (
        f"nbval failed on an unchanged copy of the data:\n{run.stdout[-3000:]}"
    )


def test_nbval_fails_when_a_reviewed_figure_changes(live_copy: Path):
    records = live_copy / "records" / "records.csv"
    rows = read_rows(records)
    target = [
        r for r in rows if r["indicator"] == "mediation_successful" and r["period"] == "2024-H1"
    ]
    assert len(target) == 1 and target[0]["value"] == "1259" and target[0]["status"] == "reviewed"
    target[0]["value"] = "1300"
    write_rows(records, rows)

    run = _nbval(live_copy)
    assert run.returncode == 1, f"nbval should fail after 1259 → 1300:\n{run.stdout[-3000:]}"
    assert "1.300" in run.stdout, "the failure should show the new figure as the notebook prints it"
    assert "1.259" in run.stdout, "and the stored one it no longer matches"
