"""A content-addressed cache of validated tables, so that loading the same bytes twice validates once.

The key is a hash of everything the result depends on: the data files' bytes, the reference
tables, the articles (for the evidence check), the package's own code, and the arguments.
Change any of them and the key changes; nothing is ever invalidated by time or by hand.
Entries are Arrow IPC files written atomically; a cache that cannot be written is skipped.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Callable, Iterable
from pathlib import Path

import pandas as pd
import pyarrow.feather as feather

from analysis.paths import PROJECT_ROOT

CACHE_DIR_ENV = "VN_JUSTICE_CACHE_DIR"
FORMAT_VERSION = b"records-cache-1"
# Enough for the data in use and a few variants (statuses asked for, a temporary copy).
KEEP_ENTRIES = 16


def cache_dir() -> Path | None:
    """`$VN_JUSTICE_CACHE_DIR` (`off` disables caching), else the project's `.cache/tables`."""
    setting = os.environ.get(CACHE_DIR_ENV)
    if setting == "off":
        return None
    return Path(setting) if setting else PROJECT_ROOT / ".cache" / "tables"


def _code_files() -> list[Path]:
    return sorted((PROJECT_ROOT / "analysis").rglob("*.py"))


def content_key(files: Iterable[Path], *extra: str) -> str:
    """SHA-256 over the given files' names and contents, the package's code, and `extra`."""
    digest = hashlib.sha256(FORMAT_VERSION)
    known = _FileDigests(cache_dir())
    for path in [*files, *_code_files()]:
        digest.update(str(path.name).encode() + b"\0" + known.of(path) + b"\0")
    known.save()
    for item in extra:
        digest.update(item.encode() + b"\0")
    return digest.hexdigest()


class _FileDigests:
    """Each file's SHA-256, remembered with its size, mtime and inode so that an unchanged file
    is not read again (the way git's index does). A digest is trusted only if the file was last
    modified well before it was taken, so a write in the same instant cannot go unnoticed."""

    SAFETY_NS = 2_000_000_000

    def __init__(self, folder: Path | None):
        self.path = folder / "file-digests.json" if folder else None
        self.entries: dict[str, list] = {}
        self.changed = False
        if self.path and self.path.is_file():
            try:
                self.entries = json.loads(self.path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                self.entries = {}

    def of(self, path: Path) -> bytes:
        try:
            st = path.stat()
        except OSError:
            return b"<missing>"
        name = str(path.resolve())
        stamp = [st.st_size, st.st_mtime_ns, st.st_ino]
        entry = self.entries.get(name)
        if entry and entry[:3] == stamp and st.st_mtime_ns < entry[4] - self.SAFETY_NS:
            return bytes.fromhex(entry[3])
        value = hashlib.sha256(path.read_bytes()).digest()
        self.entries[name] = [*stamp, value.hex(), time.time_ns()]
        self.changed = True
        return value

    def save(self) -> None:
        if not (self.path and self.changed):
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
            tmp.write_text(json.dumps(self.entries), encoding="utf-8")
            os.replace(tmp, self.path)
        except OSError:
            pass


def cached_frame(key: str | Callable[[], str], build: Callable[[], pd.DataFrame]) -> pd.DataFrame:
    """The frame stored under `key`, or `build()`'s result, stored for next time.

    `key` may be a function, called only when the cache is on (hashing the inputs costs time).
    """
    folder = cache_dir()
    if folder is None:
        return build()
    entry = folder / f"{key() if callable(key) else key}.arrow"
    if entry.is_file():
        try:
            return feather.read_table(entry, memory_map=True).to_pandas()
        except (OSError, ValueError):
            entry.unlink(missing_ok=True)
    frame = build()
    _store(entry, frame)
    return frame


def _store(entry: Path, frame: pd.DataFrame) -> None:
    tmp = entry.with_name(f".{entry.name}.{os.getpid()}.tmp")
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        feather.write_feather(frame, tmp, compression="uncompressed")
        os.replace(tmp, entry)
        _prune(entry.parent)
    except OSError:
        tmp.unlink(missing_ok=True)


def _prune(folder: Path) -> None:
    entries = sorted(folder.glob("*.arrow"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in entries[KEEP_ENTRIES:]:
        old.unlink(missing_ok=True)
