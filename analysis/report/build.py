"""`python -m analysis report`: execute every notebook in a fresh kernel, render one PDF per
notebook and a combined report, all into reports/.

Each notebook runs top to bottom with nbclient on the project's kernel; its outputs are checked
(no stderr noise, no absolute paths) before anything is written. With `update_notebooks` the
executed notebooks replace the stored ones (and their jupytext .py pairs), for nbval to compare.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError
from nbconvert import HTMLExporter
from nbformat import NotebookNode

from analysis.errors import DataError, Problem
from analysis.paths import PROJECT_ROOT, articles_dir, notebooks_dir, reports_dir
from analysis.report.pdf import ReportMeta, Section, render_pdf

KERNEL_NAME = "vn-justice-stats"
CELL_TIMEOUT = 300
COMBINED_NAME = "report"
COMBINED_TITLE = "Thống kê ngành Tư pháp Việt Nam từ báo chí"
JUPYTEXT_FORMAT = "py:percent"


class BuildError(RuntimeError):
    """A notebook could not be executed or rendered; the message names it and the cell."""


@dataclass
class BuildResult:
    """What a build wrote and how long each step took (seconds)."""

    pdfs: list[Path] = field(default_factory=list)
    notebooks: list[Path] = field(default_factory=list)
    execute_seconds: float = 0.0
    render_seconds: float = 0.0


def notebook_paths(directory: Path | None = None) -> list[Path]:
    """The curated notebooks, in name order (00_, 01_, ...)."""
    return sorted((directory or notebooks_dir()).glob("*.ipynb"))


def data_date(directory: Path | None = None) -> dt.date:
    """The build date, taken from the data: the latest `published` date among the articles."""
    from analysis.sources.articles import article_paths, read_article

    dates = [
        read_article(p).meta.get("published") for p in article_paths(directory or articles_dir())
    ]
    known = [d for d in dates if isinstance(d, dt.date)]
    if not known:
        raise DataError.single(
            str(directory or articles_dir()),
            "no article states a 'published' date: the report has no date to carry",
            "no-data-date",
        )
    return max(known)


def report_meta(title: str = COMBINED_TITLE) -> ReportMeta:
    """Title, data version (hash of the records) and data date for a report's page headers."""
    from analysis.records.load import data_version

    return ReportMeta(title=title, data_version=data_version(), data_date=data_date())


def notebook_title(nb: NotebookNode, fallback: str) -> str:
    """The notebook's first Markdown `# ` heading, the title its PDF carries."""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return fallback


def execute_notebook(path: Path, kernel_name: str = KERNEL_NAME) -> NotebookNode:
    """Run a notebook top to bottom in a fresh kernel, in its own folder; BuildError on failure."""
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb,
        kernel_name=kernel_name,
        timeout=CELL_TIMEOUT,
        record_timing=False,
        resources={"metadata": {"path": str(path.parent)}},
        # The kernel only listens on loopback; its start-up warning about unencrypted TCP
        # says nothing about the report and would bury real errors in the build's output.
        extra_arguments=["--IPKernelApp.log_level=ERROR"],
    )
    try:
        client.execute()
    except CellExecutionError as exc:
        last = str(exc).strip().splitlines()[-1] if str(exc).strip() else type(exc).__name__
        raise BuildError(f"{path.name}: a cell failed: {last}") from None
    except Exception as exc:  # kernel missing or dead: name the notebook and the cause
        raise BuildError(f"{path.name}: could not run on kernel {kernel_name!r}: {exc}") from None
    return nb


def output_problems(nb: NotebookNode, name: str) -> list[Problem]:
    """Outputs a stored notebook must not carry: stderr (warnings) and this machine's paths."""
    problems = []
    root = str(PROJECT_ROOT)
    for number, cell in enumerate(nb.cells, start=1):
        for output in cell.get("outputs", []):
            if output.get("output_type") == "stream" and output.get("name") == "stderr":
                first = output.get("text", "").strip().splitlines()[:1]
                problems.append(
                    Problem(name, f"cell {number} writes to stderr: {first}", "stderr-output")
                )
            shown = [output.get("text", ""), *output.get("data", {}).values()]
            if any(isinstance(t, str) and root in t for t in shown):
                problems.append(
                    Problem(name, f"cell {number} shows an absolute path", "absolute-path")
                )
    return problems


def notebook_html(nb: NotebookNode) -> str:
    """The notebook's body as HTML: Markdown and outputs, code hidden."""
    exporter = HTMLExporter(
        template_name="basic",
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        exclude_anchor_links=True,
    )
    body, _ = exporter.from_notebook_node(nb)
    return body


def _store(nb: NotebookNode, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)


def _update_pair(nb: NotebookNode, path: Path) -> None:
    import jupytext

    jupytext.write(nb, path.with_suffix(".py"), fmt=JUPYTEXT_FORMAT)


def build_reports(
    notebooks: Sequence[Path] | None = None,
    out_dir: Path | None = None,
    *,
    update_notebooks: bool = False,
    combined: bool = True,
    kernel_name: str = KERNEL_NAME,
) -> BuildResult:
    """Execute the notebooks, write them and their PDFs to `out_dir`, plus the combined PDF."""
    paths = list(notebooks) if notebooks is not None else notebook_paths()
    if not paths:
        raise BuildError(f"no notebooks to build in {notebooks_dir()}")
    out = out_dir or reports_dir()
    result = BuildResult()
    started = time.perf_counter()
    executed = [(p, execute_notebook(p, kernel_name)) for p in paths]
    problems = [q for p, nb in executed for q in output_problems(nb, p.name)]
    if problems:
        raise DataError(problems)
    result.execute_seconds = time.perf_counter() - started

    started = time.perf_counter()
    meta = report_meta()
    sections = []
    for path, nb in executed:
        if update_notebooks:
            _store(nb, path)
            _update_pair(nb, path)
        target = out / path.name
        _store(nb, target)
        result.notebooks.append(target)
        title = notebook_title(nb, path.stem)
        section = Section(title, notebook_html(nb))
        sections.append(section)
        pdf = out / f"{path.stem}.pdf"
        render_pdf([section], ReportMeta(title, meta.data_version, meta.data_date), pdf)
        result.pdfs.append(pdf)
    if combined:
        pdf = out / f"{COMBINED_NAME}.pdf"
        render_pdf(sections, meta, pdf)
        result.pdfs.append(pdf)
    result.render_seconds = time.perf_counter() - started
    return result
