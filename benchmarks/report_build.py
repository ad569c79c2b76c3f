"""Time to execute and render every curated notebook, against the same number of empty notebooks
that only import the same modules, through the same pipeline (`build_reports`), in one run.

The baseline pays what any build pays whatever the analysis: a fresh kernel per notebook, the
imports (pandas, matplotlib, seaborn, the project's package), the HTML export and WeasyPrint with
its embedded fonts. The ratio is what the analysis itself adds. Target: ratio <= 1.5.
"""

from __future__ import annotations

import argparse
import ast
import tempfile
import time
from pathlib import Path

import nbformat

from analysis.report.build import BuildResult, build_reports, notebook_paths

TARGET_RATIO = 1.5


def _imports(nb: nbformat.NotebookNode) -> list[str]:
    """The import statements of a notebook's code cells, in order."""
    lines = []
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        for node in ast.parse(cell.source).body:
            if isinstance(node, ast.Import | ast.ImportFrom):
                lines.append(ast.unparse(node))
    return lines


def empty_twins(notebooks: list[Path], folder: Path) -> list[Path]:
    """For each notebook, one with its title and its imports only."""
    twins = []
    for path in notebooks:
        nb = nbformat.read(path, as_version=4)
        twin = nbformat.v4.new_notebook(metadata=nb.metadata)
        twin.cells = [
            nbformat.v4.new_markdown_cell(f"# Empty twin of {path.stem}"),
            nbformat.v4.new_code_cell("\n".join(_imports(nb))),
        ]
        target = folder / path.name
        nbformat.write(twin, target)
        twins.append(target)
    return twins


def _timed(notebooks: list[Path], out: Path) -> tuple[float, BuildResult]:
    started = time.perf_counter()
    result = build_reports(notebooks, out)
    return time.perf_counter() - started, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=2, help="runs of each; best is reported")
    args = parser.parse_args()
    notebooks = notebook_paths()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "twins").mkdir()
        twins = empty_twins(notebooks, root / "twins")
        real_runs, base_runs = [], []
        for i in range(args.repeat):  # alternate, so both see the same machine load
            base_runs.append(_timed(twins, root / f"base{i}"))
            real_runs.append(_timed(notebooks, root / f"real{i}"))
        real_time, real = min(real_runs, key=lambda r: r[0])
        base_time, base = min(base_runs, key=lambda r: r[0])
        sizes = {p.name: p.stat().st_size for p in real.pdfs}
    print(f"notebooks: {len(notebooks)} (best of {args.repeat})")
    print(
        f"real notebooks:  {real_time:6.2f} s  (execute {real.execute_seconds:5.2f} s, "
        f"render {real.render_seconds:5.2f} s)"
    )
    print(
        f"empty baseline:  {base_time:6.2f} s  (execute {base.execute_seconds:5.2f} s, "
        f"render {base.render_seconds:5.2f} s)"
    )
    ratio = real_time / base_time
    verdict = "within" if ratio <= TARGET_RATIO else "ABOVE"
    print(f"ratio real/baseline: {ratio:.2f}x ({verdict} target {TARGET_RATIO}x)")
    for name, size in sizes.items():
        print(f"  {name:28s} {size:>9,} bytes")


if __name__ == "__main__":
    main()
