"""Extraction throughput and memory on a corpus of at least 40 MB: the seed articles repeated.

Measured in one run, on the same text:
- the extractor on one process (`extract_text` on each body, with whatever normalisation it
  does inside), against a bare `re.finditer` number scan of the same NFC text (the baseline),
  the two taking turns slice by slice so that other load on the machine falls on both alike;
- the whole command, `python -m analysis extract FOLDER -o FILE`, in a child process: wall time,
  and peak memory as the child's ru_maxrss (from wait4: the largest resident set of the process
  and of any process it waited for), on a quarter of the corpus and on all of it, so that
  memory flat in corpus size shows as two close figures; then the same with --jobs 2.
MB are 10^6 bytes of UTF-8.  Targets: extractor >= 25 % of the baseline, peak memory < 300 MB.
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
TARGET_RATIO = 0.25
TARGET_PEAK_MB = 300


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


def run_child(args: list[str]) -> tuple[float, float]:
    """Run a child Python to its end; return its wall seconds and peak RSS in MB (wait4)."""
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        child = subprocess.Popen([sys.executable, *args], cwd=PROJECT_ROOT, stderr=errors)
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode:
            errors.seek(0)
            sys.exit(f"child {args} failed:\n{errors.read().decode(errors='replace')}")
    return seconds, usage.ru_maxrss / 1024


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
        print(f"ratio     extractor / baseline      {ratio:8.1%}   (target >= {TARGET_RATIO:.0%})")

        quarter_mb = mb / PARTS
        out = Path(tmp) / "out.csv"
        idle_s, idle_rss = run_child(["-c", "import analysis.cli, analysis.extract"])
        runs = [
            ("1 process, 1/4 corpus", [str(folder / "part0")], quarter_mb),
            ("1 process, whole corpus", [str(folder)], mb),
        ]
        if not options.no_jobs:
            runs.append(("--jobs 2, whole corpus", [str(folder), "--jobs", "2"], mb))
        print(
            f"command   python -m analysis extract FOLDER -o FILE (child process; "
            f"imports alone: {idle_rss:.0f} MB peak, {idle_s:.2f} s)"
        )
        peaks = []
        for label, args, run_mb in runs:
            seconds, rss = run_child(["-m", "analysis", "extract", *args, "-o", str(out)])
            peaks.append(rss)
            rows = sum(1 for _ in out.open(encoding="utf-8")) - 1
            print(
                f"  {label:<24} {run_mb / seconds:6.1f} MB/s ({run_mb / (seconds - idle_s):4.1f} "
                f"after start-up)  {seconds:6.2f} s  peak RSS {rss:6.1f} MB  ({rows:,} rows)"
            )
        print(
            f"targets: extractor >= {TARGET_RATIO:.0%} of baseline: {ratio:.1%}; "
            f"peak memory < {TARGET_PEAK_MB} MB: {max(peaks[:2]):.0f} MB "
            f"(1/4 corpus {peaks[0]:.0f} MB, whole {peaks[1]:.0f} MB)"
        )


if __name__ == "__main__":
    main()
