"""Merging extracted candidates keeps what is stored, is atomic and idempotent, and never touches
a file people edit."""

from __future__ import annotations

import os

import pytest
from conftest import read_rows

from analysis.errors import DataError
from analysis.extract.batch import EXTRACT_COLUMNS
from analysis.records.store import merge_candidates


def candidate(**over):
    base = dict(
        record_id="rnew000000001",
        doc_id="000_dad9108531b79d33",
        indicator="appraisal_drafts",
        value=62.0,
        qualifier="exact",
        jurisdiction="Lạng Sơn",
        period="2020",
        level="",
        evidence="thẩm định 62 văn bản quy phạm pháp luật",
        start=627,
        end=666,
        cue="extract_cues.csv:2",
        place_from="article",
        period_from="published",
    )
    return {**base, **over}


def test_new_candidates_are_appended_and_stored_rows_kept_byte_for_byte(tmp_path):
    target = tmp_path / "candidates"
    merge_candidates(target, [candidate(record_id="rold000000001", value=61)])
    path = target / "candidates.csv"
    before = path.read_bytes()
    result = merge_candidates(
        target,
        [candidate(), candidate(record_id="rold000000001", value=99)],  # new id; a stored one
    )
    assert (result.added, result.skipped) == (1, 1)
    after = path.read_bytes()
    assert after.startswith(before), "existing bytes must be unchanged"
    added = after[len(before) :].decode()
    assert added == (
        "rnew000000001,000_dad9108531b79d33,appraisal_drafts,62,exact,Lạng Sơn,2020,,"
        "thẩm định 62 văn bản quy phạm pháp luật,,,,627,666,"
        "extract_cues.csv:2,article,published,\n"
    )


def test_running_twice_adds_nothing_the_second_time(data_copy):
    target = data_copy / "candidates"
    assert merge_candidates(target, [candidate()]).added == 1
    once = (target / "candidates.csv").read_bytes()
    assert merge_candidates(target, [candidate()]).added == 0
    assert (target / "candidates.csv").read_bytes() == once


def test_new_file_gets_the_extractors_header(tmp_path):
    result = merge_candidates(tmp_path / "candidates", [candidate()])
    assert result.added == 1
    path = tmp_path / "candidates" / "candidates.csv"
    assert path.read_text("utf-8").splitlines()[0] == ",".join(EXTRACT_COLUMNS)
    assert read_rows(path)[0]["value"] == "62"


@pytest.mark.parametrize("folder", ["records", "reviews"])
def test_refuses_to_write_where_people_decide(data_copy, folder):
    (data_copy / folder).mkdir(exist_ok=True)
    before = {p: p.read_bytes() for p in (data_copy / folder).iterdir()}
    for target in (data_copy / folder, data_copy / folder / "new.csv"):
        with pytest.raises(DataError, match=r"is a file people edit .*into data/candidates/"):
            merge_candidates(target, [candidate()])
    assert {p: p.read_bytes() for p in (data_copy / folder).iterdir()} == before


def test_refuses_a_records_file_anywhere(data_copy, tmp_path):
    path = tmp_path / "records.csv"
    path.write_bytes((data_copy / "records" / "records.csv").read_bytes())
    with pytest.raises(
        DataError, match=r"records.csv: is a file people edit \(records or reviews\)"
    ):
        merge_candidates(path, [candidate()])


def test_crash_mid_write_leaves_the_old_file(tmp_path, monkeypatch):
    path = tmp_path / "candidates.csv"
    merge_candidates(path, [candidate(record_id="rold000000001")])
    before = path.read_bytes()

    def crash(*_):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError, match="disk full"):
        merge_candidates(path, [candidate()])
    assert path.read_bytes() == before
    left = sorted(p.name for p in path.parent.iterdir())
    assert left == [".candidates.csv.lock", "candidates.csv"], "temp file cleaned up"


def test_refuses_to_merge_into_a_file_of_other_columns(tmp_path):
    path = tmp_path / "records.csv"
    path.write_text("doc_id,value\nx,1\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"records.csv:1: no record_id column: refusing to merge"):
        merge_candidates(path, [candidate()])
