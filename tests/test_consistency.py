"""Consistency findings: disagreements worth a look, which are not errors."""

from __future__ import annotations

from pathlib import Path

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
        "(000_dad9108531b79d33 [Báo Lạng Sơn (LSO)]: 490; 002_ee5b86ab325aa10c [TTXVN]: 510)"
    ]


def add_cited_page(data: Path, source_id: str, outlet: str, records: list[dict[str, str]]) -> None:
    """A cited page in the registry and its records (quotes only, no offsets)."""
    with (data / "sources.csv").open("a", encoding="utf-8") as fh:
        fh.write(f"{source_id},https://{outlet}/{source_id},{outlet},A page,,,Việt Nam,false,,\n")
    path = data / "records" / "corpus.csv"
    rows = read_rows(path)
    base = {c: "" for c in rows[0]}
    extra = [
        {
            **base,
            "record_id": f"r{source_id}{i}",
            "doc_id": source_id,
            "qualifier": "exact",
            "jurisdiction": "Việt Nam",
            "scope": "total",
            "status": "reviewed",
            **r,
        }
        for i, r in enumerate(records)
    ]
    write_rows(path, [*rows, *extra])


def test_one_figure_under_two_periods_names_both_pages(cited_data):
    findings = check_consistency(load_records())
    other = findings[findings["finding"] == "same-figure-other-period"]
    assert list(other["message"]) == [
        "dissemination_sessions for Việt Nam: at least 216000 is given for 2025-H1 by "
        "hD19 [baogialai.com.vn] and for 2025-9M by hE08 [tienphong.vn]: one figure under "
        "two periods"
    ]
    assert list(other["doc_ids"]) == [("hD19", "hE08")]
    same_period = findings[
        (findings["finding"] == "sources-disagree") & (findings["period"] == "2025-H1")
    ]
    assert list(same_period["message"]) == [
        "dissemination_sessions for Việt Nam 2025-H1 differs between sources "
        "(hD18 [baophutho.vn]: 216584; hD19 [baogialai.com.vn]: at least 216000): "
        "their qualifiers allow one value"
    ]


def test_national_totals_that_differ_between_pages_are_both_kept(cited_data):
    add_cited_page(
        cited_data,
        "hX01",
        "example.vn",
        [
            {
                "indicator": "appraisal_drafts",
                "value": "6000",
                "period": "2020",
                "evidence": "thẩm định 6.000 dự thảo",
            },
            {
                "indicator": "appraisal_drafts",
                "value": "6606",
                "period": "2019",
                "evidence": "thẩm định 6.606 dự thảo",
            },
        ],
    )
    records = load_records()
    findings = check_consistency(records)
    disagree = findings[findings["finding"] == "sources-disagree"].set_index("period")
    assert disagree.loc["2020", "message"] == (
        "appraisal_drafts for Việt Nam 2020 differs between sources "
        "(hC02 [pbgdpl.camau.gov.vn]: 5800; hX01 [example.vn]: 6000)"
    )
    assert (disagree.loc["2020", "stated"], disagree.loc["2020", "computed"]) == (6000, 5800)
    assert "2019" not in disagree.index, "two pages giving the same 2019 total agree"
    national_2020 = records[
        (records["indicator"] == "appraisal_drafts")
        & (records["period"] == "2020")
        & records["is_national"]
    ]
    assert sorted(national_2020["value"]) == [5800, 6000], "no figure dropped or averaged"
