"""A content-addressed cache of validated tables, so that loading the same bytes twice validates once.

The key is a hash of everything the result depends on: the data files' bytes, the reference
tables, the articles (for the evidence check), the package's own code, and the arguments.
Change any of them and the key changes; nothing is ever invalidated by time or by hand.
Entries are Arrow IPC files written atomically; a cache that cannot be written is skipped.
"""

from __future__ import annotations

import hashlib
import os
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
    return sorted((PROJECT_ROOT / "analysis").glob("*.py"))


def content_key(files: Iterable[Path], *extra: str) -> str:
    """SHA-256 over the given files' names and bytes, the package's code, and `extra`."""
    digest = hashlib.sha256(FORMAT_VERSION)
    for path in [*files, *_code_files()]:
        digest.update(str(path.name).encode() + b"\0")
        digest.update(path.read_bytes() if path.is_file() else b"<missing>")
        digest.update(b"\0")
    for item in extra:
        digest.update(item.encode() + b"\0")
    return digest.hexdigest()


def cached_frame(key: str, build: Callable[[], pd.DataFrame]) -> pd.DataFrame:
    """The frame stored under `key`, or `build()`'s result, stored for next time."""
    folder = cache_dir()
    if folder is None:
        return build()
    entry = folder / f"{key}.arrow"
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
