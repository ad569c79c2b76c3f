"""The `integration` marker tells the truth: a test without it cannot start an interpreter (the
guard in conftest.py), so `make test-unit` runs only tests that stay in their own process."""

from __future__ import annotations

import subprocess
import sys

import pytest


def test_an_unmarked_test_cannot_start_an_interpreter():
    with pytest.raises(AssertionError, match="is not marked integration"):
        subprocess.run([sys.executable, "-c", "pass"], check=False)


@pytest.mark.integration
def test_a_marked_test_can():
    assert subprocess.run([sys.executable, "-c", "pass"], check=False).returncode == 0
