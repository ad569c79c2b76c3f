"""`ingest`: store a source's raw bytes and its text, and register it, so figures trace to words.

For each file, folder or http(s) address: the raw bytes go unchanged to `raw/<source_id>.<ext>`,
the text (as `analysis.sources.readers` reads it) with YAML front matter to
`articles/<source_id>.txt`, and a row to `sources.csv`. The source_id is a slug of the address
or file name and the first 12 hex digits of the raw bytes' SHA-256: the same bytes always get
the same id (and are stored once), changed bytes at the same address get a new one (a new
version, the old kept). Nothing stored is ever overwritten.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit, urlunsplit

import yaml

from analysis.errors import DataError, Problem
from analysis.fileio import atomic_write_bytes, read_bytes
from analysis.schema.rules import Rule
from analysis.sources.articles import article_index, read_article
from analysis.sources.fetch import (
    MAX_BYTES,
    TIMEOUT_SECONDS,
    FetchError,
    fetch,
    split_credentials,
)
from analysis.sources.fingerprint import Fingerprint
from analysis.sources.readers import (
    RAW_SUFFIX,
    SUFFIX_KIND,
    Document,
    kind_of,
    read_document,
    source_paths,
)
from analysis.sources.registry import (
    BROKEN_FILE,
    is_web_address,
    read_registry,
    register,
    registry_path,
)
from analysis.vietnamese import ascii_slug

RAW_FOLDER = "raw"
SLUG_CHARS = 48
HASH_CHARS = 12


@dataclass(frozen=True)
class Outcome:
    """What became of one source: stored, skipped or failed, its id, and why."""

    source: str
    status: str
    source_id: str | None = None
    reason: str = ""
    path: Path | None = None  # the source's article, stored now or before

    def line(self) -> str:
        """The line `ingest` reports this outcome with."""
        if self.status == "stored":
            note = f" ({self.reason})" if self.reason else ""
            return f"stored {self.source_id} <- {self.source}{note}"
        if self.status == "skipped":
            return f"skipped {self.source}: {self.reason}"
        return f"error: {self.source}: {self.reason}"


@dataclass(frozen=True)
class Options:
    """How addresses are fetched."""

    allow_private: bool = False
    timeout: float = TIMEOUT_SECONDS
    max_bytes: int = MAX_BYTES


def slug(text: str) -> str:
    """Lower-case ASCII words joined by '-', from a file name or address (Vietnamese letters
    lose their marks, đ becomes d); 'source' when nothing is left."""
    return ascii_slug(text)[:SLUG_CHARS].rstrip("-") or "source"


def address_slug(url: str) -> str:
    """The slug of an address: its last path segment without extension, else its host."""
    parts = urlsplit(url)
    segments = [s for s in unquote(parts.path).split("/") if s]
    stem = Path(segments[-1]).stem if segments else ""
    return slug(stem or parts.hostname or "")


def source_id_of(name_slug: str, raw: bytes) -> str:
    return f"{name_slug}_{hashlib.sha256(raw).hexdigest()[:HASH_CHARS]}"


def front_matter(meta: dict[str, object]) -> str:
    """The `---` fenced YAML block of an ingested article (keys in the order given)."""
    kept = {k: v for k, v in meta.items() if v not in (None, "")}
    block = yaml.safe_dump(
        kept, allow_unicode=True, sort_keys=False, width=10_000, default_flow_style=None
    )
    return f"---\n{block}---\n"


@dataclass(frozen=True)
class _Item:
    """One source to ingest: a file path or an address (never with its credentials, which are
    kept apart: nothing written or printed shows them)."""

    label: str
    path: Path | None = None
    url: str | None = None
    credentials: tuple[str, str] | None = field(default=None, repr=False, compare=False)

    def slug(self) -> str:
        """The name part of its source_id: from the address, else the file name."""
        return address_slug(self.url) if self.url else slug(self.path.stem if self.path else "")


class _Registry:
    """The registry's ids, body hashes and addresses, as read once and kept up to date; and
    the fingerprints of the stored texts, read when a new text is first compared."""

    def __init__(self, data: Path, articles: Path | None = None):
        self.data = data
        self.articles = articles if articles is not None else data / "articles"
        self._prints: dict[str, Fingerprint] | None = None
        path = registry_path(data)
        rows, problems = read_registry(path) if path.exists() else ([], [])
        broken = [p for p in problems if p.rule in BROKEN_FILE]
        if broken:  # nothing is stored that could not then be registered
            raise DataError(broken)
        self.ids = {r["source_id"] for r in rows}
        self.by_sha = {r["sha256"]: r["source_id"] for r in rows if r["sha256"]}
        self.by_url: dict[str, list[str]] = {}
        for r in rows:
            if r["url"]:
                self.by_url.setdefault(r["url"], []).append(r["source_id"])

    def add(self, row: dict[str, object], text: str | None = None) -> bool:
        added = register(row, self.data)
        sid = str(row["source_id"])
        self.ids.add(sid)
        self.by_sha.setdefault(str(row["sha256"]), sid)
        if row.get("url"):
            self.by_url.setdefault(str(row["url"]), []).append(sid)
        if text is not None and self._prints is not None:
            self._prints[sid] = Fingerprint.of(text)
        return added

    def same_text(self, text: str) -> tuple[str, float] | None:
        """The stored source whose text is this one's (the same report as a web page and a
        PDF, or saved again), with the share of word sequences they have in common."""
        if self._prints is None:
            self._prints = {}
            index = article_index(self.articles)[0] if self.articles.is_dir() else {}
            for sid, path in index.items():
                try:
                    self._prints[sid] = Fingerprint.of(read_article(path).text)
                except DataError:
                    continue  # unreadable: `validate` reports it
        mine = Fingerprint.of(text)
        same = [(mine.share(fp), sid) for sid, fp in self._prints.items() if mine.same_as(fp)]
        return (max(same)[1], max(same)[0]) if same else None


def expand(sources: Iterable[str]) -> tuple[list[_Item], list[Outcome]]:
    """Addresses and files as items to ingest; folders expanded to their readable files; and
    an outcome for each name skipped or not found."""
    items: list[_Item] = []
    outcomes: list[Outcome] = []
    for source in sources:
        if is_web_address(source):
            url, credentials = split_credentials(source.strip())
            items.append(_Item(url, url=url, credentials=credentials))
            continue
        if "://" in source:
            outcomes.append(Outcome(source, "failed", reason="only http and https addresses"))
            continue
        path = Path(source)
        if path.is_dir():
            found, skipped, unreadable = source_paths(path)
            items += [_Item(str(f), path=f) for f in found]
            outcomes += [Outcome(str(f), "skipped", reason=why) for f, why in skipped]
            outcomes += [Outcome(p.file, "failed", reason=p.message) for p in unreadable]
        elif path.exists():
            items.append(_Item(source, path=path))
        else:
            outcomes.append(
                Outcome(source, "failed", reason="no such file or folder, nor an http(s) address")
            )
    return list(dict.fromkeys(items)), outcomes


def _obtain(item: _Item, options: Options) -> tuple[bytes, str, str | None, dict[str, object]]:
    """The raw bytes, the kind of source, the address (None for a file) and where it came from."""
    if item.url is not None:
        got = fetch(
            _with_credentials(item.url, item.credentials),
            allow_private=options.allow_private,
            timeout=options.timeout,
            max_bytes=options.max_bytes,
        )
        kind = kind_of(got.content, urlsplit(got.url).path, got.media_type)
        origin = {"retrieved": got.retrieved}
        if got.url != item.url:
            origin["requested_url"] = item.url
        return got.content, kind or "", got.url, origin
    if item.path is None:
        raise ValueError("an item is an address or a file")
    raw = read_bytes(item.path, options.max_bytes, "source")
    if not raw.strip():
        raise DataError.single(item.label, "empty file: nothing to ingest", Rule.EMPTY_FILE)
    origin = {"retrieved": dt.date.today(), "file": item.path.name}
    kind = SUFFIX_KIND.get(item.path.suffix.lower()) or kind_of(raw, item.path.name)
    return raw, kind or "", None, origin


def _with_credentials(url: str, credentials: tuple[str, str] | None) -> str:
    """The address as given, for `fetch` alone (it sends them and returns the address without)."""
    if credentials is None:
        return url
    parts = urlsplit(url)
    user, password = (quote(c, safe="") for c in credentials)
    return urlunsplit(parts._replace(netloc=f"{user}:{password}@{parts.netloc}"))


CREDENTIALS_NOTE = (
    "the user name and password in the address were used to fetch it and are in no file"
)


def ingest_one(item: _Item, articles: Path, registry: _Registry, options: Options) -> Outcome:
    """Fetch or read one source, store its bytes and text, register it; never overwrite. The
    user is told when credentials were taken out of its address."""
    outcome = _ingest_one(item, articles, registry, options)
    if item.credentials is None:
        return outcome
    return replace(outcome, reason="; ".join(filter(None, [outcome.reason, CREDENTIALS_NOTE])))


def _ingest_one(item: _Item, articles: Path, registry: _Registry, options: Options) -> Outcome:
    try:
        raw, kind, url, origin = _obtain(item, options)
    except FetchError as exc:
        reason = str(exc).removeprefix(f"{item.label}: ")  # the hop's address stays when it differs
        return Outcome(item.label, "failed", reason=reason)
    except DataError as exc:
        return Outcome(item.label, "failed", reason=_reason(exc, item.label))
    if not kind:
        return Outcome(
            item.label,
            "skipped",
            reason="not a web page, PDF, Word .docx or text file (by its bytes, type or name)",
        )
    sid = source_id_of(item.slug(), raw)
    if sid in registry.ids:
        return Outcome(
            item.label,
            "skipped",
            sid,
            f"already stored as {sid} (same bytes)",
            _stored(articles, sid),
        )
    try:
        doc = read_document(raw, kind, item.label, url)
    except DataError as exc:
        return Outcome(item.label, "failed", reason=_reason(exc, item.label))
    body_sha = hashlib.sha256(doc.text.encode("utf-8")).hexdigest()
    if body_sha in registry.by_sha:
        same = registry.by_sha[body_sha]
        return Outcome(
            item.label,
            "skipped",
            same,
            f"same text as {same}, already stored",
            _stored(articles, same),
        )
    similar = registry.same_text(doc.text)
    if similar:
        same, share = similar
        return Outcome(
            item.label,
            "skipped",
            same,
            f"the same document as {same} ({kind}; {share:.0%} of its word sequences in common): "
            "not stored again, its figures are those of the first",
            _stored(articles, same),
        )
    try:
        path = _store(sid, raw, doc, url, origin, articles, body_sha)
    except DataError as exc:
        return Outcome(item.label, "failed", sid, _reason(exc, item.label))
    earlier = [
        s for u in {url, origin.get("requested_url")} if u for s in registry.by_url.get(u, [])
    ]
    from analysis.reference import jurisdiction_names  # pandas: only once a source is stored

    stated = doc.extra.get("url") or doc.extra.get("retrieved_from")
    address = url or (stated if stated and is_web_address(str(stated)) else None)
    place = doc.extra.get("jurisdiction")
    registry.add(
        {
            "source_id": sid,
            "url": address,
            "outlet": doc.outlet or (urlsplit(address).hostname if address else None),
            "title": doc.title,
            "published": doc.published,
            "retrieved": origin["retrieved"],
            "jurisdiction": place if place in jurisdiction_names() else None,
            "bundled": True,
            "sha256": body_sha,
            "obtained": kind,
        },
        doc.text,
    )
    note = kind + (f", new version of {', '.join(sorted(set(earlier)))}" if earlier else "")
    if place and place not in jurisdiction_names():
        note += f"; jurisdiction {place!r} of its front matter is not a province: not registered"
    if "ocr" in doc.extra:
        note += f", read by OCR (confidence {doc.extra['ocr']['confidence']})"
    return Outcome(item.label, "stored", sid, note, path)


def _stored(articles: Path, sid: str) -> Path | None:
    """The article of a registered source, if it is bundled in `articles`."""
    return next((p for p in (articles / f"{sid}.txt", articles / f"{sid}.md") if p.exists()), None)


def _store(
    sid: str,
    raw: bytes,
    doc: Document,
    url: str | None,
    origin: dict[str, object],
    articles: Path,
    body_sha: str,
) -> Path:
    """Write the raw bytes and the article (each only if absent; a present one must match)."""
    raw_path = articles.parent / RAW_FOLDER / f"{sid}{RAW_SUFFIX[doc.kind]}"
    article = articles / f"{sid}.txt"
    if raw_path.exists():
        if read_bytes(raw_path) != raw:
            raise DataError.single(
                str(raw_path), "already holds other bytes: not overwritten", Rule.EXISTS
            )
    else:
        atomic_write_bytes(raw_path, raw)
    meta = {
        "title": doc.title,
        "source": doc.outlet or (urlsplit(url).hostname if url else None),
        "url": url,
        **{k: v for k, v in origin.items() if k != "retrieved"},
        "published": doc.published,
        "retrieved": origin["retrieved"],
        "obtained": doc.kind,
        **doc.extra,
        "raw": f"{RAW_FOLDER}/{raw_path.name}",
        "raw_sha256": hashlib.sha256(raw).hexdigest(),
        "body_sha256": body_sha,
    }
    if article.exists():
        if read_article(article).meta.get("body_sha256") != body_sha:
            raise DataError.single(
                str(article), "already holds another text: not overwritten", Rule.EXISTS
            )
        return article
    atomic_write_bytes(article, (front_matter(meta) + doc.text).encode("utf-8"))
    return article


def _reason(exc: DataError, label: str) -> str:
    """A DataError's problems as one line, without repeating the source's name."""
    parts = []
    for p in exc.problems:
        text = str(p)
        parts.append(text[len(label) + 2 :] if text.startswith(f"{label}: ") else text)
    return "; ".join(parts)


def ingest(
    sources: Iterable[str],
    articles: Path,
    options: Options | None = None,
    *,
    progress: Callable[[Iterable[_Item]], Iterator[_Item]] | None = None,
    report: Callable[[Outcome], None] | None = None,
) -> list[Outcome]:
    """Ingest every source into `articles` (its parent holds raw/ and sources.csv); one
    Outcome per source, reported as each finishes."""
    options = options or Options()
    items, outcomes = expand(sources)
    for outcome in outcomes:
        if report:
            report(outcome)
    registry = _Registry(articles.parent, articles)
    for item in progress(items) if progress else items:
        outcome = ingest_one(item, articles, registry, options)
        outcomes.append(outcome)
        if report:
            report(outcome)
    return outcomes


def summary_line(outcomes: list[Outcome]) -> str:
    """`ingest: N stored, N skipped, N failed`."""
    count = {s: sum(o.status == s for o in outcomes) for s in ("stored", "skipped", "failed")}
    return f"ingest: {count['stored']} stored, {count['skipped']} skipped, {count['failed']} failed"


def unstored_sources(files: Iterable[Path], articles: Path, registered: set[str]) -> list[Problem]:
    """A Problem for each file whose source is neither an article in `articles` (the same
    text) nor a registered source: its figures could not be traced to stored words."""
    from analysis.sources.readers import read_file

    index = article_index(articles)[0] if articles.is_dir() else {}
    problems = []
    for f in files:
        doc_id = f.stem
        stored = index.get(doc_id)
        if stored is None and doc_id in registered:
            continue
        if stored is not None:
            if stored.resolve() == f.resolve():
                continue
            try:
                if read_file(f).text == read_article(stored).text:
                    continue
            except DataError:
                continue  # unreadable: the run reports it as it reads the file
            message = (
                f"source {doc_id!r} differs from the stored {stored}: its offsets would not "
                "count in the stored text; extract the stored copy, or ingest this file "
                f"(`python -m analysis ingest {f}`) and extract the article it writes"
            )
        else:
            message = (
                f"source {doc_id!r} is not stored (no {articles}/{doc_id}.txt, not in the "
                f"registry): store it first with `python -m analysis ingest {f}`, then extract "
                "the article it writes"
            )
        problems.append(Problem(str(f), message, Rule.UNSTORED_SOURCE))
    return problems
