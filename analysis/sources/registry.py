"""The source registry, `data/sources.csv`: every source a figure may cite, bundled or not.

A *bundled* source has its text in `data/articles/<source_id>.txt|.md` (offsets of its records
count in that text, and `sha256` is the SHA-256 of its body). A *cited* source is a public page
whose text is not ours to redistribute: its records carry the page's own words as `evidence`
and no offsets, and the source needs an `http(s)` address a reader can open.
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import re
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path

import pandas as pd

from analysis.errors import DataError, Problem
from analysis.fileio import locked, read_bytes
from analysis.paths import data_dir
from analysis.reference import jurisdiction_names
from analysis.schema.cells import is_web_address
from analysis.schema.fields import FIELDS, PROVINCES
from analysis.schema.read import Read, check_text, read_text
from analysis.schema.rules import Rule
from analysis.schema.tables import SOURCES
from analysis.sources.articles import _decode, split_front_matter

REGISTRY_FILE = "sources.csv"
SOURCE_COLUMNS = SOURCES.columns
# How a source's text or figures came into the project; `ingest` adds html, pdf, docx, text.
OBTAINED = FIELDS["obtained"].values
# Problems of the file's structure: nothing may be appended to it until they are fixed.
BROKEN_FILE = (Rule.BAD_ROW, Rule.UNCLOSED_QUOTE, Rule.BAD_CSV)
__all__ = [
    "OBTAINED",
    "SOURCE_COLUMNS",
    "is_web_address",
    "load_sources",
    "read_registry",
    "register",
]


def registry_path(data: Path | None = None) -> Path:
    """The registry file of a data folder (the project's `data/` by default)."""
    return (data or data_dir()) / REGISTRY_FILE


def _context() -> dict:
    """What the registry's rules check against: the names a jurisdiction may be."""
    return {PROVINCES.name: jurisdiction_names()}


def _checked(raw: bytes, name: str) -> Read:
    """The registry's bytes read and checked as declared (analysis.schema.tables.SOURCES); its
    columns in their order, since rows are appended in that order. DataError only for a file
    that is not UTF-8 or whose header is wrong."""
    read = read_text(raw, name, SOURCES)
    if read.header and list(read.header) != list(SOURCE_COLUMNS):
        header = ", ".join(read.header) or "(none)"
        raise DataError.single(
            name,
            f"columns {header} differ from {', '.join(SOURCE_COLUMNS)}",
            Rule.BAD_HEADER,
            line=1,
        )
    if not read.header:
        raise DataError(read.problems)
    return check_text(read, name, SOURCES, _context(), ids=("source_id",))


def read_registry(path: Path) -> tuple[list[dict[str, str]], list[Problem]]:
    """The registry's rows as text, with every problem of the file (header, rows, duplicates)."""
    read = _checked(read_bytes(path), str(path))
    rows = [
        {**{c: "" if v is None else v for c, v in cells.items()}, "_line": line}
        for line, cells in zip(read.lines, read.text.to_dict("records"), strict=True)
    ]
    return rows, read.problems


def _body_sha256(path: Path) -> str:
    """SHA-256 of an article's body as stored (after its front matter, before NFC): what a
    bundled source's `sha256` is."""
    name = str(path)
    _meta, body = split_front_matter(_decode(read_bytes(path), name), name)
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def bundled_problems(
    rows: list[dict[str, str]], index: Mapping[str, Path], path: Path, articles: Path
) -> list[Problem]:
    """A Problem for each bundled source of the registry (`rows`, from `read_registry(path)`)
    whose article is not in `index` (doc_id -> file, `article_index(articles)`), or whose
    `sha256` is not its article body's: the registry and the text no longer agree, and the
    figures that cite it would trace to words nobody can check. Unreadable articles are left
    to the articles' own check."""
    problems = []
    for row in rows:
        if row["bundled"] != "true" or not re.fullmatch(r"[0-9a-f]{64}", row["sha256"]):
            continue
        sid, line = row["source_id"], int(row["_line"])
        article = index.get(sid)
        if article is None:
            problems.append(
                Problem(
                    str(path),
                    f"source {sid}: bundled (its text stored) but {articles} has no {sid}.txt "
                    "or .md: put the article back, or make it a cited source (bundled false, "
                    "with its address)",
                    Rule.MISSING_ARTICLE,
                    line=line,
                )
            )
            continue
        try:
            body = _body_sha256(article)
        except DataError:
            continue
        if body != row["sha256"]:
            problems.append(
                Problem(
                    str(path),
                    f"source {sid}: sha256 {row['sha256'][:10]}… is not the SHA-256 of the body "
                    f"of {article} ({body[:10]}…): the registry or the article was edited; put "
                    "back the one that was",
                    Rule.SHA256_MISMATCH,
                    line=line,
                )
            )
    return problems


def load_sources(data: Path | None = None) -> pd.DataFrame:
    """Every registered source, validated: one row per source_id, typed as declared.

    An absent registry is an empty one (a data folder of bundled articles only). Columns:
    the registry's, with `bundled` boolean and `published`/`retrieved` dates. Kept while the
    file's bytes (and the names a jurisdiction may be) are the same.
    """
    path = registry_path(data)
    raw = read_bytes(path) if path.exists() else ",".join(SOURCE_COLUMNS).encode() + b"\n"
    return _sources(raw, str(path), _context()[PROVINCES.name]).copy()


@lru_cache(maxsize=8)
def _sources(raw: bytes, name: str, _names: frozenset[str]) -> pd.DataFrame:
    read = _checked(raw, name)
    if read.problems:
        raise DataError(read.problems)
    return read.frame


def register(source: Mapping[str, object], data: Path | None = None) -> bool:
    """Append one source to the registry (created with its header if absent) under a lock;
    False, with nothing written, when its source_id is already registered.

    Existing rows are never rewritten: the new row is appended to the file's bytes. A row
    that would not validate is refused with a DataError naming what is wrong.
    """
    path = registry_path(data)
    row = {c: "" if source.get(c) is None else str(source.get(c)) for c in SOURCE_COLUMNS}
    if isinstance(source.get("bundled"), bool):
        row["bundled"] = "true" if source["bundled"] else "false"
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\n").writerows(
        [SOURCE_COLUMNS, [row[c] for c in SOURCE_COLUMNS]]
    )
    problems = _checked(out.getvalue().encode(), str(path)).problems
    if problems:
        raise DataError([Problem(p.file, p.message, p.rule) for p in problems])
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\n").writerow([row[c] for c in SOURCE_COLUMNS])
    with locked(path):
        raw = path.read_bytes() if path.exists() else b""
        if raw.strip():
            rows, found = read_registry(path)
            broken = [p for p in found if p.rule in BROKEN_FILE]
            if broken:  # an unclosed quote would swallow the appended row
                raise DataError(
                    [*broken, Problem(str(path), "fix it first: nothing appended", Rule.BAD_ROW)]
                )
            if any(r["source_id"] == row["source_id"] for r in rows):
                return False
        head = b""
        if not raw.strip():
            header = io.StringIO(newline="")
            csv.writer(header, lineterminator="\n").writerow(SOURCE_COLUMNS)
            head = header.getvalue().encode("utf-8")
        elif not raw.endswith(b"\n"):
            head = b"\n"
        with path.open("ab") as fh:
            if not raw.strip():
                fh.truncate(0)
            fh.write(head + out.getvalue().encode("utf-8"))
            fh.flush()
            os.fsync(fh.fileno())
    return True
