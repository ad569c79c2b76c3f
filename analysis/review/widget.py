"""The review view: an anywidget drawing a `ReviewSession` and sending back the reviewer's keys.

The browser side (`static/review.js`) only draws the state it is given and sends actions back
(`decide`, `move`, `filter`); every rule and every write is here, in Python, in the kernel:
a decision is checked and appended to the reviewer's file before the next item is shown.
"""

from __future__ import annotations

import getpass
import os
from pathlib import Path
from typing import Any

import anywidget
import traitlets

from analysis.errors import DataError
from analysis.review.card import card, choices, shown_path
from analysis.review.corrections import CorrectionError
from analysis.review.session import ReviewSession

STATIC = Path(__file__).resolve().parent / "static"
REVIEWER_ENV = "VN_JUSTICE_REVIEWER"


class ReviewWidget(anywidget.AnyWidget):
    """One card at a time: the candidate in its paragraph, the reading, accept/reject/correct."""

    _esm = STATIC / "review.js"
    _css = STATIC / "review.css"
    state = traitlets.Dict().tag(sync=True)

    def __init__(self, session: ReviewSession, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.session = session
        self._choices = choices(session)
        self.on_msg(self._on_action)
        self.refresh()

    def refresh(self, message: dict[str, str] | None = None) -> None:
        """Send the state the view draws: progress, filters, the card shown, any message."""
        s = self.session
        item = s.item()
        self.state = {
            "reviewer": s.reviewer,
            "file": shown_path(s.file, s.data),
            "progress": s.progress(),
            "filters": {
                "selected": {
                    "source": s.filters.source,
                    "indicator": s.filters.indicator,
                    "province": s.filters.province,
                },
                "options": s.filter_options(),
            },
            "card": card(s, item) if item else None,
            "fields": list(s.fields),
            "correctable": list(s.correctable),
            "choices": self._choices,
            "message": message or {},
            "seq": self.state.get("seq", 0) + 1 if self.state else 1,
        }

    def act(self, content: dict[str, Any]) -> dict[str, str] | None:
        """Carry out one action of the view; the message to show after it (None: none)."""
        s = self.session
        kind = content.get("type")
        if kind == "move":
            s.move(int(content.get("step", 1)))
            return None
        if kind == "filter":
            s.set_filters(
                content.get("source", ""), content.get("indicator", ""), content.get("province", "")
            )
            return None
        if kind == "reload":
            s.reload()
            self._choices = choices(s)
            return {"kind": "ok", "text": "reloaded: candidates and decisions read again"}
        if kind != "decide":
            return {"kind": "error", "text": f"unknown action {kind!r}"}
        rid = str(content.get("record_id", ""))
        decision = str(content.get("decision", ""))
        try:
            row = s.decide(
                rid,
                decision,
                dict(content.get("corrections") or {}),
                str(content.get("reason", "")),
            )
        except CorrectionError as exc:
            return {"kind": "error", "text": str(exc), "field": exc.field}
        except (DataError, ValueError) as exc:
            return {"kind": "error", "text": str(exc)}
        if row is None:
            return None
        fixed = [c for c in s.correctable if row.get(c)]
        what = {"rejected": "rejected"}.get(decision, "accepted")
        if fixed:
            what += f", {', '.join(fixed)} corrected"
        return {"kind": "ok", "text": f"{rid} {what}: saved to {self.state.get('file', s.file)}"}

    def _on_action(self, _widget: object, content: dict[str, Any], _buffers: object) -> None:
        self.refresh(self.act(content))


def default_reviewer() -> str:
    """`$VN_JUSTICE_REVIEWER`, else the login name, else "reviewer"."""
    try:
        return os.environ.get(REVIEWER_ENV) or getpass.getuser()
    except (KeyError, OSError):  # no login name known (a container's anonymous user)
        return "reviewer"


def review_view(reviewer: str | None = None, data: Path | None = None) -> anywidget.AnyWidget:
    """The review view over the pending candidates of the data folder (the one in force by
    default), writing `reviewer`'s decisions to `data/reviews/<reviewer>.csv`; where the data
    cannot be read, what is wrong (each problem at its file and line) instead of a traceback."""
    try:
        return ReviewWidget(ReviewSession(reviewer or default_reviewer(), data))
    except (DataError, ValueError) as exc:
        import html

        import ipywidgets

        problems = exc.problems if isinstance(exc, DataError) else [exc]
        items = "".join(f"<li><code>{html.escape(str(p))}</code></li>" for p in problems)
        return ipywidgets.HTML(
            "<p><b>The review view cannot open:</b> fix these, then run the cell again "
            f"(<code>make validate</code> checks every file).</p><ul>{items}</ul>"
        )
