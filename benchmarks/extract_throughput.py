"""Extraction throughput, time in paragraph length, and memory, measured in one run.

- The extractor on one process (`extract_text` on each body) against a bare `re.finditer` number
  scan of the same NFC text (the baseline), the two taking turns slice by slice so that other load
  on the machine falls on both alike: on a corpus of the seed articles repeated (target >= 0.08)
  and on one of tests/articles repeated (2.9x more figures per KB: printed, no target).
- A paragraph-free text (2.8 MB: the seeds' sentences cut into short lines that all read as one
  paragraph, as text pasted from a PDF does) against a normal corpus of the same size (the seed
  articles, one by one): target <= 3x, i.e. time linear in paragraph length.
- The whole command, `python -m analysis extract FOLDER -o FILE`, in a child process: wall time,
  and peak memory as the child's own high-water mark (VmHWM, read as it exits; with --jobs 2 the
  parent's only), on a quarter of the corpus and on all of it, so that memory flat in corpus
  size shows as two close figures; then the same with --jobs 2. Target: peak < 60 MiB.
MB are 10^6 bytes of UTF-8; MiB are 2^20 bytes (ru_maxrss is in KiB).
"""

from __future__ import annotations

import argparse
import math
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from analysis.extract import extract_text
from analysis.paths import PROJECT_ROOT, articles_dir
from analysis.sources.articles import article_paths, read_article

NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
PARTS = 4  # the corpus is written in this many sub-folders; one of them is the small run
SLICES = 20
TARGET_RATIO = 0.08
TARGET_PEAK_MIB = 60
PARAGRAPH_FREE_MB = 2.8
TARGET_PARAGRAPH_FREE = 3.0
LINE_CHARS = 14


def repeated(source: Path, min_bytes: int) -> list[tuple[str, str, dict]]:
    """The bodies of the articles in `source`, repeated until they make `min_bytes`."""
    articles = [read_article(p) for p in article_paths(source)]
    per_round = sum(len(a.text.encode()) for a in articles)
    return [
        (f"{r:05d}_{a.doc_id}", a.text, a.meta)
        for r in range(math.ceil(min_bytes / per_round))
        for a in articles
    ]


def paragraph_free(min_bytes: int) -> str:
    """The seeds' sentences, one after another, cut into lines of about LINE_CHARS characters
    that each go on in lower case: no paragraph break anywhere, as in text pasted from a PDF."""
    words = " ".join(
        a.text.replace("\n", " ") for a in map(read_article, article_paths(articles_dir()))
    ).split()
    lines, line, size = [], [], 0
    while size < min_bytes:
        for word in words:
            if (
                line
                and len(" ".join(line)) >= LINE_CHARS
                and word[0].islower()
                and line[-1][-1].isalnum()
            ):
                lines.append(" ".join(line))
                size += len(lines[-1].encode()) + 1
                line = []
            line.append(word)
    lines.append(" ".join(line))
    return "\n".join(lines)


def time_paragraph_free(mb: float) -> tuple[float, float, int, int]:
    """Seconds of extract_text on a paragraph-free text of `mb` MB and on the seed articles
    (one by one) of the same size, each the best of three turns; their lines and paragraphs."""
    text = paragraph_free(int(mb * 1e6))
    normal = repeated(articles_dir(), len(text.encode()))
    best_free = best_normal = math.inf
    for _ in range(3):
        start = time.perf_counter()
        for doc_id, body, meta in normal:
            extract_text(body, doc_id, meta)
        middle = time.perf_counter()
        extract_text(text, "paragraph_free", {})
        best_normal = min(best_normal, middle - start)
        best_free = min(best_free, time.perf_counter() - middle)
    return best_free, best_normal, text.count("\n") + 1, len(normal)


def build_corpus(folder: Path, min_bytes: int) -> tuple[list[tuple[str, str, dict]], int]:
    """Copy the seed files into `folder` until their bodies make `min_bytes`; return the bodies."""
    seeds = [read_article(p) for p in article_paths(articles_dir())]
    per_round = sum(len(a.text.encode()) for a in seeds)
    rounds = math.ceil(min_bytes / per_round)
    rounds += -rounds % PARTS
    parts = [folder / f"part{i}" for i in range(PARTS)]
    for part in parts:
        part.mkdir()
    raw = {a.doc_id: a.path.read_bytes() for a in seeds}
    bodies = []
    for r in range(rounds):
        for a in seeds:
            doc_id = f"{r:05d}_{a.doc_id}"
            (parts[r % PARTS] / f"{doc_id}.txt").write_bytes(raw[a.doc_id])
            bodies.append((doc_id, a.text, a.meta))
    return bodies, rounds * per_round


def compare(bodies, slices: int = SLICES) -> tuple[float, float, int, int]:
    """Seconds of the baseline scan and of the extractor, timed in turn on each slice of the
    corpus, so that load from other programs on the machine falls on both alike."""
    base_s = ext_s = 0.0
    numbers = records = 0
    step = math.ceil(len(bodies) / slices)
    for i in range(0, len(bodies), step):
        part = bodies[i : i + step]
        start = time.perf_counter()
        numbers += sum(1 for _, text, _ in part for _ in NUMBER.finditer(text))
        middle = time.perf_counter()
        records += sum(len(extract_text(text, doc_id, meta)) for doc_id, text, meta in part)
        base_s, ext_s = base_s + middle - start, ext_s + time.perf_counter() - middle
    return base_s, ext_s, numbers, records


# The child reports its own high-water mark of resident memory (VmHWM) as it exits: ru_maxrss
# from wait4 would also count the pages of this (large) process that the child held between
# fork and exec.
_CHILD = """
import os, sys
try:
    {body}
finally:
    with open("/proc/self/status") as status, open(os.environ["BENCH_HWM"], "w") as out:
        out.write(next(line.split()[1] for line in status if line.startswith("VmHWM")))
"""
RUN_CLI = (
    "import runpy; sys.argv = ['analysis', *sys.argv[1:]]; "
    "runpy.run_module('analysis', run_name='__main__')"
)


def run_child(body: str, args: list[str] = ()) -> tuple[float, float]:
    """Run `body` in a child Python (with `args` as its sys.argv[1:]) to its end; return its
    wall seconds and its peak resident memory in MiB (ru_maxrss where /proc is missing)."""
    with tempfile.TemporaryFile() as errors, tempfile.TemporaryDirectory() as tmp:
        hwm = Path(tmp) / "hwm"
        start = time.perf_counter()
        child = subprocess.Popen(
            [sys.executable, "-c", _CHILD.format(body=body), *args],
            cwd=PROJECT_ROOT,
            stderr=errors,
            env={**os.environ, "BENCH_HWM": str(hwm)},
        )
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode:
            errors.seek(0)
            sys.exit(f"child {args} failed:\n{errors.read().decode(errors='replace')}")
        peak_kib = int(hwm.read_text()) if hwm.is_file() and hwm.read_text() else usage.ru_maxrss
    return seconds, peak_kib / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=40, help="corpus size in MB (default 40)")
    parser.add_argument("--no-jobs", action="store_true", help="skip the --jobs 2 run")
    options = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="extract-bench-") as tmp:
        folder = Path(tmp) / "corpus"
        folder.mkdir()
        bodies, size = build_corpus(folder, int(options.mb * 1e6))
        mb = size / 1e6
        print(f"corpus: {len(bodies):,} articles, {mb:.1f} MB of NFC body text, {folder}")

        doc_id, text, meta = bodies[0]
        extract_text(text, doc_id, meta)  # loads the cue tables outside the timing
        base_s, ext_s, numbers, records = compare(bodies)
        ratio = base_s / ext_s
        print(f"baseline  re.finditer number scan   {mb / base_s:8.1f} MB/s  ({numbers:,} numbers)")
        print(f"extractor extract_text, 1 process   {mb / ext_s:8.1f} MB/s  ({records:,} records)")
        print(f"ratio     extractor / baseline      {ratio:8.3f}   (target >= {TARGET_RATIO})")

        tests = repeated(PROJECT_ROOT / "tests" / "articles", int(options.mb * 1e6 / PARTS))
        tests_mb = sum(len(t.encode()) for _, t, _ in tests) / 1e6
        t_base, t_ext, t_numbers, t_records = compare(tests)
        print(
            f"tests/articles corpus ({tests_mb:.1f} MB): baseline {tests_mb / t_base:.1f} MB/s "
            f"({t_numbers:,} numbers), extractor {tests_mb / t_ext:.1f} MB/s ({t_records:,} "
            f"records), ratio {t_base / t_ext:.3f}"
        )

        free_s, normal_s, lines, articles = time_paragraph_free(PARAGRAPH_FREE_MB)
        free_ratio = free_s / normal_s
        print(
            f"paragraph-free {PARAGRAPH_FREE_MB} MB text ({lines:,} lines, one paragraph): "
            f"{free_s:.2f} s; normal corpus of the same size ({articles:,} articles): "
            f"{normal_s:.2f} s; ratio {free_ratio:.2f}x (target <= {TARGET_PARAGRAPH_FREE:.0f}x)"
        )

        quarter_mb = mb / PARTS
        out = Path(tmp) / "out.csv"
        idle_s, idle_rss = run_child("import analysis.cli, analysis.extract")
        runs = [
            ("1 process, 1/4 corpus", [str(folder / "part0")], quarter_mb),
            ("1 process, whole corpus", [str(folder)], mb),
        ]
        if not options.no_jobs:
            runs.append(("--jobs 2, whole corpus", [str(folder), "--jobs", "2"], mb))
        print(
            f"command   python -m analysis extract FOLDER -o FILE (child process; "
            f"imports alone: {idle_rss:.0f} MiB peak, {idle_s:.2f} s)"
        )
        peaks = []
        for label, args, run_mb in runs:
            seconds, rss = run_child(RUN_CLI, ["extract", *args, "-o", str(out)])
            peaks.append(rss)
            rows = sum(1 for _ in out.open(encoding="utf-8")) - 1
            print(
                f"  {label:<24} {run_mb / seconds:6.1f} MB/s ({run_mb / (seconds - idle_s):4.1f} "
                f"after start-up)  {seconds:6.2f} s  peak RSS {rss:6.1f} MiB  ({rows:,} rows)"
            )
        print(
            f"targets: extractor / baseline on the seeds >= {TARGET_RATIO}: {ratio:.3f}; "
            f"paragraph-free <= {TARGET_PARAGRAPH_FREE:.0f}x: {free_ratio:.2f}x; "
            f"peak memory < {TARGET_PEAK_MIB} MiB: {max(peaks[:2]):.0f} MiB "
            f"(1/4 corpus {peaks[0]:.0f} MiB, whole {peaks[1]:.0f} MiB)"
        )


if __name__ == "__main__":
    main()
