"""Shared fixtures: the tests' own data (tests/fixtures/), never the live data/ nor the shared folder.

Every test runs with `VN_JUSTICE_DATA_DIR` pointing at a copy of `tests/fixtures/data` (the five
seed articles, their reviewed records, a registry of the seeds), so that adding real data to
`data/` never changes what a unit test sees; nbval follows the live data. The reference tables
(catalog, provinces, the extractor's cue tables) are definitions, not data that grows: the copy
takes them from the project's `data/reference/`, so the tests check the rules in force.
`tests/fixtures/cited/` holds a few cited sources (registry rows and short quotes from the real
corpus) that the `cited_data` fixture adds to a private copy, for the tests of cited sources.
"""

from __future__ import annotations

import csv
import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from analysis.cli import main
from analysis.paths import DATA_DIR_ENV, PROJECT_ROOT

FIXTURES = Path(__file__).resolve().parent / "fixtures"
FIXTURE_DATA = FIXTURES / "data"
GOLD = FIXTURES / "gold" / "seeds.csv"
SEED_ARTICLES = FIXTURE_DATA / "articles"
CITED = FIXTURES / "cited"


@pytest.fixture(scope="session", autouse=True)
def _fixture_data(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """One copy of the fixture data, in force for every test (module fixtures included)."""
    target = copy_fixture_data(tmp_path_factory.getbasetemp() / "fixture-data")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv(DATA_DIR_ENV, str(target))
        yield target


def copy_fixture_data(target: Path) -> Path:
    """The fixture data copied to `target`, with the project's reference tables beside it."""
    shutil.copytree(FIXTURE_DATA, target)
    shutil.copytree(PROJECT_ROOT / "data" / "reference", target / "reference")
    return target


@pytest.fixture
def data_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private copy of the fixture data, made the data folder in force: tests that write."""
    target = copy_fixture_data(tmp_path / "data")
    monkeypatch.setenv(DATA_DIR_ENV, str(target))
    return target


@pytest.fixture
def undecided_copy(data_copy: Path) -> Path:
    """The private copy with nothing decided yet (records/ emptied): every extracted figure is
    a new candidate, as in a data folder before its first review."""
    for written in (data_copy / "records").glob("*.csv"):
        written.unlink()
    return data_copy


@pytest.fixture
def cited_data(data_copy: Path) -> Path:
    """The private copy with the cited sources of tests/fixtures/cited added: registry rows and
    their records (national figures of 2019, 2020, 2025-H1 and 2025-9M from five pages)."""
    registry = data_copy / "sources.csv"
    extra = (CITED / "sources.csv").read_text(encoding="utf-8").split("\n", 1)[1]
    registry.write_text(registry.read_text(encoding="utf-8") + extra, encoding="utf-8")
    shutil.copy(CITED / "records" / "corpus.csv", data_copy / "records" / "corpus.csv")
    return data_copy


@pytest.fixture
def gold_rows() -> list[dict[str, str]]:
    """The reviewed answer key for the seed articles (a copy of shared/gold/seeds.csv)."""
    with GOLD.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def placed(text: str, meta: dict | None = None) -> list[tuple]:
    """What the extractor finds in a text, as (indicator, value, jurisdiction, period) tuples."""
    from analysis.extract import extract_text

    return [
        (r["indicator"], r["value"], r["jurisdiction"], r["period"])
        for r in extract_text(text, "t", meta)
    ]


def read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def write_rows(path: Path, rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def run_cli(*args: object, data: Path | None = None) -> Result:
    """`python -m analysis ARGS` run in this process by click's runner, with the data folder
    `data` if given (else the one in force): exit code, stdout and stderr as a user sees them,
    without the second or two a new interpreter takes to import pandas."""
    runner = CliRunner(env=None if data is None else {DATA_DIR_ENV: str(data)})
    return runner.invoke(main, [str(a) for a in args], prog_name="python -m analysis")


@pytest.fixture(scope="session", autouse=True)
def _private_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Tests never write into the project's .cache/ (and share one cache among themselves);
    session-wide, so module fixtures that load records use it too."""
    from analysis.records.cache import CACHE_DIR_ENV

    with pytest.MonkeyPatch.context() as mp:
        mp.setenv(CACHE_DIR_ENV, str(tmp_path_factory.getbasetemp() / "cache"))
        yield


# ---------------------------------------------------------------- unit and integration tests

# What an integration test starts: a Python interpreter (`python -m analysis`, a kernel, nbval,
# a fresh process), the browser, OCR, make. A library's own helper programs (ldconfig for
# ctypes, fc-list for fonts) are not the test's doing and stay allowed.
_PROCESSES = re.compile(r"^(python[\d.]*|chromium|chrome|headless_shell|tesseract|make|setpriv)$")


def _started(args: object) -> str | None:
    """The program a Popen call starts, if it is one only an integration test may start."""
    argv = [args] if isinstance(args, str | bytes | os.PathLike) else list(args)  # type: ignore[arg-type]
    program = os.path.basename(os.fsdecode(argv[0])) if argv else ""
    return program if _PROCESSES.match(program) else None


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests of a module that drives JupyterLab in the browser (tests/lab_browser.py) are
    integration tests without having to say so."""
    for item in items:
        module = getattr(item, "module", None)
        helpers = vars(module).values() if module is not None else ()
        if any(getattr(h, "__module__", None) == "lab_browser" for h in helpers):
            item.add_marker(pytest.mark.integration)


@contextmanager
def _no_process_started(item: pytest.Item) -> Iterator[None]:
    """Within the block, starting one of `_PROCESSES` fails with the test's name."""
    real = subprocess.Popen._execute_child

    def refuse(self, args, *rest, **kwargs):
        program = _started(args)
        if program is not None:
            raise AssertionError(
                f"{item.nodeid} starts {program} ({args!r}) but is not marked integration: "
                "mark it (pytestmark = pytest.mark.integration) or run the code in-process"
            )
        return real(self, args, *rest, **kwargs)

    subprocess.Popen._execute_child = refuse  # type: ignore[method-assign]
    try:
        yield
    finally:
        subprocess.Popen._execute_child = real  # type: ignore[method-assign]


@pytest.hookimpl(wrapper=True)
def pytest_runtest_setup(item: pytest.Item):
    """A test not marked `integration` whose fixtures or body start a process fails, naming the
    program: the marker then says truly which tests are fast and self-contained."""
    if item.get_closest_marker("integration") is not None:
        return (yield)
    with _no_process_started(item):
        return (yield)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item):
    if item.get_closest_marker("integration") is not None:
        return (yield)
    with _no_process_started(item):
        return (yield)
