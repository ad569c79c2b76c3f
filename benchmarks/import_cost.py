"""What the lazy imports save: the CPU time of a fresh interpreter running each command, best of N,
against `python -c pass` in the same run (docs/structure.md). CPU time, not wall time: on a
shared machine wall time swings with the other jobs."""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys

EVERY_CLI_MODULE = (
    "analysis.cli, analysis.records.validate, analysis.records.export, analysis.extract.run, "
    "analysis.sources.ingest, analysis.sources.registry, analysis.extract.scoring, "
    "analysis.report.build, analysis.report.pdf, analysis.records.pending, analysis.review.sources"
)
COMMANDS = {
    "python -c pass": ["-c", "pass"],
    "python -m analysis --help": ["-m", "analysis", "--help"],
    "every module the commands import (cli.py's imports at the top)": [
        "-c",
        f"import {EVERY_CLI_MODULE}",
    ],
    "import analysis": ["-c", "import analysis"],
    "every name of analysis.__all__": [
        "-c",
        "import analysis as a; [getattr(a, n) for n in a.__all__]",
    ],
    "import analysis.report.render (the PDF child process)": [
        "-c",
        "import analysis.report.render",
    ],
    "every name of analysis.report.__all__": [
        "-c",
        "import analysis.report as r; [getattr(r, n) for n in r.__all__]",
    ],
}


def cpu_seconds(args: list[str]) -> float:
    """CPU time (user + system) of one fresh interpreter running `args`."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run([sys.executable, *args], check=True, capture_output=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3, help="runs per command (best is kept)")
    runs = parser.parse_args().runs
    baseline = None
    for label, args in COMMANDS.items():
        best = min(cpu_seconds(args) for _ in range(runs))
        baseline = baseline or best
        print(f"{best:7.2f} s CPU  {best / baseline:6.1f}x  {label}")


if __name__ == "__main__":
    main()
