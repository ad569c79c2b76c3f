"""Running an extractor over many files: order, processes, bounded streaming, failures per file.

These test the plumbing with a tiny extractor that reports every number; the real extractor
is exercised end to end in test_cli_extract.py.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from analysis.contract import record_id, to_row
from analysis.extract.batch import (
    BATCH_FILES,
    EXTRACT_COLUMNS,
    TASKS_PER_WORKER,
    extract_file,
    extract_files,
)
from analysis.sources.articles import Article


def every_number(article: Article) -> list[dict]:
    """A stand-in extractor: each run of digits is a figure of indicator `number`."""
    return [
        {
            "record_id": record_id(article.doc_id, "number", m.start()),
            "doc_id": article.doc_id,
            "indicator": "number",
            "value": int(m.group()),
            "qualifier": "exact",
            "jurisdiction": "Hà Nội",
            "period": "2020",
            "level": "",
            "evidence": m.group(),
            "start": m.start(),
            "end": m.end(),
        }
        for m in re.finditer(r"\d+", article.text)
    ]


def broken(article: Article) -> list[dict]:
    raise KeyError("jurisdiction")


def corpus(tmp_path: Path, n: int) -> list[Path]:
    paths = []
    for i in range(n):
        path = tmp_path / f"doc{i:03d}.txt"
        path.write_text(f"Năm 2020 hòa giải thành {i} vụ việc, {i * 7} lượt người.\n", "utf-8")
        paths.append(path)
    return paths


def test_to_row_writes_contract_decimals_in_extract_columns():
    record = {c: "" for c in EXTRACT_COLUMNS} | {"value": 2164.0, "level": None, "start": 7}
    row = to_row(record, EXTRACT_COLUMNS)
    assert list(row) == list(EXTRACT_COLUMNS)
    assert (row["value"], row["level"], row["start"]) == ("2164", "", "7")
    assert to_row(record | {"value": 81.2}, EXTRACT_COLUMNS)["value"] == "81.2"


def test_one_file_gives_rows_in_text_order(tmp_path):
    [path] = corpus(tmp_path, 1)
    path.write_text("---\ntitle: t\n---\nthụ lý 490 vụ việc, 12 hồ sơ\n", "utf-8")
    result = extract_file(path, every_number)
    assert result.doc_id == "doc000" and not result.failed
    assert [(r["value"], r["start"], r["end"]) for r in result.rows] == [
        ("490", "7", "10"),
        ("12", "20", "22"),
    ], "offsets count in the body after the front matter"


@pytest.mark.parametrize("jobs", [2, 3])
def test_several_processes_give_the_same_rows_in_the_same_order(tmp_path, jobs):
    paths = corpus(tmp_path, 2 * jobs * TASKS_PER_WORKER * BATCH_FILES + 5)
    one = list(extract_files(paths, jobs=1, extractor=every_number))
    many = list(extract_files(paths, jobs=jobs, extractor=every_number))
    assert [r.doc_id for r in many] == [p.stem for p in paths]
    assert many == one


def test_a_bad_file_fails_alone_and_keeps_its_place(tmp_path):
    paths = corpus(tmp_path, 20)
    paths[7].write_bytes(b"Nam 2020: \xff\n")
    for jobs in (1, 2):
        results = list(extract_files(paths, jobs=jobs, extractor=every_number))
        assert [r.failed for r in results] == [i == 7 for i in range(20)], f"jobs={jobs}"
        assert [str(p) for p in results[7].problems] == [
            f"{paths[7]}: byte 10: not UTF-8: invalid byte 0xff [not-utf8]"
        ]
        assert sum(len(r.records) for r in results) == 19 * 3


def test_a_failing_extractor_is_reported_as_a_problem_of_that_file(tmp_path):
    [path] = corpus(tmp_path, 1)
    for result in (extract_file(path, broken), next(extract_files([path], 2, broken))):
        assert result.records == []
        assert [str(p) for p in result.problems] == [
            f"{path}: extractor failed: KeyError: 'jurisdiction' [extract-failed]"
        ]


@pytest.mark.parametrize("jobs", [1, 2])
def test_paths_are_pulled_as_results_are_taken_not_all_at_once(tmp_path, jobs):
    paths = corpus(tmp_path, 3)
    pulled = 0

    def many():  # long enough that reading it all ahead shows, short enough not to hang
        nonlocal pulled
        for _ in range(1000):
            pulled += 1
            yield paths[pulled % 3]

    results = extract_files(many(), jobs=jobs, extractor=every_number)
    first = next(results)
    results.close()
    assert first.doc_id == "doc001"
    limit = 1 if jobs == 1 else (jobs * TASKS_PER_WORKER + 1) * BATCH_FILES
    assert pulled <= limit, f"{pulled} paths pulled ahead for one result (limit {limit})"
