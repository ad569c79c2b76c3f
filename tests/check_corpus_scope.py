"""Check that every figure of the shared corpus loads as the corpus states it (run by hand).

Each row of figures.csv (the shared corpus folder, given as the argument) must be one reviewed
record of `load_records()` on the project's data/ with the same source, indicator, value,
qualifier, jurisdiction, period, level, evidence, scope, area and scope_note. Prints how many
match, how the loaded figures divide by scope, and which part and area figures no series, rank
or map takes any more (they were points of the series of their indicator and place before).

Usage: python tests/check_corpus_scope.py PATH/TO/shared/corpus
"""

from __future__ import annotations

import csv
import sys
from collections import Counter
from pathlib import Path

import pandas as pd

from analysis.contract import CONTRACT_COLUMNS, SCOPE_COLUMNS, format_value
from analysis.records.citations import collapse_figures
from analysis.records.load import load_records

KEYS = [*CONTRACT_COLUMNS, *SCOPE_COLUMNS]


def _text(value: object) -> str:
    return "" if pd.isna(value) else str(value)


def main(corpus: Path) -> int:
    with (corpus / "figures.csv").open(encoding="utf-8", newline="") as fh:
        figures = list(csv.DictReader(fh))
    records = load_records()
    loaded = Counter(
        tuple(format_value(r[k]) if k == "value" else _text(r[k]) for k in KEYS)
        for _, r in records.iterrows()
    )
    wanted = Counter(
        tuple(format_value(f[k]) if k == "value" else f[k] for k in KEYS) for f in figures
    )
    missing = wanted - loaded
    print(f"corpus figures: {len(figures)}; loaded as the corpus states them: "
          f"{len(figures) - sum(missing.values())}")  # fmt: skip
    for key in missing:
        print("  not loaded as stated:", dict(zip(KEYS, key, strict=True)))
    by_scope = Counter(f["scope"] for f in figures)
    print("corpus figures by scope:", dict(sorted(by_scope.items())))
    print("records loaded by scope:", records["scope"].value_counts().to_dict())
    collapsed = collapse_figures(records)
    print("figures loaded by scope (one per figure):", collapsed["scope"].value_counts().to_dict())
    parts = collapsed[~collapsed["is_total"]]
    print("\npart and area figures no series, rank or map takes, by indicator and place:")
    grouped = parts.groupby(
        [parts["indicator"].astype(str), parts["jurisdiction"].astype(str)], sort=True
    )
    for (indicator, place), rows in grouped:
        listed = "; ".join(
            f"{r.period} {format_value(r.value)} ({_text(r.area) or _text(r.scope_note)}, {r.doc_ids})"
            for r in rows.itertuples()
        )  # fmt: skip
        print(f"  {indicator} — {place}: {len(rows)}: {listed}")
    return 1 if missing else 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python tests/check_corpus_scope.py PATH/TO/shared/corpus")
    sys.exit(main(Path(sys.argv[1])))
