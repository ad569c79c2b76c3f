"""What the extractor needs from the indicator catalog: the part -> whole pairs and which
indicators count documents (the only ones that carry a level)."""

from __future__ import annotations

import csv
from pathlib import Path

from analysis.errors import DataError

DOCUMENT_UNITS = ("documents", "proposals")


def catalog_links(path: Path) -> tuple[dict[str, str], frozenset[str]]:
    """From the catalog at `path`: indicator -> the indicator its figure is a part of
    (mediation_successful -> mediation_cases), and the indicators that count documents or
    proposals (the level column applies to them)."""
    if not path.is_file():
        raise DataError.single(str(path), "indicator catalog missing", "cue-table")
    with path.open(encoding="utf-8", newline="") as fh:
        rows = [(r["code"], r["unit"], r["whole"]) for r in csv.DictReader(fh)]
    wholes = {code: whole for code, _, whole in rows if whole}
    return wholes, frozenset(code for code, unit, _ in rows if unit in DOCUMENT_UNITS)
