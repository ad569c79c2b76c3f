"""A content-addressed cache of validated tables, so that loading the same bytes twice validates once.

The key is a hash of everything the result depends on: the data files' bytes, the reference
tables, the articles (for the evidence check), the package's own code, and the arguments.
Change any of them and the key changes; nothing is ever invalidated by time or by hand.

What it serves, it proves: every input is hashed by content (a file's stat only lets this
process skip hashing it again, and only if the file has not changed since well before it was
hashed), and each entry carries a SHA-256 of its own bytes, checked on every read. An entry
that fails the check is deleted and the table rebuilt and validated again. Entries are written
atomically. A cache that cannot be used (its setting names a file, the folder is read-only, a
corrupt entry cannot be removed) is never an error: the table is built without it and one
warning line per folder and process says why.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.feather as feather

from analysis.paths import PROJECT_ROOT

CACHE_DIR_ENV = "VN_JUSTICE_CACHE_DIR"
FORMAT_VERSION = b"records-cache-2"
# Each entry: this magic, the SHA-256 of the Arrow bytes that follow, the Arrow IPC file.
ENTRY_MAGIC = b"VNJS-TABLE-1\n"
_DIGEST_BYTES = 32
# Enough for the data in use and a few variants (statuses asked for, a temporary copy).
KEEP_ENTRIES = 16
# A file changed this close to the moment it was hashed is hashed again next time: a write in
# the same clock tick as the hash leaves its stat unchanged (the "racy" case of git's index).
_SAFETY_NS = 2_000_000_000


def cache_dir() -> Path | None:
    """`$VN_JUSTICE_CACHE_DIR` (`off` disables caching), else the project's `.cache/tables`."""
    setting = os.environ.get(CACHE_DIR_ENV)
    if setting == "off":
        return None
    return Path(setting) if setting else PROJECT_ROOT / ".cache" / "tables"


def _code_files() -> list[Path]:
    return sorted((PROJECT_ROOT / "analysis").rglob("*.py"))


# (path) -> (stat stamp, digest, when hashed): lives only as long as this process.
_known: dict[str, tuple[tuple[int, ...], bytes, int]] = {}


def file_digest(path: Path) -> bytes:
    """SHA-256 of the file's bytes. A file this process hashed before is taken as unchanged
    only while its size, mtime, ctime and inode are the same and it last changed well before it
    was hashed; any other file is read and hashed (there is no record kept between runs)."""
    try:
        st = path.stat()
    except OSError:
        return b"<missing>"
    name = str(path.resolve())
    stamp = (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_dev)
    entry = _known.get(name)
    if entry and entry[0] == stamp and max(st.st_mtime_ns, st.st_ctime_ns) < entry[2] - _SAFETY_NS:
        return entry[1]
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
    value = digest.digest()
    _known[name] = (stamp, value, time.time_ns())
    return value


def content_key(files: Iterable[Path], *extra: str) -> str:
    """SHA-256 over the given files' paths and contents, the package's code, and `extra`."""
    digest = hashlib.sha256(FORMAT_VERSION)
    for path in [*files, *_code_files()]:
        digest.update(str(path).encode() + b"\0" + file_digest(path) + b"\0")
    for item in extra:
        digest.update(item.encode() + b"\0")
    return digest.hexdigest()


# Cache folders already warned about in this process: one line each, however many loads.
_warned: set[str] = set()


def _warn(folder: Path, why: str) -> None:
    if str(folder) not in _warned:
        _warned.add(str(folder))
        print(
            f"warning: cache folder {folder}: {why}: loading without a cache "
            f"({CACHE_DIR_ENV}=off says so without this warning)",
            file=sys.stderr,
        )


def cached_frame(key: str | Callable[[], str], build: Callable[[], pd.DataFrame]) -> pd.DataFrame:
    """The frame stored under `key` if its checksum holds, else `build()`'s result, stored.

    `key` may be a function, called only when the cache is on (hashing the inputs costs time).
    Any problem of the cache itself falls back to `build()` with one warning (`_warn`).
    """
    folder = cache_dir()
    if folder is None:
        return build()
    if folder.exists() and not folder.is_dir():
        _warn(folder, "not a folder")
        return build()
    entry = folder / f"{key() if callable(key) else key}.arrow"
    if entry.is_file():
        frame = _read_entry(entry)
        if frame is not None:
            return frame
        try:
            entry.unlink(missing_ok=True)
        except OSError as exc:
            _warn(folder, f"a corrupt entry cannot be removed ({exc.strerror})")
            return build()
    frame = build()
    failed = _store(entry, frame)
    if failed:
        _warn(folder, f"cannot write ({failed})")
    return frame


def _read_entry(entry: Path) -> pd.DataFrame | None:
    """The entry's table, or None when it is not exactly the bytes that were stored. The file
    is mapped, not copied: the checksum and the table read the same pages."""
    try:
        data = memoryview(pa.memory_map(str(entry)).read_buffer())
    except (OSError, pa.ArrowException):
        return None
    head = len(ENTRY_MAGIC)
    if bytes(data[:head]) != ENTRY_MAGIC or len(data) < head + _DIGEST_BYTES:
        return None
    body = data[head + _DIGEST_BYTES :]
    if hashlib.sha256(body).digest() != bytes(data[head : head + _DIGEST_BYTES]):
        return None
    try:
        return feather.read_table(pa.BufferReader(pa.py_buffer(body))).to_pandas()
    except (OSError, ValueError, pa.ArrowException):
        return None


def _store(entry: Path, frame: pd.DataFrame) -> str | None:
    """Write the entry atomically; why it could not be written, else None."""
    tmp = entry.with_name(f".{entry.name}.{os.getpid()}.tmp")
    try:
        sink = pa.BufferOutputStream()
        feather.write_feather(frame, sink, compression="uncompressed")
        body = sink.getvalue()
        entry.parent.mkdir(parents=True, exist_ok=True)
        with tmp.open("wb") as fh:
            fh.write(ENTRY_MAGIC)
            fh.write(hashlib.sha256(body).digest())
            fh.write(body)
        os.replace(tmp, entry)
        _prune(entry.parent)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
        return exc.strerror or type(exc).__name__
    return None


def _prune(folder: Path) -> None:
    entries = sorted(folder.glob("*.arrow"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in entries[KEEP_ENTRIES:]:
        old.unlink(missing_ok=True)
