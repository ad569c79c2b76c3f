"""Inputs of any shape: subfolders are read the same way by every command, special files are
skipped without being opened, sizes are bounded, and doc_ids never leave the articles folder."""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import run_cli

import analysis.records.evidence as evidence_module
import analysis.records.read as read_module
from analysis.cli import main
from analysis.errors import DataError
from analysis.records.load import load_records
from analysis.report.build import data_date
from analysis.validate import validate_all

LATEST = "001_1e33087bd0e7e6fd"  # the seed with the latest `published` date


def test_a_subfolder_is_read_by_every_command(data_copy):
    articles = data_copy / "articles"
    (articles / "2024" / "h1").mkdir(parents=True)
    shutil.move(articles / f"{LATEST}.txt", articles / "2024" / "h1" / f"{LATEST}.txt")
    (data_copy / "records" / "seeds").mkdir()
    shutil.move(data_copy / "records" / "records.csv", data_copy / "records" / "seeds")

    report = validate_all()
    assert report.ok, report.summary()
    assert report.counts["articles"] == 5 and report.counts["records reviewed"] == 35
    records = load_records()
    assert len(records) == 35 and LATEST in set(records["doc_id"].astype(str))
    extracted = CliRunner().invoke(main, ["extract", str(articles)])
    assert f",{LATEST}," in extracted.stdout and extracted.exit_code == 0, extracted.output
    assert str(data_date()) == "2024-07-10"  # the report's date comes from the nested article


@contextmanager
def fifo_watch(fifo: Path) -> Iterator[list[str]]:
    """While the block runs, a thread opens `fifo` for writing whenever a reader has it open
    (which is when a command would hang on it): that reader then reads an empty file and goes
    on, the test ends instead of hanging, and the list says that the FIFO was opened."""
    opened: list[str] = []
    done = threading.Event()

    def watch() -> None:
        while not done.wait(0.02):
            try:
                fd = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)  # ENXIO while nobody reads
            except OSError:
                continue
            opened.append(str(fifo))
            os.close(fd)

    thread = threading.Thread(target=watch, daemon=True)
    thread.start()
    try:
        yield opened
    finally:
        done.set()
        thread.join()


def test_a_fifo_never_hangs_a_command(data_copy, monkeypatch):
    monkeypatch.setenv("VN_JUSTICE_CACHE_DIR", "off")
    fifo = data_copy / "articles" / "pipe.txt"
    os.mkfifo(fifo)
    for args in (["validate"], ["extract", fifo], ["extract", data_copy / "articles"]):
        with fifo_watch(fifo) as opened:
            done = run_cli(*args)
        assert not opened, f"{args}: the FIFO was opened (the command would have hung there)"
        assert done.exit_code == 1, done.stdout + done.stderr
        assert f"{fifo}: a FIFO (named pipe), not a file: skipped [not-a-file]" in (
            done.stdout + done.stderr
        ), args


def test_a_doc_id_reaching_outside_is_refused_and_nothing_outside_is_read(data_copy, monkeypatch):
    outside = data_copy.parent / "x.txt"
    outside.write_text("thẩm định 62 văn bản quy phạm pháp luật\n", "utf-8")
    records = data_copy / "records" / "records.csv"
    lines = records.read_text("utf-8").splitlines()
    lines[1] = lines[1].replace("000_dad9108531b79d33", "../x").replace(",627,666,", ",0,39,")
    records.write_text("\n".join(lines) + "\n", "utf-8")
    opened = []
    real = evidence_module.read_article
    monkeypatch.setattr(evidence_module, "read_article", lambda p: opened.append(p) or real(p))
    with pytest.raises(DataError) as caught:
        load_records()
    assert [p.rule for p in caught.value.problems] == ["bad-doc-id"], caught.value
    assert all(data_copy / "articles" in p.parents for p in opened), opened


@pytest.mark.parametrize(
    ("value", "rule"),
    [
        ("300.000", "thousands-dot"),
        ("1.259", "thousands-dot"),
        ("2\u200b164", "invisible-char"),
        ("2\u00a0164", "invisible-char"),
        ("inf", "not-finite"),
        ("-Infinity", "not-finite"),
        ("NaN", "not-finite"),
        ("1e400", "not-finite"),
        ("１２", "not-a-number"),
        ("1_000", "not-a-number"),
    ],
)
def test_values_a_reader_would_misread_are_refused(data_copy, value, rule):
    records = data_copy / "records" / "records.csv"
    lines = records.read_text("utf-8").splitlines()
    lines[1] = lines[1].replace(",62,", f",{value},")
    records.write_text("\n".join(lines) + "\n", "utf-8")
    with pytest.raises(DataError) as caught:
        load_records()
    assert [(p.rule, p.line) for p in caught.value.problems] == [(rule, 2)], caught.value


MIXED_VALUES = [
    "62",
    "81.2",
    "-5",
    "+.5",
    "1e5",
    None,
    "300.000",
    "12.500",
    "1.5e3",
    "inf",
    "-nan",
    "1e400",
    "1_000",
    "2\u200b164",
]


@pytest.mark.parametrize("n", range(1, len(MIXED_VALUES) + 1))
def test_values_fast_path_agrees_with_the_cell_by_cell_check(n):
    """Arrow's conversion proves a plain column only where the regular expressions would: the
    same numbers and the same refusals, whichever cells a column holds."""
    import pyarrow as pa

    cells = pa.array(MIXED_VALUES[:n], pa.string())
    fast, fast_refused = read_module._values(cells)
    checked, checked_refused = read_module._values_checked(cells)
    assert fast.to_pylist() == checked.to_pylist(), MIXED_VALUES[:n]
    assert fast_refused == checked_refused, MIXED_VALUES[:n]
