"""Data folders with candidates to review: the sample documents ingested and extracted.

`with_samples(data)` ingests tests/fixtures/samples/ (a report as web page and PDF, a Word
report, a Markdown note) into the data folder and extracts the stored articles into
`candidates/`, through the command line as a user would.
"""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from analysis.cli import main

SAMPLES = Path(__file__).resolve().parent / "fixtures" / "samples"


def cli(*args: object) -> str:
    """Run `python -m analysis ARGS` in this process; its standard output (AssertionError with
    both outputs if it failed)."""
    done = CliRunner().invoke(main, [str(a) for a in args])
    assert done.exit_code == 0, f"{args}: exit {done.exit_code}\n{done.output}\n{done.stderr}"
    return done.stdout


def with_samples(data: Path, *names: str) -> list[Path]:
    """Ingest the samples (all, or those named) into `data` (the data folder in force) and
    extract their articles into data/candidates/; the articles stored."""
    sources = [SAMPLES / n for n in names] if names else [SAMPLES]
    stored = cli("ingest", *sources).split()
    articles = sorted(set(map(Path, stored)))
    cli("extract", *articles, "--into", data / "candidates")
    return articles
