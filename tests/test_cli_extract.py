"""`python -m analysis extract`: end to end with the real extractor on real files.

Against the gold answer key, into the records store (twice), and over every kind of bad input.
"""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import GOLD

import analysis.extract.batch
from analysis.cli import main
from analysis.contract import STATUSES
from analysis.extract.batch import EXTRACT_COLUMNS
from analysis.extract.scoring import format_score, score_files
from analysis.paths import articles_dir, candidates_dir, records_dir
from analysis.records.load import load_records
from analysis.sources.articles import read_article

SEED = "000_dad9108531b79d33"
SEED_FIGURES = 9  # gold rows for SEED; the extractor finds all and only those (see seeds test)


def extract(*args: object) -> object:
    return CliRunner().invoke(main, ["extract", *map(str, args)])


def rows_of(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


@pytest.fixture(scope="module")
def seeds_csv(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("seeds") / "pred.csv"
    result = extract(articles_dir(), "-o", out)
    assert result.exit_code == 0, result.output
    return out


def test_seeds_match_gold_with_precision_and_recall_at_least_95(seeds_csv):
    score = score_files(seeds_csv, GOLD)
    assert score.precision >= 0.95 and score.recall >= 0.95, format_score(score)


def test_output_has_extract_columns_and_evidence_at_its_offsets(seeds_csv):
    text = seeds_csv.read_text("utf-8")
    assert text.splitlines()[0] == ",".join(EXTRACT_COLUMNS)
    rows = rows_of(text)
    bodies = {p.stem: read_article(p).text for p in articles_dir().glob("*.txt")}
    assert {r["doc_id"] for r in rows} <= set(bodies)
    for r in rows:
        start, end = int(r["start"]), int(r["end"])
        assert bodies[r["doc_id"]][start:end] == r["evidence"], r
        assert float(r["value"]) >= 0 and "," not in r["value"], r


def test_stdout_and_several_processes_give_the_same_bytes(seeds_csv):
    expected = seeds_csv.read_text("utf-8")
    for jobs in ("1", "2"):
        result = extract(articles_dir(), "--jobs", jobs)
        assert result.exit_code == 0, result.output
        assert result.stdout == expected, f"--jobs {jobs} output differs from -o output"
        n = len(rows_of(expected))
        assert result.stderr == f"extract: 5 files read, {n} figures found, 0 failed\n"


def test_into_candidates_adds_once_and_never_touches_the_records(data_copy):
    records = data_copy / "records" / "records.csv"
    lines = records.read_bytes().splitlines(keepends=True)
    before = b"".join(lines[:11])  # the header and 10 reviewed rows: the rest is found anew
    records.write_bytes(before)
    decided = {r["record_id"] for r in rows_of(before.decode())}
    found = rows_of(extract(articles_dir()).stdout)
    assert len(decided & {r["record_id"] for r in found}) == 10, "the 10 are found again"

    store = candidates_dir()
    first = extract(articles_dir(), "--into", store)
    assert first.exit_code == 0, first.output
    new = [r for r in found if r["record_id"] not in decided]
    assert first.stderr == (
        f"extract: 5 files read, {len(found)} figures found, {len(new)} added, "
        "0 already present, 10 already decided in records/, 0 failed\n"
    )
    after = (store / "candidates.csv").read_bytes()
    assert rows_of(after.decode()) == new, "no candidate for a figure decided in data/records/"
    assert records.read_bytes() == before, "extract wrote into a file people edit"

    second = extract(articles_dir(), "--into", store)
    assert second.exit_code == 0, second.output
    assert second.stderr == (
        f"extract: 5 files read, {len(found)} figures found, 0 added, "
        f"{len(new)} already present, 10 already decided in records/, 0 failed\n"
    )
    assert (store / "candidates.csv").read_bytes() == after

    loaded = load_records(STATUSES)
    pending = loaded[loaded["status"] == "candidate"]
    assert set(pending["record_id"]) == {r["record_id"] for r in found} - decided, (
        "a candidate people already decided in data/records/ must not come back"
    )
    assert len(loaded) == len(decided) + len(pending)


def test_into_the_records_is_refused(data_copy):
    before = (data_copy / "records" / "records.csv").read_bytes()
    result = extract(articles_dir() / f"{SEED}.txt", "--into", records_dir())
    assert result.exit_code == 1
    assert "which people write and no program replaces: nothing was written" in result.stderr
    assert result.stderr.rstrip().endswith("[people-only]"), result.stderr
    assert (data_copy / "records" / "records.csv").read_bytes() == before


def test_into_a_new_file_creates_the_store(undecided_copy):
    target = candidates_dir() / "new.csv"
    result = extract(articles_dir() / f"{SEED}.txt", "--into", target)
    assert result.exit_code == 0, result.output
    text = target.read_text("utf-8")
    assert text.splitlines()[0] == ",".join(EXTRACT_COLUMNS)
    assert len(rows_of(text)) == SEED_FIGURES


LONG_LINE_PREFIX = "Mở đầu\n"
# Each kind of bad file, with what follows its path in the error line.
BAD_INPUTS = {
    "not-utf8": (b"Tu phap \xc3( 2020\n", ": byte 8: not UTF-8: invalid byte 0xc3 [not-utf8]"),
    "empty": (b"", ": empty file: no text to read [empty-file]"),
    "blank": (b" \n\n\t\n", ": empty file: no text to read [empty-file]"),
    "only-front-matter": (
        b"---\ntitle: x\n---\n\n",
        ": no text after the front matter [empty-file]",
    ),
    "binary": (
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        ": byte 8: binary file: NUL byte, not UTF-8 text [not-text]",
    ),
    "front-matter-unclosed": (
        b"---\ntitle: x\nNam 2020 thu ly 12 vu viec\n",
        ":1: front matter opened with '---' on line 1 is never closed [front-matter]",
    ),
    "front-matter-not-yaml": (
        b"---\ntitle: [x\n---\nNam 2020\n",
        ":2: front matter is not valid YAML: expected ',' or ']', but got '<stream end>' "
        "[front-matter]",
    ),
    "front-matter-bad-date": (
        b"---\npublished: 27/01/2021\n---\nNam 2020\n",
        ": front matter 'published' must be an ISO date (YYYY-MM-DD), got '27/01/2021' "
        "[front-matter]",
    ),
    "megabyte-line": (
        (LONG_LINE_PREFIX + "a" * 3_000_000 + "\n").encode(),
        f": byte {len(LONG_LINE_PREFIX.encode())}: a single line of 3,000,000 characters "
        "(limit 100,000): not an article [line-too-long]",
    ),
}


@pytest.mark.parametrize("kind", BAD_INPUTS)
def test_bad_file_is_one_line_and_the_others_are_still_extracted(tmp_path, kind):
    content, message = BAD_INPUTS[kind]
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(articles_dir() / f"{SEED}.txt", folder)
    bad = folder / f"{kind}.md"
    bad.write_bytes(content)
    result = extract(folder)
    assert result.exit_code == 1, result.output
    assert result.stderr.splitlines() == [
        f"error: {bad}{message}",
        f"extract: 1 files read, {SEED_FIGURES} figures found, 1 failed",
    ]
    assert {r["doc_id"] for r in rows_of(result.stdout)} == {SEED}
    assert len(rows_of(result.stdout)) == SEED_FIGURES


def test_a_failing_extractor_is_reported_without_traceback(tmp_path, monkeypatch):
    def broken(article):
        raise ValueError(f"cannot handle {article.doc_id}\nsecond line")

    monkeypatch.setattr(analysis.extract.batch, "_default_extractor", broken)
    path = shutil.copy(articles_dir() / f"{SEED}.txt", tmp_path)
    result = extract(path)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"error: {path}: extractor failed: ValueError: cannot handle {SEED} [extract-failed]",
        "extract: 0 files read, 0 figures found, 1 failed",
    ]
    assert result.stdout == ",".join(EXTRACT_COLUMNS) + "\n"


def test_output_file_is_replaced_only_when_complete(tmp_path, monkeypatch):
    out = tmp_path / "out.csv"
    out.write_text("earlier output\n", "utf-8")

    def interrupted(*args, **kwargs):
        yield analysis.extract.batch.extract_file(articles_dir() / f"{SEED}.txt")
        raise KeyboardInterrupt

    monkeypatch.setattr("analysis.extract.run.extract_files", interrupted)
    result = extract(articles_dir(), "-o", out)
    assert result.exit_code != 0
    assert out.read_text("utf-8") == "earlier output\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.csv"], "temp file left behind"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["no/such/file.txt"], "Path 'no/such/file.txt' does not exist."),
        ([], "Missing argument 'PATHS...'."),
        (["data", "-o", "x.csv", "--into", "data/records"], "give either -o/--output or --into"),
        (["data", "--jobs", "0"], "0 is not in the range x>=1."),
    ],
)
def test_usage_errors_exit_2(args, message):
    result = extract(*args)
    assert result.exit_code == 2
    assert message in result.stderr


def test_unwritable_output_is_one_line(tmp_path):
    out = tmp_path / "missing" / "out.csv"
    result = extract(articles_dir() / f"{SEED}.txt", "-o", out)
    assert result.exit_code == 1
    assert result.stderr == f"error: {out}: cannot write: No such file or directory\n"


def test_two_files_with_one_name_fail_the_second(tmp_path):
    for sub in ("a", "b"):
        (tmp_path / sub).mkdir()
        shutil.copy(articles_dir() / f"{SEED}.txt", tmp_path / sub)
    first, second = tmp_path / "a" / f"{SEED}.txt", tmp_path / "b" / f"{SEED}.txt"
    result = extract(tmp_path / "a", tmp_path / "b")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"error: {second}: doc_id '{SEED}' is already the id of {first}: file names must be "
        "unique [same-doc-id]",
        f"extract: 1 files read, {SEED_FIGURES} figures found, 1 failed",
    ]
    assert len(rows_of(result.stdout)) == SEED_FIGURES


def test_a_file_named_twice_is_read_once(seeds_csv):
    result = extract(articles_dir(), articles_dir() / f"{SEED}.txt")
    assert result.exit_code == 0, result.output
    assert result.stdout == seeds_csv.read_text("utf-8")
