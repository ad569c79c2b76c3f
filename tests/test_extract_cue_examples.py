"""Every row of extract_cues.csv carries an example and the figure it must give (`expect`:
`indicator=value`, or empty for a row that makes a number no figure); one test runs every row
and checks that the record names that row in its `cue` column."""

from __future__ import annotations

import csv

import pytest

from analysis.extract import extract_text
from analysis.extract.cues import CUES_FILE, WHOLE_OF
from analysis.paths import reference_dir
from analysis.reference import load_catalog

# The examples carry no period of their own: this opener gives them one.
OPENER = "Năm 2023, "


def _rows() -> list[tuple[int, dict[str, str]]]:
    with (reference_dir() / CUES_FILE).open(encoding="utf-8", newline="") as fh:
        return list(enumerate(csv.DictReader(fh), start=2))


ROWS = _rows()


@pytest.mark.parametrize(("line", "row"), ROWS, ids=[f"line{line}" for line, _ in ROWS])
def test_every_cue_row_gives_its_example_figure(line: int, row: dict[str, str]) -> None:
    where = f"{CUES_FILE}:{line}"
    assert row["example"].strip(), f"{where}: the row has no example"
    catalog = set(load_catalog()["code"])
    found = [r for r in extract_text(OPENER + row["example"], "t") if r["indicator"] in catalog]
    got = [(r["indicator"], r["value"], r["cue"]) for r in found]
    if not row["expect"]:
        assert found == [], f"{where}: {row['example']!r} should give no figure, gave {got}"
        return
    indicator, value = row["expect"].split("=")
    hits = [r for r in found if r["indicator"] == indicator and float(r["value"]) == float(value)]
    assert hits, f"{where}: {row['example']!r} should give {row['expect']}, gave {got}"
    if row["indicator"] != WHOLE_OF:  # a whole is named by its part's row
        assert where in [r["cue"] for r in hits], f"{where}: another row named it: {got}"
