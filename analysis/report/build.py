"""`python -m analysis report`: execute every notebook in a fresh kernel, render one PDF per
notebook and a combined report (cover, contents, summary, the notebooks, the sources), all into
reports/; with provinces, one profile PDF per province into reports/provinces/.

Each notebook runs top to bottom with nbclient on the project's kernel; its outputs are checked
(no stderr noise, no absolute paths) before anything is written. The province profile is one
notebook run with its `parameters`-tagged cell overridden by an injected cell (papermill's
convention), never a copy per province. With `update_notebooks` the executed notebooks replace
the stored ones (and their jupytext .py pairs), for nbval to compare.
"""

from __future__ import annotations

import datetime as dt
import difflib
import html
import itertools
import re
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import jupytext
import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError
from nbconvert import HTMLExporter
from nbconvert.preprocessors import TagRemovePreprocessor
from nbformat import NotebookNode

from analysis.errors import DataError, Problem
from analysis.guard import check_output_folder
from analysis.metrics.coverage import coverage
from analysis.paths import PROJECT_ROOT, articles_dir, notebooks_dir, reports_dir
from analysis.records.load import data_version, load_records
from analysis.reference import load_provinces, load_provinces_2025
from analysis.report.front import contents_html, cover_html, sources_html, summary_html
from analysis.report.layout import LAYOUT_PROBLEMS, RULE_CHART, all_problems
from analysis.report.pdf import Extras, PdfJob, ReportMeta, Section, render_pdfs
from analysis.report.sources import CITED
from analysis.sources.articles import article_paths, read_article
from analysis.sources.registry import load_sources
from analysis.vietnamese import ascii_slug

KERNEL_NAME = "vn-justice-stats"
CELL_TIMEOUT = 300
COMBINED_NAME = "report"
COMBINED_TITLE = "Thống kê ngành Tư pháp Việt Nam từ báo chí"
JUPYTEXT_FORMAT = "py:percent"
PROFILE_NOTEBOOK = "10_province_profile.ipynb"
PROVINCES_DIR = "provinces"
PARAMETERS_TAG = "parameters"
INJECTED_TAG = "injected-parameters"
PNG = "image/png"
HIDE_TAG = "report-hide"  # a cell for the notebook's user, left out of the PDF


class BuildError(RuntimeError):
    """A notebook could not be executed or rendered; the message names it and the cell."""


class LayoutError(DataError):
    """The PDFs were written, but the layout check found defects (`analysis.report.layout`):
    a near-empty page, text outside the page, overlapping labels."""

    def __init__(self, problems: Sequence[Problem], pdfs: Sequence[Path]):
        self.pdfs = list(pdfs)
        super().__init__(problems)


@dataclass
class BuildResult:
    """What a build wrote and how long each step took (seconds)."""

    pdfs: list[Path] = field(default_factory=list)
    notebooks: list[Path] = field(default_factory=list)
    executed: int = 0
    execute_seconds: float = 0.0
    render_seconds: float = 0.0


def notebook_paths(directory: Path | None = None) -> list[Path]:
    """The curated notebooks of the combined report, in name order (00_, 01_, ...); the
    province profile, run once per province, is not one of them."""
    found = sorted((directory or notebooks_dir()).glob("*.ipynb"))
    return [p for p in found if p.name != PROFILE_NOTEBOOK]


def profile_path(directory: Path | None = None) -> Path:
    """The parameterised province-profile notebook."""
    return (directory or notebooks_dir()) / PROFILE_NOTEBOOK


def data_date(directory: Path | None = None) -> dt.date:
    """The build date, taken from the data: the latest `published` date among the articles and
    the registered sources."""
    dates = [
        read_article(p).meta.get("published") for p in article_paths(directory or articles_dir())
    ]
    registered = load_sources()["published"].dropna()
    dates += [d.date() for d in registered]
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
    return ReportMeta(title=title, data_version=data_version(), data_date=data_date())


def notebook_title(nb: NotebookNode, fallback: str) -> str:
    """The notebook's first Markdown `# ` heading, the title its PDF carries."""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return fallback


def inject_parameters(nb: NotebookNode, parameters: dict[str, object]) -> NotebookNode:
    """Put a cell setting `parameters` right after the `parameters`-tagged cell (papermill's
    convention); BuildError if the notebook has no such cell or a name it does not declare."""
    tagged = [i for i, c in enumerate(nb.cells) if PARAMETERS_TAG in c.metadata.get("tags", [])]
    if not tagged:
        raise BuildError("the notebook has no cell tagged 'parameters' to override")
    declared = nb.cells[tagged[0]].source
    unknown = [name for name in parameters if f"{name} =" not in declared]
    if unknown:
        raise BuildError(f"the parameters cell does not declare {', '.join(unknown)}")
    source = "\n".join(f"{name} = {value!r}" for name, value in parameters.items())
    cell = nbformat.v4.new_code_cell(source, metadata={"tags": [INJECTED_TAG]})
    cell.id = INJECTED_TAG
    nb.cells = [c for c in nb.cells if INJECTED_TAG not in c.metadata.get("tags", [])]
    nb.cells.insert(tagged[0] + 1, cell)
    return nb


def execute_notebook(
    path: Path, kernel_name: str = KERNEL_NAME, parameters: dict[str, object] | None = None
) -> NotebookNode:
    """Run a notebook top to bottom in a fresh kernel, in its own folder; BuildError on failure."""
    nb = nbformat.read(path, as_version=4)
    if parameters:
        try:
            inject_parameters(nb, parameters)
        except BuildError as exc:
            raise BuildError(f"{path.name}: {exc}") from None
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
    """Outputs a stored notebook must not carry: stderr (warnings), this machine's paths, and
    charts whose labels overlap or are cut off (the chart notes them when drawn)."""
    problems = []
    root = str(PROJECT_ROOT)
    for number, cell in enumerate(nb.cells, start=1):
        for output in cell.get("outputs", []):
            if output.get("output_type") == "stream" and output.get("name") == "stderr":
                first = output.get("text", "").strip().splitlines()[:1]
                problems.append(
                    Problem(name, f"cell {number} writes to stderr: {first}", "stderr-output")
                )
            for message in output.get("metadata", {}).get(PNG, {}).get(LAYOUT_PROBLEMS, []):
                problems.append(Problem(name, f"cell {number}: chart: {message}", RULE_CHART))
            shown = [output.get("text", ""), *output.get("data", {}).values()]
            if any(isinstance(t, str) and root in t for t in shown):
                problems.append(
                    Problem(name, f"cell {number} shows an absolute path", "absolute-path")
                )
    return problems


def cited_sources(nb: NotebookNode) -> list[str]:
    """The ids of the sources a notebook's outputs cite (their metadata's `doc_ids`), in order."""
    ids = [
        str(doc_id)
        for cell in nb.cells
        for output in cell.get("outputs", [])
        for metadata in output.get("metadata", {}).values()
        if isinstance(metadata, dict)
        for doc_id in metadata.get(CITED, [])
    ]
    return list(dict.fromkeys(ids))


def notebook_pdf(nb: NotebookNode, section: Section, meta: ReportMeta, target: Path) -> PdfJob:
    """The PDF of one notebook: its body and, at the end, the sources it cites."""
    cited = cited_sources(nb)
    back = sources_html(cited) if cited else ""
    return PdfJob([section], meta, target, Extras(back=back))


def notebook_html(nb: NotebookNode) -> str:
    """The notebook's body as HTML: Markdown and outputs, code hidden, and no cell tagged
    `report-hide` (notes for whoever runs the notebook, not for the report's reader)."""
    exporter = HTMLExporter(
        template_name="basic",
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        exclude_anchor_links=True,
    )
    exporter.register_preprocessor(
        TagRemovePreprocessor(remove_cell_tags={HIDE_TAG}, enabled=True), enabled=True
    )
    body, _ = exporter.from_notebook_node(nb)
    return body


def _store(nb: NotebookNode, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)


def _update_pair(nb: NotebookNode, path: Path) -> None:
    jupytext.write(nb, path.with_suffix(".py"), fmt=JUPYTEXT_FORMAT)


def _retitle(nb: NotebookNode, title: str) -> None:
    """Replace the notebook's first `# ` heading (a profile's generic title) with `title`."""
    for cell in nb.cells:
        if cell.cell_type == "markdown" and cell.source.startswith("# "):
            rest = cell.source.split("\n", 1)[1:] or [""]
            cell.source = f"# {title}\n" + rest[0]
            return


def province_slug(name: str) -> str:
    """A file name for a province: `Lạng Sơn` → `lang-son`."""
    return ascii_slug(name)


def check_province(name: str) -> str:
    """The province's name as the reference table writes it; BuildError naming close matches."""
    known = [*load_provinces()["province"].astype(str), *load_provinces_2025()["province_2025"]]
    known = list(dict.fromkeys(str(k) for k in known))
    if name in known:
        return name
    by_slug = {province_slug(k): k for k in known}
    if province_slug(name) in by_slug:
        return by_slug[province_slug(name)]
    close = difflib.get_close_matches(name, known, n=3)
    hint = f" (did you mean {', '.join(close)}?)" if close else ""
    raise BuildError(f"unknown province {name!r}: not in data/reference/provinces*.csv{hint}")


_H2 = re.compile(r'<h2 id="([^"]+)">(.*?)</h2>', re.S)


def anchored(body: str, anchor: str) -> str:
    """A part's HTML with an id on each of its `<h2>` headings (`<anchor>-1`, `<anchor>-2`…),
    for the contents page to point at."""
    numbers = itertools.count(1)
    return re.sub(r"<h2>", lambda _: f'<h2 id="{anchor}-{next(numbers)}">', body)


def headings(section: Section) -> list[tuple[str, str]]:
    """The (id, text) of a part's anchored `<h2>` headings, tags taken out."""
    return [
        (anchor, html.unescape(re.sub(r"<[^>]+>", "", text)).strip())
        for anchor, text in _H2.findall(section.body_html)
    ]


def _front_extras(meta: ReportMeta, sections: list[Section]) -> Extras:
    records = load_records()
    cover = coverage(records)
    titles: list[tuple[str, str] | tuple[str, str, int]] = [("tom-tat", "Tóm tắt: số liệu chính")]
    for section in sections:
        titles.append((section.anchor, section.title))
        titles += [(anchor, title, 2) for anchor, title in headings(section)]
    titles.append(("nguon", "Nguồn số liệu"))
    return Extras(
        cover=cover_html(meta.title, cover, meta.data_version, meta.data_date),
        contents=contents_html(titles),
        summary=summary_html(records, cover),
        back=sources_html(records["doc_id"].astype(str)),
    )


def build_reports(
    notebooks: Sequence[Path] | None = None,
    out_dir: Path | None = None,
    *,
    update_notebooks: bool = False,
    combined: bool = True,
    kernel_name: str = KERNEL_NAME,
    provinces: Sequence[str] = (),
    profile: Path | None = None,
) -> BuildResult:
    """Execute the notebooks, write them and their PDFs to `out_dir`, plus the combined PDF,
    plus one profile per province named (reports/provinces/<slug>.pdf); `profile` replaces the
    profile notebook (the benchmark's empty twin)."""
    paths = list(notebooks) if notebooks is not None else notebook_paths()
    if not paths and not provinces:
        raise BuildError(f"no notebooks to build in {notebooks_dir()}")
    names = [check_province(p) for p in provinces]
    out = out_dir or reports_dir()
    check_output_folder(out, (), "--out")  # before a notebook runs, not after
    result = BuildResult()
    started = time.perf_counter()
    executed = [(p, execute_notebook(p, kernel_name)) for p in paths]
    profile = profile or profile_path()
    if update_notebooks and notebooks is None and profile.exists():
        stored_profile = execute_notebook(profile, kernel_name)
        executed_profile = [(profile, stored_profile)]
    else:
        executed_profile = []
    profiles = [
        (name, execute_notebook(profile, kernel_name, {"province": name})) for name in names
    ]
    problems = [q for p, nb in [*executed, *executed_profile] for q in output_problems(nb, p.name)]
    problems += [q for n, nb in profiles for q in output_problems(nb, f"{profile.name} ({n})")]
    layout = [q for q in problems if q.rule == RULE_CHART]  # reported with the PDFs' own
    if len(layout) < len(problems):
        raise DataError([q for q in problems if q.rule != RULE_CHART])
    result.executed = len(executed) + len(executed_profile) + len(profiles)
    result.execute_seconds = time.perf_counter() - started

    started = time.perf_counter()
    meta = report_meta()
    sections = []
    jobs = []
    for number, (path, nb) in enumerate(executed, start=1):
        if update_notebooks:
            _store(nb, path)
            _update_pair(nb, path)
        target = out / path.name
        _store(nb, target)
        result.notebooks.append(target)
        title = notebook_title(nb, path.stem)
        anchor = f"phan-{number}"
        section = Section(title, anchored(notebook_html(nb), anchor), anchor=anchor)
        sections.append(section)
        page_meta = ReportMeta(title, meta.data_version, meta.data_date)
        jobs.append(notebook_pdf(nb, section, page_meta, out / f"{path.stem}.pdf"))
    for path, nb in executed_profile:
        _store(nb, path)
        _update_pair(nb, path)
    if combined and sections:
        extras = _front_extras(meta, sections)
        jobs.append(PdfJob(sections, meta, out / f"{COMBINED_NAME}.pdf", extras))
    for name, nb in profiles:
        target = out / PROVINCES_DIR / f"{province_slug(name)}.ipynb"
        _store(nb, target)
        result.notebooks.append(target)
        title = f"Hồ sơ số liệu tư pháp: {name}"
        _retitle(nb, title)
        page_meta = ReportMeta(title, meta.data_version, meta.data_date)
        section = Section(title, notebook_html(nb))
        jobs.append(notebook_pdf(nb, section, page_meta, target.with_suffix(".pdf")))
    render_pdfs(jobs)
    result.pdfs += [job.target for job in jobs]
    result.render_seconds = time.perf_counter() - started
    layout += all_problems(result.pdfs)
    if layout:
        raise LayoutError(layout, result.pdfs)
    return result
