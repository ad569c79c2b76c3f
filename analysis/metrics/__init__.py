"""Stage 4, metrics over loaded records, one module per domain: tidy DataFrames and plain values
(numbers, qualifiers, periods, sources as tuples of ids), never text for a reader; the report
stage (`analysis.report`) writes the tables, notes and charts of them.

Every metric takes totals only (an area's or a part's figure is listed by `part_figures`), and
where sources disagree keeps every source's value (`rivals`), never one number made of them.
"""

from analysis.metrics.appraisal import appraisal_indicators, appraisal_volumes
from analysis.metrics.common import figure_count, one_per_key
from analysis.metrics.coverage import Coverage, coverage, coverage_matrix, figures_by_province
from analysis.metrics.dissemination import dissemination_reach
from analysis.metrics.mediation import mediation_rates
from analysis.metrics.parts import part_figures
from analysis.metrics.profile import profile_figures, profile_series, province_records
from analysis.metrics.provinces import per_residents, province_values
from analysis.metrics.series import (
    distinct_years,
    figures_of,
    indicator_series,
    latest_national_figures,
    national_indicators,
)

__all__ = [
    "Coverage",
    "appraisal_indicators",
    "appraisal_volumes",
    "coverage",
    "coverage_matrix",
    "dissemination_reach",
    "distinct_years",
    "figure_count",
    "figures_by_province",
    "figures_of",
    "indicator_series",
    "latest_national_figures",
    "mediation_rates",
    "national_indicators",
    "one_per_key",
    "part_figures",
    "per_residents",
    "profile_figures",
    "profile_series",
    "province_records",
    "province_values",
]
