"""Raw source articles: UTF-8 text files with optional YAML front matter.

The body after the front matter, NFC-normalised, is the text that record offsets
(`start`/`end`) count in. Raw files are never edited by the project.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from analysis.errors import DataError, Problem
from analysis.fileio import list_files, read_bytes
from analysis.schema.rules import Rule

if TYPE_CHECKING:  # pandas is imported where it is used: `extract` never loads it
    import pandas as pd

ARTICLE_SUFFIXES = (".txt", ".md")
# Text is held whole while it is extracted (offsets count in the whole body), so memory grows
# with the file, ~18 MB per MB (benchmarks/robustness.py: 12 MB peaks near 340 MB): news
# articles are well under 1 MB, and a file over this is refused unread.
MAX_ARTICLE_BYTES = 12_000_000
# No prose paragraph comes near this; a longer line is a dump or minified markup,
# and would make every per-line pass of the extractor quadratic in practice.
MAX_LINE_CHARS = 100_000
FRONT_MATTER_FENCE = "---"
BOM = "\ufeff"


@dataclass(frozen=True)
class Article:
    """One source: its id (file name without extension), front matter and NFC body text."""

    doc_id: str
    path: Path
    text: str
    meta: dict[str, Any] = field(default_factory=dict)


def doc_id_of(path: Path) -> str:
    return path.stem


def _decode(raw: bytes, name: str) -> str:
    if not raw.strip():
        raise DataError.single(name, "empty file: no text to read", Rule.EMPTY_FILE)
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DataError.single(
            name, "UTF-16 text, not UTF-8: save it as UTF-8", Rule.NOT_UTF8, byte=0
        )
    nul = raw.find(b"\x00")
    if nul >= 0:
        raise DataError.single(
            name, "binary file: NUL byte, not UTF-8 text", Rule.NOT_TEXT, byte=nul
        )
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DataError.single(
            name, f"not UTF-8: invalid byte 0x{raw[exc.start]:02x}", Rule.NOT_UTF8, byte=exc.start
        ) from None


def split_front_matter(text: str, name: str) -> tuple[dict[str, Any], str]:
    """Split `---`-fenced YAML front matter from the body; the body is returned untouched."""
    if text.startswith(BOM):
        text = text[1:]
    first, _sep, rest = text.partition("\n")
    if first.rstrip("\r") != FRONT_MATTER_FENCE:
        return {}, text
    lines = rest.split("\n")
    for i, line in enumerate(lines):
        if line.rstrip("\r") == FRONT_MATTER_FENCE:
            block = "\n".join(lines[:i])
            body = "\n".join(lines[i + 1 :])
            return _parse_front_matter(block, name), body
    raise DataError.single(
        name, "front matter opened with '---' on line 1 is never closed", Rule.FRONT_MATTER, line=1
    )


def _load_yaml(block: str) -> Any:
    """Parse with libyaml when PyYAML has it (8x faster on corpora); on failure, or without it,
    the pure-Python parser decides, so error messages do not depend on how PyYAML was built."""
    try:
        return yaml.load(block, Loader=yaml.CSafeLoader)
    except (AttributeError, yaml.YAMLError):
        return yaml.safe_load(block)


def _parse_front_matter(block: str, name: str) -> dict[str, Any]:
    try:
        meta = _load_yaml(block)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1  # +1 for the fence, +1 for 1-based
        reason = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise DataError.single(
            name, f"front matter is not valid YAML: {reason}", Rule.FRONT_MATTER, line=line
        ) from None
    if meta is None:
        return {}
    if not isinstance(meta, dict):
        raise DataError.single(
            name, "front matter must be a mapping of keys to values", Rule.FRONT_MATTER, line=2
        )
    published = meta.get("published")
    if published is not None and not (
        isinstance(published, dt.date) and not isinstance(published, dt.datetime)
    ):
        raise DataError.single(
            name,
            f"front matter 'published' must be an ISO date (YYYY-MM-DD), got {published!r}",
            Rule.FRONT_MATTER,
        )
    return meta


def _check_lines(text: str, raw: bytes, name: str) -> None:
    start = 0
    for line in text.split("\n"):
        if len(line) > MAX_LINE_CHARS:
            byte = len(text[:start].encode("utf-8"))
            raise DataError.single(
                name,
                f"a single line of {len(line):,} characters (limit {MAX_LINE_CHARS:,}): "
                "not an article",
                Rule.LINE_TOO_LONG,
                byte=byte,
            )
        start += len(line) + 1


def read_article(path: str | Path) -> Article:
    """Read one article; DataError names the file and, where it applies, the line or byte."""
    path = Path(path)
    name = str(path)
    raw = read_bytes(path, MAX_ARTICLE_BYTES, "article")
    text = _decode(raw, name)
    _check_lines(text, raw, name)
    meta, body = split_front_matter(text, name)
    expected = meta.get("body_sha256")
    if expected is not None and not (isinstance(expected, str) and len(expected) == 64):
        raise DataError.single(
            name,
            f"front matter 'body_sha256' must be 64 hexadecimal digits in quotes, got {expected!r}",
            Rule.FRONT_MATTER,
        )
    if expected and hashlib.sha256(body.encode("utf-8")).hexdigest() != expected:
        raise DataError.single(
            name,
            "body differs from its recorded body_sha256: raw sources must not be edited",
            Rule.SOURCE_EDITED,
        )
    body = unicodedata.normalize("NFC", body)
    if not body.strip():
        raise DataError.single(name, "no text after the front matter", Rule.EMPTY_FILE)
    return Article(doc_id=doc_id_of(path), path=path, text=body, meta=meta)


def scan_articles(*paths: str | Path) -> tuple[list[Path], list[Problem]]:
    """The article files named, folders expanded to their .txt/.md files at any depth, sorted;
    and a Problem for each one that is not a regular file (FIFO, socket, device) or cannot be
    listed. Hidden files and folders (`.ipynb_checkpoints`, editors' backups) are left out.

    Decided with stat alone, so a FIFO is never opened.
    """
    found: list[Path] = []
    problems: list[Problem] = []
    for p in map(Path, paths):
        if p.is_dir():
            files, trouble = list_files(p, ARTICLE_SUFFIXES)
            found += files
            problems += trouble
        else:
            found.append(p)
    return found, problems


def article_paths(*paths: str | Path) -> list[Path]:
    """The regular article files named, with folders expanded as `scan_articles` does."""
    return scan_articles(*paths)[0]


def article_index(folder: Path) -> tuple[dict[str, Path], list[Problem]]:
    """Each doc_id of a folder's articles (at any depth) with its file, and the problems of the
    listing: special files, and a doc_id that two files share (same name in another folder or
    with the other extension), which would mix two articles' figures under one id."""
    paths, problems = scan_articles(folder)
    index: dict[str, Path] = {}
    for path in paths:
        doc_id = doc_id_of(path)
        first = index.setdefault(doc_id, path)
        if first != path:
            problems.append(
                Problem(
                    str(path),
                    f"doc_id {doc_id!r} is already the id of {first}: file names must be "
                    "unique across folders and extensions",
                    Rule.SAME_DOC_ID,
                )
            )
    return index, problems


def load_articles(directory: Path | None = None) -> pd.DataFrame:
    """One row per article: doc_id, front matter fields, published date, length of the body.

    Every file is read; DataError lists each unreadable one and each unknown jurisdiction.
    """
    import pandas as pd

    from analysis.paths import articles_dir
    from analysis.reference import jurisdiction_names

    folder = directory or articles_dir()
    names = jurisdiction_names()
    rows = []
    index, problems = article_index(folder)
    for path in index.values():
        try:
            article = read_article(path)
        except DataError as exc:
            problems += exc.problems
            continue
        meta = article.meta
        where = meta.get("jurisdiction")
        if where is not None and where not in names:
            problems.append(
                Problem(
                    str(path),
                    f"front matter jurisdiction {where!r} is not a province or "
                    "city, nor 'Việt Nam'",
                    Rule.UNKNOWN_PROVINCE,
                )
            )
        rows.append(
            {
                "doc_id": article.doc_id,
                "title": meta.get("title"),
                "source": meta.get("source"),
                "url": meta.get("url"),
                "published": meta.get("published"),
                "jurisdiction": where,
                "n_chars": len(article.text),
                "path": str(path),
            }
        )
    if problems:
        raise DataError(problems)
    frame = pd.DataFrame(rows, columns=ARTICLE_COLUMNS)
    return frame.astype(
        {
            "doc_id": "category",
            "title": "string",
            "source": "string",
            "url": "string",
            "published": "datetime64[s]",
            "jurisdiction": "category",
            "n_chars": "Int64",
            "path": "string",
        }
    )


ARTICLE_COLUMNS = [
    "doc_id",
    "title",
    "source",
    "url",
    "published",
    "jurisdiction",
    "n_chars",
    "path",
]
