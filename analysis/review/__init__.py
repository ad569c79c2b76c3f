"""Reviewing extracted candidates where analysts work: a view in JupyterLab.

`review_view()` (in `notebooks/review/review.ipynb`) shows the pending candidates one at a time,
each in its source's words, and appends every decision at once to the reviewer's file in
`data/reviews/`. `session` holds the rules (what is pending, what a correction may be),
`context` and `card` what is shown, `widget` the view itself (anywidget).
"""

from __future__ import annotations


def review_view(reviewer: str | None = None, data=None):
    """The review view; see `analysis.review.widget.review_view`."""
    from analysis.review.widget import review_view as view

    return view(reviewer, data)
