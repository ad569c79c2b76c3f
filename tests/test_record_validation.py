"""Broken records files are stopped at the door, with every problem named by file, line and rule."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import read_rows, write_rows

from analysis.errors import DataError
from analysis.records.load import load_records


def problems(data: Path) -> list[str]:
    with pytest.raises(DataError) as caught:
        load_records(("reviewed", "candidate", "rejected"))
    return [str(p) for p in caught.value.problems]


def edit(data: Path, changes: dict[int, dict[str, str]]) -> tuple[Path, list[dict[str, str]]]:
    """Apply {row index: {column: value}} to the copy's records.csv; line = index + 2."""
    path = data / "records" / "records.csv"
    rows = read_rows(path)
    for i, change in changes.items():
        rows[i].update(change)
    write_rows(path, rows)
    return path, rows


def test_each_rule_reported_with_file_line_and_rule_all_at_once(data_copy):
    path, rows = edit(
        data_copy,
        {
            0: {"indicator": "apraisal_drafts"},
            1: {"value": "-5"},
            2: {"jurisdiction": "Lang Son"},
            3: {"period": "2020-H3"},
            5: {"record_id": "rd5d0058374fc"},
            6: {"qualifier": "roughly"},
            9: {"level": "national"},
            10: {"status": "approved"},
        },
    )
    f = str(path)
    assert rows[4]["record_id"] == "rd5d0058374fc"
    assert problems(data_copy) == [
        f"{f}:2: record r63fb7d211b88: indicator 'apraisal_drafts' is not in the catalog "
        "[unknown-indicator]",
        f"{f}:3: record r7bcabb11d3df: drafts_commented value -5 is negative: a count cannot be "
        "[negative-count]",
        f"{f}:4: record rec5ca4411d15: jurisdiction 'Lang Son' is not a province or city, nor "
        "'Việt Nam' (did you mean 'Lạng Sơn'?) [unknown-province]",
        f"{f}:5: record rcaeb2bc9abb5: malformed period '2020-H3': expected YYYY, YYYY-H1/H2, "
        "YYYY-Q1..Q4, YYYY-9M, YYYY-YTD or YYYY..YYYY [malformed-period]",
        f"{f}:7: record rd5d0058374fc: record_id 'rd5d0058374fc' is used again (first at {f}:6) "
        "[duplicate-id]",
        f"{f}:8: record {rows[6]['record_id']}: qualifier 'roughly' is not one of exact, "
        "at_least, approx, at_most [bad-qualifier]",
        f"{f}:11: record {rows[9]['record_id']}: level 'national' is not one of central, "
        "province, district, commune or empty [bad-level]",
        f"{f}:12: record {rows[10]['record_id']}: status 'approved' is not one of reviewed, "
        "candidate, rejected [bad-status]",
    ]


def test_part_larger_than_whole(data_copy):
    rows = read_rows(data_copy / "records" / "records.csv")
    i = next(
        i
        for i, r in enumerate(rows)
        if r["indicator"] == "mediation_successful" and r["doc_id"].startswith("001")
    )
    whole_line = (
        next(
            i
            for i, r in enumerate(rows)
            if r["indicator"] == "mediation_cases" and r["doc_id"].startswith("001")
        )
        + 2
    )
    path, _ = edit(data_copy, {i: {"value": "1600"}})
    assert problems(data_copy) == [
        f"{path}:{i + 2}: record {rows[i]['record_id']}: mediation_successful 1600 exceeds its "
        f"whole, mediation_cases 1549 (line {whole_line}), for Lạng Sơn 2024-H1 in "
        "001_1e33087bd0e7e6fd [part-exceeds-whole]"
    ]


def test_on_time_certificates_above_requests(data_copy):
    rows = read_rows(data_copy / "records" / "records.csv")
    i = next(i for i, r in enumerate(rows) if r["indicator"] == "criminal_record_on_time")
    _path, _ = edit(data_copy, {i: {"value": "2100"}})
    (message,) = problems(data_copy)
    assert message.endswith("[part-exceeds-whole]") and "criminal_record_requests 2000" in message


def test_rejected_parts_are_not_compared(data_copy):
    rows = read_rows(data_copy / "records" / "records.csv")
    i = next(i for i, r in enumerate(rows) if r["indicator"] == "criminal_record_on_time")
    edit(data_copy, {i: {"value": "2100", "status": "rejected"}})
    assert len(load_records("rejected")) == 3


def test_rate_outside_0_100_and_fractional_count(data_copy):
    rows = read_rows(data_copy / "records" / "records.csv")
    rate = next(i for i, r in enumerate(rows) if r["indicator"] == "mediation_success_rate")
    path, _ = edit(data_copy, {rate: {"value": "181.2"}, 0: {"value": "2.164"}})
    assert problems(data_copy) == [
        f"{path}:2: value '2.164' has a dot before a group of three digits: a Vietnamese "
        "reader takes it for 2164, the program for 2.164; write the plain number (2164), or a "
        "decimal without trailing zeros [thousands-dot]",
        f"{path}:{rate + 2}: record {rows[rate]['record_id']}: mediation_success_rate value "
        "181.2 is outside 0-100 percent [rate-out-of-range]",
    ]


def test_unparseable_number_and_empty_cell_reported_together(data_copy):
    path, _rows = edit(data_copy, {0: {"value": "81,2"}, 1: {"evidence": ""}, 2: {"start": "x"}})
    assert problems(data_copy) == [
        f"{path}:2: value '81,2' is not a plain decimal number ('.' for decimals, no thousands "
        "separator) [not-a-number]",
        f"{path}:3: record r7bcabb11d3df: column 'evidence' is empty [missing-value]",
        f"{path}:4: start 'x' is not a whole number [not-a-number]",
    ]


def test_offsets_must_span_the_evidence_and_match_the_article(data_copy):
    path, _rows = edit(data_copy, {0: {"end": "700"}, 1: {"start": "713", "end": "738"}})
    assert problems(data_copy) == [
        f"{path}:2: record r63fb7d211b88: start 627 and end 700 do not span the evidence's 39 "
        "characters [bad-offsets]",
        f"{path}:3: record r7bcabb11d3df: evidence is not the article's text at 713-738 "
        "(found 'óp ý 319 dự thảo văn bản,') [evidence-mismatch]",
    ]
    edit(data_copy, {0: {"end": "666"}})
    assert problems(data_copy) == [
        f"{path}:3: record r7bcabb11d3df: evidence is not the article's text at 713-738 "
        "(found 'óp ý 319 dự thảo văn bản,') [evidence-mismatch]",
    ]


def test_record_of_an_unknown_article(data_copy):
    (data_copy / "articles" / "002_ee5b86ab325aa10c.txt").unlink()
    (message,) = problems(data_copy)
    assert message.endswith(
        f"doc_id '002_ee5b86ab325aa10c' has no article in {data_copy / 'articles'} and is not "
        "a cited source in the registry (data/sources.csv) [unknown-source]"
    )


def test_missing_and_unknown_columns(data_copy):
    path = data_copy / "records" / "records.csv"
    text = path.read_text(encoding="utf-8").replace("qualifier", "qualifer", 1)
    path.write_text(text, encoding="utf-8")
    assert problems(data_copy) == [
        f"{path}:1: missing column 'qualifier' [missing-column]",
        f"{path}:1: unknown column 'qualifer' (expected record_id, doc_id, indicator, value, "
        "qualifier, jurisdiction, period, level, evidence, scope, area, scope_note, start, end, "
        "status, note) "
        "[unknown-column]",
    ]


def test_empty_file(data_copy):
    path = data_copy / "records" / "extra.csv"
    path.write_bytes(b"")
    assert problems(data_copy) == [f"{path}: empty file: no header row [empty-file]"]


def test_not_utf8(data_copy):
    path = data_copy / "records" / "records.csv"
    raw = path.read_bytes()
    at = raw.index("Lạng Sơn".encode())
    path.write_bytes(raw[:at] + b"L\xe1ng" + raw[at + len("Lạng".encode()) :])  # Latin-1 á
    assert problems(data_copy) == [
        f"{path}:2: byte {at + 1}: not UTF-8: invalid byte 0xe1 [not-utf8]"
    ]


def test_row_with_wrong_field_count(data_copy):
    path = data_copy / "records" / "records.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[3] = lines[3].rstrip("\n") + ",extra\n"
    path.write_text("".join(lines), encoding="utf-8")
    assert problems(data_copy) == [f"{path}:4: 17 fields where the header has 16 [bad-row]"]


def test_duplicate_ids_across_files(data_copy):
    source = data_copy / "records" / "records.csv"
    lines = source.read_text(encoding="utf-8").splitlines(keepends=True)
    second = data_copy / "records" / "zz_more.csv"
    second.write_text(lines[0] + lines[1], encoding="utf-8")
    assert problems(data_copy) == [
        f"{second}:2: record r63fb7d211b88: record_id 'r63fb7d211b88' is used again "
        f"(first at {source}:2) [duplicate-id]"
    ]


def test_quoted_newline_in_a_note_still_loads(data_copy):
    _path, _rows = edit(data_copy, {0: {"note": "two\nlines"}})
    records = load_records()
    assert records.loc[0, "note"] == "two\nlines"


def add_cited_record(data: Path, **fields: str) -> Path:
    """A record of a cited page appended to the cited fixture's corpus.csv; returns the file."""
    path = data / "records" / "corpus.csv"
    rows = read_rows(path)
    write_rows(path, [*rows, {**rows[0], **fields}])
    return path


def test_cited_record_with_no_registered_source(cited_data):
    path = add_cited_record(cited_data, record_id="rnosource0001", doc_id="hZ99")
    line = len(read_rows(path)) + 1
    assert problems(cited_data) == [
        f"{path}:{line}: record rnosource0001: doc_id 'hZ99' has no article in "
        f"{cited_data / 'articles'} and is not a cited source in the registry "
        "(data/sources.csv) [unknown-source]"
    ]


@pytest.mark.parametrize(
    ("url", "message"),
    [
        (
            "file:///home/me/page.html",
            "address 'file:///home/me/page.html' is not an http(s) address",
        ),
        ("", "a cited source needs its http(s) address: it has none"),
        ("www.moj.gov.vn/page", "address 'www.moj.gov.vn/page' is not an http(s) address"),
    ],
)
def test_cited_source_needs_a_web_address(cited_data, url, message):
    registry = cited_data / "sources.csv"
    rows = read_rows(registry)
    line = next(i for i, r in enumerate(rows) if r["source_id"] == "hC02") + 2
    rows[line - 2]["url"] = url
    write_rows(registry, rows)
    assert problems(cited_data) == [f"{registry}:{line}: source hC02: {message} [bad-address]"]


def test_bundled_record_whose_quote_is_not_in_its_article(data_copy):
    path, _rows = edit(data_copy, {0: {"evidence": "thẩm định 99 văn bản quy phạm pháp luật"}})
    assert problems(data_copy) == [
        f"{path}:2: record r63fb7d211b88: evidence is not the article's text at 627-666 "
        "(found 'thẩm định 62 văn bản quy phạm pháp luật') and the evidence is nowhere in its "
        "text [evidence-mismatch]"
    ]


def test_valid_records_are_proved_without_naming_rows(data_copy, monkeypatch):
    from analysis.schema.table import Table

    def refuse(*_args, **_kwargs):
        raise AssertionError("valid data should pass the vectorised checks alone")

    monkeypatch.setattr(Table, "failures", refuse)
    assert len(load_records()) > 0
    edit(data_copy, {0: {"value": "-62"}})
    with pytest.raises(AssertionError, match="vectorised checks alone"):
        load_records()  # a broken record goes on to the same rules, which name its row


def test_lines_after_a_broken_row_are_still_right(data_copy):
    path = data_copy / "records" / "records.csv"
    lines = path.read_text("utf-8").splitlines()
    lines[1] = lines[1] + ",extra"  # line 2 has a field too many: left out of the table
    lines[3] = lines[3].replace(",Lạng Sơn,", ",Lang Son,", 1)  # line 4: an unknown province
    path.write_text("\n".join(lines) + "\n", "utf-8")
    assert [(p.rsplit("[", 1)[1], p.split(":")[1]) for p in problems(data_copy)] == [
        ("bad-row]", "2"),
        ("unknown-province]", "4"),
    ]


@pytest.mark.parametrize(
    ("ids", "distinct"),
    [
        (["r1", "r2", "r3"], True),
        (["r1", "r2", "r1"], False),
        (["a", "bb", "a"], False),  # ids of several widths
        (["a", "bb", "ccc"], True),
        (["r00000000000a", "r00000000000b", "r00000000000a"], False),  # wider than 8 bytes
        (["r00000000000a", "r00000000001a", "r10000000000a"], True),
        (["", "x"], True),
        (["", ""], False),
    ],
)
@pytest.mark.parametrize("kind", ["string", "large_string", "chunked", "sliced"])
def test_record_id_uniqueness_fast_check_finds_every_repeat(ids, distinct, kind):
    import pyarrow as pa

    from analysis.schema.table import distinct_texts

    if kind == "chunked":
        array = pa.chunked_array([pa.array(ids[:1]), pa.array(ids[1:])])
    elif kind == "sliced":
        array = pa.array(["zz", *ids, "zz"]).slice(1, len(ids))
    else:
        array = pa.array(ids, type=getattr(pa, kind)())
    assert distinct_texts(array) is distinct, f"{ids} taken as distinct={not distinct}"
