"""`python -m analysis validate`: a summary and exit 0 on good data, the messages and exit 1 on bad."""

from __future__ import annotations

import subprocess
import sys

from conftest import read_rows, write_rows

from analysis.paths import PROJECT_ROOT


def run_validate(env_data=None) -> subprocess.CompletedProcess:
    env = None
    if env_data is not None:
        import os

        env = {**os.environ, "VN_JUSTICE_DATA_DIR": str(env_data)}
    return subprocess.run(
        [sys.executable, "-m", "analysis", "validate"],
        capture_output=True,
        text=True,
        cwd=PROJECT_ROOT,
        env=env,
        check=False,
    )


def test_valid_data_summary(data_copy):
    done = run_validate(data_copy)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "  records reviewed: 35\n  records candidate: 0\n  records rejected: 2\n" in done.stdout
    assert "stated 81,2 % but 1259/1549 gives 81,28 %" in done.stdout
    assert done.stdout.rstrip().endswith("all data valid")


def test_bad_data_exits_1_with_every_message(data_copy):
    path = data_copy / "records" / "records.csv"
    rows = read_rows(path)
    rows[0]["indicator"] = "nope"
    rows[1]["period"] = "2020-13"
    write_rows(path, rows)
    done = run_validate(data_copy)
    assert done.returncode == 1
    assert "2 problems found:" in done.stdout
    assert f"{path}:2: record r63fb7d211b88: indicator 'nope' is not in the catalog" in done.stdout
    assert f"{path}:3: record r7bcabb11d3df: malformed period '2020-13'" in done.stdout
    assert "Traceback" not in done.stderr
