"""What is left to review, decisions appended to a reviewer's file, and review files by hand.

The data: the fixture data with the sample documents ingested and extracted (16 candidates in
three sources: the Quảng Bình report once, though given as web page and PDF; a Word report; a
Markdown note).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import copy_fixture_data, read_rows, write_rows
from review_data import cli, with_samples

from analysis.contract import EXPLAIN_COLUMNS
from analysis.errors import DataError
from analysis.paths import DATA_DIR_ENV
from analysis.records.load import load_records
from analysis.records.pending import review_queue
from analysis.records.review_log import append_review, review_row
from analysis.records.reviews import REVIEW_COLUMNS
from analysis.review.corrections import CorrectionError
from analysis.review.session import ReviewSession

CANDIDATES = 16


@pytest.fixture(scope="module")
def prepared(tmp_path_factory) -> Path:
    data = copy_fixture_data(tmp_path_factory.mktemp("review") / "data")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv(DATA_DIR_ENV, str(data))
        with_samples(data)
    return data


@pytest.fixture
def data(prepared, tmp_path, monkeypatch) -> Path:
    """A private copy of the prepared data folder, in force."""
    target = tmp_path / "data"
    shutil.copytree(prepared, target)
    (target / "reviews").mkdir()
    monkeypatch.setenv(DATA_DIR_ENV, str(target))
    return target


def candidates(data: Path) -> list[dict[str, str]]:
    return read_rows(data / "candidates" / "candidates.csv")


def by_indicator(data: Path, doc: str, indicator: str) -> dict[str, str]:
    return next(
        c for c in candidates(data) if c["doc_id"].startswith(doc) and c["indicator"] == indicator
    )


def test_the_samples_give_one_set_of_candidates_per_document(data):
    rows = candidates(data)
    assert len(rows) == CANDIDATES
    docs = {r["doc_id"].rsplit("_", 1)[0] for r in rows}
    assert docs == {
        "bao-cao-tu-phap-quang-binh-2024",  # stored from the web page; the PDF is the same
        "bao-cao-6-thang-ha-giang",
        "tin-pho-bien-bac-kan",
    }


def test_pending_is_what_no_person_decided(data):
    rows = candidates(data)
    write_rows(
        data / "reviews" / "an.csv",
        [{"record_id": rows[0]["record_id"], "decision": "reviewed"}],
    )
    queue = review_queue()
    assert len(queue.candidates) == CANDIDATES
    assert [c["record_id"] for c in queue.pending] == [r["record_id"] for r in rows[1:]]
    first_doc = rows[0]["doc_id"]
    counts = {doc: (left, total) for doc, left, total in queue.counts()}
    total = sum(r["doc_id"] == first_doc for r in rows)
    assert counts[first_doc] == (total - 1, total)


def test_review_pending_lists_what_is_left_per_source(data):
    out = cli("review", "--pending").splitlines()
    assert out[-1] == f"{CANDIDATES} of {CANDIDATES} candidates left to review, in 3 sources"
    quang_binh = next(line for line in out if "quang-binh" in line)
    assert quang_binh.startswith("9 of 9 left") and quang_binh.endswith(
        "Báo cáo kết quả công tác tư pháp năm 2024 của tỉnh Quảng Bình"
    )
    ids = cli("review", "--pending", "--ids").split()
    assert ids == [r["record_id"] for r in candidates(data)]
    (data / "reviews" / "an.csv").write_text(
        "record_id,decision\n" + "".join(f"{i},reviewed\n" for i in ids[:5]), encoding="utf-8"
    )
    assert (
        cli("review", "--pending")
        .splitlines()[-1]
        .startswith(f"{CANDIDATES - 5} of {CANDIDATES} candidates left")
    )


def test_a_two_column_file_accepts(data):
    rows = candidates(data)
    hand = data / "reviews" / "minh.csv"
    hand.write_text(
        "record_id,decision\n" + "".join(f"{r['record_id']},reviewed\n" for r in rows),
        encoding="utf-8",
    )
    reviewed = load_records()
    assert set(reviewed["record_id"].astype(str)) >= {r["record_id"] for r in rows}
    assert (reviewed.set_index("record_id").loc[rows[0]["record_id"], "corrected"]) == ""


def test_a_hand_written_file_may_leave_out_any_column_but_record_id_and_decision(data):
    first, second, third = (r["record_id"] for r in candidates(data)[:3])
    hand = data / "reviews" / "minh.csv"
    hand.write_text(
        f"record_id,decision,value,reason\n{first},reviewed,30,the table says 30\n"
        f"{second},rejected,,\n{third},rejected,,a target\n",
        encoding="utf-8",
    )
    with pytest.raises(DataError) as caught:
        load_records()
    assert [str(p) for p in caught.value.problems] == [
        f"{hand}:3: review of {second}: a rejection needs its reason: 'reason' is empty "
        "[missing-reason]"
    ]
    hand.write_text(f"record_id,decision\n{third},rejected\n", encoding="utf-8")
    with pytest.raises(DataError, match="the file has no 'reason' column"):
        load_records()
    hand.write_text(f"decision,record_id\nreviewed,{first}\n", encoding="utf-8")
    assert first in set(load_records()["record_id"].astype(str)), "columns in any order"
    hand.write_text(f"record_id\n{first}\n", encoding="utf-8")
    with pytest.raises(DataError, match="missing column 'decision'"):
        load_records()


def test_extract_into_writes_no_candidate_for_a_figure_people_decided(data):
    rows = candidates(data)
    decided, reviewed = rows[0], rows[1]
    written = data / "records" / "mine.csv"
    columns = [*(c for c in rows[0] if c not in EXPLAIN_COLUMNS), "status"]
    write_rows(
        written, [{**{c: decided[c] for c in columns[:-1]}, "status": "reviewed", "note": ""}]
    )
    write_rows(
        data / "reviews" / "an.csv", [{"record_id": reviewed["record_id"], "decision": "reviewed"}]
    )
    (data / "candidates" / "candidates.csv").unlink()  # candidates are rebuilt at any time
    done = cli("extract", data / "articles", "--into", data / "candidates")
    assert done == ""
    again = {r["record_id"] for r in candidates(data)}
    assert decided["record_id"] not in again, "a figure decided in records/ came back"
    assert reviewed["record_id"] in again, "a reviewed candidate must stay: its review is of it"
    assert len(again) == CANDIDATES - 1
    assert load_records().set_index("record_id").loc[reviewed["record_id"], "status"] == "reviewed"


def test_the_summary_counts_figures_already_decided(data):
    """The issue's case: extracting every article again finds the 35 seed figures people
    wrote in records/ (and here two more): none becomes a candidate, and the summary says so."""
    rows = candidates(data)
    written = data / "records" / "mine.csv"
    keep = [c for c in rows[0] if c not in EXPLAIN_COLUMNS]
    write_rows(
        written, [{**{c: r[c] for c in keep}, "status": "reviewed", "note": ""} for r in rows[:2]]
    )
    (data / "candidates" / "candidates.csv").unlink()
    from click.testing import CliRunner

    from analysis.cli import main

    result = CliRunner().invoke(
        main, ["extract", str(data / "articles"), "--into", str(data / "candidates")]
    )
    assert result.stderr.splitlines()[-1] == (
        f"extract: 8 files read, {35 + CANDIDATES} figures found, {CANDIDATES - 2} added, "
        "0 already present, 37 already decided in records/, 0 failed"
    )


def test_append_review_adds_one_line_and_never_rewrites(data):
    rows = candidates(data)
    path = data / "reviews" / "lan.csv"
    append_review(path, review_row(rows[0]["record_id"], "reviewed", "lan"))
    first = path.read_bytes()
    assert first.decode().splitlines()[0] == ",".join(REVIEW_COLUMNS)
    append_review(
        path, review_row(rows[1]["record_id"], "rejected", "lan", reason="a target,\n not a result")
    )
    after = path.read_bytes()
    assert after.startswith(first), "a line already written changed"
    assert read_rows(path)[1]["reason"] == "a target, not a result", "one line per decision"
    with pytest.raises(DataError, match="already decided at"):
        append_review(path, review_row(rows[1]["record_id"], "reviewed", "lan"))
    other = data / "reviews" / "minh.csv"
    with pytest.raises(DataError, match=f"already decided at {path}:3"):
        append_review(other, review_row(rows[1]["record_id"], "reviewed", "minh"), [path])
    assert path.read_bytes() == after and not other.exists()


def test_append_review_keeps_a_hand_written_file_as_it_is(data):
    rows = candidates(data)
    hand = data / "reviews" / "minh.csv"
    hand.write_bytes(f"record_id,decision\r\n{rows[0]['record_id']},reviewed".encode())
    before = hand.read_bytes()
    append_review(hand, {"record_id": rows[1]["record_id"], "decision": "reviewed"})
    assert hand.read_bytes() == before + f"\n{rows[1]['record_id']},reviewed\n".encode()
    with pytest.raises(DataError, match="no column for value, reason, reviewer, reviewed_at"):
        append_review(
            hand, review_row(rows[2]["record_id"], "reviewed", "minh", {"value": "5"}, "typo")
        )
    session = ReviewSession("minh")  # the view keeps to a file of every column, beside it
    assert session.file == hand.with_name("minh-view.csv")
    session.decide(session.item()["record_id"], "reviewed")
    assert read_rows(session.file)[0]["reviewer"] == "minh"
    hand.write_bytes(before + b'\n"r1,reviewed\n')  # a quote never closed: nothing appended
    broken = hand.read_bytes()
    with pytest.raises(DataError, match="never closed"):
        append_review(hand, review_row(rows[3]["record_id"], "reviewed", "minh"))
    assert hand.read_bytes() == broken


def test_a_session_checks_writes_and_moves_on(data):
    session = ReviewSession("lan")
    assert session.progress()["left"] == CANDIDATES
    item = session.item()
    assert item["record_id"] == candidates(data)[0]["record_id"]
    session.decide(item["record_id"], "reviewed")
    assert session.item()["record_id"] == candidates(data)[1]["record_id"]
    assert session.decide(item["record_id"], "reviewed") is None, "a second key press: nothing"

    target = by_indicator(data, "bao-cao-tu-phap", "dissemination_sessions")
    with pytest.raises(CorrectionError) as caught:
        session.decide(target["record_id"], "reviewed", {"value": "1.463"})
    assert caught.value.field == "reason"
    with pytest.raises(CorrectionError, match="malformed period") as caught:
        session.decide(target["record_id"], "reviewed", {"period": "2024-H3"}, "typo")
    assert caught.value.field == "period"
    with pytest.raises(CorrectionError, match="did you mean Quảng Bình"):
        session.decide(target["record_id"], "reviewed", {"jurisdiction": "Quang Bnh"}, "x")
    row = session.decide(
        target["record_id"],
        "reviewed",
        {
            "value": "1.463",
            "jurisdiction": "quang binh",
            "level": "",
            "indicator": "dissemination_sessions",
        },
        "digits swapped",
    )
    assert {c: row[c] for c in ("value", "jurisdiction", "level", "indicator")} == {
        "value": "1463",  # 1.463 as a Vietnamese reader reads it
        "jurisdiction": "",  # the place typed without marks is the one extracted: no change
        "level": "",
        "indicator": "",
    }
    rate = by_indicator(data, "bao-cao-tu-phap", "mediation_success_rate")
    with pytest.raises(CorrectionError, match="over 100"):
        session.decide(rate["record_id"], "reviewed", {"value": "853"}, "typo")
    assert (
        session.decide(rate["record_id"], "reviewed", {"value": "85,8"}, "typo")["value"] == "85.8"
    )
    with pytest.raises(CorrectionError, match="a rejection needs its reason"):
        session.decide(candidates(data)[2]["record_id"], "rejected")
    assert session.progress()["left"] == CANDIDATES - 3

    records = load_records().set_index("record_id")
    got = records.loc[target["record_id"]]
    assert (got["value"], got["extracted_value"], got["note"]) == (1463, 1436, "digits swapped")
    assert records.loc[rate["record_id"], "value"] == 85.8


def test_reopening_resumes_after_the_last_decision(data):
    rows = candidates(data)
    session = ReviewSession("lan")
    session.move(1)
    session.move(1)  # the reviewer skipped two, then decided the third and the fourth
    session.decide(rows[2]["record_id"], "reviewed")
    session.decide(rows[3]["record_id"], "reviewed")
    again = ReviewSession("lan")
    assert again.item()["record_id"] == rows[4]["record_id"]
    assert again.progress()["left"] == CANDIDATES - 2
    again.move(1)
    assert again.item()["record_id"] == rows[5]["record_id"]
    assert ReviewSession("minh").item()["record_id"] == rows[0]["record_id"], "another reviewer"


def test_filters_by_source_indicator_and_province(data):
    session = ReviewSession("lan")
    options = session.filter_options()
    assert ("Bắc Kạn", "Bắc Kạn (4)") in options["province"]
    session.set_filters(province="Hà Giang")
    progress = session.progress()
    assert (progress["left"], progress["total"], progress["all_left"]) == (3, 3, CANDIDATES)
    assert {c["jurisdiction"] for c in session.visible()} == {"Hà Giang"}
    session.decide(session.item()["record_id"], "reviewed")
    assert session.progress()["left"] == 2 and session.progress()["total"] == 3
    session.set_filters(indicator="mediation_cases")
    assert {c["indicator"] for c in session.visible()} == {"mediation_cases"}
    source = session.visible()[0]["doc_id"]
    session.set_filters(source=source, indicator="mediation_cases")
    assert [c["doc_id"] for c in session.visible()] == [source]


def test_the_view_draws_the_card_and_carries_out_the_keys(data):
    from analysis.review.widget import ReviewWidget

    view = ReviewWidget(ReviewSession("lan"))
    card = view.state["card"]
    assert view.state["progress"]["left"] == CANDIDATES
    assert card["indicator_name"] == "Số dự thảo văn bản quy phạm pháp luật được thẩm định"
    assert card["why"] == {
        "cue": card["why"]["cue"],
        "place_from": "sentence",
        "period_from": "sentence",
        "scope_from": card["why"]["scope_from"],
    }
    assert card["why"]["scope_from"], "the card does not say where the scope came from"
    marked = [s["text"] for s in card["context"] if "number" in s["marks"]]
    assert marked == [card["reading"]["value"]]
    assert "".join(s["text"] for s in card["context"] if "evidence" in s["marks"]) == next(
        r["evidence"] for r in candidates(data) if r["record_id"] == card["record_id"]
    )
    assert card["source"]["raw_name"].endswith(".docx") and card["source"]["text_stored"]
    view.refresh(
        view.act({"type": "decide", "record_id": card["record_id"], "decision": "reviewed"})
    )
    assert view.state["message"]["kind"] == "ok"
    assert view.state["progress"]["left"] == CANDIDATES - 1
    following = view.state["card"]["record_id"]
    view.refresh(
        view.act(
            {
                "type": "decide",
                "record_id": following,
                "decision": "reviewed",
                "corrections": {"value": "x"},
            }
        )
    )
    assert view.state["message"]["field"] == "value"
    assert view.state["card"]["record_id"] == following, "a refused correction stays on the card"
    rows = read_rows(data / "reviews" / "lan.csv")
    assert [r["record_id"] for r in rows] == [card["record_id"]]


def test_scope_columns_are_shown_when_the_candidates_carry_them(data):
    path = data / "candidates" / "candidates.csv"
    rows = read_rows(path)
    write_rows(
        path,
        [
            {**r, "scope": "total", "area": "", "scope_note": "", "scope_from": "default"}
            for r in rows
        ],
    )
    session = ReviewSession("lan")
    assert session.fields[-3:] == ["scope", "area", "scope_note"]
    from analysis.review.card import card

    shown = card(session, session.item())
    assert shown["reading"]["scope"] == "total" and shown["why"]["scope_from"] == "default"
    from analysis.records.reviews import CORRECTABLE

    assert ("scope" in session.correctable) == ("scope" in CORRECTABLE)


def test_a_figure_without_a_place_is_accepted_only_with_one(data):
    path = data / "candidates" / "candidates.csv"
    rows = read_rows(path)
    rows[0] = {**rows[0], "jurisdiction": "", "place_from": "unknown"}
    write_rows(path, rows)
    session = ReviewSession("lan")
    with pytest.raises(CorrectionError, match="no place was found") as caught:
        session.decide(rows[0]["record_id"], "reviewed")
    assert caught.value.field == "jurisdiction"
    row = session.decide(
        rows[0]["record_id"], "reviewed", {"jurisdiction": "Ha Giang"}, "letterhead"
    )
    assert row["jurisdiction"] == "Hà Giang"


def test_the_view_says_what_is_wrong_instead_of_a_traceback(data):
    from analysis.review.widget import review_view

    path = data / "candidates" / "candidates.csv"
    path.write_bytes(path.read_bytes() + b'r1,"broken\n')
    shown = review_view("lan")
    assert "The review view cannot open" in shown.value
    assert f"{path}:{CANDIDATES + 2}: a quote opened in this row is never closed" in shown.value


def test_a_source_link_is_only_ever_an_http_address(tmp_path):
    from analysis.review.sources import source_infos

    data = tmp_path / "data"
    (data / "articles").mkdir(parents=True)
    for name, url in [("a", "javascript:alert(1)"), ("b", "https://stp.example.gov.vn/x")]:
        (data / "articles" / f"{name}.md").write_text(
            f"---\nurl: '{url}'\n---\nNội dung.\n", encoding="utf-8"
        )
    infos = source_infos(data)
    assert (infos["a"].url, infos["b"].url) == ("", "https://stp.example.gov.vn/x")


def test_the_view_reads_everything_again_on_request(data):
    from analysis.review.widget import ReviewWidget

    view = ReviewWidget(ReviewSession("lan"))
    first = view.state["card"]["record_id"]
    write_rows(data / "reviews" / "minh.csv", [{"record_id": first, "decision": "reviewed"}])
    assert view.state["progress"]["left"] == CANDIDATES
    view.refresh(view.act({"type": "reload"}))
    assert view.state["progress"]["left"] == CANDIDATES - 1
    assert view.state["card"]["record_id"] != first, "another reviewer decided it meanwhile"
