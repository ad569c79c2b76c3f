"""`python -m analysis COMMAND`: the project's command line (click)."""

from __future__ import annotations

import os
import pathlib
import sys

import click


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """Vietnam justice-sector statistics: extract, validate and report figures."""


@main.command()
def validate() -> None:
    """Check every data file under the data folder and print a summary."""
    from analysis.records.validate import validate_all

    report = validate_all()
    click.echo(report.summary())
    sys.exit(0 if report.ok else 1)


@main.command()
@click.argument(
    "paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=pathlib.Path)
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=pathlib.Path),
    help="Write the CSV here (atomically) instead of to standard output.",
)
@click.option(
    "--into",
    type=click.Path(path_type=pathlib.Path),
    help="Add new figures to this candidates file (a folder, e.g. data/candidates/: its "
    "candidates.csv); files people edit (data/records/, data/reviews/) are refused.",
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
    """Extract figures from article files and folders (.txt, .md) as CSV records.

    Columns: record_id, the contract's columns, start, end. One line per unreadable file on
    standard error; exit status 1 if any file failed.
    """
    from tqdm import tqdm

    from analysis.errors import DataError
    from analysis.extract.run import merge_into_store, stdout_utf8, write_csv
    from analysis.fileio import atomic_output
    from analysis.sources.articles import article_paths

    if output is not None and into is not None:
        raise click.UsageError("give either -o/--output or --into, not both")

    def report(problem: object) -> None:
        tqdm.write(f"error: {problem}", file=sys.stderr)  # keeps a progress bar intact

    files = list(dict.fromkeys(article_paths(*paths)))  # a file named twice is read once
    options = {"jobs": jobs, "progress": sys.stderr.isatty(), "report": report}
    try:
        if into is not None:
            summary = merge_into_store(files, into, **options)
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
    click.echo(summary.line(), err=True)
    sys.exit(1 if summary.files_failed else 0)


@main.command()
@click.argument("predicted", type=click.Path(exists=True, dir_okay=False, path_type=pathlib.Path))
@click.argument("gold", type=click.Path(exists=True, dir_okay=False, path_type=pathlib.Path))
def score(predicted: pathlib.Path, gold: pathlib.Path) -> None:
    """Precision, recall and F1 of PREDICTED records against GOLD, overall and per indicator.

    A prediction counts when doc_id, indicator, value, jurisdiction and period all agree;
    only catalog indicators count. The missed and the false figures are listed after.
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
def report(
    notebooks: tuple[pathlib.Path, ...], update_notebooks: bool, out: pathlib.Path | None
) -> None:
    """Execute the notebooks (all, or NOTEBOOKS) in a fresh kernel and write reports/*.pdf."""
    from analysis.errors import DataError
    from analysis.report.build import BuildError, build_reports
    from analysis.report.pdf import RenderError

    try:
        result = build_reports(
            list(notebooks) or None,
            out,
            update_notebooks=update_notebooks,
            combined=not notebooks,  # the combined report is only rebuilt from all notebooks
        )
    except DataError as exc:
        for problem in exc.problems:
            click.echo(f"error: {problem}", err=True)
        sys.exit(1)
    except (BuildError, RenderError) as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(1)
    for pdf in result.pdfs:
        click.echo(f"wrote {pdf.relative_to(pdf.parent.parent)} ({pdf.stat().st_size:,} bytes)")
    click.echo(
        f"executed in {result.execute_seconds:.1f} s, rendered in {result.render_seconds:.1f} s",
        err=True,
    )
