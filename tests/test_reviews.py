"""Candidates (what the extractor wrote) and reviews (what people decided), joined at load."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from conftest import read_rows, write_rows

from analysis.contract import CANDIDATE_COLUMNS, STATUSES
from analysis.errors import DataError
from analysis.records.load import data_version, load_records
from analysis.records.reviews import REVIEW_COLUMNS

DOC = "003_2e6eb590613e213c"


@pytest.fixture
def candidates(data_copy: Path) -> dict[str, dict[str, str]]:
    """The reviewed records of one seed moved out of data/records/ into data/candidates/, as the
    extractor writes them (no status, no note, a column of its own)."""
    path = data_copy / "records" / "records.csv"
    rows = read_rows(path)
    write_rows(path, [r for r in rows if r["doc_id"] != DOC])
    moved = [r for r in rows if r["doc_id"] == DOC and r["status"] == "reviewed"]
    found = [
        {**{c: r[c] for c in CANDIDATE_COLUMNS}, "cue": f"cue {i}"} for i, r in enumerate(moved)
    ]
    (data_copy / "candidates").mkdir()
    write_rows(data_copy / "candidates" / "candidates.csv", found)
    return {r["record_id"]: r for r in found}


def review(record_id: str, decision: str = "reviewed", **fields: str) -> dict[str, str]:
    row = dict.fromkeys(REVIEW_COLUMNS, "")
    row.update(record_id=record_id, decision=decision, reviewer="an", reviewed_at="2026-12-02")
    row.update(fields)
    return row


def write_reviews(data: Path, rows: list[dict[str, str]]) -> Path:
    (data / "reviews").mkdir(exist_ok=True)
    path = data / "reviews" / "an.csv"
    write_rows(path, rows)
    return path


def by_id(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.set_index(frame["record_id"].astype(str))


def test_a_candidate_without_review_is_a_candidate_with_its_own_columns(candidates):
    everything = by_id(load_records(STATUSES))
    pending = everything[everything["status"] == "candidate"]
    assert set(pending.index) == set(candidates)
    assert "candidate" not in set(load_records()["status"]), "the default is reviewed only"
    for rid, row in candidates.items():
        got = everything.loc[rid]
        assert got["status"] == "candidate"
        assert got["extracted_value"] == got["value"] == float(row["value"])
        assert got["corrected"] == ""
        assert got["cue"] == row["cue"], "the extractor's own columns are carried through"
    written = everything[~everything.index.isin(list(candidates))]
    assert written["extracted_value"].isna().all() and written["cue"].isna().all()


def test_a_review_decides_and_corrects_and_the_original_stays_beside(data_copy, candidates):
    ids = list(candidates)
    accepted, fixed, cleared, rejected = ids[:4]
    reviews = write_reviews(
        data_copy,
        [
            review(accepted),
            review(fixed, value="61", period="2021", reason="the page says 61, for 2021"),
            review(cleared, level="-", reason="no tier is named"),
            review(rejected, "rejected", reason="a target, not a result"),
        ],
    )
    before = reviews.read_bytes()
    loaded = by_id(load_records(STATUSES))
    assert loaded.loc[accepted, "status"] == "reviewed"
    assert loaded.loc[accepted, "corrected"] == ""
    got = loaded.loc[fixed]
    assert (got["status"], got["value"], got["period"]) == ("reviewed", 61, "2021")
    assert (got["extracted_value"], got["extracted_period"]) == (
        float(candidates[fixed]["value"]),
        candidates[fixed]["period"],
    )
    assert got["corrected"] == "value,period" and got["note"] == "the page says 61, for 2021"
    assert pd.isna(loaded.loc[cleared, "level"]) and loaded.loc[cleared, "corrected"] == "level"
    assert loaded.loc[rejected, "status"] == "rejected"
    reviewed = set(load_records()["record_id"])
    assert {accepted, fixed, cleared} <= reviewed and rejected not in reviewed
    assert reviews.read_bytes() == before, "loading must never rewrite a review"


def problems_of(rows: list[dict[str, str]], data: Path) -> list[str]:
    path = write_reviews(data, rows)
    with pytest.raises(DataError) as caught:
        load_records()
    return [str(p).replace(f"{path}:", "reviews:") for p in caught.value.problems]


def test_review_problems_name_their_line(data_copy, candidates):
    first, second, third, fourth = list(candidates)[:4]
    written = read_rows(data_copy / "records" / "records.csv")[0]["record_id"]
    found = problems_of(
        [
            review("rnosuchrecord"),
            review(first, "approved"),
            review(second, value="1.234,5", reason="typo"),
            review(third, "rejected"),
            review(fourth, reviewed_at="02/12/2026"),
            review(written),
            review(first, reviewer=""),
        ],
        data_copy,
    )
    records = data_copy / "records" / "records.csv"
    assert found == [
        "reviews:2: review of rnosuchrecord: no candidate has this record_id [unknown-record]",
        f"reviews:3: review of {first}: decision 'approved' is not one of reviewed, rejected "
        "[bad-decision]",
        f"reviews:4: review of {second}: value '1.234,5' is not a plain decimal number "
        "('.' for decimals, no thousands separator) [not-a-number]",
        f"reviews:5: review of {third}: a rejection needs its reason: 'reason' is empty "
        "[missing-reason]",
        f"reviews:6: review of {fourth}: reviewed_at '02/12/2026' is not an ISO date "
        "(YYYY-MM-DD) [bad-date]",
        f"reviews:7: review of {written}: the record was written by a person ({records}:2): "
        "correct it there; reviews are for candidates (data/candidates/) [unknown-record]",
        f"reviews:8: review of {first}: column 'reviewer' is empty [missing-value]",
    ]


def test_a_correction_goes_through_the_same_rules(data_copy, candidates):
    first, second = list(candidates)[:2]
    found = problems_of(
        [
            review(first, value="-5", reason="typo"),
            review(second, jurisdiction="Quang Ninh", reason="place"),
            review(second, decision="rejected", reason="again"),
        ],
        data_copy,
    )
    where = data_copy / "candidates" / "candidates.csv"
    indicator = candidates[first]["indicator"]
    assert found == [
        f"reviews:2: record {first}: {indicator} value -5 is negative: a count cannot be "
        f"(as corrected by this review of the candidate at {where}:2) [negative-count]",
        f"reviews:3: record {second}: jurisdiction 'Quang Ninh' is not a province or city, nor "
        f"'Việt Nam' (did you mean 'Quảng Ninh'?) (as corrected by this review of the candidate "
        f"at {where}:3) [unknown-province]",
        f"reviews:4: review of {second}: the record is reviewed again (first at reviews:3): "
        "one decision per record [duplicate-review]",
    ]


def test_a_review_file_of_other_columns_is_refused(data_copy, candidates):
    path = data_copy / "reviews"
    path.mkdir()
    (path / "x.csv").write_text("record_id,status\nr1,reviewed\n", encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_records()
    messages = [p.message for p in caught.value.problems]
    assert "missing column 'decision'" in messages
    assert f"unknown column 'status' (expected {', '.join(REVIEW_COLUMNS)})" in messages


@pytest.mark.parametrize("column", ["status", "note", "extracted_value", "domain"])
def test_a_candidates_file_may_not_use_a_name_load_records_gives(data_copy, candidates, column):
    path = data_copy / "candidates" / "candidates.csv"
    rows = [{**r, column: "x"} for r in read_rows(path)]
    write_rows(path, rows)
    with pytest.raises(DataError) as caught:
        load_records()
    assert [str(p) for p in caught.value.problems] == [
        f"{path}:1: column '{column}' in a candidates file: the name is taken by what "
        "load_records gives (decisions and corrections go in data/reviews/) [reserved-column]"
    ]


def test_a_decision_changes_the_data_version(data_copy, candidates):
    before = data_version()
    write_reviews(data_copy, [review(next(iter(candidates)))])
    assert data_version() != before
