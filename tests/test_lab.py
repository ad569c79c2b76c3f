"""JupyterLab as an analyst meets it: rooted at the project, each notebook once, the API listed."""

from __future__ import annotations

import shutil
import subprocess
import sys

import nbformat
import pytest
from jupyter_server.services.contents.filemanager import FileContentsManager
from jupytext.sync_contentsmanager import build_sync_jupytext_contents_manager_class

import analysis
from analysis.paths import PROJECT_ROOT


@pytest.fixture
def lab_root(tmp_path):
    """A copy of the project's notebooks and Jupytext configuration, as the lab's server sees it."""
    shutil.copy(PROJECT_ROOT / "jupytext.toml", tmp_path)
    shutil.copy(PROJECT_ROOT / "README.md", tmp_path)
    shutil.copytree(PROJECT_ROOT / "notebooks", tmp_path / "notebooks")
    manager = build_sync_jupytext_contents_manager_class(FileContentsManager)
    return manager(root_dir=str(tmp_path))


def test_each_notebook_listed_once(lab_root):
    listing = lab_root.get("notebooks", content=True)["content"]
    kinds = {item["name"]: item["type"] for item in listing}
    notebooks = sorted(n for n, t in kinds.items() if t == "notebook")
    assert notebooks == sorted(p.name for p in (PROJECT_ROOT / "notebooks").glob("*.ipynb"))
    assert notebooks, "no notebook found"
    for name in notebooks:
        pair = name.replace(".ipynb", ".py")
        assert kinds.get(pair) == "file", f"{pair} shows as a second copy of {name}"
    assert kinds["README.md"] == "file"
    root = {item["name"]: item["type"] for item in lab_root.get("", content=True)["content"]}
    assert root["README.md"] == "file", "the project's README would open as a notebook"


def test_saving_a_notebook_still_writes_its_script_pair(lab_root, tmp_path):
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1")])
    notebook.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    lab_root.save({"type": "notebook", "content": notebook}, "notebooks/99_new.ipynb")
    script = tmp_path / "notebooks" / "99_new.py"
    assert script.is_file(), "the py:percent pair was not written"
    assert "# %%\nx = 1" in script.read_text(encoding="utf-8")


@pytest.mark.integration  # runs make (-n: prints the command, starts nothing else)
def test_make_lab_opens_at_the_project_root():
    done = subprocess.run(
        ["make", "-n", "lab"], cwd=PROJECT_ROOT, capture_output=True, text=True, check=True
    )
    command = next(line for line in done.stdout.splitlines() if "jupyter lab" in line)
    assert f"--ServerApp.root_dir={PROJECT_ROOT}" in command.split(), command


def test_dir_lists_the_api_and_the_stages():
    listed = dir(analysis)
    for name in (*analysis.__all__, "metrics", "records", "report", "sources", "extract"):
        assert name in listed, f"dir(analysis) lacks {name}"
        assert getattr(analysis, name) is not None
    assert not {"importlib", "TYPE_CHECKING", "Any", "_EXPORTS", "annotations"} & set(listed)
    assert [n for n in listed if n.startswith("lo")] == [
        "load_articles",
        "load_catalog",
        "load_provinces",
        "load_provinces_2025",
        "load_records",
    ]


COMPLETE = """
from IPython.core.completer import provisionalcompleter
from IPython.testing.globalipapp import start_ipython
shell = start_ipython()
shell.run_cell("import analysis")
with provisionalcompleter():
    print(" ".join(sorted({c.text for c in shell.Completer.completions("analysis.lo", 11)})))
"""


@pytest.mark.integration
def test_tab_completion_in_ipython():
    # In a process of its own: a test IPython shell changes global hooks for later tests.
    done = subprocess.run(
        [sys.executable, "-c", COMPLETE],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    found = set(done.stdout.split())
    assert {"load_records", "load_catalog", "load_articles"} <= found, done.stdout + done.stderr
