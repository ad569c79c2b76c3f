"""What the extractor needs from the indicator catalog: the part -> whole pairs and which
indicators count documents (the only ones that carry a level)."""

from __future__ import annotations

import csv
import os
from functools import lru_cache

from analysis.paths import DATA_DIR_ENV, reference_dir

DOCUMENT_UNITS = ("documents", "proposals")


@lru_cache(maxsize=4)
def _catalog(data_dir_setting: str | None) -> tuple[tuple[str, str, str], ...]:
    with (reference_dir() / "indicators.csv").open(encoding="utf-8", newline="") as fh:
        return tuple((r["code"], r["unit"], r["whole"]) for r in csv.DictReader(fh))


@lru_cache(maxsize=4)
def _wholes(data_dir_setting: str | None) -> dict[str, str]:
    return {code: whole for code, _, whole in _catalog(data_dir_setting) if whole}


@lru_cache(maxsize=4)
def _documents(data_dir_setting: str | None) -> frozenset[str]:
    return frozenset(c for c, unit, _ in _catalog(data_dir_setting) if unit in DOCUMENT_UNITS)


def catalog_wholes() -> dict[str, str]:
    """Indicator -> the indicator its figure is a part of (mediation_successful -> _cases)."""
    return _wholes(os.environ.get(DATA_DIR_ENV))


def document_indicators() -> frozenset[str]:
    """Indicators that count documents or proposals: the level column applies to them."""
    return _documents(os.environ.get(DATA_DIR_ENV))
