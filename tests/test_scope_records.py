"""The records side of scope (issue 15): what a reviewed record must say (a place, a scope), what
a candidate may leave open (a place the extractor did not find), how reviews correct scope, and
how files written before scope are read: never as totals."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from conftest import read_rows, write_rows
from test_reviews import DOC, by_id, review, write_reviews

from analysis.contract import CANDIDATE_COLUMNS, PLACE_UNKNOWN, STATUSES
from analysis.errors import DataError
from analysis.records.load import load_records
from analysis.validate import validate_all


@pytest.fixture
def candidates(data_copy: Path) -> dict[str, dict[str, str]]:
    """One seed's reviewed records moved into data/candidates/, as the extractor writes them."""
    path = data_copy / "records" / "records.csv"
    rows = read_rows(path)
    write_rows(path, [r for r in rows if r["doc_id"] != DOC])
    moved = [r for r in rows if r["doc_id"] == DOC and r["status"] == "reviewed"]
    found = [{**{c: r[c] for c in CANDIDATE_COLUMNS}, "place_from": "sentence"} for r in moved]
    (data_copy / "candidates").mkdir()
    write_rows(data_copy / "candidates" / "candidates.csv", found)
    return {r["record_id"]: r for r in found}


def _problems() -> list[str]:
    with pytest.raises(DataError) as caught:
        load_records(STATUSES)
    return [str(p) for p in caught.value.problems]


def _unplaced(data: Path, rid: str) -> Path:
    """The candidate `rid` as the extractor writes a figure whose place it did not find."""
    path = data / "candidates" / "candidates.csv"
    rows = read_rows(path)
    for r in rows:
        r["place_from"] = ""
        if r["record_id"] == rid:
            r.update(jurisdiction="", place_from=PLACE_UNKNOWN)
    write_rows(path, rows)
    return path


def test_a_candidate_may_have_no_place_yet(data_copy, candidates):
    rid = next(iter(candidates))
    _unplaced(data_copy, rid)
    got = by_id(load_records(STATUSES)).loc[rid]
    assert got["status"] == "candidate" and pd.isna(got["jurisdiction"])
    assert got["place_from"] == PLACE_UNKNOWN
    report = validate_all()
    assert report.ok, report.summary()
    assert report.counts["candidates with no jurisdiction yet (place not found)"] == 1


def test_accepting_a_candidate_with_no_place_names_the_review_and_the_record(data_copy, candidates):
    rid = next(iter(candidates))
    path = _unplaced(data_copy, rid)
    reviews = write_reviews(data_copy, [review(rid)])
    line = 1 + [r["record_id"] for r in read_rows(path)].index(rid) + 1
    [problem] = _problems()
    assert problem.startswith(f"{path}:{line}: record {rid}: reviewed "), problem
    assert "has no jurisdiction" in problem and problem.endswith("[needs-jurisdiction]")
    assert f"accepted by the review at {reviews}:2" in problem
    assert "place_from 'unknown'" in problem, "the message says why the place is missing"
    summary = validate_all().summary()
    assert f"{path}:{line}" in summary and "needs-jurisdiction" in summary


def test_a_review_gives_the_place_and_the_record_loads(data_copy, candidates):
    rid = next(iter(candidates))
    _unplaced(data_copy, rid)
    write_reviews(data_copy, [review(rid, jurisdiction="Quảng Ninh", reason="the letterhead")])
    got = by_id(load_records()).loc[rid]
    assert got["jurisdiction"] == "Quảng Ninh" and got["corrected"] == "jurisdiction"
    assert pd.isna(got["extracted_jurisdiction"]), "the extractor found no place"


def test_a_review_corrects_scope_area_and_note(data_copy, candidates):
    total, part, area = list(candidates)[:3]
    write_reviews(
        data_copy,
        [
            review(total),
            review(part, scope="part", scope_note="Hội Luật gia", reason="the association's"),
            review(area, scope="area", area="huyện Đầm Hà", scope_note="-", reason="one district"),
        ],
    )
    got = by_id(load_records())
    assert got.loc[part, ["scope", "scope_note"]].tolist() == ["part", "Hội Luật gia"]
    assert got.loc[part, "corrected"] == "scope,scope_note"
    assert got.loc[area, "scope"] == "area" and got.loc[area, "area"] == "huyện Đầm Hà"
    assert pd.isna(got.loc[area, "scope_note"]), "'-' clears the note"
    assert got.loc[total, "extracted_scope"] == got.loc[total, "scope"]


def test_an_accepted_candidate_without_scope_must_get_one_in_its_review(data_copy, candidates):
    rid = next(iter(candidates))
    path = data_copy / "candidates" / "candidates.csv"
    write_rows(path, [{**r, "scope": "" if r["record_id"] == rid else r["scope"]}
                      for r in read_rows(path)])  # fmt: skip
    reviews = write_reviews(data_copy, [review(rid)])
    [problem] = _problems()
    assert "has no scope" in problem and problem.endswith("[needs-scope]")
    assert f"accepted by the review at {reviews}:2" in problem
    write_reviews(data_copy, [review(rid, scope="total", reason="the province's review")])
    assert by_id(load_records()).loc[rid, "scope"] == "total"


@pytest.mark.parametrize(
    ("change", "rule"),
    [
        ({"jurisdiction": ""}, "needs-jurisdiction"),
        ({"scope": ""}, "needs-scope"),
        ({"scope": "area"}, "area-unnamed"),
        ({"scope": "part"}, "part-unnamed"),
        ({"area": "huyện Cao Lộc"}, "area-outside-area-scope"),
        ({"scope": "whole"}, "bad-scope"),
    ],
)
def test_a_reviewed_record_says_where_and_what_part(data_copy, change, rule):
    path = data_copy / "records" / "records.csv"
    rows = read_rows(path)
    rows[0].update(change)
    write_rows(path, rows)
    problems = _problems()
    assert len(problems) == 1 and problems[0].startswith(f"{path}:2: record "), problems
    assert problems[0].endswith(f"[{rule}]")


def test_a_records_file_from_before_scope_is_refused_once_never_taken_as_totals(data_copy):
    path = data_copy / "records" / "records.csv"
    rows = read_rows(path)
    write_rows(path, [{c: v for c, v in r.items() if c not in ("scope", "area", "scope_note")}
                      for r in rows])  # fmt: skip
    reviewed = sum(r["status"] == "reviewed" for r in rows)
    [problem] = _problems()
    assert problem.startswith(f"{path}:1: no scope columns (scope, area, scope_note) but ")
    assert f"{reviewed} reviewed record(s)" in problem and "never assumes 'total'" in problem
    assert problem.endswith("[missing-scope-columns]")


def test_files_from_before_scope_holding_no_decision_are_read_with_no_scope(data_copy):
    path = data_copy / "records" / "records.csv"
    old = [{c: v for c, v in r.items() if c not in ("scope", "area", "scope_note")}
           for r in read_rows(path) if r["status"] != "reviewed"]  # fmt: skip
    write_rows(path, old)
    (data_copy / "candidates").mkdir()
    write_rows(
        data_copy / "candidates" / "old.csv",
        [{c: v for c, v in {**old[0], "record_id": "rold"}.items() if c in CANDIDATE_COLUMNS}],
    )
    loaded = load_records(STATUSES)
    assert sorted(loaded["status"].astype(str)) == ["candidate", "rejected", "rejected"]
    assert loaded["scope"].isna().all(), "a file from before scope was read as totals"
