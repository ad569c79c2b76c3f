"""Time of the whole report build — every curated notebook, the combined report, and a profile
per province — against the same build of empty notebooks that only import the same modules
(the profile's twin keeps its parameters cell), through the same pipeline, in one run.

The baseline pays what any build pays whatever the analysis: a fresh kernel per notebook run,
the imports (pandas, matplotlib, seaborn, the project's package), the HTML export and WeasyPrint
with its embedded fonts. The ratio is what the analysis itself adds. Target: ratio <= 1.5, per
notebook executed (both builds execute the same number).
"""

from __future__ import annotations

import argparse
import ast
import tempfile
import time
from pathlib import Path

import nbformat

from analysis.report.build import (
    PARAMETERS_TAG,
    BuildResult,
    build_reports,
    notebook_paths,
    profile_path,
)

TARGET_RATIO = 1.5
PROVINCES = ("Lạng Sơn", "Quảng Trị", "Hà Nội")


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


def empty_twin(path: Path, folder: Path) -> Path:
    """A notebook with the title, the parameters cell (if any) and the imports of `path`."""
    nb = nbformat.read(path, as_version=4)
    twin = nbformat.v4.new_notebook(metadata=nb.metadata)
    twin.cells = [nbformat.v4.new_markdown_cell(f"# Empty twin of {path.stem}")]
    twin.cells += [c for c in nb.cells if PARAMETERS_TAG in c.metadata.get("tags", [])]
    twin.cells.append(nbformat.v4.new_code_cell("\n".join(_imports(nb))))
    target = folder / path.name
    nbformat.write(twin, target)
    return target


def _timed(notebooks: list[Path], profile: Path, out: Path) -> tuple[float, BuildResult]:
    started = time.perf_counter()
    result = build_reports(notebooks, out, provinces=PROVINCES, profile=profile)
    return time.perf_counter() - started, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=2, help="runs of each; best is reported")
    args = parser.parse_args()
    notebooks = notebook_paths()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "twins").mkdir()
        twins = [empty_twin(p, root / "twins") for p in notebooks]
        twin_profile = empty_twin(profile_path(), root / "twins")
        real_runs, base_runs = [], []
        for i in range(args.repeat):  # alternate, so both see the same machine load
            base_runs.append(_timed(twins, twin_profile, root / f"base{i}"))
            real_runs.append(_timed(notebooks, profile_path(), root / f"real{i}"))
        real_time, real = min(real_runs, key=lambda r: r[0])
        base_time, base = min(base_runs, key=lambda r: r[0])
        sizes = {str(p.relative_to(p.parents[1] if p.parent.name == "provinces" else p.parent)):
                 p.stat().st_size for p in real.pdfs}  # fmt: skip
    runs = real.executed
    print(
        f"notebooks executed per build: {runs} ({len(notebooks)} curated + "
        f"{len(PROVINCES)} province profiles), best of {args.repeat}"
    )
    for label, total, result in (("real build", real_time, real), ("empty twins", base_time, base)):
        print(
            f"{label:12s} {total:6.2f} s = {total / runs:5.2f} s per notebook "
            f"(execute {result.execute_seconds:5.2f} s, render {result.render_seconds:5.2f} s)"
        )
    ratio = real_time / base_time
    verdict = "within" if ratio <= TARGET_RATIO else "ABOVE"
    print(f"ratio real/baseline per notebook: {ratio:.2f}x ({verdict} target {TARGET_RATIO}x)")
    for name, size in sizes.items():
        print(f"  {name:34s} {size:>10,} bytes")


if __name__ == "__main__":
    main()
