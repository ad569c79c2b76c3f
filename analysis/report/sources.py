"""Sources as a reader cites them: outlet and date in notes under tables and charts, and a list
of outlet, date, title and (linked) address at the end of a report — never file ids.

Every text put into HTML here is escaped, and only `http(s)` addresses become links.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pandas as pd

from analysis.paths import data_dir
from analysis.sources.registry import is_web_address, load_sources, registry_path

NO_OUTLET = "Nguồn không ghi tên báo"
# The key of an output's metadata listing the sources it cites (`cited_ids`), for the build.
CITED = "doc_ids"
SOURCES_PREFIX = "Nguồn: "
# Above this many sources a note names how many and points to the list instead.
MAX_CITED = 20


@cache
def _registry(path: Path, _stamp: float) -> pd.DataFrame:
    return load_sources(path.parent).set_index("source_id")


def source_registry() -> pd.DataFrame:
    """The registry of the data folder in force, indexed by source id (re-read when it changes)."""
    path = registry_path(data_dir())
    return _registry(path, path.stat().st_mtime if path.exists() else 0.0)


def _date(value: object) -> str:
    return "" if pd.isna(value) else pd.Timestamp(value).strftime("%d/%m/%Y")


def _text(value: object) -> str:
    return "" if pd.isna(value) else str(value).strip()


def cite_short(doc_id: str) -> str:
    """`Báo Lạng Sơn (LSO), 27/01/2021`: outlet and date of one source (its title if no outlet)."""
    table = source_registry()
    if doc_id not in table.index:
        return f"tài liệu {doc_id}"
    row = table.loc[doc_id]
    title = _text(row["title"])
    name = _text(row["outlet"]) or (f"“{title}”" if title else NO_OUTLET)
    day = _date(row["published"])
    return f"{name}, {day}" if day else name


def source_order(doc_ids: Iterable[object]) -> list[str]:
    """Distinct source ids, ordered as a reader scans them: by outlet citation, then id."""
    ids = {str(d) for d in doc_ids if pd.notna(d) and str(d)}
    return sorted(ids, key=lambda d: (cite_short(d).casefold(), d))


class Citation(str):
    """The text of a source note, carrying the ids of the sources it names: the report build
    lists exactly those at the end of the notebook's PDF ("Nguồn số liệu")."""

    doc_ids: tuple[str, ...]

    def __new__(cls, text: str, doc_ids: Iterable[str] = ()) -> Citation:
        made = super().__new__(cls, text)
        made.doc_ids = tuple(doc_ids)
        return made


def cited_ids(source: str) -> tuple[str, ...]:
    """The source ids a source note names (none for a plain string)."""
    return getattr(source, "doc_ids", ())


def cite_many(doc_ids: Iterable[object]) -> Citation:
    """`Nguồn: TTXVN, 09/12/2023; Báo Lạng Sơn (LSO), 27/01/2021`: the sources a table or
    chart is built from, by outlet and date, each once (titles and addresses go in the report's
    list of sources)."""
    ids = source_order(doc_ids)
    if len(ids) > MAX_CITED:
        return Citation(
            f"{SOURCES_PREFIX}{len(ids)} bài báo, trang tin — danh sách ở phần “Nguồn số liệu”.",
            ids,
        )
    cites = list(dict.fromkeys(cite_short(d) for d in ids))
    return Citation(SOURCES_PREFIX + ("; ".join(cites) if cites else "không có bài nào"), ids)


def cite_cell(doc_ids: Iterable[object]) -> str:
    """`cite_many` for a table cell: the citations without the `Nguồn: ` in front."""
    return str(cite_many(doc_ids)).removeprefix(SOURCES_PREFIX)


@dataclass(frozen=True)
class SourceList:
    """The sources a report cites: outlet, date, title and address (a link), one per line."""

    title: str
    doc_ids: tuple[str, ...]

    def rows(self) -> list[dict[str, str]]:
        table = source_registry()
        rows = []
        for doc_id in source_order(self.doc_ids):
            if doc_id not in table.index:
                rows.append({"outlet": f"tài liệu {doc_id}", "date": "", "title": "", "url": ""})
                continue
            row = table.loc[doc_id]
            rows.append(
                {
                    "outlet": _text(row["outlet"]) or NO_OUTLET,
                    "date": _date(row["published"]),
                    "title": _text(row["title"]),
                    "url": _text(row["url"]),
                }
            )
        return rows

    def _repr_html_(self) -> str:
        esc = html.escape
        items = []
        for r in self.rows():
            head = f"<b>{esc(r['outlet'])}</b>" + (f", {esc(r['date'])}" if r["date"] else "")
            title = f". {esc(r['title'])}" if r["title"] else ""
            if is_web_address(r["url"]):
                link = f'. <a href="{esc(r["url"], quote=True)}">{esc(r["url"])}</a>'
            else:
                link = ". Bài lưu kèm bộ dữ liệu, không có địa chỉ web"
            items.append(f"<li>{head}{title}{link}</li>")
        return (
            f'<figure class="source-list"><figcaption>{esc(self.title)}</figcaption>'
            f"<ol>{''.join(items)}</ol></figure>"
        )

    def __repr__(self) -> str:
        lines = [self.title]
        for n, r in enumerate(self.rows(), start=1):
            parts = [r["outlet"], r["date"], r["title"], r["url"]]
            lines.append(f"{n}. " + ". ".join(p for p in parts if p))
        return "\n".join(lines)


def source_list(doc_ids: Iterable[object], title: str = "Nguồn số liệu") -> SourceList:
    """The list of every source behind `doc_ids`."""
    return SourceList(title, tuple(source_order(doc_ids)))
