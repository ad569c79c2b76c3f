"""`extract` reads every kind `ingest` reads, refuses unstored sources with --into, and its
writers never damage what they replace."""

from __future__ import annotations

import csv
import io
import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from ingest_docs import FIGURES, HTML_PAGE, make_docx, make_pdf

from analysis.cli import main
from analysis.errors import DataError
from analysis.extract.batch import EXTRACT_COLUMNS
from analysis.fileio import atomic_output
from analysis.paths import articles_dir, candidates_dir, records_dir
from analysis.sources.readers import read_file
from analysis.sources.registry import register

SEED = "000_dad9108531b79d33"
MARKDOWN = """# Quảng Trị: sơ kết công tác tư pháp quý I

Trong quý I năm 2024, các tổ hòa giải ở cơ sở của tỉnh Quảng Trị đã hòa giải thành 57 vụ việc.
Sở Tư pháp đã tiếp nhận 1.204 hồ sơ yêu cầu cấp Phiếu lý lịch tư pháp.
"""
MD_FIGURES = {("mediation_successful", "57"), ("criminal_record_requests", "1204")}
SEED_FIGURES = {
    ("appraisal_drafts", "62"),
    ("drafts_commented", "319"),
    ("criminal_record_requests", "2000"),
}


def extract(*args: object) -> object:
    return CliRunner().invoke(main, ["extract", *map(str, args)])


def rows_of(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


@pytest.fixture(scope="module")
def five_kinds(tmp_path_factory) -> Path:
    """A folder with one file of each kind: .txt (a seed), .md, .html, .pdf, .docx."""
    folder = tmp_path_factory.mktemp("five")
    shutil.copy(articles_dir() / f"{SEED}.txt", folder / "seed.txt")
    (folder / "quang-tri.md").write_text(MARKDOWN, "utf-8")
    shutil.copy(HTML_PAGE, folder / "trang-tin.html")
    make_pdf(folder / "bao-cao-nam.pdf")
    make_docx(folder / "bao-cao-quy.docx")
    return folder


EXPECTED = {
    "seed": SEED_FIGURES,
    "quang-tri": MD_FIGURES,
    "trang-tin": FIGURES["html"],
    "bao-cao-nam": FIGURES["pdf"],
    "bao-cao-quy": FIGURES["docx"],
}


def test_a_folder_of_five_kinds_is_read_whole_and_each_file_gives_its_figures(five_kinds):
    result = extract(five_kinds)
    assert result.exit_code == 0, result.output
    rows = rows_of(result.stdout)
    assert result.stderr == f"extract: 5 files read, {len(rows)} figures found, 0 failed\n"
    for doc_id, expected in EXPECTED.items():
        found = {(r["indicator"], r["value"]) for r in rows if r["doc_id"] == doc_id}
        assert expected <= found, f"{doc_id}: not found {sorted(expected - found)}"
    texts = {p.stem: read_file(p).text for p in five_kinds.iterdir()}
    for r in rows:
        assert texts[r["doc_id"]][int(r["start"]) : int(r["end"])] == r["evidence"], r
        assert "&nbsp;" not in r["evidence"] and "\u00a0" not in r["evidence"], r


@pytest.mark.parametrize("name", ["trang-tin.html", "bao-cao-nam.pdf", "bao-cao-quy.docx"])
def test_a_file_is_read_as_it_is_read_in_its_folder(five_kinds, name):
    alone = extract(five_kinds / name)
    assert alone.exit_code == 0, alone.output
    in_folder = [r for r in rows_of(extract(five_kinds).stdout) if r["doc_id"] == Path(name).stem]
    assert rows_of(alone.stdout) == in_folder


def test_files_of_other_kinds_are_skipped_and_named_with_the_reason(tmp_path):
    shutil.copy(HTML_PAGE, tmp_path / "trang.htm")
    (tmp_path / "bang.csv").write_text("a,b\n", "utf-8")
    (tmp_path / "anh.png").write_bytes(b"\x89PNG\r\n")
    (tmp_path / ".ghi-chu.txt").write_text("ẩn\n", "utf-8")
    result = extract(tmp_path)
    assert result.exit_code == 0, result.output
    kinds = "(.txt, .md, .html, .htm, .pdf, .docx)"
    n = len(rows_of(result.stdout))
    assert n == len(FIGURES["html"])
    assert result.stderr.splitlines() == [
        f"skipped: {tmp_path / 'anh.png'}: '.png' is not a kind read here {kinds}",
        f"skipped: {tmp_path / 'bang.csv'}: '.csv' is not a kind read here {kinds}",
        f"extract: 1 files read, {n} figures found, 2 skipped, 0 failed",
    ]


def test_a_broken_pdf_is_one_line(tmp_path):
    bad = tmp_path / "hong.pdf"
    bad.write_bytes(b"%PDF-1.7\nnot really a pdf\n")
    result = extract(bad)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"error: {bad}: not a readable PDF: ")
    assert "Traceback" not in result.output


def test_into_refuses_an_unstored_source_and_leaves_the_candidates_byte_identical(
    five_kinds, data_copy
):
    store = candidates_dir() / "candidates.csv"
    assert extract(articles_dir() / f"{SEED}.txt", "--into", candidates_dir()).exit_code == 0
    before = store.read_bytes()
    records_before = (records_dir() / "records.csv").read_bytes()
    page = five_kinds / "trang-tin.html"
    result = extract(articles_dir() / f"{SEED}.txt", page, "--into", candidates_dir())
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"error: {page}: source 'trang-tin' is not stored (no {articles_dir()}/trang-tin.txt, "
        f"not in the registry): store it first with `python -m analysis ingest {page}`, then "
        "extract the article it writes [unstored-source]",
        "extract: nothing written: 1 file(s) of unstored sources",
    ]
    assert store.read_bytes() == before
    assert (records_dir() / "records.csv").read_bytes() == records_before
    assert sorted(p.name for p in candidates_dir().iterdir()) == [
        ".candidates.csv.lock",
        "candidates.csv",
    ]


def test_into_refuses_a_file_named_as_a_stored_article_but_with_another_text(tmp_path, data_copy):
    store = candidates_dir() / "candidates.csv"
    assert extract(articles_dir() / f"{SEED}.txt", "--into", candidates_dir()).exit_code == 0
    before = store.read_bytes()
    other = tmp_path / f"{SEED}.txt"
    other.write_text("Năm 2020, Sở Tư pháp đã thẩm định 70 văn bản quy phạm pháp luật.\n", "utf-8")
    result = extract(other, "--into", candidates_dir())
    assert result.exit_code == 1
    assert f"source '{SEED}' differs from the stored" in result.stderr
    assert store.read_bytes() == before


def test_into_takes_a_registered_copy_with_the_same_text(tmp_path, data_copy):
    copy = tmp_path / f"{SEED}.txt"
    shutil.copy(articles_dir() / f"{SEED}.txt", copy)
    result = extract(copy, "--into", candidates_dir() / "new.csv")
    assert result.exit_code == 0, result.output


def test_output_to_a_character_device_writes_through(five_kinds):
    null = Path(os.devnull)
    result = extract(five_kinds / "quang-tri.md", "-o", null)
    assert result.exit_code == 0, result.output
    assert null.is_char_device() and not null.is_symlink(), "/dev/null was replaced"


def test_output_through_a_link_to_a_device_writes_through_and_keeps_the_link(tmp_path):
    link = tmp_path / "null"
    link.symlink_to(os.devnull)
    with atomic_output(link) as fh:
        fh.write("x\n")
    assert link.is_symlink() and Path(os.devnull).is_char_device()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["null"]


def test_output_to_a_symbolic_link_is_refused_and_the_link_kept(tmp_path, five_kinds):
    target = tmp_path / "target.csv"
    target.write_text("kept\n", "utf-8")
    link = tmp_path / "link.csv"
    link.symlink_to(target)
    result = extract(five_kinds / "quang-tri.md", "-o", link)
    assert result.exit_code == 1
    assert result.stderr == (
        f"error: {link}: is a symbolic link: refusing to replace it; name a regular file "
        "[bad-output]\n"
    )
    assert link.is_symlink() and target.read_text("utf-8") == "kept\n"


def test_output_to_a_folder_is_refused(tmp_path, five_kinds):
    result = extract(five_kinds / "quang-tri.md", "-o", tmp_path)
    assert result.exit_code == 2
    assert "is a directory" in result.stderr
    with pytest.raises(DataError, match="is a folder or special file"), atomic_output(tmp_path):
        pass


def test_replacing_a_file_keeps_its_permissions(tmp_path, five_kinds):
    out = tmp_path / "out.csv"
    out.write_text("earlier\n", "utf-8")
    out.chmod(0o640)
    result = extract(five_kinds / "quang-tri.md", "-o", out)
    assert result.exit_code == 0, result.output
    assert out.stat().st_mode & 0o7777 == 0o640
    assert out.read_text("utf-8").splitlines()[0] == ",".join(EXTRACT_COLUMNS)


def test_a_new_output_file_gets_the_umask_permissions(tmp_path):
    umask = os.umask(0o027)
    try:
        with atomic_output(tmp_path / "new.csv") as fh:
            fh.write("x\n")
    finally:
        os.umask(umask)
    assert (tmp_path / "new.csv").stat().st_mode & 0o777 == 0o640


def test_into_takes_a_registered_cited_source_without_offsets(tmp_path, data_copy):
    """A cited source's text is not stored: its candidates carry the page's words, no offsets,
    and the records still validate."""
    sid = "trang-duoc-trich_0a1b2c3d4e5f"
    register({"source_id": sid, "url": "https://news.example/tin.html", "bundled": False})
    page = tmp_path / f"{sid}.html"
    shutil.copy(HTML_PAGE, page)
    result = extract(page, "--into", candidates_dir())
    assert result.exit_code == 0, result.output
    stored = rows_of((candidates_dir() / "candidates.csv").read_text("utf-8"))
    rows = [r for r in stored if r["doc_id"] == sid]
    assert {(r["indicator"], r["value"]) for r in rows} == FIGURES["html"]
    assert {(r["start"], r["end"]) for r in rows} == {("", "")}
    validated = CliRunner().invoke(main, ["validate"])
    assert validated.exit_code == 0, validated.output


def test_a_pdf_is_read_page_by_page_and_each_page_start_is_kept(five_kinds):
    from ingest_docs import PDF_PAGE_TWO, PDF_TITLE

    from analysis.sources.readers import read_pdf

    path = five_kinds / "bao-cao-nam.pdf"
    doc = read_pdf(path.read_bytes(), str(path))
    assert doc.extra["pages"] == 2
    first, second = doc.extra["page_starts"]
    assert first == 0 and doc.text.startswith(PDF_TITLE)
    assert doc.text[second:].startswith(PDF_PAGE_TWO[0]), doc.text[second - 10 : second + 40]
    assert doc.text[second - 2 : second] == "\n\n"
