"""Stage 6, exploring: the explorer notebook's widgets and charts (`explorer`) over one pure
function from a selection to the figures shown (`view_figures`). Reads metrics and the report
stage's labels and number formats; nothing imports it but the notebook.

`explorer` is imported on first use, so that `import analysis.explore` for the data side does
not load ipywidgets and Plotly.
"""

from __future__ import annotations

from typing import Any

from analysis.explore.figures import Choices, Selection, choices, periods_of, view_csv, view_figures

__all__ = ["Choices", "Selection", "choices", "explorer", "periods_of", "view_csv", "view_figures"]


def explorer(*args: Any, **kwargs: Any) -> Any:
    """The explorer widget (`analysis.explore.widget.explorer`)."""
    from analysis.explore.widget import explorer as make

    return make(*args, **kwargs)
