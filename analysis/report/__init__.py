"""Stage 5, what a reader sees: labels, number formats, tables, notes and charts of the metrics
for the notebooks (one module per domain, as in `analysis.metrics`), and the report build that
runs the notebooks in a fresh kernel and renders PDFs (nbconvert HTML + WeasyPrint).

The names below are imported on first use: the PDF renderer's own process
(`analysis.report.render`) and the build's start do not pay for matplotlib, seaborn and the
metrics they do not use (measured in docs/structure.md).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

_EXPORTS = {
    "Chart": "analysis.report.plots",
    "Note": "analysis.report.tables",
    "ReportTable": "analysis.report.tables",
    "SourceList": "analysis.report.sources",
    "cite_many": "analysis.report.sources",
    "coverage_map": "analysis.report.coverage",
    "coverage_note": "analysis.report.coverage",
    "coverage_table": "analysis.report.coverage",
    "findings_table": "analysis.report.coverage",
    "fmt_number": "analysis.report.numfmt",
    "fmt_rivals": "analysis.report.numfmt",
    "fmt_stated": "analysis.report.numfmt",
    "fmt_value": "analysis.report.numfmt",
    "headline_table": "analysis.report.front",
    "indicator_vi": "analysis.report.labels",
    "map_chart": "analysis.report.provinces",
    "part_figures_table": "analysis.report.parts",
    "pending_review": "analysis.report.coverage",
    "period_vi": "analysis.report.labels",
    "profile_charts": "analysis.report.profile",
    "profile_note": "analysis.report.profile",
    "profile_parts": "analysis.report.profile",
    "profile_table": "analysis.report.profile",
    "rates_note": "analysis.report.mediation",
    "rates_table": "analysis.report.mediation",
    "reach_note": "analysis.report.dissemination",
    "reach_table": "analysis.report.dissemination",
    "series_chart": "analysis.report.series",
    "series_table": "analysis.report.series",
    "side_by_side_chart": "analysis.report.provinces",
    "source_list": "analysis.report.sources",
    "tile_map": "analysis.report.maps",
    "volumes_note": "analysis.report.appraisal",
    "volumes_table": "analysis.report.appraisal",
}
__all__ = [
    "Chart",
    "Note",
    "ReportTable",
    "SourceList",
    "cite_many",
    "coverage_map",
    "coverage_note",
    "coverage_table",
    "findings_table",
    "fmt_number",
    "fmt_rivals",
    "fmt_stated",
    "fmt_value",
    "headline_table",
    "indicator_vi",
    "map_chart",
    "part_figures_table",
    "pending_review",
    "period_vi",
    "profile_charts",
    "profile_note",
    "profile_parts",
    "profile_table",
    "rates_note",
    "rates_table",
    "reach_note",
    "reach_table",
    "series_chart",
    "series_table",
    "side_by_side_chart",
    "source_list",
    "tile_map",
    "volumes_note",
    "volumes_table",
]

if TYPE_CHECKING:
    from analysis.report.appraisal import volumes_note, volumes_table
    from analysis.report.coverage import (
        coverage_map,
        coverage_note,
        coverage_table,
        findings_table,
        pending_review,
    )
    from analysis.report.dissemination import reach_note, reach_table
    from analysis.report.front import headline_table
    from analysis.report.labels import indicator_vi, period_vi
    from analysis.report.maps import tile_map
    from analysis.report.mediation import rates_note, rates_table
    from analysis.report.numfmt import fmt_number, fmt_rivals, fmt_stated, fmt_value
    from analysis.report.parts import part_figures_table
    from analysis.report.plots import Chart
    from analysis.report.profile import (
        profile_charts,
        profile_note,
        profile_parts,
        profile_table,
    )
    from analysis.report.provinces import map_chart, side_by_side_chart
    from analysis.report.series import series_chart, series_table
    from analysis.report.sources import SourceList, cite_many, source_list
    from analysis.report.tables import Note, ReportTable


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module 'analysis.report' has no attribute {name!r}")
    return getattr(importlib.import_module(_EXPORTS[name]), name)


def __dir__() -> list[str]:
    """The public names, for `dir(analysis.report)` and tab completion."""
    return sorted({*__all__, *(n for n in globals() if n.startswith("__"))})
