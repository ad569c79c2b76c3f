"""Files written whole or not at all, and read with an error that names them."""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from analysis.errors import DataError

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


@contextmanager
def atomic_output(path: Path, mode: str = "w") -> Iterator[IO[Any]]:
    """A file that appears at `path` complete or not at all: a temporary file beside it,
    flushed to disk, then renamed over it. A crash leaves the old file as it was."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        text = {"encoding": "utf-8", "newline": ""} if "b" not in mode else {}
        with os.fdopen(fd, mode, **text) as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Replace `path` with `data` atomically, creating its folder if needed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_output(path, "wb") as fh:
        fh.write(data)


def read_bytes(path: Path) -> bytes:
    """The file's bytes; DataError naming the file when it cannot be read."""
    try:
        return path.read_bytes()
    except OSError as exc:
        raise DataError.single(str(path), f"cannot read: {exc.strerror}", "unreadable") from None


def formula_safe(cell: str) -> str:
    """`cell` as a spreadsheet shows it as text: a cell a spreadsheet would run as a formula
    (first character = + - @ tab or CR) gets a leading `'`; plain numbers such as -5 are kept.
    """
    if cell.startswith(FORMULA_STARTS) and not _PLAIN_NUMBER.fullmatch(cell):
        return "'" + cell
    return cell
