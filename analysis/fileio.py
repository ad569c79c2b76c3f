"""Files written whole or not at all, and read with an error that names them."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from analysis.errors import DataError


@contextmanager
def atomic_output(path: Path, mode: str = "w") -> Iterator[IO[Any]]:
    """A file that appears at `path` complete or not at all: a temporary file beside it,
    flushed to disk, then renamed over it with the old file's permissions. A crash leaves the
    old file as it was. A character device or FIFO (/dev/null, /dev/stdout) is written
    through, never replaced; a folder, or a symbolic link to a file, is refused (DataError)."""
    text = {"encoding": "utf-8", "newline": ""} if "b" not in mode else {}
    if path.is_char_device() or path.is_fifo():  # through a link too: the link stays as it is
        with open(path, mode, **text) as f:
            yield f
        return
    if path.is_symlink() or (path.exists() and not path.is_file()):
        what = "a symbolic link" if path.is_symlink() else "a folder or special file"
        raise DataError.single(
            str(path), f"is {what}: refusing to replace it; name a regular file", "bad-output"
        )
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        if path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o7777)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
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
