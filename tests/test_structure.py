"""The package's stages hold: metrics compute and never import the report stage, no stage imports
a later one, no modules import each other, the metrics and report stages import at the top, and
the notebooks import only the public API (`analysis` and its stages' `__all__`), and neither
writes the environment or matplotlib's and seaborn's global settings.
Read from the source with `ast` (tests/import_graph.py), imports inside functions included; the
checks are shown to find a crafted breach of each kind."""

from __future__ import annotations

import ast
import json
from pathlib import Path
from textwrap import dedent

import pytest
from import_graph import Import, crossing, cycles, imports, module_names, upward, violations

import analysis

PACKAGE = Path(analysis.__file__).parent
# The stages, bottom first: a module may import its own stage's modules and earlier stages'.
# `guard` (where programs may write) and `schema` (every table declared once) sit with the shared
# base; `validate` checks every stage's data, so it sits with the entry points; the review view
# reads records.
STAGES = (
    (
        "analysis.contract",
        "analysis.paths",
        "analysis.errors",
        "analysis.fileio",
        "analysis.schema",
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
    ("analysis.explore",),
    ("analysis.validate", "analysis.cli", "analysis.__main__", "analysis"),
)
# Known breaches being fixed on other branches (issue 18), each an exact (importing, imported)
# pair; the lead empties this list when those branches merge, and nothing else goes in it.
ALLOWED = (
    # extract16: the extractor merges its candidates into the records store.
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


NOTEBOOKS = Path(__file__).parents[1] / "notebooks"


def _public(module: str) -> set[str]:
    """The names a notebook may import from `module`: `analysis`'s API and stages, or a stage's
    `__all__`."""
    if module == "analysis":
        return {*analysis.__all__, *analysis.SUBPACKAGES}
    stage = module.removeprefix("analysis.")
    if stage not in analysis.SUBPACKAGES:
        return set()
    return set(getattr(analysis, stage).__all__)


def _parse(code: str) -> ast.Module:
    """`code` parsed, a notebook's magics (`%matplotlib`, `!ls`) left out."""
    lines = [line for line in code.splitlines() if not line.lstrip().startswith(("%", "!"))]
    return ast.parse("\n".join(lines))


def internal_imports(code: str) -> list[str]:
    """The imports of `code` that reach past the public API: a module below a stage
    (`analysis.records.load`) or a name a stage does not list in `__all__`."""
    bad = []
    for node in ast.walk(_parse(code)):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names if a.name.split(".")[0] == "analysis"]
            bad += [f"import {n}" for n in names if n != "analysis" and n.removeprefix(
                "analysis.") not in analysis.SUBPACKAGES]  # fmt: skip
        elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "analysis":
            public = _public(node.module)
            bad += [
                f"from {node.module} import {a.name}" for a in node.names if a.name not in public
            ]
    return bad


def notebook_code(path: Path) -> str:
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")


@pytest.mark.parametrize(
    "path", sorted(NOTEBOOKS.rglob("*.ipynb")), ids=lambda p: str(p.relative_to(NOTEBOOKS))
)
def test_notebooks_use_only_the_public_api(path):
    bad = internal_imports(notebook_code(path))
    assert not bad, f"{path.name} imports past `import analysis`'s names: {bad}"


def test_the_notebook_check_finds_an_internal_import():
    code = dedent(
        """\
        %matplotlib inline
        import analysis.records.load
        from analysis import load_records, to_wide
        from analysis.metrics import indicator_series, one_per_key
        from analysis.records.load import load_records
        from analysis.report import series_chart
        from analysis.report.plots import apply_palette
        """
    )
    assert internal_imports(code) == [
        "import analysis.records.load",
        "from analysis.records.load import load_records",
        "from analysis.report.plots import apply_palette",
    ]


# Calls that change a process-wide setting for everything that runs after them.
GLOBAL_SETTERS = {
    "set_theme", "set_style", "set_context", "set_palette", "reset_defaults", "reset_orig",  # seaborn
    "rc", "rcdefaults", "use",  # matplotlib (`mpl.rc`, `plt.rcdefaults`, `matplotlib.use`, `plt.style.use`)
    "putenv", "unsetenv",  # os
}  # fmt: skip
GLOBAL_OWNERS = {"sns", "seaborn", "mpl", "matplotlib", "plt", "pyplot", "style", "os"}
# Methods that change a mapping in place (`os.environ`, `rcParams`).
MUTATORS = {"update", "setdefault", "pop", "popitem", "clear", "__setitem__", "__delitem__"}


def _dotted(node: ast.AST) -> str:
    """`os.environ`, `mpl.rcParams`, `plt.style.use` of an expression, else ''."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        base = _dotted(node.value)
        return f"{base}.{node.attr}" if base else ""
    return ""


def global_state_writes(code: str) -> list[str]:
    """Writes to the environment or to matplotlib's and seaborn's global settings in `code`:
    `os.environ[...] = …`, `os.environ.update/setdefault/pop(…)`, `del os.environ[…]`,
    `rcParams[...] = …`, `rcParams.update(…)`, `sns.set_theme(…)`, `plt.style.use(…)`…"""
    found: list[tuple[int, str]] = []
    for node in ast.walk(_parse(code)):
        targets = []
        if isinstance(node, ast.Assign | ast.AugAssign | ast.Delete):
            targets = node.targets if isinstance(node, ast.Assign | ast.Delete) else [node.target]
        for target in targets:
            if isinstance(target, ast.Subscript) and _dotted(target.value).endswith(
                ("environ", "rcParams")
            ):
                found.append((node.lineno, f"{_dotted(target.value)}[…] written"))
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            owner, name = _dotted(node.func.value), node.func.attr
            mutates = owner.endswith(("environ", "rcParams")) and name in MUTATORS
            sets = name in GLOBAL_SETTERS and owner.rpartition(".")[2] in GLOBAL_OWNERS
            if mutates or sets or (owner in {"sns", "seaborn"} and name == "set"):
                found.append((node.lineno, f"{owner}.{name}()"))
    return [f"line {line}: {what}" for line, what in sorted(found)]


def test_the_package_and_notebooks_never_write_the_environment_or_global_plot_settings():
    codes = {str(p.relative_to(PACKAGE.parent)): p.read_text(encoding="utf-8")
             for p in sorted(PACKAGE.rglob("*.py"))}  # fmt: skip
    codes |= {f"notebooks/{p.relative_to(NOTEBOOKS)}": notebook_code(p)
              for p in sorted(NOTEBOOKS.rglob("*.ipynb"))}  # fmt: skip
    bad = {name: writes for name, code in codes.items() if (writes := global_state_writes(code))}
    assert not bad, f"hidden state (set it inside a context or pass env= to a child): {bad}"


def test_the_hidden_state_check_finds_each_kind_of_write():
    code = dedent(
        """\
        import os
        import matplotlib as mpl
        import seaborn as sns
        from matplotlib import pyplot as plt
        os.environ["SOURCE_DATE_EPOCH"] = "0"
        os.environ.setdefault("X", "1")
        del os.environ["X"]
        mpl.rcParams["font.family"] = "DejaVu Sans"
        plt.rcParams.update({"axes.titlesize": 9})
        sns.set_theme(style="whitegrid")
        sns.set()
        plt.style.use("ggplot")
        env = {**os.environ, "SOURCE_DATE_EPOCH": "0"}
        with mpl.rc_context({"axes.titlesize": 9}):
            size = mpl.rcParams["axes.titlesize"]
        """
    )
    assert global_state_writes(code) == [
        "line 5: os.environ[…] written",
        "line 6: os.environ.setdefault()",
        "line 7: os.environ[…] written",
        "line 8: mpl.rcParams[…] written",
        "line 9: plt.rcParams.update()",
        "line 10: sns.set_theme()",
        "line 11: sns.set()",
        "line 12: plt.style.use()",
    ]
