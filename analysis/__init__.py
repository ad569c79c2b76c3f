"""Vietnam justice-sector statistics: figures from articles, validated and analysed.

The public API: loaders return validated pandas DataFrames with explicit dtypes. Names are
imported on first use, so that `python -m analysis extract` does not pay for pandas; `dir()`
and tab completion list them, and the stages (`analysis.metrics`, `analysis.report`…) too.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

_EXPORTS = {
    "check_consistency": "analysis.records.consistency",
    "collapse_figures": "analysis.records.citations",
    "data_version": "analysis.records.load",
    "load_articles": "analysis.sources.articles",
    "load_catalog": "analysis.reference",
    "load_provinces": "analysis.reference",
    "load_provinces_2025": "analysis.reference",
    "load_records": "analysis.records.load",
    "only_present": "analysis.records.present",
    "to_wide": "analysis.records.wide",
}
__all__ = [
    "check_consistency",
    "collapse_figures",
    "data_version",
    "load_articles",
    "load_catalog",
    "load_provinces",
    "load_provinces_2025",
    "load_records",
    "only_present",
    "to_wide",
]

# The stages of the package, imported on first use too: `analysis.report.maps` after `import analysis`.
SUBPACKAGES = ("explore", "extract", "metrics", "records", "report", "review", "sources")

if TYPE_CHECKING:
    from analysis.records.citations import collapse_figures
    from analysis.records.consistency import check_consistency
    from analysis.records.load import data_version, load_records
    from analysis.records.present import only_present
    from analysis.records.wide import to_wide
    from analysis.reference import load_catalog, load_provinces, load_provinces_2025
    from analysis.sources.articles import load_articles


def __getattr__(name: str) -> Any:
    if name in SUBPACKAGES:
        return importlib.import_module(f"analysis.{name}")
    if name not in _EXPORTS:
        raise AttributeError(f"module 'analysis' has no attribute {name!r}")
    return getattr(importlib.import_module(_EXPORTS[name]), name)


def __dir__() -> list[str]:
    """The API and the stages, for `dir(analysis)` and tab completion (`analysis.lo<TAB>`)."""
    dunders = [n for n in globals() if n.startswith("__") and n.endswith("__")]
    return sorted({*__all__, *SUBPACKAGES, *dunders})
