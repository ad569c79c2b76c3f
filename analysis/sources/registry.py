"""The source registry, `data/sources.csv`: every source a figure may cite, bundled or not.

A *bundled* source has its text in `data/articles/<source_id>.txt|.md` (offsets of its records
count in that text, and `sha256` is the SHA-256 of its body). A *cited* source is a public page
whose text is not ours to redistribute: its records carry the page's own words as `evidence`
and no offsets, and the source needs an `http(s)` address a reader can open.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import os
import re
from collections.abc import Mapping
from pathlib import Path
from urllib.parse import urlsplit

import pandas as pd

from analysis.errors import DataError, Problem
from analysis.fileio import csv_error_problem, locked, read_bytes, rows_of_width

REGISTRY_FILE = "sources.csv"
SOURCE_COLUMNS = (
    "source_id",
    "url",
    "outlet",
    "title",
    "published",
    "retrieved",
    "jurisdiction",
    "bundled",
    "sha256",
    "obtained",
)
REQUIRED = ("source_id", "bundled")
BOOLEAN = {"true": True, "false": False}
# How a source's text or figures came into the project; `ingest` adds html, pdf, docx, text.
OBTAINED = ("copied", "transcribed", "html", "pdf", "docx", "text")
SOURCE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")
SHA256 = re.compile(r"[0-9a-f]{64}")
# Problems of the file's structure: nothing may be appended to it until they are fixed.
BROKEN_FILE = ("bad-row", "unclosed-quote", "bad-csv")


def registry_path(data: Path | None = None) -> Path:
    """The registry file of a data folder (the project's `data/` by default)."""
    from analysis.paths import data_dir

    return (data or data_dir()) / REGISTRY_FILE


def is_web_address(url: str) -> bool:
    """An address a reader can open: `http` or `https` with a host, nothing else."""
    parts = urlsplit(url.strip())
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def _row_problems(row: dict[str, str], name: str, line: int, places: set[str]) -> list[Problem]:
    sid = row["source_id"]
    head = f"source {sid}: " if sid else ""

    def problem(message: str, rule: str) -> Problem:
        return Problem(name, head + message, rule, line=line)

    found = [problem(f"column {c!r} is empty", "missing-value") for c in REQUIRED if not row[c]]
    if sid and not SOURCE_ID.fullmatch(sid):
        found.append(
            problem(
                f"source_id {sid!r} must be letters, digits, '_', '-' or '.' (a file name, "
                "no folders)",
                "bad-source-id",
            )
        )
    bundled = BOOLEAN.get(row["bundled"])
    if row["bundled"] and bundled is None:
        found.append(problem(f"bundled {row['bundled']!r} is not true or false", "bad-bundled"))
    url = row["url"]
    if url and not is_web_address(url):
        found.append(problem(f"address {url!r} is not an http(s) address", "bad-address"))
    elif bundled is False and not url:
        found.append(
            problem("a cited source needs its http(s) address: it has none", "bad-address")
        )
    if bundled is True and not SHA256.fullmatch(row["sha256"]):
        found.append(
            problem("a bundled source needs the SHA-256 of its body (64 hex digits)", "bad-sha256")
        )
    for c in ("published", "retrieved"):
        if row[c]:
            try:
                dt.date.fromisoformat(row[c])
            except ValueError:
                found.append(problem(f"{c} {row[c]!r} is not an ISO date (YYYY-MM-DD)", "bad-date"))
    if row["jurisdiction"] and row["jurisdiction"] not in places:
        found.append(
            problem(
                f"jurisdiction {row['jurisdiction']!r} is not a province or city, nor 'Việt Nam'",
                "unknown-province",
            )
        )
    if row["obtained"] and row["obtained"] not in OBTAINED:
        found.append(
            problem(
                f"obtained {row['obtained']!r} is not one of {', '.join(OBTAINED)}", "bad-obtained"
            )
        )
    return found


def _cell_problems(row: dict[str, str], name: str, line: int) -> list[Problem]:
    """Control characters, invisible ones in the id, and dates in the future, of a row read."""
    from analysis.records.cells import row_problems
    from analysis.records.plausibility import future_date

    head = f"source {row['source_id']}: " if row["source_id"] else ""
    found = row_problems(row, name, line, head, ids=("source_id",))
    for column in ("published", "retrieved"):
        future = future_date(column, row[column]) if row[column] else None
        if future:
            found.append(Problem(name, head + future[0], future[1], line=line))
    return found


def read_registry(path: Path) -> tuple[list[dict[str, str]], list[Problem]]:
    """The registry's rows as text, with every problem of the file (header, rows, duplicates)."""
    from analysis.reference import jurisdiction_names

    name = str(path)
    raw = read_bytes(path)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DataError.single(name, "not UTF-8", "not-utf8", byte=exc.start) from None
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows: list[dict[str, str]] = []
    problems: list[Problem] = []
    try:
        header = next(reader, [])
    except csv.Error as exc:
        raise DataError([csv_error_problem(exc, name, 1)]) from None
    if list(header) != list(SOURCE_COLUMNS):
        raise DataError.single(
            name,
            f"columns {', '.join(header) or '(none)'} differ from {', '.join(SOURCE_COLUMNS)}",
            "bad-header",
            line=1,
        )
    places = set(jurisdiction_names())
    seen: dict[str, int] = {}
    for at, row in rows_of_width(reader, header, name, problems):
        problems += _row_problems(row, name, at, places)
        problems += _cell_problems(row, name, at)
        sid = row["source_id"]
        if sid in seen:
            problems.append(
                Problem(
                    name,
                    f"source {sid}: source_id is used again (first on line {seen[sid]})",
                    "duplicate-source",
                    line=at,
                )
            )
        seen.setdefault(sid, at)
        rows.append({**row, "_line": at})
    return rows, problems


def _body_sha256(path: Path) -> str:
    """SHA-256 of an article's body as stored (after its front matter, before NFC): what a
    bundled source's `sha256` is."""
    from analysis.sources.articles import _decode, split_front_matter

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
        if row["bundled"] != "true" or not SHA256.fullmatch(row["sha256"]):
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
                    "missing-article",
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
                    "sha256-mismatch",
                    line=line,
                )
            )
    return problems


def load_sources(data: Path | None = None) -> pd.DataFrame:
    """Every registered source, validated: one row per source_id, typed.

    An absent registry is an empty one (a data folder of bundled articles only). Columns:
    the registry's, with `bundled` boolean and `published`/`retrieved` dates.
    """
    path = registry_path(data)
    if not path.exists():
        rows: list[dict[str, str]] = []
    else:
        rows, problems = read_registry(path)
        if problems:
            raise DataError(problems)
    frame = pd.DataFrame(rows, columns=[*SOURCE_COLUMNS, "_line"]).drop(columns="_line")
    frame = frame.replace("", None)
    return frame.astype(
        {
            "source_id": "string",
            "url": "string",
            "outlet": "string",
            "title": "string",
            "jurisdiction": "category",
            "sha256": "string",
            "obtained": "category",
        }
    ).assign(
        bundled=frame["bundled"].map(BOOLEAN).astype("boolean"),
        published=pd.to_datetime(frame["published"]).astype("datetime64[s]"),
        retrieved=pd.to_datetime(frame["retrieved"]).astype("datetime64[s]"),
    )


def register(source: Mapping[str, object], data: Path | None = None) -> bool:
    """Append one source to the registry (created with its header if absent) under a lock;
    False, with nothing written, when its source_id is already registered.

    Existing rows are never rewritten: the new row is appended to the file's bytes. A row
    that would not validate is refused with a DataError naming what is wrong.
    """
    from analysis.reference import jurisdiction_names

    path = registry_path(data)
    row = {c: "" if source.get(c) is None else str(source.get(c)) for c in SOURCE_COLUMNS}
    if isinstance(source.get("bundled"), bool):
        row["bundled"] = "true" if source["bundled"] else "false"
    problems = _row_problems(row, str(path), 0, set(jurisdiction_names()))
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
                    [*broken, Problem(str(path), "fix it first: nothing appended", "bad-row")]
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
