"""The package's stages hold: metrics compute and never import the report stage, no stage imports
a later one, no modules import each other, and the metrics and report stages import at the top.
Read from the source with `ast` (tests/import_graph.py), imports inside functions included; the
last tests build a small package with each kind of breach and show the check finds it."""

from __future__ import annotations

from pathlib import Path
from textwrap import dedent

import pytest
from import_graph import Import, crossing, cycles, imports, module_names, upward, violations

import analysis

PACKAGE = Path(analysis.__file__).parent
# The stages, bottom first: a module may import its own stage's modules and earlier stages'.
# `guard` (where programs may write) sits with the shared base; the review view reads records.
STAGES = (
    (
        "analysis.contract",
        "analysis.paths",
        "analysis.errors",
        "analysis.fileio",
        "analysis.reference",
        "analysis.guard",
        "analysis.vietnamese",
    ),
    ("analysis.sources",),
    ("analysis.extract",),
    ("analysis.records",),
    ("analysis.review",),
    ("analysis.metrics",),
    ("analysis.report",),
    ("analysis.cli", "analysis.__main__", "analysis"),
)
# Known breaches being fixed on other branches (issue 18), each an exact (importing, imported)
# pair; the lead empties this list when those branches merge, and nothing else goes in it.
ALLOWED = (
    # tables18: reference tables are checked with the records' schemas.
    ("analysis.reference", "analysis.records.schemas"),
    # tables18: the sources registry checks its cells with the records' cell and date rules.
    ("analysis.sources.registry", "analysis.records.cells"),
    ("analysis.sources.registry", "analysis.records.plausibility"),
    # extract16 / tables18: the extractor merges its candidates into the records store.
    ("analysis.extract.run", "analysis.records.store"),
)
# Stages whose modules import the package's own modules at the top, never inside a function.
TOP_IMPORTS_ONLY = ("analysis.metrics", "analysis.report")


@pytest.fixture(scope="module")
def found() -> list[Import]:
    return imports(PACKAGE)


def test_every_module_belongs_to_a_stage(found):
    unplaced = [m for m in module_names(PACKAGE) if not any(
        m == name or m.startswith(name + ".") for names in STAGES for name in names)]  # fmt: skip
    assert not unplaced, f"modules in no stage of tests/test_structure.py: {unplaced}"


def test_metrics_never_import_the_report_stage(found):
    bad = crossing(found, "analysis.metrics", "analysis.report")
    assert not bad, "metrics compute, reports present:\n" + "\n".join(map(str, bad))


def test_no_stage_imports_a_later_one_and_no_modules_import_each_other(found):
    bad = violations(
        found, STAGES, ALLOWED, computes="analysis.metrics", presents="analysis.report"
    )
    assert not bad, "\n".join(bad)


def test_the_allowed_breaches_are_still_there(found):
    """An allowed import that is gone must leave the list, so that it cannot come back unseen."""
    present = {(i.source, i.target) for i in found}
    gone = [edge for edge in ALLOWED if edge not in present]
    assert not gone, f"fixed: remove from ALLOWED in tests/test_structure.py: {gone}"


def test_metrics_and_report_import_the_package_at_the_top(found):
    lazy = [i for i in found if i.lazy and i.source.startswith(TOP_IMPORTS_ONLY)]
    assert not lazy, "imports inside functions:\n" + "\n".join(map(str, lazy))


FAKE_STAGES = (("pkg.base",), ("pkg.records",), ("pkg.metrics",), ("pkg.report",), ("pkg",))


def _fake_package(root: Path) -> Path:
    """A package with one breach of each kind, written the ways imports are written here."""
    files = {
        "__init__.py": "",
        "base.py": "VALUE = 1\n",
        "records/__init__.py": "",
        # upward, at the top, relative
        "records/load.py": "from ..metrics.rates import rate\n",
        "records/a.py": "from pkg.records import b\n",  # a and b import each other
        "records/b.py": "def f():\n    from . import a\n    return a\n",
        "metrics/__init__.py": "",
        # metrics → report, inside a function
        "metrics/rates.py": dedent(
            """\
            import pkg.base


            def rate():
                from pkg.report.tables import table

                return table
            """
        ),
        "report/__init__.py": "",
        "report/tables.py": "from pkg.base import VALUE\n\ntable = VALUE\n",
    }
    for name, text in files.items():
        path = root / "pkg" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root / "pkg"


def test_the_check_finds_a_crafted_breach_of_each_kind(tmp_path):
    found = imports(_fake_package(tmp_path))
    assert Import("pkg.metrics.rates", "pkg.report.tables", 5, lazy=True) in found
    assert [str(i) for i in crossing(found, "pkg.metrics", "pkg.report")] == [
        "pkg.metrics.rates → pkg.report.tables (line 5, inside a function)"
    ]
    assert {(i.source, i.target) for i in upward(found, FAKE_STAGES)} == {
        ("pkg.records.load", "pkg.metrics.rates"),
        ("pkg.metrics.rates", "pkg.report.tables"),
    }
    assert cycles(found) == [["pkg.records.a", "pkg.records.b"]]
    bad = violations(found, FAKE_STAGES, computes="pkg.metrics", presents="pkg.report")
    assert len(bad) == 4, "\n".join(bad)


def test_an_allowed_breach_is_left_out_and_only_it(tmp_path):
    found = imports(_fake_package(tmp_path))
    allowed = [("pkg.records.load", "pkg.metrics.rates"), ("pkg.records.b", "pkg.records.a")]
    bad = violations(found, FAKE_STAGES, allowed, computes="pkg.metrics", presents="pkg.report")
    assert bad == [
        "pkg.metrics imports pkg.report: pkg.metrics.rates → pkg.report.tables (line 5, inside a "
        "function)",
        "upward (stage order base < records < metrics < report < pkg): pkg.metrics.rates → "
        "pkg.report.tables (line 5, inside a function)",
    ]
