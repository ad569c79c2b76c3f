"""What a reviewer needs to know of a candidate's source: its title, where it came from, its text.

Read leniently from the registry and the articles' front matter: a problem in either is for
`make validate` to report, and the reviewer still sees what can be read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from analysis.errors import DataError
from analysis.paths import data_dir
from analysis.sources.articles import article_index, read_article
from analysis.sources.registry import is_web_address, read_registry, registry_path


@dataclass(frozen=True)
class SourceInfo:
    """One source as the review view shows it."""

    doc_id: str
    title: str = ""
    outlet: str = ""
    url: str = ""
    published: str = ""
    obtained: str = ""
    raw: Path | None = None  # the raw file as ingested (PDF, Word, saved page), if kept
    article: Path | None = None  # the stored text, if bundled
    ocr: dict[str, Any] = field(default_factory=dict)  # how OCR read it, if it did

    def ocr_confidence(self, offset: int | None) -> float | None:
        """The OCR's mean word confidence (0-100) on the page holding `offset`, else overall."""
        if not self.ocr:
            return None
        pages = self.ocr.get("page_confidence") or []
        starts = self.ocr.get("page_starts") or []
        if offset is not None and pages and len(starts) == len(pages):
            page = max(i for i, s in enumerate(starts) if s <= offset) if offset >= 0 else 0
            return float(pages[page])
        value = self.ocr.get("confidence")
        return float(value) if value is not None else None


def _registry(data: Path) -> dict[str, dict[str, str]]:
    path = registry_path(data)
    try:
        rows = read_registry(path)[0] if path.exists() else []
    except DataError:
        rows = []
    return {r["source_id"]: r for r in rows}


def _articles(data: Path) -> dict[str, Path]:
    folder = data / "articles"
    return article_index(folder)[0] if folder.is_dir() else {}


def source_infos(data: Path) -> dict[str, SourceInfo]:
    """Every registered or stored source of the data folder, by doc_id."""
    registry = _registry(data)
    articles = _articles(data)
    return {
        doc: _info(doc, registry.get(doc, {}), articles.get(doc), data)
        for doc in dict.fromkeys([*registry, *articles])
    }


def _info(doc: str, row: dict[str, str], article: Path | None, data: Path) -> SourceInfo:
    meta: dict[str, Any] = {}
    if article is not None:
        meta = _front_matter(article)
    raw = meta.get("raw")
    raw_path = (data / str(raw)) if raw else None
    published = row.get("published") or str(meta.get("published") or "")
    ocr = meta.get("ocr") if isinstance(meta.get("ocr"), dict) else {}
    if ocr and "page_starts" not in ocr and meta.get("page_starts"):
        ocr = {**ocr, "page_starts": meta["page_starts"]}
    return SourceInfo(
        doc,
        title=row.get("title") or str(meta.get("title") or ""),
        outlet=row.get("outlet") or str(meta.get("source") or ""),
        url=_address(row.get("url") or meta.get("url")),
        published=published,
        obtained=row.get("obtained") or str(meta.get("obtained") or ""),
        raw=raw_path if raw_path is not None and raw_path.is_file() else None,
        article=article,
        ocr=ocr,
    )


def _address(value: object) -> str:
    """An http(s) address a reader can open, else nothing (a link is never anything else)."""
    text = str(value or "").strip()
    return text if text and is_web_address(text) else ""


def _front_matter(path: Path) -> dict[str, Any]:
    try:
        return read_article(path).meta
    except DataError:
        return {}


@cache
def article_text(path: Path, mtime_ns: int) -> str:
    """An article's body (NFC), read once per version of the file."""
    return read_article(path).text


def text_of(info: SourceInfo) -> str | None:
    """The source's stored text, or None when it is only cited or cannot be read."""
    if info.article is None:
        return None
    try:
        return article_text(info.article, info.article.stat().st_mtime_ns)
    except (DataError, OSError):
        return None


def source_titles(data: Path | None) -> dict[str, str]:
    """doc_id -> title, for filters and lists."""
    return {d: i.title for d, i in source_infos(data or data_dir()).items() if i.title}
