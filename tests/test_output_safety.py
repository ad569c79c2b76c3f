"""What the project writes is safe to open: CSV cells never run as formulas (and read back as
written), data reaching Markdown or HTML shows as text, and only http(s) links are links."""

from __future__ import annotations

import csv
import io
import shutil

import pyarrow as pa
import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from analysis.cli import main
from analysis.fileio import FORMULA_STARTS, formula_safe, formula_unsafe
from analysis.records.load import load_records
from analysis.records.read import _unquote_formulas
from analysis.report.pdf import ReportMeta, Section, document_html, is_safe_link, safe_links
from analysis.report.tables import Note, ReportTable

FORMULA_NAME = '=HYPERLINK("evil.example","bấm")'
cells = st.text(alphabet=st.sampled_from(list("'=+-@\t\r0123456789.eE ab,\"")), max_size=8)


@pytest.mark.parametrize("start", FORMULA_STARTS)
def test_formula_cells_get_a_leading_quote(start):
    assert formula_safe(f"{start}SUM(A1)") == f"'{start}SUM(A1)"


@pytest.mark.parametrize("cell", ["-5", "+3.25", "-1e-06", "62", "", "Lạng Sơn", "'quoted'"])
def test_numbers_and_plain_text_are_kept(cell):
    assert formula_safe(cell) == cell


@given(cells)
def test_what_is_written_reads_back_as_it_was(cell):
    assert formula_unsafe(formula_safe(cell)) == cell


@given(st.lists(cells, max_size=6))
def test_the_loader_undoes_formula_safe_like_formula_unsafe(values):
    written = [formula_safe(v) for v in values]
    table = pa.table({"note": pa.array(written, pa.string())})
    table = table.append_column("doc_id", pa.array(written, pa.string()).dictionary_encode())
    read = _unquote_formulas(table)
    assert read.column("note").to_pylist() == values
    assert read.column("doc_id").cast(pa.string()).to_pylist() == values


def test_a_formula_named_article_goes_through_extract_and_load_as_its_own_name(data_copy):
    seed = data_copy / "articles" / "000_dad9108531b79d33.txt"
    shutil.move(seed, data_copy / "articles" / f"{FORMULA_NAME}.txt")
    records = data_copy / "records" / "records.csv"
    kept = [line for line in records.read_text("utf-8").splitlines() if "000_dad" not in line]
    records.write_text("\n".join(kept) + "\n", "utf-8")
    out = CliRunner().invoke(main, ["extract", str(data_copy / "articles")])
    rows = list(csv.DictReader(io.StringIO(out.stdout, newline="")))
    assert "'" + FORMULA_NAME in {r["doc_id"] for r in rows}, "a formula cell was written as is"
    candidates = data_copy / "candidates" / "candidates.csv"
    into = CliRunner().invoke(
        main, ["extract", str(data_copy / "articles"), "--into", str(candidates.parent)]
    )
    assert into.exit_code == 0, into.output
    assert f'"\'{FORMULA_NAME.replace(chr(34), chr(34) * 2)}"' in candidates.read_text("utf-8")
    loaded = load_records("candidate")  # evidence checked against the article of that name
    assert FORMULA_NAME in set(loaded["doc_id"].astype(str))


def test_a_formula_note_reads_back_without_its_quote(data_copy):
    records = data_copy / "records" / "records.csv"
    text = records.read_text("utf-8").splitlines()
    text[1] = text[1].rstrip(",") + ",'=1+2"
    records.write_text("\n".join(text) + "\n", "utf-8")
    assert load_records()["note"].iloc[0] == "=1+2"


HOSTILE = '<a href="javascript:alert(1)">bấm</a><script>alert(2)</script>[x](javascript:alert(3))'


def test_notes_show_markup_as_text():
    import mistune  # what nbconvert renders a notebook's Markdown with

    markdown = Note((f"- {HOSTILE}",))._repr_markdown_()
    html = mistune.html(markdown)
    assert html.startswith("<ul>\n<li>"), html
    assert "<a" not in html and "<script" not in html, html
    assert markdown.replace("\\", "")[2:] == HOSTILE, "the text itself must stay readable"


def test_tables_escape_every_cell_title_and_source():
    import pandas as pd

    table = ReportTable(HOSTILE, pd.DataFrame({HOSTILE: [HOSTILE]}), HOSTILE, notes=(HOSTILE,))
    html = table._repr_html_()
    assert "<a " not in html and "<script" not in html
    assert (
        html.count("&lt;a href=&quot;javascript:alert(1)&quot;&gt;") == 5
    )  # title, column, cell, note, source


@pytest.mark.parametrize(
    ("url", "safe"),
    [
        ("https://moj.gov.vn/x", True),
        ("http://example.vn", True),
        ("#section-2", True),
        ("javascript:alert(1)", False),
        (" JaVaScRiPt:alert(1)", False),
        ("java\tscript:alert(1)", False),
        ("file:///etc/passwd", False),
        ("data:text/html,<b>x</b>", False),
        ("relative/page.html", False),
        ("https:no-host", False),
    ],
)
def test_only_http_links_are_links(url, safe):
    assert is_safe_link(url) is safe


def test_the_pdf_document_keeps_http_links_and_drops_the_rest():
    import datetime as dt

    body = (
        '<p><a href="https://moj.gov.vn/">Bộ Tư pháp</a> '
        '<a class="x" href="JAVASCRIPT:alert(1)">bấm</a> <a href="#h">lên</a> '
        "<a href='file:///etc/passwd'>tệp</a></p>"
    )
    meta = ReportMeta("t", "v", dt.date(2024, 1, 1))
    document = document_html([Section("t", body)], meta)
    assert 'href="https://moj.gov.vn/"' in document and 'href="#h"' in document
    assert "javascript" not in document.lower() and "file:" not in document
    assert '<a class="x">bấm</a>' in document
    assert safe_links(body.replace("javascript", "https")) != body  # file: still dropped


@pytest.mark.integration  # the PDF renderer runs in a Python process of its own
def test_a_rendered_pdf_has_no_link_but_http(tmp_path):
    import datetime as dt

    from pypdf import PdfReader

    from analysis.report.pdf import PdfJob, render_pdfs

    body = '<p><a href="javascript:alert(1)">xấu</a> <a href="https://moj.gov.vn/">tốt</a></p>'
    pdf = tmp_path / "r.pdf"
    render_pdfs([PdfJob([Section("t", body)], ReportMeta("t", "v", dt.date(2024, 1, 1)), pdf)])
    uris = [
        annot.get_object()["/A"].get("/URI")
        for page in PdfReader(pdf).pages
        for annot in page.get("/Annots", [])
        if "/A" in annot.get_object()
    ]
    assert uris == ["https://moj.gov.vn/"], uris
