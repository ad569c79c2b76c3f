"""Where the project's files live: the one place code and notebooks take paths from.

`VN_JUSTICE_DATA_DIR` points every loader at another data folder (a temporary copy in
tests, a colleague's checkout), without a notebook reaching into folders by itself.
"""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR_ENV = "VN_JUSTICE_DATA_DIR"


def data_dir() -> Path:
    """The data folder in force: `$VN_JUSTICE_DATA_DIR` if set, else the project's `data/`."""
    return Path(os.environ.get(DATA_DIR_ENV) or PROJECT_ROOT / "data")


def articles_dir() -> Path:
    """Raw source articles, one `.txt`/`.md` file per article."""
    return data_dir() / "articles"


def records_dir() -> Path:
    """Records people wrote or accepted, CSV files in the records contract's columns."""
    return data_dir() / "records"


def candidates_dir() -> Path:
    """What the extractor found (`extract --into`): rebuildable from the articles at any time."""
    return data_dir() / "candidates"


def reviews_dir() -> Path:
    """People's decisions on candidates: accept or reject, corrected fields, reason, who, when."""
    return data_dir() / "reviews"


def reference_dir() -> Path:
    """Reference tables: indicator catalog, provinces, extraction cues."""
    return data_dir() / "reference"


def notebooks_dir() -> Path:
    return PROJECT_ROOT / "notebooks"


def reports_dir() -> Path:
    return PROJECT_ROOT / "reports"


def exports_dir() -> Path:
    """Where `python -m analysis export` writes by default (not committed)."""
    return PROJECT_ROOT / "exports"
