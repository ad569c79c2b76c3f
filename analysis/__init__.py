"""Vietnam justice-sector statistics: figures from articles, validated and analysed.

The public API: loaders return validated pandas DataFrames with explicit dtypes.
"""

from analysis.articles import load_articles
from analysis.consistency import check_consistency
from analysis.records import data_version, load_records, to_wide
from analysis.reference import load_catalog, load_provinces, load_provinces_2025

__all__ = [
    "check_consistency",
    "data_version",
    "load_articles",
    "load_catalog",
    "load_provinces",
    "load_provinces_2025",
    "load_records",
    "to_wide",
]
