"""Merging extracted candidates never changes what a person reviewed, and is atomic and idempotent."""

from __future__ import annotations

import os

import pytest
from conftest import read_rows

from analysis.errors import DataError
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
    )
    return {**base, **over}


def test_new_candidates_are_appended_and_reviewed_rows_kept_byte_for_byte(data_copy):
    path = data_copy / "records" / "records.csv"
    before = path.read_bytes()
    corrected = read_rows(path)[0]
    result = merge_candidates(
        data_copy / "records",
        [
            candidate(),  # new id
            candidate(
                record_id=corrected["record_id"], value=99
            ),  # same figure: reviewer's row wins
        ],
    )
    assert (result.added, result.skipped) == (1, 1)
    after = path.read_bytes()
    assert after.startswith(before), "existing bytes must be unchanged"
    added = after[len(before) :].decode()
    assert added == (
        "rnew000000001,000_dad9108531b79d33,appraisal_drafts,62,exact,Lạng Sơn,2020,,"
        "thẩm định 62 văn bản quy phạm pháp luật,627,666,candidate,\n"
    )


def test_running_twice_adds_nothing_the_second_time(data_copy):
    target = data_copy / "records"
    assert merge_candidates(target, [candidate()]).added == 1
    once = (target / "records.csv").read_bytes()
    assert merge_candidates(target, [candidate()]).added == 0
    assert (target / "records.csv").read_bytes() == once


def test_new_file_gets_a_header(tmp_path):
    result = merge_candidates(tmp_path / "records", [candidate()])
    assert result.added == 1
    rows = read_rows(tmp_path / "records" / "records.csv")
    assert rows[0]["status"] == "candidate" and rows[0]["value"] == "62"


def test_crash_mid_write_leaves_the_old_file(data_copy, monkeypatch):
    path = data_copy / "records" / "records.csv"
    before = path.read_bytes()

    def crash(*_):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError, match="disk full"):
        merge_candidates(path, [candidate()])
    assert path.read_bytes() == before
    left = sorted(p.name for p in path.parent.iterdir())
    assert left == [".records.csv.lock", "records.csv"], "temp file cleaned up"


def test_refuses_to_merge_into_a_file_of_other_columns(tmp_path):
    path = tmp_path / "records.csv"
    path.write_text("doc_id,value\nx,1\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"records.csv:1: no record_id column: refusing to merge"):
        merge_candidates(path, [candidate()])
