"""`python -m analysis COMMAND`: the project's command line (click).

Each command imports the stages it runs inside its function, a measured choice: `--help` costs
about 0.11 s of CPU, importing every module the commands use at the top would cost about 5.5 s
(pandas, pandera, nbconvert, WeasyPrint; benchmarks/import_cost.py), paid by every command.
"""

from __future__ import annotations

import os
import pathlib
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, NoReturn

import click

if TYPE_CHECKING:
    from analysis.errors import DataError


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """Vietnam justice-sector statistics: extract, validate and report figures."""


@main.command()
def validate() -> None:
    """Check every data file under the data folder and print a summary."""
    from analysis.validate import validate_all

    report = validate_all()
    click.echo(report.summary())
    sys.exit(0 if report.ok else 1)


@main.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["csv", "xlsx", "parquet"], case_sensitive=False),
    required=True,
    help="csv: a UTF-8 file per table; xlsx: one workbook; parquet: a typed file per table.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(file_okay=False, path_type=pathlib.Path),
    default=None,
    help="Folder to write into (default: exports/).",
)
@click.option(
    "--status",
    type=click.Choice(["reviewed", "candidate", "rejected"]),
    multiple=True,
    default=("reviewed",),
    show_default=True,
    help="Records of these statuses (repeat the option for several).",
)
def export(fmt: str, output: pathlib.Path | None, status: tuple[str, ...]) -> None:
    """Write the records, the wide table, the sources and a data dictionary as files.

    The data is validated first, as `validate` does: every problem is listed and nothing
    is written if there is one.
    """
    from analysis.errors import DataError
    from analysis.guard import check_output_folder
    from analysis.paths import exports_dir
    from analysis.records.export import export as write_export
    from analysis.records.export import output_names
    from analysis.validate import validate_all

    folder = output or exports_dir()
    try:
        check_output_folder(folder, output_names(fmt), "-o")
    except DataError as exc:
        _errors(exc)
    report = validate_all()
    if not report.ok:
        for problem in report.problems:
            click.echo(f"error: {problem}", err=True)
        sys.exit(1)
    for warning in report.warnings:
        click.echo(f"warning: {warning}", err=True)
    try:
        paths = write_export(fmt, folder, status)
    except DataError as exc:
        _errors(exc)
    except OSError as exc:
        click.echo(f"error: {folder}: cannot write: {exc.strerror}", err=True)
        sys.exit(1)
    for path in paths:
        click.echo(f"wrote {path} ({path.stat().st_size:,} bytes)")


@main.command()
@click.argument(
    "paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=pathlib.Path)
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=pathlib.Path),
    help="Write the CSV here (atomically) instead of to standard output; a file in a folder "
    "people write (data/records/, reviews/, articles/, raw/, reference/, sources.csv) is refused.",
)
@click.option(
    "--into",
    type=click.Path(path_type=pathlib.Path),
    help="Add new figures to the candidates: data/candidates/ (its candidates.csv) or a folder "
    "or .csv file under it, the only place load_records reads them; anything else is refused.",
)
@click.option(
    "-j", "--jobs", type=click.IntRange(min=1), default=1, show_default=True, help="Processes."
)
def extract(
    paths: tuple[pathlib.Path, ...],
    output: pathlib.Path | None,
    into: pathlib.Path | None,
    jobs: int,
) -> None:
    """Extract figures from files and folders (.txt, .md, .html/.htm, .pdf, .docx) as CSV.

    Columns: record_id, the contract's columns, scope, area, scope_note, start, end, then why:
    cue (the cue row that named the indicator), place_from, period_from and scope_from. A figure
    whose place nothing names has an empty jurisdiction and place_from `unknown` (never the
    country by default). One line per unreadable or skipped file
    on standard error; exit status 1 if any file failed. With --into, every file's source must
    be stored (`ingest`) or registered first, else nothing is written.
    """
    from tqdm import tqdm

    from analysis.errors import DataError
    from analysis.extract.run import merge_into_store, stdout_utf8, write_csv
    from analysis.fileio import atomic_output
    from analysis.sources.readers import source_paths

    if output is not None and into is not None:
        raise click.UsageError("give either -o/--output or --into, not both")
    _check_targets(output, into)

    def report(problem: object) -> None:
        tqdm.write(f"error: {problem}", file=sys.stderr)  # keeps a progress bar intact

    files, skipped, unreadable = source_paths(*paths)
    for path, why in skipped:
        click.echo(f"skipped: {path}: {why}", err=True)
    for problem in unreadable:
        report(problem)
    options = {"jobs": jobs, "progress": sys.stderr.isatty(), "report": report}
    try:
        if into is not None:
            cited = _refuse_unstored(files, report)
            summary = merge_into_store(files, into, cited=cited, **options)
        else:
            with atomic_output(output) if output else stdout_utf8() as out:
                summary = write_csv(files, out, **options)
    except DataError as exc:
        for problem in exc.problems:
            report(problem)
        sys.exit(1)
    except BrokenPipeError:  # the reader of standard output stopped early (`| head`)
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(1)
    except OSError as exc:
        report(f"{output or into}: cannot write: {exc.strerror}")
        sys.exit(1)
    summary.files_skipped = len(skipped)
    summary.files_failed += len(unreadable)
    click.echo(summary.line(), err=True)
    sys.exit(1 if summary.files_failed else 0)


def _errors(exc: DataError) -> NoReturn:
    """Each problem of a DataError on its own line of standard error, then exit 1."""
    for problem in exc.problems:
        click.echo(f"error: {problem}", err=True)
    sys.exit(1)


def _check_targets(output: pathlib.Path | None, into: pathlib.Path | None) -> None:
    """Exit 1 before anything is read when `-o` names a people-only file or `--into` is not
    the candidates (analysis.guard)."""
    from analysis.errors import DataError
    from analysis.guard import check_candidates_target, check_output_file
    from analysis.records.store import records_path

    try:
        if output is not None:
            check_output_file(output, "-o")
        if into is not None:
            check_candidates_target(records_path(into))
    except DataError as exc:
        _errors(exc)


def _refuse_unstored(files: list[pathlib.Path], report: Callable[[object], None]) -> frozenset[str]:
    """Exit 1, writing nothing, when a file's source is neither stored nor registered; else
    the ids of the registered sources whose text is not stored (cited: no offsets)."""
    from analysis.paths import articles_dir
    from analysis.sources.ingest import unstored_sources
    from analysis.sources.registry import read_registry, registry_path

    registry = registry_path()
    rows = read_registry(registry)[0] if registry.exists() else []
    problems = unstored_sources(files, articles_dir(), {r["source_id"] for r in rows})
    for problem in problems:
        report(problem)
    if problems:
        click.echo(
            f"extract: nothing written: {len(problems)} file(s) of unstored sources", err=True
        )
        sys.exit(1)
    return frozenset(r["source_id"] for r in rows if r["bundled"] == "false")


@main.command()
@click.argument("sources", nargs=-1, required=True)
@click.option(
    "--into",
    type=click.Path(file_okay=False, path_type=pathlib.Path),
    help="Folder for the articles (default: the data folder's articles/); raw/ and "
    "sources.csv are the ones beside it.",
)
@click.option(
    "--allow-private",
    is_flag=True,
    help="Also fetch addresses on private, loopback or link-local networks.",
)
@click.option(
    "--timeout", type=click.FloatRange(min=0.1), default=30.0, show_default=True, help="Seconds."
)
@click.option(
    "--max-bytes",
    type=click.IntRange(min=1),
    default=50 * 1024 * 1024,
    show_default=True,
    help="Largest download.",
)
def ingest(
    sources: tuple[str, ...],
    into: pathlib.Path | None,
    allow_private: bool,
    timeout: float,
    max_bytes: int,
) -> None:
    """Store web pages, PDF and Word reports, text files (files, folders, http(s) addresses).

    Each source's raw bytes go unchanged to raw/, its text with front matter to articles/ and
    a row to sources.csv; the same bytes are stored once, changed bytes at one address become
    a new version. Each source's article (stored now or before) is printed on standard
    output, one per line, ready for `extract --into`; what was stored, skipped and why, and
    what failed, on standard error.
    """
    from tqdm import tqdm

    from analysis.errors import DataError
    from analysis.guard import check_articles_target
    from analysis.paths import articles_dir
    from analysis.sources.ingest import Options, Outcome, ingest, summary_line

    def report(outcome: Outcome) -> None:
        tqdm.write(outcome.line(), file=sys.stderr)  # keeps a progress bar intact
        if outcome.path is not None:
            click.echo(str(outcome.path))

    def progress(items: list) -> tqdm:
        show = sys.stderr.isatty() and len(items) > 1
        return tqdm(items, unit="source", disable=not show, file=sys.stderr)

    options = Options(allow_private=allow_private, timeout=timeout, max_bytes=max_bytes)
    try:
        check_articles_target(into or articles_dir())
    except DataError as exc:
        _errors(exc)
    try:
        outcomes = ingest(
            sources, into or articles_dir(), options, progress=progress, report=report
        )
    except DataError as exc:  # the registry itself is unreadable
        for problem in exc.problems:
            click.echo(f"error: {problem}", err=True)
        sys.exit(1)
    click.echo(summary_line(outcomes), err=True)
    sys.exit(1 if any(o.status == "failed" for o in outcomes) else 0)


@main.command()
@click.argument("predicted", type=click.Path(exists=True, dir_okay=False, path_type=pathlib.Path))
@click.argument("gold", type=click.Path(exists=True, dir_okay=False, path_type=pathlib.Path))
def score(predicted: pathlib.Path, gold: pathlib.Path) -> None:
    """Precision, recall and F1 of PREDICTED records against GOLD, overall and per indicator.

    A prediction counts (full match) when doc_id, indicator, value, jurisdiction and period
    all agree; only catalog indicators count. Also shown: the lenient match (doc_id, indicator
    and value agree; place and period ignored) and, when both files have a `scope` column, the
    share of full matches whose scope equals gold's. The missed and the false figures are
    listed after.
    """
    from analysis.errors import DataError
    from analysis.extract.scoring import format_score, score_files

    try:
        result = score_files(predicted, gold)
    except DataError as exc:
        for problem in exc.problems:
            click.echo(f"error: {problem}", err=True)
        sys.exit(1)
    click.echo(format_score(result))


@main.command()
@click.argument(
    "notebooks", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=pathlib.Path)
)
@click.option(
    "--update-notebooks",
    is_flag=True,
    help="Also store the executed notebooks (and their .py pairs) in place, for nbval.",
)
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=pathlib.Path),
    default=None,
    help="Folder for the PDFs and executed notebooks (default: reports/).",
)
@click.option(
    "--province",
    "provinces",
    multiple=True,
    help="Write this province's profile to reports/provinces/<name>.pdf (repeatable); "
    "only the profiles are built then.",
)
def report(
    notebooks: tuple[pathlib.Path, ...],
    update_notebooks: bool,
    out: pathlib.Path | None,
    provinces: tuple[str, ...],
) -> None:
    """Execute the notebooks (all, or NOTEBOOKS) in a fresh kernel and write reports/*.pdf.

    With --province, run the province-profile notebook for each province named instead. The
    data is validated first, as `validate` does: every problem is listed at once and no notebook
    runs on data that would fail in it.
    """
    from analysis.errors import DataError
    from analysis.guard import check_output_folder
    from analysis.paths import PROJECT_ROOT, reports_dir

    try:  # before the notebook machinery is even imported
        check_output_folder(out or reports_dir(), (), "--out")
    except DataError as exc:
        _errors(exc)

    from analysis.report.build import BuildError, LayoutError, build_reports
    from analysis.report.pdf import RenderError
    from analysis.validate import validate_all

    checked = validate_all()
    if not checked.ok:
        click.echo(f"error: {DataError(checked.problems)}", err=True)
        click.echo("error: no report written: fix the data first (`make validate`)", err=True)
        sys.exit(1)
    for warning in checked.warnings:
        click.echo(f"warning: {warning}", err=True)
    try:
        result = build_reports(
            [] if provinces and not notebooks else list(notebooks) or None,
            out,
            update_notebooks=update_notebooks,
            combined=not notebooks and not provinces,  # only rebuilt from all notebooks
            provinces=provinces,
        )
    except LayoutError as exc:
        for problem in exc.problems:
            click.echo(f"error: {problem}", err=True)
        click.echo(
            f"error: the layout check failed; the {len(exc.pdfs)} PDF(s) were written to "
            "look at (docs/report-layout.md says what each rule means)",
            err=True,
        )
        sys.exit(1)
    except DataError as exc:
        for problem in exc.problems:
            click.echo(f"error: {problem}", err=True)
        sys.exit(1)
    except (BuildError, RenderError) as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(1)
    except OSError as exc:  # the folder went read-only or full while the reports were written
        click.echo(f"error: {exc.filename or out}: cannot write: {exc.strerror}", err=True)
        sys.exit(1)
    for pdf in result.pdfs:
        shown = pdf.relative_to(PROJECT_ROOT) if pdf.is_relative_to(PROJECT_ROOT) else pdf
        click.echo(f"wrote {shown} ({pdf.stat().st_size:,} bytes)")
    click.echo(
        f"executed in {result.execute_seconds:.1f} s, rendered in {result.render_seconds:.1f} s",
        err=True,
    )


@main.command()
@click.option("--pending", is_flag=True, help="List what is left to review, per source.")
@click.option(
    "--ids",
    is_flag=True,
    help="With --pending: the pending record ids instead, one a line.",
)
def review(pending: bool, ids: bool) -> None:
    """Review candidates: `make review` opens the review view in JupyterLab
    (notebooks/review/review.ipynb); `--pending` lists what is left, per source.

    A review file written by hand needs only `record_id,decision` to accept (see docs/review.md).
    """
    from analysis.errors import DataError
    from analysis.records.pending import pending_summary, review_queue
    from analysis.review.sources import source_titles

    if not pending:
        click.echo(
            "open the review view with `make review` (JupyterLab, notebooks/review/review.ipynb); "
            "`python -m analysis review --pending` lists what is left",
            err=True,
        )
        sys.exit(2)
    try:
        queue = review_queue()
    except DataError as exc:
        for problem in exc.problems:
            click.echo(f"error: {problem}", err=True)
        sys.exit(1)
    if ids:
        for row in queue.pending:
            click.echo(row["record_id"])
        return
    click.echo(pending_summary(queue, source_titles(None)))
