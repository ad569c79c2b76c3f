"""Validated `load_records` of 1 million synthetic records against a plain `pandas.read_csv`.

All read the same CSV file in the stored format, in one process, alternating, best of N; wall
time and CPU time (all threads: the Arrow reader uses every core, so on a shared machine CPU time
is the steadier figure). Targets: cold (nothing cached: read, validate, type, join) at most 3x
the plain read; warm (the validated table cached) no slower than it.
The evidence-against-article check is not part of this figure: the synthetic records have
no articles folder beside them (that check runs on the project's data and in `validate`).
"""

from __future__ import annotations

import argparse
import csv
import os
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.contract import STORED_COLUMNS
from analysis.records.cache import CACHE_DIR_ENV
from analysis.records.load import load_records
from analysis.reference import jurisdiction_names, load_catalog

PERIODS = ["2019", "2020", "2021-H1", "2021-YTD", "2022-9M", "2023-Q3", "2024-H1", "2016..2020"]
WORDS = [
    "thẩm",
    "định",
    "góp",
    "ý",
    "dự",
    "thảo",
    "văn",
    "bản",
    "quy",
    "phạm",
    "pháp",
    "luật",
    "hòa",
    "giải",
    "thành",
    "vụ",
    "việc",
    "lượt",
    "người",
]


def synthetic_records(n: int, seed: int = 7) -> pd.DataFrame:
    """n valid records: parts never above their wholes, rates within 0-100, unique ids."""
    rng = np.random.default_rng(seed)
    catalog = load_catalog()
    codes = catalog["code"].astype(str).to_numpy()
    units = catalog["unit"].astype(str).to_numpy()
    is_part = catalog["whole"].notna().to_numpy()
    pick = rng.integers(0, len(codes), n)
    value = np.where(is_part[pick], rng.integers(0, 1_000, n), rng.integers(1_000, 500_000, n))
    value = np.where(units[pick] == "percent", rng.integers(0, 1000, n) / 10, value)
    names = np.array(sorted(jurisdiction_names()))
    words = np.array(WORDS)
    phrases = [" ".join(rng.choice(words, 8)) for _ in range(1000)]
    evidence = [f"{phrases[i % 1000]} {v:g}" for i, v in enumerate(value)]  # unique, as in life
    start = rng.integers(0, 20_000, n)
    lengths = np.array([len(e) for e in evidence])
    scope = rng.choice(["total", "part", "area"], n, p=[0.8, 0.15, 0.05])
    return pd.DataFrame(
        {
            "record_id": [f"r{i:012x}" for i in range(n)],
            "doc_id": [f"doc_{i // 10:06d}" for i in range(n)],
            "indicator": codes[pick],
            "value": value,
            "qualifier": rng.choice(
                ["exact", "at_least", "approx", "at_most"], n, p=[0.7, 0.2, 0.08, 0.02]
            ),
            "jurisdiction": names[(np.arange(n) // 10) % len(names)],
            "period": np.array(PERIODS)[(np.arange(n) // 10) % len(PERIODS)],
            "level": rng.choice(["", "central", "province", "district", "commune"], n),
            "evidence": evidence,
            "scope": scope,
            "area": np.where(scope == "area", "huyện Cao Lộc", ""),
            "scope_note": np.where(scope == "part", "Bộ đội Biên phòng", ""),
            "start": start,
            "end": start + lengths,
            "status": rng.choice(["reviewed", "candidate", "rejected"], n, p=[0.8, 0.15, 0.05]),
            "note": rng.choice(["", "", "", "checked against the source"], n),
        }
    )[list(STORED_COLUMNS)]


def timed(fn) -> tuple[float, float]:
    """Wall-clock and CPU seconds (all threads) of one call."""
    wall, cpu = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - wall, time.process_time() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "records"
        folder.mkdir()
        path = folder / "records.csv"
        synthetic_records(args.rows).to_csv(
            path, index=False, quoting=csv.QUOTE_MINIMAL, lineterminator="\n"
        )
        size = path.stat().st_size / 1e6
        cache = str(Path(tmp) / "cache")
        os.environ[CACHE_DIR_ENV] = cache
        load_records(directory=folder)  # warm-up: imports, reference tables, the cache entry

        def cold() -> None:
            os.environ[CACHE_DIR_ENV] = "off"
            try:
                load_records(directory=folder)
            finally:
                os.environ[CACHE_DIR_ENV] = cache

        runs = {"plain": (lambda: pd.read_csv(path)), "cold": cold}
        runs["warm"] = lambda: load_records(directory=folder)
        best = {k: (float("inf"), float("inf")) for k in runs}
        for _ in range(args.repeat):  # alternating, so that a busy moment hits all three
            for name, fn in runs.items():
                wall, cpu = timed(fn)
                best[name] = (min(best[name][0], wall), min(best[name][1], cpu))
    (plain, plain_cpu), (cold_s, cold_cpu), (warm, warm_cpu) = (
        best["plain"],
        best["cold"],
        best["warm"],
    )
    print(f"rows: {args.rows:,}  file: {size:.1f} MB  best of {args.repeat}  (wall s, CPU s)")
    print(f"pandas.read_csv (plain, no checks):              {plain:6.2f}  {plain_cpu:6.2f}")
    print(f"load_records cold (read, validate, type, join):  {cold_s:6.2f}  {cold_cpu:6.2f}")
    print(f"load_records warm (files known, read validated): {warm:6.2f}  {warm_cpu:6.2f}")
    print(
        f"ratio cold / plain: {cold_s / plain:.2f}  (CPU {cold_cpu / plain_cpu:.2f}; "
        "target <= 3.00, issue 18)"
    )
    print(
        f"ratio warm / plain: {warm / plain:.2f}  (CPU {warm_cpu / plain_cpu:.2f}; target <= 1.00)"
    )


if __name__ == "__main__":
    main()
