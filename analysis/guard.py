"""Where programs may write: never onto a file people keep, and candidates only where they are read.

Every command that writes a file a user names (`extract -o`, `extract --into`, `export -o`,
`report --out`, `ingest --into`) asks this module first, before anything is read or extracted.
Paths are compared resolved (`os.path.realpath`: `..`, symbolic links of the path and of its
folders), so neither `data/candidates/../records/x.csv` nor a link to `data/records/` gets past.
The people-only places of a data folder are guarded both in the data folder in force
(`$VN_JUSTICE_DATA_DIR`) and in the project's own `data/`.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from analysis.errors import DataError, Problem
from analysis.paths import PROJECT_ROOT, candidates_dir, data_dir
from analysis.schema.rules import Rule

# What people write and programs never replace: folders (at any depth) and files of a data folder.
PEOPLE_FOLDERS = ("records", "reviews", "articles", "raw", "reference")
PEOPLE_FILES = ("sources.csv",)
CANDIDATES_FOLDER = "candidates"


def resolved(path: str | Path) -> Path:
    """`path` absolute, with `..` and every symbolic link along it resolved (it need not exist)."""
    return Path(os.path.realpath(path))


def data_roots() -> list[Path]:
    """The data folders whose people-only places are guarded: the one in force and the project's."""
    return list(dict.fromkeys(resolved(p) for p in (data_dir(), PROJECT_ROOT / "data")))


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or path.is_relative_to(folder)


def people_place(path: str | Path) -> Path | None:
    """The people-only folder or file of a data folder that `path` is (or lies in), else None."""
    target = resolved(path)
    for root in data_roots():
        for name in PEOPLE_FOLDERS:
            if _inside(target, root / name):
                return root / name
        for name in PEOPLE_FILES:
            if target == root / name:
                return root / name
    return None


def _refusal(path: Path, place: Path, option: str) -> Problem:
    shown = f" (it resolves to {resolved(path)})" if resolved(path) != path.absolute() else ""
    what = f"{place}/" if place.suffix == "" else str(place)
    return Problem(
        str(path),
        f"{option} would write into {what}{shown}, which people write and no program "
        "replaces: nothing was written; name a path outside it",
        Rule.PEOPLE_ONLY,
    )


def refuse_people_files(paths: Iterable[Path], option: str) -> None:
    """DataError naming each of `paths` that is, or lies in, a people-only place."""
    problems = [
        _refusal(Path(p), place, option) for p in paths if (place := people_place(p)) is not None
    ]
    if problems:
        raise DataError(problems)


def check_output_file(path: Path, option: str = "-o") -> None:
    """A file a command is asked to write must not be one people keep."""
    refuse_people_files([path], option)


def check_output_folder(folder: Path, names: Iterable[str], option: str) -> None:
    """A folder a command writes `names` into: neither it nor any file it would write may be
    people's (`export -o data/` would replace `data/sources.csv`); then it must be writable."""
    refuse_people_files([folder, *(folder / n for n in names)], option)
    check_writable(folder)


def check_candidates_target(path: Path) -> None:
    """`extract --into`: the candidates file must lie in the data folder's `candidates/` (or a
    folder under it) and be a .csv file, the only place and kind `load_records` reads candidates
    from; people's places are refused first, with their own message."""
    refuse_people_files([path], "--into")
    folder = resolved(candidates_dir())
    target = resolved(path)
    if not _inside(target, folder) or target == folder:
        raise DataError.single(
            str(path),
            f"--into takes {candidates_dir()}/ or a folder or .csv file under it, the only place "
            "load_records reads candidates from: nothing was written (use -o for a CSV elsewhere)",
            Rule.NOT_CANDIDATES,
        )
    if target.suffix.lower() != ".csv":
        raise DataError.single(
            str(path),
            "--into names a file that is not .csv: load_records would never read it; "
            "name a folder or a .csv file",
            Rule.NOT_CANDIDATES,
        )


def check_articles_target(folder: Path) -> None:
    """`ingest --into`: the articles folder (its parent gets raw/ and sources.csv) must not be
    another people-only folder, nor the candidates."""
    place = people_place(folder)
    if place is not None and place.name != "articles":
        raise DataError([_refusal(folder, place, "--into")])
    if _inside(resolved(folder), resolved(candidates_dir())):
        raise DataError.single(
            str(folder),
            "--into names the candidates folder, which holds what the extractor found: "
            "articles go to the data folder's articles/",
            Rule.PEOPLE_ONLY,
        )


def check_writable(folder: Path) -> None:
    """DataError naming the folder (or what stands in its way) when a file cannot be created in
    it: decided by creating one, the only test that sees read-only mounts, ACLs and quotas."""
    target = folder
    while not target.exists() and target != target.parent:
        target = target.parent
    if not target.is_dir():
        raise DataError.single(
            str(folder),
            f"cannot write here: {target} is a file, not a folder",
            Rule.NOT_WRITABLE,
        )
    try:
        with tempfile.TemporaryFile(dir=target):
            pass
    except OSError as exc:
        raise DataError.single(
            str(folder),
            f"cannot write here: {exc.strerror} ({target} is read-only for this user): "
            "name another folder",
            Rule.NOT_WRITABLE,
        ) from None
