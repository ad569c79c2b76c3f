"""Reading raw articles: front matter, NFC body, and one clear error per kind of bad file."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest

from analysis.errors import DataError
from analysis.paths import articles_dir
from analysis.sources.articles import read_article


def error(path) -> str:
    with pytest.raises(DataError) as caught:
        read_article(path)
    (problem,) = caught.value.problems
    return str(problem)


def test_seed_article_front_matter_and_body():
    article = read_article(articles_dir() / "001_1e33087bd0e7e6fd.txt")
    assert article.doc_id == "001_1e33087bd0e7e6fd"
    assert article.meta["published"] == dt.date(2024, 7, 10)
    assert article.meta["jurisdiction"] == "Việt Nam"
    assert article.text.startswith("Hội nghị trực tuyến toàn quốc")


def test_body_is_nfc_and_front_matter_optional(tmp_path):
    path = tmp_path / "a.md"
    path.write_text("\ufeff" + unicodedata.normalize("NFD", "Hòa giải thành"), encoding="utf-8")
    article = read_article(path)
    assert article.meta == {} and article.text == "Hòa giải thành"
    assert unicodedata.is_normalized("NFC", article.text)


def test_crlf_front_matter(tmp_path):
    path = tmp_path / "b.txt"
    path.write_bytes("---\r\ntitle: x\r\npublished: 2023-12-09\r\n---\r\nNội dung\r\n".encode())
    article = read_article(path)
    assert article.meta == {"title": "x", "published": dt.date(2023, 12, 9)}
    assert article.text == "Nội dung\r\n", "the body stays as written: offsets count in it"


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", ": empty file: no text to read [empty-file]"),
        (b"  \n\n", ": empty file: no text to read [empty-file]"),
        (b"ab\x00cd", ": byte 2: binary file: NUL byte, not UTF-8 text [not-text]"),
        (b"H\xf2a gi\xe1i", ": byte 1: not UTF-8: invalid byte 0xf2 [not-utf8]"),
        (
            b"---\ntitle: a\nbody",
            ":1: front matter opened with '---' on line 1 is never closed [front-matter]",
        ),
        (
            b"---\ntitle: a\n  bad: [\n---\nbody",
            ":3: front matter is not valid YAML: "
            "mapping values are not allowed here [front-matter]",
        ),
        (
            b"---\n- a\n- b\n---\nbody",
            ":2: front matter must be a mapping of keys to values [front-matter]",
        ),
        (
            b"---\npublished: 27/01/2021\n---\nbody",
            ": front matter 'published' must be an ISO "
            "date (YYYY-MM-DD), got '27/01/2021' [front-matter]",
        ),
        (b"---\ntitle: a\n---\n \n", ": no text after the front matter [empty-file]"),
    ],
)
def test_bad_files_name_the_file_and_place(tmp_path, content, expected):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    assert error(path) == f"{path}{expected}"


def test_a_line_of_megabytes_is_refused_with_its_byte_offset(tmp_path):
    path = tmp_path / "dump.txt"
    path.write_bytes("Dòng đầu\n".encode() + b"x" * 3_000_000)
    assert error(path) == (
        f"{path}: byte {len('Dòng đầu'.encode()) + 1}: a single line of 3,000,000 characters "
        "(limit 100,000): not an article [line-too-long]"
    )


def test_edited_raw_source_is_detected(tmp_path):
    source = (articles_dir() / "002_ee5b86ab325aa10c.txt").read_text(encoding="utf-8")
    path = tmp_path / "002_ee5b86ab325aa10c.txt"
    path.write_text(source.replace("thẩm định 42", "thẩm định 43"), encoding="utf-8")
    assert error(path) == (
        f"{path}: body differs from its recorded body_sha256: raw sources "
        "must not be edited [source-edited]"
    )


def test_load_articles_types_and_front_matter():
    from analysis import load_articles

    articles = load_articles().set_index("doc_id")
    assert len(articles) == 5
    assert str(articles["published"].dtype).startswith("datetime64")
    assert articles.loc["000_dad9108531b79d33", "published"] == dt.datetime(2021, 1, 27)
    assert articles["published"].isna().sum() == 2, "003 and 004 state no date"
    assert articles.loc["002_ee5b86ab325aa10c", "source"] == "TTXVN"


def test_load_articles_reports_every_bad_file(tmp_path):
    from analysis import load_articles

    (tmp_path / "a.txt").write_text("---\njurisdiction: Sài Gòn\n---\nNội dung", encoding="utf-8")
    (tmp_path / "b.md").write_bytes(b"")
    with pytest.raises(DataError) as caught:
        load_articles(tmp_path)
    assert [str(p) for p in caught.value.problems] == [
        f"{tmp_path / 'a.txt'}: front matter jurisdiction 'Sài Gòn' is not a province or city, "
        "nor 'Việt Nam' [unknown-province]",
        f"{tmp_path / 'b.md'}: empty file: no text to read [empty-file]",
    ]
