"""Consistency findings: disagreements worth a look, which are not errors."""

from __future__ import annotations

from conftest import read_rows, write_rows

from analysis.records.consistency import check_consistency
from analysis.records.load import load_records


def test_stated_rate_that_its_parts_do_not_give():
    findings = check_consistency(load_records())
    rate = findings[findings["finding"] == "rate-differs-from-parts"]
    assert list(rate["message"]) == [
        "Lạng Sơn 2024-H1: stated 81,2 % but 1259/1549 gives 81,28 % (truncated, not rounded)"
    ]
    assert (rate["stated"].iloc[0], rate["computed"].iloc[0]) == (81.2, 81.2782)


def test_rate_within_rounding_is_no_finding(data_copy):
    path = data_copy / "records" / "records.csv"
    rows = read_rows(path)
    for r in rows:
        if r["indicator"] == "mediation_success_rate":
            r["value"] = "81.3"
    write_rows(path, rows)
    findings = check_consistency(load_records())
    assert "rate-differs-from-parts" not in set(findings["finding"])


def test_same_figure_from_two_sources_with_different_values(data_copy):
    path = data_copy / "records" / "records.csv"
    rows = read_rows(path)
    copy = dict(
        next(
            r
            for r in rows
            if r["indicator"] == "legal_aid_cases" and r["jurisdiction"] == "Lạng Sơn"
        )
    )
    # A second article (here 002, whose text we do not check) reporting Lạng Sơn's 2020 legal aid.
    article = (data_copy / "articles" / "002_ee5b86ab325aa10c.txt").read_text(encoding="utf-8")
    body = article.split("\n---\n", 1)[1]
    start = body.index("thẩm định 42 văn bản")
    copy.update(
        record_id="rsecondsource",
        doc_id="002_ee5b86ab325aa10c",
        value="510",
        evidence="thẩm định 42 văn bản",
        start=str(start),
        end=str(start + 20),
    )
    write_rows(path, [*rows, copy])
    findings = check_consistency(load_records())
    disagree = findings[findings["finding"] == "sources-disagree"]
    assert list(disagree["message"]) == [
        "legal_aid_cases for Lạng Sơn 2020 differs between sources "
        "(000_dad9108531b79d33: 490, 002_ee5b86ab325aa10c: 510)"
    ]
