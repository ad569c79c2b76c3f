"""Every row of extract_periods.csv carries an example sentence (written for the project) and
the period its figure must get (`expect`), read at the page date `published` (none: undated);
one test runs every row. extract_laws.csv names the laws "N năm thi hành Luật X" counts from."""

from __future__ import annotations

import csv
import datetime as dt

import pytest

from analysis.extract import extract_text
from analysis.extract.period import PERIODS_FILE
from analysis.paths import reference_dir


def _rows() -> list[tuple[int, dict[str, str]]]:
    with (reference_dir() / PERIODS_FILE).open(encoding="utf-8", newline="") as fh:
        return list(enumerate(csv.DictReader(fh), start=2))


ROWS = _rows()


@pytest.mark.parametrize(("line", "row"), ROWS, ids=[f"line{line}" for line, _ in ROWS])
def test_every_period_row_gives_its_example_period(line: int, row: dict[str, str]) -> None:
    where = f"{PERIODS_FILE}:{line} ({row['list']} {row['word']!r})"
    assert row["example"].strip() and row["expect"].strip(), f"{where}: no example or expect"
    meta = {"published": dt.date.fromisoformat(row["published"])} if row["published"] else {}
    found = extract_text(row["example"], "t", meta)
    assert found, f"{where}: {row['example']!r} gave no figure"
    got = [r["period"] for r in found]
    assert got == [row["expect"]] * len(found), f"{where}: expected {row['expect']}, got {got}"
