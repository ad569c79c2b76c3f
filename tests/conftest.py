"""Shared fixtures: a private copy of the project's data, and the reviewed answer key."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from analysis.paths import DATA_DIR_ENV, PROJECT_ROOT

SHARED = PROJECT_ROOT.parent / "shared"
GOLD = SHARED / "gold" / "seeds.csv"


@pytest.fixture
def data_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of data/ in a temporary folder, made the data folder in force for the test."""
    target = tmp_path / "data"
    shutil.copytree(PROJECT_ROOT / "data", target)
    monkeypatch.setenv(DATA_DIR_ENV, str(target))
    return target


@pytest.fixture
def gold_rows() -> list[dict[str, str]]:
    """The reviewed answer key for the seed articles, from ../shared."""
    if not GOLD.is_file():
        pytest.fail(f"the answer key {GOLD} is missing: the project expects shared/ beside it")
    with GOLD.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def placed(text: str, meta: dict | None = None) -> list[tuple]:
    """What the extractor finds in a text, as (indicator, value, jurisdiction, period) tuples."""
    from analysis.extract import extract_text

    return [
        (r["indicator"], r["value"], r["jurisdiction"], r["period"])
        for r in extract_text(text, "t", meta)
    ]


def read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def write_rows(path: Path, rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


@pytest.fixture(autouse=True)
def _private_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """Tests never write into the project's .cache/ (and share one cache among themselves)."""
    from analysis.records.cache import CACHE_DIR_ENV

    monkeypatch.setenv(CACHE_DIR_ENV, str(tmp_path_factory.getbasetemp() / "cache"))
