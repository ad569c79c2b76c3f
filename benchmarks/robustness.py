"""Robustness figures (issue #11): time linear in a text's size whatever its layout, memory flat
whatever a file's size.

Measured in one run, with the seed articles' bodies as the text:
- extraction time of one 5 MB file with no blank line (one paragraph of ~15k lines) against a
  normal 5 MB corpus of the same text as separate articles (the baseline): the ratio, target <= 3.
  Each is timed in a child process around `extract_article` alone (imports and reading left out),
  best of --repeat passes, and stopped at --timeout seconds, in which case the ratio is a lower
  bound;
- peak memory (ru_maxrss of the child, from wait4) of `python -m analysis extract FILE -o OUT` on
  a 200 MB article, target < 500 MB (a size limit with a clear message counts), and, to show what
  the limit leaves, on an article just under it, against the command's imports alone.
MB are 10^6 bytes of UTF-8.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from analysis.paths import PROJECT_ROOT, articles_dir
from analysis.sources.articles import MAX_ARTICLE_BYTES, article_paths, read_article

TARGET_RATIO = 3.0
_NUMBER = re.compile(r"(?<![\d.,])\d{3,}(?!\d)")
TARGET_PEAK_MB = 500
TIMER = """
import sys, time
from analysis.extract import extract_article
from analysis.sources.articles import read_article
repeat = int(sys.argv[1])
articles = [read_article(p) for p in sys.argv[2:]]
extract_article(articles[0])  # cue tables loaded outside the timing
best = float("inf")
for _ in range(repeat):
    start = time.perf_counter()
    n = sum(len(extract_article(a)) for a in articles)
    best = min(best, time.perf_counter() - start)
print(best, n)
"""


def seed_bodies() -> list[str]:
    return [read_article(p).text for p in article_paths(articles_dir())]


def write_corpus(folder: Path, mb: float) -> list[Path]:
    """Seed articles (bodies only) copied under new names until they make `mb` MB."""
    bodies, paths, size, i = seed_bodies(), [], 0, 0
    folder.mkdir()
    while size < mb * 1e6:
        body = bodies[i % len(bodies)]
        path = folder / f"{i:05d}.txt"
        path.write_text(body, "utf-8")
        paths.append(path)
        size += len(body.encode())
        i += 1
    return paths


def write_one_paragraph(path: Path, mb: float, short: bool = False) -> Path:
    """The seed bodies, blank lines taken out, repeated into one file of `mb` MB; `short`
    breaks every line after each clause too (~40 characters a line, as in the issue's trial).
    Each copy shifts its numbers of three digits or more, so that its figures are new ones
    (the extractor keeps one of identical figures in a text) and the work matches the corpus's."""
    lines = [line for body in seed_bodies() for line in body.splitlines() if line.strip()]
    if short:
        lines = [part for line in lines for part in re.split(r"(?<=[.;,]) ", line)]
    block = "\n".join(lines) + "\n"
    copies = int(mb * 1e6 / len(block.encode())) + 1
    with path.open("w", encoding="utf-8") as fh:
        for i in range(copies):
            fh.write(_NUMBER.sub(lambda m, i=i: str(int(m.group()) + 7 * i), block))
    return path


def write_big(path: Path, mb: float) -> Path:
    """A file of `mb` MB of article text (written in pieces, never held whole)."""
    block = "\n\n".join(seed_bodies()) + "\n\n"
    data = block.encode()
    with path.open("wb") as fh:
        for _ in range(int(mb * 1e6 / len(data)) + 1):
            fh.write(data)
    return path


def timed_extraction(paths: list[Path], timeout: float, repeat: int) -> tuple[float | None, int]:
    """Best seconds of `repeat` passes of `extract_article` over `paths`, in a child process
    (None past `timeout`): the best pass is the one least slowed by other load."""
    try:
        done = subprocess.run(
            [sys.executable, "-c", TIMER, str(repeat), *map(str, paths)],
            capture_output=True,
            text=True,
            timeout=timeout,
            cwd=PROJECT_ROOT,
            check=True,
        )
    except subprocess.TimeoutExpired:
        return None, 0
    seconds, records = done.stdout.split()
    return float(seconds), int(records)


def peak(args: list[str]) -> tuple[float, float, int, str]:
    """Wall seconds, peak RSS in MB, exit status and last stderr line of a child Python."""
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        child = subprocess.Popen([sys.executable, *args], cwd=PROJECT_ROOT, stderr=errors)
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
        errors.seek(0)
        lines = errors.read().decode(errors="replace").strip().splitlines()
    return (
        seconds,
        usage.ru_maxrss / 1024,
        os.waitstatus_to_exitcode(status),
        lines[0] if lines else "",
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=5, help="size of the layout test (MB)")
    parser.add_argument("--big-mb", type=float, default=200, help="size of the big file (MB)")
    parser.add_argument("--timeout", type=float, default=600, help="seconds per timing")
    parser.add_argument("--repeat", type=int, default=3, help="passes per timing; best kept")
    options = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="robustness-bench-") as tmp:
        root = Path(tmp)
        corpus = write_corpus(root / "corpus", options.mb)
        base_s, base_n = timed_extraction(corpus, options.timeout, options.repeat)
        print(
            f"layout: {options.mb:g} MB as {len(corpus):,} articles (the baseline) vs one file "
            "with no blank line"
        )
        print(f"  baseline  normal corpus                {base_s:8.2f} s  ({base_n:,} records)")
        ratios = []
        for label, short in (("long lines", False), ("short lines", True)):
            path = write_one_paragraph(root / f"{label.replace(' ', '_')}.txt", options.mb, short)
            lines = path.read_text("utf-8").count("\n")
            seconds, n = timed_extraction([path], options.timeout, options.repeat)
            head = f"  one paragraph, {lines:7,} {label:<11}"
            if seconds is None:
                ratios.append(f"> {options.timeout / base_s:.1f}")
                print(f"{head} > {options.timeout:g} s (stopped): ratio {ratios[-1]}")
            else:
                ratios.append(f"{seconds / base_s:.2f}")
                print(f"{head} {seconds:8.2f} s  ({n:,} records): ratio {ratios[-1]}")

        out = root / "out.csv"
        _, idle_rss, _, _ = peak(["-c", "import analysis.cli, analysis.extract"])
        print(f"memory: python -m analysis extract FILE -o OUT (imports alone: {idle_rss:.0f} MB)")
        big = write_big(root / "big.txt", options.big_mb)
        limit = write_big(root / "under_limit.txt", MAX_ARTICLE_BYTES / 1e6 * 0.97)
        figures = {}
        for label, path in (("big", big), ("under the limit", limit)):
            mb = path.stat().st_size / 1e6
            seconds, rss, status, message = peak(
                ["-m", "analysis", "extract", str(path), "-o", str(out)]
            )
            figures[label] = rss
            print(f"  {mb:6.1f} MB file: peak RSS {rss:6.1f} MB, {seconds:6.1f} s, exit {status}")
            if status:
                print(f"    {message.replace(str(root) + '/', '')}")
        print(
            f"targets: no-blank-line time / normal <= {TARGET_RATIO:g}: "
            + " and ".join(ratios)
            + f"; peak memory of a {options.big_mb:g} MB file < {TARGET_PEAK_MB} MB: "
            f"{figures['big']:.0f} MB (an article just under the "
            f"{MAX_ARTICLE_BYTES / 1e6:g} MB limit: {figures['under the limit']:.0f} MB)"
        )


if __name__ == "__main__":
    main()
