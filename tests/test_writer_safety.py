"""No row is ever lost by the writers: one at a time, only onto a file that parses to its last
byte, and never under a doc_id another article already holds. Real subprocesses race here (the
tests marked integration); the rest run the command in this process."""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import copy_fixture_data, run_cli

from analysis.cli import main
from analysis.errors import DataError
from analysis.extract.batch import EXTRACT_COLUMNS
from analysis.extract.run import merge_into_store
from analysis.fileio import LOCK_TIMEOUT_ENV, locked
from analysis.paths import DATA_DIR_ENV, PROJECT_ROOT, articles_dir
from analysis.records.store import merge_candidates

SEEDS = sorted(articles_dir().glob("*.txt"))


def rows_of(path: Path) -> list[dict[str, str]]:
    return rows_of_text(path.read_text("utf-8"))


def rows_of_text(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def extract_cmd(*args: object) -> list[str]:
    return [sys.executable, "-m", "analysis", "extract", *map(str, args)]


def renamed_copies(folder: Path, prefix: str, rounds: int) -> Path:
    """Copies of the seeds under new names: each copy's figures get their own record ids."""
    folder.mkdir(parents=True)
    for r in range(rounds):
        for seed in SEEDS:
            shutil.copy(seed, folder / f"{prefix}{r:02d}_{seed.name}")
    return folder


@pytest.mark.integration  # two writers in two processes, racing for the same file
def test_two_concurrent_extract_into_keep_every_row_of_both(tmp_path):
    data = copy_fixture_data(tmp_path / "data")  # the copies are stored articles (subfolders)
    a = renamed_copies(data / "articles" / "a", "a", 6)
    b = renamed_copies(data / "articles" / "b", "b", 6)
    expected = set()
    for folder in (a, b):
        done = run_cli("extract", folder, data=data)  # what each run extracts, in this process
        assert done.exit_code == 0, done.stderr
        expected |= {r["record_id"] for r in rows_of_text(done.stdout)}
    store = data / "candidates" / "candidates.csv"
    env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT)}
    # Each file is merged as soon as it is extracted, so the two runs write many times over.
    env[DATA_DIR_ENV] = str(data)
    env["VN_JUSTICE_MERGE_BATCH_ROWS"] = "1"
    runs = [
        subprocess.Popen(extract_cmd(f, "--into", store), env=env, stderr=subprocess.PIPE)
        for f in (a, b)
    ]
    errors = [p.communicate(timeout=300)[1].decode() for p in runs]
    assert [p.returncode for p in runs] == [0, 0], errors
    stored = [r["record_id"] for r in rows_of(store)]
    assert len(stored) == len(set(stored)), "a row was written twice"
    missing = expected - set(stored)
    assert not missing, f"{len(missing)} of {len(expected)} rows lost by concurrent writers"


@pytest.mark.integration  # the lock is held here while another process waits for it
def test_a_writer_waits_for_the_lock_then_writes(undecided_copy):
    store = undecided_copy / "candidates" / "candidates.csv"
    env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT)}
    with locked(store):
        run = subprocess.Popen(
            extract_cmd(SEEDS[0], "--into", store), env=env, stderr=subprocess.PIPE
        )
        time.sleep(3)
        assert run.poll() is None, "the second writer did not wait for the lock"
        assert not store.exists()
    _, err = run.communicate(timeout=120)
    assert run.returncode == 0, err.decode()
    assert len(rows_of(store)) > 0


def test_a_writer_that_waits_too_long_fails_with_a_message(data_copy, monkeypatch):
    store = data_copy / "candidates" / "candidates.csv"
    store.parent.mkdir()
    store.write_text(",".join(EXTRACT_COLUMNS) + "\n", "utf-8")
    before = store.read_bytes()
    monkeypatch.setenv(LOCK_TIMEOUT_ENV, "0.3")
    with locked(store):  # flock: a second open of the lock file waits, in this process too
        run = run_cli("extract", SEEDS[0], "--into", store)
    assert run.exit_code == 1
    assert run.stderr.splitlines()[0] == (
        f"error: {store}: another program is writing this file (lock .candidates.csv.lock held "
        "for over 0.3 s): nothing was written, run again when it has finished [locked]"
    )
    assert isinstance(run.exception, SystemExit), f"a traceback, not a message: {run.exception!r}"
    assert store.read_bytes() == before


# Rows of as many fields as the header (the columns after the contract's are left empty).
_REST = "," * (len(EXTRACT_COLUMNS) - 9)
STRAY_QUOTE_ROWS = {
    "last-cell": f'rbad00000001,x,appraisal_drafts,5,exact,Lạng Sơn,2020,,ev{_REST[:-1]},"oops\n',
    "middle-cell": f'rbad00000001,x,appraisal_drafts,5,exact,Lạng Sơn,2020,,"ev{_REST}\n',
}


@pytest.mark.parametrize("where", STRAY_QUOTE_ROWS)
def test_a_stray_quote_is_refused_with_file_and_line_and_the_file_is_untouched(data_copy, where):
    store = data_copy / "candidates" / "candidates.csv"
    store.parent.mkdir()
    good = f"rgood0000001,y,appraisal_drafts,5,exact,Lạng Sơn,2020,,ev{_REST}\n"
    store.write_text(",".join(EXTRACT_COLUMNS) + "\n" + good + STRAY_QUOTE_ROWS[where], "utf-8")
    before = store.read_bytes()
    result = CliRunner().invoke(main, ["extract", str(SEEDS[0]), "--into", str(store)])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"error: {store}:3: a quote opened in this row is never closed: every later row would "
        "be one cell; fix the row first [unclosed-quote]"
    ]
    assert store.read_bytes() == before, "the broken file was changed"


def test_validate_names_the_stray_quote_too(data_copy):
    path = data_copy / "records" / "records.csv"
    path.write_bytes(path.read_bytes()[:-1] + b'"\n')  # the last row's note opens a quote
    lines = path.read_text("utf-8").count("\n")
    result = CliRunner().invoke(main, ["validate"])
    assert result.exit_code == 1
    assert (
        f"{path}:{lines}: a quote opened in this row is never closed: every later row would be "
        "one cell [unclosed-quote]"
    ) in result.output


def test_a_reused_file_name_is_refused_not_already_present(data_copy, tmp_path):
    store = data_copy / "candidates" / "candidates.csv"
    first = CliRunner().invoke(main, ["extract", str(SEEDS[0]), "--into", str(store)])
    assert first.exit_code == 0, first.output
    before = store.read_bytes()
    other = tmp_path / "later" / SEEDS[1].name.replace(SEEDS[1].stem, SEEDS[0].stem)
    other.parent.mkdir()
    shutil.copy(SEEDS[1], other)  # another article under the first one's name
    result = CliRunner().invoke(main, ["extract", str(other), "--into", str(store)])
    assert result.exit_code == 1
    assert f"error: {other}: source '{SEEDS[0].stem}' differs from the stored" in result.stderr
    assert "[unstored-source]" in result.stderr
    assert store.read_bytes() == before


def test_the_store_refuses_a_taken_doc_id_even_past_the_source_check(tmp_path):
    """The store's own guard, for rows that reach it without `extract`'s source check."""
    store = tmp_path / "candidates.csv"
    report = []
    merge_into_store([SEEDS[0]], store, report=report.append)
    before = store.read_bytes()
    other = tmp_path / "later" / SEEDS[1].name.replace(SEEDS[1].stem, SEEDS[0].stem)
    other.parent.mkdir()
    shutil.copy(SEEDS[1], other)
    summary = merge_into_store([other], store, report=report.append)
    assert [str(p) for p in report] == [
        f"{other}: doc_id '{SEEDS[0].stem}' is already used in {store}:2 by another "
        f"article (its evidence is not this file's text at 627-666): give the file a new name; "
        "none of its figures were added [doc-id-taken]"
    ]
    assert (summary.added, summary.files_failed) == (0, 1)
    assert store.read_bytes() == before


def test_the_same_article_again_is_already_present(undecided_copy, tmp_path):
    store = undecided_copy / "candidates" / "candidates.csv"
    CliRunner().invoke(main, ["extract", str(SEEDS[0]), "--into", str(store)])
    copy = tmp_path / "elsewhere" / SEEDS[0].name
    copy.parent.mkdir()
    shutil.copy(SEEDS[0], copy)  # the same article, from another folder: nothing new
    result = CliRunner().invoke(main, ["extract", str(copy), "--into", str(store)])
    assert result.exit_code == 0, result.output
    assert "0 added, 9 already present, 0 failed" in result.stderr


def test_merge_refuses_a_broken_file_before_writing(tmp_path):
    store = tmp_path / "candidates.csv"
    store.write_text(",".join(EXTRACT_COLUMNS) + "\n" + "a,b\n", "utf-8")
    header = len(EXTRACT_COLUMNS)
    with pytest.raises(
        DataError, match=rf"candidates.csv:2: 2 fields where the header has {header}"
    ):
        merge_candidates(store, [])


def test_a_doc_id_taken_in_another_candidates_file_of_the_folder_is_refused(tmp_path):
    folder = tmp_path / "candidates"
    report = []
    merge_into_store([SEEDS[0]], folder / "a.csv", report=report.append)
    other = tmp_path / "later" / f"{SEEDS[0].stem}.md"
    other.parent.mkdir()
    shutil.copy(SEEDS[1], other)
    merge_into_store([other], folder / "b.csv", report=report.append)
    assert any(
        f"is already used in {folder / 'a.csv'}:2 by another article" in str(p) for p in report
    ), report
    assert not (folder / "b.csv").exists() or len(rows_of(folder / "b.csv")) == 0
