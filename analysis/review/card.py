"""The card the review view draws for one candidate: its words in context, the reading, why.

Plain data (strings, numbers, lists), so the view only draws it and the tests read it as is.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from analysis.contract import LEVELS, QUALIFIERS, SCOPES
from analysis.review.context import segments
from analysis.review.links import file_link
from analysis.review.session import WHY, ReviewSession
from analysis.review.sources import SourceInfo, text_of


def shown_path(path: Path, data: Path | None) -> str:
    """A data file's path as the reviewer knows it: from the data folder's parent (data/...)."""
    base = (data or path).parent
    return str(path.relative_to(base)) if path.is_relative_to(base) else str(path)


# Below this mean word confidence (0-100) the view warns that OCR may have misread the number.
OCR_WARN_BELOW = 80.0


def _int(cell: str) -> int | None:
    try:
        return int(cell)
    except (TypeError, ValueError):
        return None


def _float(cell: str) -> float | None:
    try:
        return float(cell)
    except (TypeError, ValueError):
        return None


def card(session: ReviewSession, item: dict[str, str]) -> dict[str, Any]:
    """Everything shown of `item`: source, context segments, reading, why, choices to correct."""
    info = session.sources.get(item["doc_id"]) or SourceInfo(item["doc_id"])
    start, end = _int(item["start"]), _int(item["end"])
    text = text_of(info)
    parts = segments(text or "", start, end, item["evidence"], _float(item["value"]))
    indicator = session.reference.indicators.get(item["indicator"], {})
    confidence = info.ocr_confidence(start)
    return {
        "record_id": item["record_id"],
        "where": f"{shown_path(Path(item['_file']), session.data)}:{item['_line']}",
        "source": {
            "doc_id": info.doc_id,
            "title": info.title,
            "outlet": info.outlet,
            "published": info.published,
            "obtained": info.obtained,
            "url": info.url,
            "raw_link": file_link(info.raw) if info.raw else None,
            "raw_name": info.raw.name if info.raw else "",
            "text_stored": text is not None,
            "ocr": None
            if confidence is None
            else {"confidence": round(confidence, 1), "low": confidence < OCR_WARN_BELOW},
        },
        "context": [{"text": s.text, "marks": list(s.marks)} for s in parts],
        "reading": {f: item.get(f, "") for f in session.fields},
        "indicator_name": indicator.get("name_vi", ""),
        "unit": indicator.get("unit_vi", ""),
        "why": {w: item[w] for w in WHY if item.get(w)},
    }


def choices(session: ReviewSession) -> dict[str, Any]:
    """What each correctable field may take, for the view's menus and suggestions."""
    return {
        "indicator": [[code, v["name_vi"]] for code, v in session.reference.indicators.items()],
        "jurisdiction": session.reference.places,
        "period": session.reference.periods,
        "qualifier": list(QUALIFIERS),
        "level": ["", *LEVELS],
        "scope": list(SCOPES),
    }
