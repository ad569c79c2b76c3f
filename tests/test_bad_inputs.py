"""The bad-input corpus (tests/bad_inputs/, README there) through every command at once.

Each kind of bad input must come out as one line naming its file and what is wrong, with no
traceback, while every other input is still read; the good and the merely odd inputs (a
subfolder, a BOM, a formula-looking name, hostile markup) must come through as data.
Files that cannot be committed (a FIFO, a socket, a 10 MB line, a 25 MB file) are made here.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import socket
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import SEED_ARTICLES, copy_fixture_data

from analysis.cli import main
from analysis.errors import DataError
from analysis.paths import DATA_DIR_ENV
from analysis.records.load import load_records

CORPUS = Path(__file__).parent / "bad_inputs"
EXTRACT, INTO, VALIDATE, LOAD, REPORT = "extract", "extract --into", "validate", "load", "report"
ARTICLE_COMMANDS = (EXTRACT, INTO, VALIDATE, REPORT)
LISTING_COMMANDS = (*ARTICLE_COMMANDS, LOAD)
RECORD_COMMANDS = (VALIDATE, LOAD, REPORT)


@dataclass(frozen=True)
class Kind:
    """A bad input: its file under the data folder, the rule and the words its message has,
    and the commands that must report it."""

    file: str
    rule: str
    words: str
    commands: tuple[str, ...]


KINDS = {
    "latin-1 text": Kind(
        "articles/latin1.txt", "not-utf8", "not UTF-8: invalid byte 0xe3", ARTICLE_COMMANDS
    ),
    "UTF-16 text": Kind(
        "articles/utf16.txt", "not-utf8", "UTF-16 text, not UTF-8", ARTICLE_COMMANDS
    ),
    "empty file": Kind("articles/empty.txt", "empty-file", "empty file", ARTICLE_COMMANDS),
    "blank file": Kind("articles/blank.md", "empty-file", "empty file", ARTICLE_COMMANDS),
    "binary file": Kind(
        "articles/binary.txt", "not-text", "binary file: NUL byte", ARTICLE_COMMANDS
    ),
    "front matter never closed": Kind(
        "articles/front_matter_unclosed.md", "front-matter", "never closed", ARTICLE_COMMANDS
    ),
    "front matter not YAML": Kind(
        "articles/front_matter_not_yaml.md", "front-matter", "not valid YAML", ARTICLE_COMMANDS
    ),
    "front matter date not ISO": Kind(
        "articles/front_matter_bad_date.md", "front-matter", "must be an ISO date", ARTICLE_COMMANDS
    ),
    "front matter a list": Kind(
        "articles/front_matter_list.md", "front-matter", "must be a mapping", ARTICLE_COMMANDS
    ),
    "front matter hash unquoted": Kind(
        "articles/front_matter_unquoted_hash.md",
        "front-matter",
        "64 hexadecimal digits",
        ARTICLE_COMMANDS,
    ),
    "only front matter": Kind(
        "articles/only_front_matter.md",
        "empty-file",
        "no text after the front matter",
        ARTICLE_COMMANDS,
    ),
    "edited source body": Kind(
        "articles/source_edited.md",
        "source-edited",
        "body differs from its recorded body_sha256",
        ARTICLE_COMMANDS,
    ),
    "unknown jurisdiction in front matter": Kind(
        "articles/unknown_jurisdiction.md",
        "unknown-province",
        "'Hà Tây Cũ' is not a province",
        (VALIDATE, REPORT),
    ),
    "FIFO among the articles": Kind(
        "articles/fifo.txt", "not-a-file", "a FIFO (named pipe), not a file", LISTING_COMMANDS
    ),
    "socket among the articles": Kind(
        "articles/socket.md", "not-a-file", "a socket, not a file", LISTING_COMMANDS
    ),
    "10 MB single line": Kind(
        "articles/long_line.txt",
        "line-too-long",
        "a single line of 10,000,000 characters",
        ARTICLE_COMMANDS,
    ),
    "25 MB article": Kind(
        "articles/huge.txt", "too-large", "25.0 MB is over the 12 MB limit", ARTICLE_COMMANDS
    ),
    "doc_id reused in another folder": Kind(
        "articles/sub2/good.md",
        "same-doc-id",
        "doc_id 'good' is already the id of",
        LISTING_COMMANDS,
    ),
    "doc_id reused with the other extension": Kind(
        "articles/bom_crlf.md",
        "same-doc-id",
        "doc_id 'bom_crlf' is already the id of",
        LISTING_COMMANDS,
    ),
    "FIFO among the records": Kind(
        "records/fifo.csv", "not-a-file", "a FIFO (named pipe), not a file", RECORD_COMMANDS
    ),
    "stray quote in the last row": Kind(
        "records/stray_quote.csv:3",
        "unclosed-quote",
        "a quote opened in this row is never closed",
        RECORD_COMMANDS,
    ),
    "thousands dot (300.000)": Kind(
        "records/thousands_dot.csv:2",
        "thousands-dot",
        "a Vietnamese reader takes it for 300000",
        RECORD_COMMANDS,
    ),
    "digits split by a zero-width space": Kind(
        "records/zero_width_space.csv:2",
        "invisible-char",
        "U+200B (ZERO WIDTH SPACE)",
        RECORD_COMMANDS,
    ),
    "inf as a value": Kind(
        "records/infinite.csv:2", "not-finite", "value 'inf' is not a number", RECORD_COMMANDS
    ),
    "nan as a value": Kind(
        "records/not_a_number.csv:2", "not-finite", "value 'nan' is not a number", RECORD_COMMANDS
    ),
    "decimal comma (81,2)": Kind(
        "records/comma_decimal.csv:2",
        "not-a-number",
        "'.' for decimals, no thousands separator",
        RECORD_COMMANDS,
    ),
    "doc_id outside the data folder (../../x)": Kind(
        "records/doc_id_outside.csv:2",
        "bad-doc-id",
        "doc_id '../../x' is not a file name",
        RECORD_COMMANDS,
    ),
    "unknown indicator": Kind(
        "records/unknown_indicator.csv:2",
        "unknown-indicator",
        "'apraisal_drafts' is not in the catalog",
        RECORD_COMMANDS,
    ),
    "negative count": Kind(
        "records/negative_count.csv:2", "negative-count", "value -62 is negative", RECORD_COMMANDS
    ),
    "rate over 100": Kind(
        "records/rate_out_of_range.csv:2",
        "rate-out-of-range",
        "181.2 is outside 0-100",
        RECORD_COMMANDS,
    ),
    "part above its whole": Kind(
        "records/part_exceeds_whole.csv:2",
        "part-exceeds-whole",
        "5000 exceeds its whole",
        RECORD_COMMANDS,
    ),
    "duplicate record_id": Kind(
        "records/duplicate_id.csv:3", "duplicate-id", "is used again", RECORD_COMMANDS
    ),
    "malformed period": Kind(
        "records/bad_period.csv:2",
        "malformed-period",
        "malformed period '2020-H3'",
        RECORD_COMMANDS,
    ),
    "unaccented province": Kind(
        "records/unknown_province.csv:2",
        "unknown-province",
        "(did you mean 'Lạng Sơn'?)",
        RECORD_COMMANDS,
    ),
    "offsets that do not span the evidence": Kind(
        "records/bad_offsets.csv:2", "bad-offsets", "do not span the evidence", RECORD_COMMANDS
    ),
    "evidence not at its offsets": Kind(
        "records/evidence_mismatch.csv:2",
        "evidence-mismatch",
        "evidence is not the article's text",
        RECORD_COMMANDS,
    ),
    "misspelt column": Kind(
        "records/missing_column.csv:1",
        "missing-column",
        "missing column 'qualifier'",
        RECORD_COMMANDS,
    ),
    "records not UTF-8": Kind(
        "records/not_utf8.csv:2", "not-utf8", "not UTF-8: invalid byte 0xe1", RECORD_COMMANDS
    ),
    "empty records file": Kind(
        "records/empty_file.csv", "empty-file", "no header row", RECORD_COMMANDS
    ),
    "a row with an extra field": Kind(
        "records/wrong_field_count.csv:2",
        "bad-row",
        "14 fields where the header has 13",
        RECORD_COMMANDS,
    ),
    "unknown status": Kind(
        "records/bad_status.csv:2", "bad-status", "status 'approved' is not one of", RECORD_COMMANDS
    ),
    "empty evidence": Kind(
        "records/empty_evidence.csv:2",
        "missing-value",
        "column 'evidence' is empty",
        RECORD_COMMANDS,
    ),
}
# Broken candidates files (`stores/`) that `extract --into` must refuse before appending anything.
REFUSED_STORES = {
    "stray_quote.csv": ":3: a quote opened in this row is never closed",
    "wrong_field_count.csv": ":2: 19 fields where the header has 18; fix the row first",
    "not_utf8.csv": ":2: not UTF-8: invalid byte 0xe1",
    "missing_column.csv": ":1: columns ['record_id', 'doc_id', 'indicator', 'value', 'qualifer'",
}
# Inputs that are odd but fine: each must come through as data.
READ_AS_DATA = {
    "good": "articles/good.txt",
    "bom_crlf": "articles/bom_crlf.txt",  # a BOM and CRLF line ends
    "nested": "articles/sub/nested.txt",  # in a subfolder
    '=HYPERLINK("evil.example","bấm")': "articles/=HYPERLINK(...).txt",  # written as '=…
    "hostile_title": "articles/hostile_title.md",  # markup in the title and the body
}


def make_special_files(data: Path) -> None:
    articles = data / "articles"
    os.mkfifo(articles / "fifo.txt")
    os.mkfifo(data / "records" / "fifo.csv")
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(articles / "socket.md"))
    server.close()
    (articles / "long_line.txt").write_text("Mở đầu\n" + "a" * 10_000_000 + "\n", "utf-8")
    with (articles / "huge.txt").open("wb") as fh:
        fh.truncate(25_000_000)  # sparse: refused on its size before a byte is read
    for sub, name in (("sub", "nested.txt"), ("sub2", "good.md")):
        (articles / sub).mkdir()
        shutil.copy(articles / "good.txt", articles / sub / name)
    shutil.copy(articles / "bom_crlf.txt", articles / "bom_crlf.md")
    hidden = data / "records" / ".ipynb_checkpoints"  # what JupyterLab leaves: never read
    hidden.mkdir()
    shutil.copy(data / "records" / "duplicate_id.csv", hidden / "records-checkpoint.csv")


@pytest.fixture(scope="module")
def runs(tmp_path_factory) -> dict[str, object]:
    """Every command, once, over the seeds plus the whole corpus."""
    root = tmp_path_factory.mktemp("corpus")
    data = root / "data"
    copy_fixture_data(data)
    shutil.copytree(CORPUS / "articles", data / "articles", dirs_exist_ok=True)
    shutil.copytree(CORPUS / "records", data / "records", dirs_exist_ok=True)
    make_special_files(data)
    env = {DATA_DIR_ENV: str(data), "VN_JUSTICE_CACHE_DIR": "off"}
    runner = CliRunner(env=env)
    out: dict[str, object] = {"data": data}
    out[EXTRACT] = runner.invoke(main, ["extract", str(data / "articles")])
    out[INTO] = runner.invoke(
        main, ["extract", str(data / "articles"), "--into", str(data / "candidates")]
    )
    out["store"] = data / "candidates" / "candidates.csv"
    out[VALIDATE] = runner.invoke(main, ["validate"])
    out[REPORT] = runner.invoke(main, ["report", "--out", str(root / "reports")])
    out["reports"] = root / "reports"
    old = os.environ.get(DATA_DIR_ENV)
    os.environ[DATA_DIR_ENV] = str(data)
    try:
        load_records()
        out[LOAD] = "loaded without a problem"
    except DataError as exc:
        out[LOAD] = "\n".join(str(p) for p in exc.problems)
    finally:
        os.environ.pop(DATA_DIR_ENV) if old is None else os.environ.__setitem__(DATA_DIR_ENV, old)
    shutil.copytree(CORPUS / "stores", data / "candidates" / "stores")
    for name in REFUSED_STORES:
        store = data / "candidates" / "stores" / name
        before = store.read_bytes()
        out[name] = (
            runner.invoke(
                main, ["extract", str(data / "articles" / "good.txt"), "--into", str(store)]
            ),
            before,
        )
    return out


def output(result: object) -> str:
    return result if isinstance(result, str) else result.output  # stdout and stderr


@pytest.mark.parametrize("kind", KINDS)
def test_each_kind_is_one_line_naming_file_and_problem_in_every_command(runs, kind):
    k = KINDS[kind]
    where = f"{runs['data'] / k.file}:"
    for command in k.commands:
        lines = [line for line in output(runs[command]).splitlines() if where in line]
        assert lines, f"{command}: nothing said about {k.file} ({kind})"
        named = [line for line in lines if k.words in line]
        assert len(named) == 1 and named[0].endswith(f"[{k.rule}]"), f"{command}, {kind}: {lines}"


@pytest.mark.parametrize("command", [EXTRACT, INTO, VALIDATE, REPORT])
def test_no_traceback_and_exit_1(runs, command):
    result = runs[command]
    assert "Traceback" not in result.output, result.output
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )


def test_every_other_article_is_still_extracted(runs):
    rows = list(csv.DictReader(io.StringIO(runs[EXTRACT].stdout, newline="")))
    found = {r["doc_id"] for r in rows}
    # unknown_jurisdiction.md is only wrong for `validate`: its text extracts like any other.
    expected = {'\'=HYPERLINK("evil.example","bấm")', "unknown_jurisdiction"}
    expected |= {doc_id for doc_id in READ_AS_DATA if not doc_id.startswith("=")}
    seeds = {p.stem for p in SEED_ARTICLES.glob("*.txt")}
    assert expected <= found and found - expected <= seeds, found ^ (expected | seeds)
    assert (
        runs[EXTRACT].stderr.splitlines()[-1]
        == "extract: 11 files read, 41 figures found, 18 failed"
    )


def test_into_writes_formula_names_as_text_and_reads_them_back(runs):
    from analysis.records.read import read_record_tables

    raw = runs["store"].read_text("utf-8")
    assert '"\'=HYPERLINK(""evil.example"",""bấm"")"' in raw, (
        "a formula-looking cell was written as is"
    )
    frame, _, problems = read_record_tables([runs["store"]], candidates=True)
    assert not problems
    assert '=HYPERLINK("evil.example","bấm")' in set(frame["doc_id"].astype(str))


def test_report_lists_every_problem_validate_lists_and_writes_nothing(runs):
    listed = [line for line in runs[VALIDATE].output.splitlines() if line.endswith("]")]
    for line in listed:
        assert line.strip() in runs[REPORT].output, f"report did not name: {line}"
    assert "no report written: fix the data first" in runs[REPORT].output
    assert not runs["reports"].exists()


@pytest.mark.parametrize("name", REFUSED_STORES)
def test_a_broken_store_is_refused_and_left_byte_for_byte(runs, name):
    result, before = runs[name]
    store = runs["data"] / "candidates" / "stores" / name
    assert result.exit_code == 1
    assert f"error: {store}{REFUSED_STORES[name]}" in result.stderr, result.stderr
    assert store.read_bytes() == before


def test_the_readme_table_lists_every_kind():
    readme = (CORPUS / "README.md").read_text("utf-8")
    missing = [k for k in [*KINDS, *READ_AS_DATA] if f"| {k} |" not in readme]
    assert not missing, f"kinds missing from tests/bad_inputs/README.md: {missing}"
