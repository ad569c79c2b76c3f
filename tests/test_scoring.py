"""Scoring predictions against gold: multiset matching, numeric values, catalog only, bad CSV."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from click.testing import CliRunner

from analysis.cli import main
from analysis.errors import DataError
from analysis.extract.scoring import format_score, read_figures, score_files, score_records

HEADER = "doc_id,indicator,value,qualifier,jurisdiction,period,level,evidence\n"
CATALOG = ["appraisal_drafts", "mediation_cases", "mediation_successful"]


def write(path: Path, *rows: str, header: str = HEADER) -> Path:
    path.write_text(header + "".join(r + "\n" for r in rows), encoding="utf-8")
    return path


def score_of(tmp_path: Path, pred_rows: list[str], gold_rows: list[str]):
    pred = write(tmp_path / "pred.csv", *pred_rows)
    gold = write(tmp_path / "gold.csv", *gold_rows)
    return score_files(pred, gold, CATALOG)


def test_values_compare_as_numbers_and_text_as_nfc(tmp_path):
    decomposed = "La\u0323ng Sơn"  # ạ as a + combining dot below
    s = score_of(
        tmp_path,
        [f"d1,mediation_cases,2164.0,exact,{decomposed},2020,,x"],
        ["d1,mediation_cases,2164,exact,Lạng Sơn,2020,,x"],
    )
    assert (s.matched, s.precision, s.recall, s.f1) == (1, 1.0, 1.0, 1.0)


@pytest.mark.parametrize(
    ("column", "other"),
    [("doc_id", "d2"), ("indicator", "mediation_successful"), ("value", "2165"),
     ("jurisdiction", "Hà Nội"), ("period", "2021")],
)  # fmt: skip
def test_each_key_column_must_agree(tmp_path, column, other):
    gold = {"doc_id": "d1", "indicator": "mediation_cases", "value": "2164",
            "jurisdiction": "Lạng Sơn", "period": "2020"}  # fmt: skip
    pred = {**gold, column: other}
    row = "{doc_id},{indicator},{value},exact,{jurisdiction},{period},,x"
    s = score_of(tmp_path, [row.format(**pred)], [row.format(**gold)])
    assert s.matched == 0, f"a prediction differing in {column} was matched"
    assert len(s.missed) == 1 and len(s.false) == 1


def test_qualifier_level_and_evidence_do_not_count(tmp_path):
    s = score_of(
        tmp_path,
        ["d1,appraisal_drafts,62,at_least,Lạng Sơn,2020,province,other words"],
        ["d1,appraisal_drafts,62,exact,Lạng Sơn,2020,,thẩm định 62 văn bản"],
    )
    assert s.matched == 1


def test_duplicates_count_once_each(tmp_path):
    row = "d1,mediation_cases,5,exact,Hà Nội,2020,,x"
    s = score_of(tmp_path, [row, row, row], [row, row])
    assert (s.predicted, s.gold, s.matched) == (3, 2, 2)
    assert s.precision == pytest.approx(2 / 3)
    assert s.recall == 1.0
    assert s.f1 == pytest.approx(0.8)
    assert len(s.false) == 1 and s.false.loc[0, "line"] == 4, "the third copy is the false one"


def test_only_catalog_indicators_count(tmp_path):
    s = score_of(
        tmp_path,
        [
            "d1,tasks_assigned,113,exact,Việt Nam,2024-H1,,x",
            "d1,mediation_cases,5,exact,Hà Nội,2020,,x",
        ],
        ["d1,mediation_cases,5,exact,Hà Nội,2020,,x", "d1,staff,9,exact,Hà Nội,2020,,x"],
    )
    assert (s.predicted, s.gold, s.matched, s.ignored) == (1, 1, 1, 1)
    assert list(s.per_indicator.index) == ["mediation_cases"]
    assert s.false.empty and s.missed.empty


def test_per_indicator_table_and_missed_and_false(tmp_path):
    s = score_of(
        tmp_path,
        [
            "d1,mediation_successful,2164,exact,Lạng Sơn,2020,,a",
            "d1,mediation_cases,3000,exact,Lạng Sơn,2020,,b",
        ],
        [
            "d1,mediation_cases,3483,exact,Lạng Sơn,2020,,b",
            "d1,mediation_successful,2164,exact,Lạng Sơn,2020,,a",
            "d1,appraisal_drafts,62,exact,Lạng Sơn,2020,,c",
        ],
    )
    table = s.per_indicator
    assert list(table.index) == CATALOG, "rows follow catalog order"
    assert table.loc["mediation_successful", ["gold", "predicted", "matched"]].tolist() == [1, 1, 1]
    assert table.loc["mediation_cases", ["precision", "recall", "f1"]].tolist() == [0.0, 0.0, 0.0]
    assert math.isnan(table.loc["appraisal_drafts", "precision"]), "no predictions: undefined"
    assert table.loc["appraisal_drafts", "recall"] == 0.0
    assert sorted(s.missed["value"]) == [62.0, 3483.0]
    assert s.false["value"].tolist() == [3000.0]
    assert (s.precision, s.recall) == (0.5, pytest.approx(1 / 3))


def test_missing_column_names_file_and_line(tmp_path):
    path = write(tmp_path / "p.csv", "d1,x,1,2020", header="doc_id,indicator,value,period\n")
    with pytest.raises(DataError) as info:
        read_figures(path)
    assert [str(p) for p in info.value.problems] == [
        f"{path}:1: missing column(s): jurisdiction [missing-column]"
    ]


def test_not_utf8_names_line_and_byte(tmp_path):
    path = tmp_path / "p.csv"
    path.write_bytes(HEADER.encode() + b"d1,mediation_cases,5,exact,H\xe0 N\xe9i,2020,,x\n")
    with pytest.raises(DataError) as info:
        read_figures(path)
    byte = len(HEADER.encode()) + len(b"d1,mediation_cases,5,exact,H")
    assert [str(p) for p in info.value.problems] == [
        f"{path}:2: byte {byte}: not UTF-8: invalid byte 0xe0 [not-utf8]"
    ]


def test_bad_values_and_rows_are_all_reported_with_lines(tmp_path):
    path = write(
        tmp_path / "p.csv",
        "d1,mediation_cases,5,exact,Hà Nội,2020,,x",
        'd1,mediation_cases,2.164,exact,Hà Nội,2020,,"two\nlines"',
        "d1,mediation_cases,81%,exact,Hà Nội,2020,,x",
        "d1,mediation_cases,5,exact,Hà Nội",
    )
    with pytest.raises(DataError) as info:
        read_figures(path)
    assert [str(p) for p in info.value.problems] == [
        f"{path}:5: value '81%' is not a plain decimal number [bad-value]",
        f"{path}:6: 5 fields where the header has 8 [bad-row]",
    ]


def test_score_with_no_predictions_is_zero_recall(tmp_path):
    s = score_of(tmp_path, [], ["d1,mediation_cases,5,exact,Hà Nội,2020,,x"])
    assert s.recall == 0.0 and math.isnan(s.precision) and s.f1 == 0.0


def test_score_records_accepts_frames_from_read_figures(tmp_path):
    gold = read_figures(write(tmp_path / "g.csv", "d1,mediation_cases,5,exact,Hà Nội,2020,,x"))
    s = score_records(gold, gold, ["mediation_cases"])
    assert (s.precision, s.recall) == (1.0, 1.0)


def test_cli_score_prints_figures_missed_and_false(tmp_path):
    pred = write(
        tmp_path / "pred.csv", "d1,mediation_cases,3000,exact,Lạng Sơn,2020,,hòa giải 3.000"
    )
    gold = write(
        tmp_path / "gold.csv",
        "d1,mediation_cases,3000,exact,Lạng Sơn,2020,,hòa giải 3.000",
        "d1,mediation_successful,2164,exact,Lạng Sơn,2020,,hòa giải thành 2.164",
    )
    result = CliRunner().invoke(main, ["score", str(pred), str(gold)])
    assert result.exit_code == 0, result.output
    out = result.stdout.splitlines()
    assert out[0] == "gold 2, predicted 1, matched 1"
    assert out[1] == "precision 1.000  recall 0.500  F1 0.667"
    assert "missed (in gold, not predicted): 1" in out
    assert "  line 3: d1 mediation_successful 2164 Lạng Sơn 2020  «hòa giải thành 2.164»" in out
    assert "false (predicted, not in gold): 0" in out


def test_cli_score_bad_csv_is_one_line_exit_1(tmp_path):
    pred = write(tmp_path / "pred.csv", "d1,5", header="doc_id,value\n")
    gold = write(tmp_path / "gold.csv", "d1,mediation_cases,5,exact,Hà Nội,2020,,x")
    result = CliRunner().invoke(main, ["score", str(pred), str(gold)])
    assert result.exit_code == 1
    assert result.stderr == (
        f"error: {pred}:1: missing column(s): indicator, jurisdiction, period [missing-column]\n"
    )
    assert result.stdout == ""


def test_a_field_over_the_csv_limit_is_a_one_line_error(tmp_path):
    path = write(tmp_path / "p.csv", "d1,mediation_cases,5,exact,Hà Nội,2020,," + "a" * 200_000)
    with pytest.raises(DataError) as info:
        read_figures(path)
    assert [str(p) for p in info.value.problems] == [
        f"{path}:2: not readable as CSV: field larger than field limit (131072) [bad-csv]"
    ]


def test_rejected_records_are_not_predictions():
    from conftest import GOLD

    from analysis.extract.scoring import score_files
    from analysis.paths import records_dir

    score = score_files(records_dir() / "records.csv", GOLD)
    assert (score.precision, score.recall) == (1.0, 1.0), "the 2 rejected seed rows must not count"


def test_false_figures_are_grouped_by_where_place_and_period_came_from(tmp_path):
    from analysis.extract.scoring import format_score, misses_by_source

    header = HEADER.rstrip("\n") + ",cue,place_from,period_from\n"
    pred = write(
        tmp_path / "pred.csv",
        "d1,mediation_cases,10,exact,Việt Nam,2020,,x,extract_cues.csv:21,default,article",
        "d1,mediation_cases,11,exact,Lạng Sơn,2020,,x,extract_cues.csv:21,title,article",
        "d1,appraisal_drafts,5,exact,Lạng Sơn,2020,,x,extract_cues.csv:2,title,article",
        header=header,
    )
    gold = write(
        tmp_path / "gold.csv",
        "d1,mediation_cases,10,exact,Lạng Sơn,2020,,x",
        "d1,appraisal_drafts,5,exact,Lạng Sơn,2020,,x",
    )
    score = score_files(pred, gold, CATALOG)
    table = misses_by_source(score)
    got = {(r.place_from, r.period_from): (r.false, r.misplaced) for r in table.itertuples()}
    assert got == {("default", "article"): (1, 1), ("title", "article"): (1, 0)}, got
    assert "[place: default, period: article]" in format_score(score)


def test_predictions_without_explanations_are_not_grouped(tmp_path):
    from analysis.extract.scoring import misses_by_source

    s = score_of(tmp_path, ["d1,mediation_cases,1,exact,X,2020,,x"], [])
    assert misses_by_source(s) is None


SCOPED = HEADER.rstrip("\n") + ",scope,area,scope_note\n"


def test_lenient_match_ignores_place_and_period_only(tmp_path):
    s = score_of(
        tmp_path,
        [
            "d1,mediation_cases,10,exact,Việt Nam,2020,,x",  # place wrong: lenient match
            "d1,mediation_cases,11,exact,Lạng Sơn,2021,,x",  # period wrong: lenient match
            "d1,mediation_successful,12,exact,Lạng Sơn,2020,,x",  # indicator wrong: none
            "d2,appraisal_drafts,5,exact,Lạng Sơn,2020,,x",  # doc wrong: none
        ],
        [
            "d1,mediation_cases,10,exact,Lạng Sơn,2020,,x",
            "d1,mediation_cases,11,exact,Lạng Sơn,2020,,x",
            "d1,mediation_cases,12,exact,Lạng Sơn,2020,,x",
            "d1,appraisal_drafts,5,exact,Lạng Sơn,2020,,x",
        ],
    )
    assert (s.matched, s.lenient) == (0, 2)
    assert (s.lenient_precision, s.lenient_recall, s.lenient_f1) == (0.5, 0.5, 0.5)


def test_scope_share_pairs_scopes_within_each_matched_figure(tmp_path):
    pred = write(
        tmp_path / "pred.csv",
        "d1,mediation_cases,10,exact,Lạng Sơn,2020,,x,total,,",
        "d1,mediation_cases,10,exact,Lạng Sơn,2020,,x,part,,Hội Luật gia",
        "d1,appraisal_drafts,5,exact,Lạng Sơn,2020,,x,total,,",
        "d1,appraisal_drafts,6,exact,Lạng Sơn,2020,,x,area,huyện A,",  # unmatched: not counted
        header=SCOPED,
    )
    gold = write(
        tmp_path / "gold.csv",
        "d1,mediation_cases,10,exact,Lạng Sơn,2020,,x,part,,Hội Luật gia",
        "d1,mediation_cases,10,exact,Lạng Sơn,2020,,x,part,,công an",
        "d1,appraisal_drafts,5,exact,Lạng Sơn,2020,,x,area,huyện B,",
        header=SCOPED,
    )
    s = score_files(pred, gold, CATALOG)
    assert (s.matched, s.scope_agreed) == (3, 1), "one of the two part rows, not the area row"
    assert s.scope_share == pytest.approx(1 / 3)
    differs = sorted(zip(s.scope_differs["scope"], s.scope_differs["predicted_scope"], strict=True))
    assert differs == [("area", "total"), ("part", "total")]
    text = format_score(s)
    assert "scope match share: 1 of 3 full matches (0.333)" in text
    assert "lenient (doc_id, indicator, value; place and period ignored): matched 3" in text


def test_scope_share_is_undefined_without_scopes_on_both_sides(tmp_path):
    row = "d1,mediation_cases,10,exact,Lạng Sơn,2020,,x"
    s = score_files(
        write(tmp_path / "pred.csv", row),
        write(tmp_path / "gold.csv", row + ",total,,", header=SCOPED),
        CATALOG,
    )
    assert s.scope_agreed is None and math.isnan(s.scope_share)
    assert "scope match share" not in format_score(s)
