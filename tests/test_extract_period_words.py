"""Every row of extract_periods.csv carries an example sentence (written for the project) and
the period its figure must get (`expect`), read at the page date `published` (none: undated);
one test runs every row; a bad row is named by its file and line."""

from __future__ import annotations

import csv
import datetime as dt

import pytest

from analysis.errors import DataError
from analysis.extract import extract_text
from analysis.extract.period import PERIODS_FILE, read_period_words
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


def test_a_bad_period_row_is_named_by_its_file_and_line(tmp_path) -> None:
    path = tmp_path / PERIODS_FILE
    rows = (reference_dir() / PERIODS_FILE).read_text(encoding="utf-8").splitlines()
    rows += ["span_afterr,qua,,Trong 5 năm qua thì 1 vụ việc.,,2024", "generic,mọi,,,,2023"]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    with pytest.raises(DataError) as error:
        read_period_words(path)
    text = str(error.value)
    assert f"{path}:{len(rows) - 1}" in text and "unknown list 'span_afterr'" in text, text
    assert f"{path}:{len(rows)}" in text and "needs a word and an example" in text, text
