"""`python -m analysis` run by an interpreter without the project's packages says, in one line,
how to run it inside the environment, and exits non-zero without a traceback."""

from __future__ import annotations

import pathlib
import subprocess
import sys

import pytest

# An interpreter without site-packages: only a new process can be one.
pytestmark = pytest.mark.integration

ROOT = pathlib.Path(__file__).resolve().parents[1]


def test_outside_the_environment_prints_one_line_hint() -> None:
    # -S: no site-packages, the way the system Python sees the repository without a .venv.
    run = subprocess.run(
        [sys.executable, "-S", "-m", "analysis", "validate"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    lines = run.stderr.strip().splitlines()
    assert run.returncode == 2, f"exit {run.returncode}, stderr:\n{run.stderr}"
    assert "Traceback" not in run.stderr, run.stderr
    assert len(lines) == 1, f"expected a one-line hint, got {len(lines)} lines:\n{run.stderr}"
    assert ".venv/bin/python -m analysis validate" in lines[0] and "make venv" in lines[0], lines[0]
    assert "pandas" in lines[0], f"the hint should name what is missing: {lines[0]}"


def test_the_modules_it_looks_for_are_the_projects_own() -> None:
    """A module dropped from the lock but still looked for would send every user away."""
    from analysis.__main__ import NEEDED

    pinned = {
        line.split("==")[0].lower().replace("-", "_")
        for line in (ROOT / "requirements.lock").read_text().splitlines()
        if "==" in line
    }
    distributions = {"yaml": "pyyaml"}
    missing = [m for m in NEEDED if distributions.get(m, m) not in pinned]
    assert not missing, (
        f"analysis/__main__.py looks for modules not in requirements.lock: {missing}"
    )
