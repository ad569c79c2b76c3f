"""Killing the kernel in the middle of a review session loses no decision already made.

A separate Python process (as a kernel is) runs a review session and decides one candidate
after another, saying each record id once `decide` has returned; it is killed with SIGKILL
(no clean-up of any kind) after a few. Every decision it announced must be in the reviewer's
file, the file must parse to its last byte, the records must load, and a new session must go
on from the next candidate.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest
from conftest import copy_fixture_data, read_rows
from review_data import with_samples

from analysis.paths import DATA_DIR_ENV, PROJECT_ROOT

SESSION = """
import sys, time
from analysis.review.session import ReviewSession

session = ReviewSession("lan")
while session.item() is not None:
    item = session.item()
    if session.progress()["decided_now"] % 2:
        session.decide(item["record_id"], "reviewed", {"qualifier": "approx"}, "about")
    else:
        session.decide(item["record_id"], "reviewed")
    print(item["record_id"], flush=True)
    time.sleep(0.05)
"""
KILL_AFTER = 5

pytestmark = pytest.mark.integration  # a process killed with SIGKILL: it cannot be this one


def test_a_killed_session_loses_no_decision(tmp_path, monkeypatch):
    data = copy_fixture_data(tmp_path / "data")
    monkeypatch.setenv(DATA_DIR_ENV, str(data))
    with_samples(data)
    total = len(read_rows(data / "candidates" / "candidates.csv"))
    child = subprocess.Popen(
        [sys.executable, "-c", SESSION],
        cwd=PROJECT_ROOT,
        env={**os.environ, DATA_DIR_ENV: str(data)},
        stdout=subprocess.PIPE,
        text=True,
    )
    announced = []
    deadline = time.monotonic() + 120
    while len(announced) < KILL_AFTER and time.monotonic() < deadline:
        line = child.stdout.readline()
        if not line:
            break
        announced.append(line.strip())
    child.send_signal(signal.SIGKILL)
    child.wait(30)
    assert child.returncode == -signal.SIGKILL, "the session ended before it was killed"
    assert len(announced) == KILL_AFTER, announced

    file = data / "reviews" / "lan.csv"
    rows = read_rows(file)  # parses whole: no half-written line
    written = [r["record_id"] for r in rows]
    assert written[: len(announced)] == announced, "a decision announced is not in the file"
    assert all(r["reviewer"] == "lan" and r["reviewed_at"] for r in rows)
    assert file.read_bytes().endswith(b"\n")

    from analysis.records.load import load_records
    from analysis.review.session import ReviewSession

    reviewed = set(load_records()["record_id"].astype(str))
    assert set(written) <= reviewed
    again = ReviewSession("lan")
    assert again.progress()["left"] == total - len(written)
    assert again.item()["record_id"] not in written
