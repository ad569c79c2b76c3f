"""Records written by a test into its own folder and loaded as `load_records` gives them."""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path

import pandas as pd

from analysis.contract import STORED_COLUMNS
from analysis.records.load import load_records


def make_records(folder: Path, rows: list[dict[str, object]]) -> pd.DataFrame:
    """Write `rows` (contract columns; evidence, offsets, status, ids and scope `total` filled
    in) as a records file in `folder`/records and load them, validated and typed."""
    target = folder / "records"
    target.mkdir(parents=True, exist_ok=True)
    with (target / "records.csv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(STORED_COLUMNS), lineterminator="\n")
        writer.writeheader()
        for i, row in enumerate(rows):
            evidence = str(row.get("evidence", f"số liệu {i}"))
            full = {
                "record_id": "r" + hashlib.sha1(f"{i}{row}".encode()).hexdigest()[:12],
                "doc_id": "001_a",
                "qualifier": "exact",
                "level": "",
                "scope": "total",
                "area": "",
                "scope_note": "",
                "evidence": evidence,
                "start": 0,
                "end": len(evidence),
                "status": "reviewed",
                "note": "",
                **row,
            }
            writer.writerow({c: full[c] for c in STORED_COLUMNS})
    return load_records(directory=target)
