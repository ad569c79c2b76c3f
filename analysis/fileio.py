"""Files written whole or not at all, read only when they are what they claim to be, and
written by one program at a time.

Every writer that appends to a file people keep (records, candidates, a source registry) goes
through `locked`, `strict_csv_rows` (or `check_csv_complete`) and `formula_safe`; every reader
of input files through `read_bytes`, which refuses special files (a FIFO would hang) and files
over a size limit, and every listing through `list_files`.
"""

from __future__ import annotations

import csv
import errno
import fcntl
import io
import os
import re
import stat
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from analysis.errors import DataError, Problem
from analysis.schema.rules import Rule
from analysis.vietnamese import PLAIN_DECIMAL

LOCK_TIMEOUT_ENV = "VN_JUSTICE_LOCK_TIMEOUT"
LOCK_TIMEOUT_SECONDS = 120.0
_LOCK_POLL_SECONDS = 0.05
# A spreadsheet runs a cell starting with one of these as a formula (=HYPERLINK, +cmd, @SUM...).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(PLAIN_DECIMAL)  # -5 is a number, not a formula
_KINDS = {
    stat.S_IFIFO: "a FIFO (named pipe)",
    stat.S_IFSOCK: "a socket",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFDIR: "a folder",
    stat.S_IFLNK: "a symbolic link",
}


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
            str(path), f"is {what}: refusing to replace it; name a regular file", Rule.BAD_OUTPUT
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


def file_kind(mode: int) -> str:
    """What a non-regular file is, in words, from its st_mode."""
    return _KINDS.get(stat.S_IFMT(mode), "not a regular file")


def regular_file_problem(path: Path, st: os.stat_result | None = None) -> Problem | None:
    """A Problem if `path` is not a regular file (FIFO, socket, device, folder), else None.

    Decided with stat before anything opens the file, so a FIFO never blocks the reader.
    """
    try:
        st = st or path.stat()
    except OSError as exc:
        return Problem(str(path), f"cannot read: {exc.strerror}", Rule.UNREADABLE)
    if stat.S_ISREG(st.st_mode):
        return None
    return Problem(str(path), f"{file_kind(st.st_mode)}, not a file: skipped", Rule.NOT_A_FILE)


def link_problem(path: Path) -> Problem:
    """A symbolic link met while listing a folder, named with what it points to: never followed,
    so a folder never brings in files from outside it (nor the same file twice)."""
    return Problem(
        str(path),
        f"a symbolic link to {os.path.realpath(path)}: links are not followed (one could bring in "
        "files from outside the folder): put the file or folder itself here",
        Rule.SYMLINK,
    )


def _walk(folder: Path) -> Iterator[tuple[Path, Problem | None]]:
    """Every visible file below `folder` (hidden files and folders left out) with None, and each
    symbolic link (to a file or a folder) or unlistable folder with its Problem."""
    trouble: list[Problem] = []

    def unreadable(exc: OSError) -> None:
        trouble.append(Problem(str(exc.filename), f"cannot list: {exc.strerror}", Rule.UNREADABLE))

    for root, dirs, names in os.walk(folder, onerror=unreadable):
        yield from ((Path(), p) for p in trouble)
        trouble.clear()
        kept = []
        for d in dirs:
            if d.startswith("."):
                continue
            if os.path.islink(os.path.join(root, d)):
                yield Path(root) / d, link_problem(Path(root) / d)
            else:
                kept.append(d)
        dirs[:] = kept
        for name in names:
            if not name.startswith("."):
                yield Path(root) / name, None
    yield from ((Path(), p) for p in trouble)


def _wanted(path: Path, suffixes: tuple[str, ...] | None) -> bool:
    return suffixes is None or path.suffix.lower() in suffixes


def list_files(
    folder: Path, suffixes: tuple[str, ...] | None = None
) -> tuple[list[Path], list[Problem]]:
    """The regular files with one of `suffixes` (lower case; any, if None; a file's own suffix
    in any case, `.CSV` as `.csv`) in `folder` and its subfolders, sorted; and a Problem for each
    such name that is a FIFO, socket or device (decided with stat, so nothing is opened), each
    symbolic link (to a file or a folder: never followed) and each folder that cannot be listed.
    Hidden files and folders (`.ipynb_checkpoints`, lock and temporary files) are left out."""
    files: list[Path] = []
    problems: list[Problem] = []
    for path, problem in _walk(folder):
        if problem is None and not _wanted(path, suffixes):
            continue
        if problem is None and path.is_symlink():
            problem = link_problem(path)
        problem = problem or regular_file_problem(path)
        if problem:
            problems.append(problem)
        else:
            files.append(path)
    return sorted(files), problems


# Files a person may put in a data folder by mistake, and what to do instead.
SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods", ".numbers", ".tsv")
DOCUMENT_SUFFIXES = (".pdf", ".docx", ".doc", ".odt", ".rtf", ".html", ".htm")


def skip_reason(path: Path, suffixes: tuple[str, ...]) -> str:
    """Why a file of a data folder is not read, and what to do to have it read."""
    suffix = path.suffix.lower()
    kinds = "/".join(suffixes)
    if ".csv" in suffixes and suffix in SPREADSHEET_SUFFIXES:
        return f"a {suffix} file is not read here, only {kinds}: save it as CSV (UTF-8)"
    if ".txt" in suffixes and suffix in DOCUMENT_SUFFIXES:
        return (
            f"a {suffix} file is not read as an article, only {kinds}: store its text with "
            f"`python -m analysis ingest {path}`"
        )
    return f"not a {kinds} file: not read"


def skipped_files(folder: Path, suffixes: tuple[str, ...]) -> list[Problem]:
    """A Problem (`skipped-file`) for each visible file of `folder` that is not read because of
    its suffix, saying why: a file left out must never be left out without a word."""
    return [
        Problem(str(path), skip_reason(path, suffixes), Rule.SKIPPED_FILE)
        for path, problem in _walk(folder)
        if problem is None and not _wanted(path, suffixes) and not path.is_symlink()
    ]


def read_bytes(path: Path, max_bytes: int | None = None, what: str = "file") -> bytes:
    """The file's bytes; DataError naming the file when it is not a regular file (decided with
    stat before it is opened: a FIFO would block, a device never end), is larger than
    `max_bytes`, or cannot be read."""
    name = str(path)
    problem = regular_file_problem(path)
    if problem:
        raise DataError([problem])
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)  # replaced by a FIFO since: no wait
    except OSError as exc:
        raise DataError.single(name, f"cannot read: {exc.strerror}", Rule.UNREADABLE) from None
    with os.fdopen(fd, "rb") as fh:
        st = os.fstat(fd)
        problem = regular_file_problem(path, st)
        if problem:
            raise DataError([problem])
        if max_bytes is not None and st.st_size > max_bytes:
            raise DataError.single(
                name,
                f"{st.st_size / 1e6:,.1f} MB is over the {max_bytes / 1e6:,.0f} MB limit for "
                f"one {what}: split it into smaller files",
                Rule.TOO_LARGE,
            )
        try:
            return fh.read()
        except OSError as exc:
            raise DataError.single(name, f"cannot read: {exc.strerror}", Rule.UNREADABLE) from None


def line_ends(text: str | bytes) -> int:
    """The number of line ends in `text`, whichever the file uses: `\n`, `\r\n`, or `\r`
    alone (old Excel for the Mac), as Python's csv reader counts them."""
    if isinstance(text, bytes):
        return text.count(b"\n") + text.count(b"\r") - text.count(b"\r\n")
    return text.count("\n") + text.count("\r") - text.count("\r\n")


def _formula_like(cell: str) -> bool:
    rest = cell.lstrip("'")
    return rest.startswith(FORMULA_STARTS) and not _PLAIN_NUMBER.fullmatch(rest)


def formula_safe(cell: str) -> str:
    """`cell` as a spreadsheet shows it as text: a cell a spreadsheet would run as a formula
    (first character = + - @ tab or CR) gets a leading `'`; plain numbers such as -5 are kept.

    A cell already starting with `'` before such a character gets one more, so that
    `formula_unsafe(formula_safe(x)) == x` for every x: the program reads back what it wrote.
    """
    return "'" + cell if _formula_like(cell) else cell


def formula_unsafe(cell: str) -> str:
    """The text `formula_safe` was given: its one added `'` dropped, anything else unchanged."""
    return cell[1:] if cell.startswith("'") and _formula_like(cell[1:]) else cell


def lock_timeout() -> float:
    """Seconds a writer waits for another one: `$VN_JUSTICE_LOCK_TIMEOUT`, else 120."""
    try:
        return float(os.environ.get(LOCK_TIMEOUT_ENV, LOCK_TIMEOUT_SECONDS))
    except ValueError:
        return LOCK_TIMEOUT_SECONDS


def lock_path(target: Path) -> Path:
    """The lock file beside `target`: hidden, so no listing of data files ever picks it up."""
    return target.with_name(f".{target.name}.lock")


class LockTimeout(DataError):
    """Another program held a file's lock for longer than this one would wait."""


@contextmanager
def locked(target: Path, timeout: float | None = None) -> Iterator[None]:
    """Hold an exclusive lock for writing `target` (flock on a lock file beside it).

    Another writer of the same target waits up to `timeout` seconds, then fails with a
    message naming the file; readers are not blocked. The lock goes with the process, so a
    crashed writer never leaves it held.
    """
    wait = lock_timeout() if timeout is None else timeout
    target.parent.mkdir(parents=True, exist_ok=True)
    path = lock_path(target)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o666)
    try:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError as exc:
                if exc.errno not in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
                    raise
                if time.monotonic() >= deadline:
                    raise LockTimeout(
                        [
                            Problem(
                                str(target),
                                f"another program is writing this file (lock {path.name} held "
                                f"for over {wait:g} s): nothing was written, run again when it "
                                "has finished",
                                Rule.LOCKED,
                            )
                        ]
                    ) from None
                time.sleep(_LOCK_POLL_SECONDS)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def strict_csv_rows(raw: bytes, name: str) -> Iterator[tuple[int, list[str]]]:
    """Each row of a CSV file with the line it starts on (the header first), parsed strictly.

    DataError with file:line when a row has a different number of fields from the header or
    a quote is opened and never closed (which would swallow every row appended after it).
    """
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = line_ends(raw[: exc.start]) + 1
        raise DataError.single(
            name, f"not UTF-8: invalid byte 0x{raw[exc.start]:02x}", Rule.NOT_UTF8, line=line
        ) from None
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    width = None
    line = 0
    try:
        for row in reader:
            if width is None:
                width = len(row)
            elif len(row) != width:
                raise DataError.single(
                    name,
                    f"{len(row)} fields where the header has {width}; fix the row first",
                    Rule.BAD_ROW,
                    line=line + 1,
                )
            yield line + 1, row
            line = reader.line_num
    except csv.Error as exc:
        end = line_ends(text) + (not text.endswith(("\n", "\r")))
        problem = csv_error_problem(exc, name, min(line + 1, end))
        raise DataError.single(
            name, f"{problem.message}; fix the row first", problem.rule, line=problem.line
        ) from None


def rows_of_width(
    reader: Any, header: list[str], name: str, problems: list[Problem]
) -> Iterator[tuple[int, dict[str, str]]]:
    """Each non-blank row a strict `csv.reader` gives after its header, as {column: stripped
    cell}, with the line it starts on. A row of another width is a Problem appended to
    `problems` and left out; a quote never closed ends the reading with its Problem (it would
    swallow every later row)."""
    line = reader.line_num
    try:
        for cells in reader:
            at, line = line + 1, reader.line_num
            if not cells:
                continue
            if len(cells) != len(header):
                problems.append(
                    Problem(
                        name,
                        f"{len(cells)} fields where the header has {len(header)}",
                        Rule.BAD_ROW,
                        line=at,
                    )
                )
                continue
            yield at, {k: v.strip() for k, v in zip(header, cells, strict=True)}
    except csv.Error as exc:
        problems.append(csv_error_problem(exc, name, line + 1))


def csv_error_problem(exc: csv.Error, name: str, line: int) -> Problem:
    """What Python's csv reader stopped at, as a Problem at the row where it stopped: a quote
    never closed (it would swallow every later row into one cell) or other invalid CSV."""
    if "unexpected end of data" in str(exc):
        return Problem(
            name,
            "a quote opened in this row is never closed: every later row would be one cell",
            Rule.UNCLOSED_QUOTE,
            line=line,
        )
    return Problem(name, f"not valid CSV: {exc}", Rule.BAD_CSV, line=line)
