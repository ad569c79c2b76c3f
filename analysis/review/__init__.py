"""Reviewing extracted candidates where analysts work: a view in JupyterLab.

`review_view()` (in `notebooks/review/review.ipynb`) shows the pending candidates one at a time,
each in its source's words, and appends every decision at once to the reviewer's file in
`data/reviews/`. `session` holds the rules (what is pending, what a correction may be),
`context` and `card` what is shown, `sources` and `links` what is known of a source and how to
open it, `widget` the view itself (anywidget, its browser side in `static/`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

__all__ = ["review_view"]


def review_view(reviewer: str | None = None, data: Path | None = None) -> Any:
    """The review view (`analysis.review.widget.review_view`); imported here on first use, so
    that `import analysis` never loads the widget libraries."""
    from analysis.review.widget import review_view as view

    return view(reviewer, data)
