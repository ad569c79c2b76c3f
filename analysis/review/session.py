"""One reviewer's pass over the pending candidates: what to show next, and each decision kept.

`ReviewSession` holds the queue (candidates no person has decided, in the order the extractor
wrote them), the filters (source, indicator, province) and the item shown. A decision is checked
(a correction must be a value the records accept; a rejection or a correction needs its reason),
then appended at once to the reviewer's file in `data/reviews/` (`analysis.records.review_log`)
and the item leaves the queue. Opening a session again starts after the reviewer's last
decision, so a closed browser or a restarted kernel resumes where the work stopped.
The view (`analysis.review.widget`) only draws what `state()` returns and calls `decide`/`move`.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from analysis.contract import LEVELS, NATIONAL, QUALIFIERS, SCOPES, format_value
from analysis.records.pending import Queue, review_queue
from analysis.records.review_log import append_review, review_row, reviewer_file

# The reading a reviewer sees, in order; `scope`, `area` and `scope_note` only where the
# candidates carry them.
READING = (
    "indicator",
    "value",
    "qualifier",
    "jurisdiction",
    "period",
    "level",
    "scope",
    "area",
    "scope_note",
)
WHY = ("cue", "place_from", "period_from", "scope_from")
# The values a reviewer may type for "no tier": an empty choice is written as reviews.CLEAR.
NO_LEVEL = ""
UNFILTERED = ""
NO_PLACE = "(no place)"
_THOUSANDS_DOT = re.compile(r"[0-9]{1,3}(?:\.[0-9]{3})+")
_PLAIN = re.compile(r"[0-9]+(?:\.[0-9]+)?")


@dataclass
class Reference:
    """The choices a correction may take: the catalog, places, periods."""

    indicators: dict[str, dict[str, str]]
    places: list[str]
    periods: list[str]

    @classmethod
    def load(cls, candidates: list[dict[str, str]]) -> Reference:
        from analysis.reference import jurisdictions, load_catalog

        catalog = load_catalog()
        indicators = {
            str(r["code"]): {
                "name_vi": str(r["name_vi"]),
                "name_en": str(r["name_en"]),
                "unit": str(r["unit"]),
                "unit_vi": str(r["unit_vi"]),
            }
            for _, r in catalog.iterrows()
        }
        names = jurisdictions()["jurisdiction"].astype(str).unique()
        places = [NATIONAL, *sorted((n for n in names if n != NATIONAL), key=_sort_key)]
        return cls(indicators, places, _periods(c["period"] for c in candidates))


def _sort_key(name: str) -> str:
    return _plain(name)


def _plain(text: str) -> str:
    """Lower case without Vietnamese marks (đ as d): what a reviewer types without them."""
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in text if not unicodedata.combining(c)).lower().strip()


def _periods(seen: Any) -> list[str]:
    """Period codes to offer: every one the candidates use, and the usual ones of their years."""
    from analysis.records.periods import period_order

    found = {p for p in seen if p}
    years = {int(p[:4]) for p in found if p[:4].isdigit()}
    for year in years:
        found |= {str(year), f"{year}-H1", f"{year}-H2", f"{year}-9M", f"{year}-YTD"}
        found |= {f"{year}-Q{q}" for q in range(1, 5)}
    return period_order(sorted(found))


class CorrectionError(ValueError):
    """A correction the records would refuse; `field` names the input to fix."""

    def __init__(self, field_name: str, message: str):
        super().__init__(message)
        self.field = field_name


@dataclass
class Filters:
    source: str = UNFILTERED
    indicator: str = UNFILTERED
    province: str = UNFILTERED

    def admit(self, item: dict[str, str]) -> bool:
        place = item["jurisdiction"] or NO_PLACE
        return (
            self.source in (UNFILTERED, item["doc_id"])
            and self.indicator in (UNFILTERED, item["indicator"])
            and self.province in (UNFILTERED, place)
        )


@dataclass
class ReviewSession:
    """A reviewer's queue of pending candidates and the decisions they append to their file."""

    reviewer: str
    data: Path | None = None
    queue: Queue = field(init=False)
    file: Path = field(init=False)
    filters: Filters = field(default_factory=Filters)
    current: str | None = None
    decided_now: int = 0

    def __post_init__(self) -> None:
        from analysis.paths import data_dir

        self.data = self.data or data_dir()
        self.file = own_file(self.reviewer, self.data / "reviews")
        self.reload()

    def reload(self) -> None:
        """Read the candidates and every decision again; show the item after the last decision
        in the reviewer's own file (or the first pending one)."""
        from analysis.review.sources import source_infos

        self.queue = review_queue(self.data)
        self.sources = source_infos(self.data)
        self.reference = Reference.load(self.queue.candidates)
        present = {k for c in self.queue.candidates for k in c}
        self.fields = [f for f in READING if f in READING[:6] or f in present]
        self.current = self._resume()

    @property
    def correctable(self) -> tuple[str, ...]:
        """The fields a review file may correct (the records' review columns in force)."""
        from analysis.records.reviews import CORRECTABLE

        return tuple(f for f in self.fields if f in CORRECTABLE)

    def _resume(self) -> str | None:
        """The first pending item after the candidate of the last line of the reviewer's file
        (in queue order), else the first pending one."""
        head = f"{self.file}:"
        mine = {
            int(where[len(head) :]): rid
            for rid, where in self.queue.decided.items()
            if where.startswith(head)
        }
        order = {c["record_id"]: i for i, c in enumerate(self.queue.candidates)}
        last = mine[max(mine)] if mine else None
        start = order[last] + 1 if last in order else 0
        items = self.visible()
        after = [c for c in items if order[c["record_id"]] >= start]
        chosen = after or items
        return chosen[0]["record_id"] if chosen else None

    def visible(self) -> list[dict[str, str]]:
        """The pending candidates the filters admit, in queue order."""
        return [c for c in self.queue.pending if self.filters.admit(c)]

    def item(self) -> dict[str, str] | None:
        """The candidate shown, or None when nothing is left (under the filters)."""
        rid = self.current
        found = [c for c in self.visible() if c["record_id"] == rid]
        return found[0] if found else None

    def progress(self) -> dict[str, int]:
        """How many are left of how many, under the filters, and where the shown one stands."""
        items = self.visible()
        total = sum(1 for c in self.queue.candidates if self.filters.admit(c))
        ids = [c["record_id"] for c in items]
        position = ids.index(self.current) + 1 if self.current in ids else 0
        return {
            "left": len(items),
            "total": total,
            "position": position,
            "all_left": len(self.queue.pending),
            "all_total": len(self.queue.candidates),
            "decided_now": self.decided_now,
        }

    def move(self, step: int) -> None:
        """Show the next (`step` 1) or previous (-1) pending item, leaving this one undecided."""
        ids = [c["record_id"] for c in self.visible()]
        if not ids:
            self.current = None
            return
        at = ids.index(self.current) if self.current in ids else -1
        self.current = ids[(at + step) % len(ids)] if at >= 0 else ids[0]

    def set_filters(self, source: str = "", indicator: str = "", province: str = "") -> None:
        """Show only the pending items of one source, indicator and/or province."""
        self.filters = Filters(source, indicator, province)
        ids = [c["record_id"] for c in self.visible()]
        if self.current not in ids:
            self.current = ids[0] if ids else None

    def filter_options(self) -> dict[str, list[tuple[str, str]]]:
        """(value, label with the number left) for each filter's choices."""
        pending = self.queue.pending
        per = {
            "source": Counter(c["doc_id"] for c in pending),
            "indicator": Counter(c["indicator"] for c in pending),
            "province": Counter(c["jurisdiction"] or NO_PLACE for c in pending),
        }
        titles = {d: i.title for d, i in self.sources.items()}
        return {
            "source": [(d, f"{titles.get(d) or d} ({n})") for d, n in per["source"].items()],
            "indicator": [(i, f"{i} ({n})") for i, n in sorted(per["indicator"].items())],
            "province": [
                (p, f"{p} ({n})")
                for p, n in sorted(per["province"].items(), key=lambda x: _plain(x[0]))
            ],
        }

    def decide(
        self,
        record_id: str,
        decision: str,
        corrections: dict[str, str] | None = None,
        reason: str = "",
        when: dt.date | None = None,
    ) -> dict[str, str] | None:
        """Check and append one decision; the item leaves the queue and the next one is shown.

        The review row written; None (nothing written) when the record is not pending any more
        (a second keystroke for an item already decided); CorrectionError for a correction the
        records would refuse or a missing reason; DataError when the review file refuses it.
        """
        item = next((c for c in self.queue.pending if c["record_id"] == record_id), None)
        if item is None:
            return None
        rejected = decision == "rejected"
        changes = {} if rejected else self.checked(item, corrections or {})
        reason = " ".join(reason.split())
        if decision == "rejected" and not reason:
            raise CorrectionError("reason", "a rejection needs its reason")
        if changes and not reason and decision == "reviewed":
            raise CorrectionError(
                "reason", f"a correction of {', '.join(changes)} needs its reason"
            )
        if not rejected:
            self._complete({**item, **changes})
        row = review_row(record_id, decision, self.reviewer, changes, reason, when)
        append_review(self.file, row, _review_files(self.data))
        ids = [c["record_id"] for c in self.visible()]
        at = ids.index(record_id) if record_id in ids else -1
        self.queue.decided[record_id] = f"{self.file}:{self.decided_now}"  # until reloaded
        self.decided_now += 1
        rest = [c["record_id"] for c in self.visible()]
        if not rest:
            self.current = None
        elif record_id == self.current:
            left = set(rest)
            following = [r for r in ids[at + 1 :] if r in left]
            self.current = following[0] if following else rest[0]
        return row

    def _complete(self, record: dict[str, str]) -> None:
        """A reviewed record needs its place (the extractor leaves it empty when it found none)
        and, where candidates carry it, its scope: CorrectionError naming the field if not."""
        if not record.get("jurisdiction"):
            raise CorrectionError(
                "jurisdiction",
                "no place was found for this figure: type its province (p), or reject it (x)",
            )
        if "scope" in self.correctable and not record.get("scope"):
            raise CorrectionError("scope", "choose the figure's scope (s): total, area or part")

    def checked(self, item: dict[str, str], corrections: dict[str, str]) -> dict[str, str]:
        """The corrections that change the item, as a review file writes them; CorrectionError
        naming the field for one the records would refuse."""
        out: dict[str, str] = {}
        for name, raw in corrections.items():
            if name not in self.correctable:
                raise CorrectionError(name, f"{name} cannot be corrected in a review file")
            text = " ".join(str(raw).split())
            value = self._field(name, text, item, {**item, **out})
            if value != item.get(name, "") and not (
                name == "level" and value == "-" and not item[name]
            ):
                out[name] = value
        return out

    def _field(self, name: str, text: str, item: dict[str, str], now: dict[str, str]) -> str:
        from analysis.records.reviews import CLEAR

        if name == "indicator":
            return self._indicator(text)
        if name == "value":
            return self._value(text, now.get("indicator") or item["indicator"])
        if name == "qualifier":
            return _one_of(name, text, QUALIFIERS)
        if name == "jurisdiction":
            return self._place(text)
        if name == "period":
            from analysis.records.periods import parse_period

            try:
                parse_period(text)
            except ValueError as exc:
                raise CorrectionError(name, str(exc)) from None
            return text
        if name == "level":
            return CLEAR if text in (NO_LEVEL, CLEAR) else _one_of(name, text, LEVELS)
        if name == "scope":
            return _one_of(name, text, SCOPES)
        return text

    def _indicator(self, text: str) -> str:
        codes = self.reference.indicators
        if text in codes:
            return text
        by_name = {v["name_vi"]: k for k, v in codes.items()}
        if text in by_name:
            return by_name[text]
        close = difflib.get_close_matches(text, list(codes), n=1)
        hint = f" (did you mean {close[0]}?)" if close else ""
        raise CorrectionError("indicator", f"indicator {text!r} is not in the catalog{hint}")

    def _value(self, text: str, indicator: str) -> str:
        plain = text.replace(" ", "").replace("\u00a0", "")
        if _THOUSANDS_DOT.fullmatch(plain):
            plain = plain.replace(".", "")  # 1.300 as a Vietnamese reader reads it
        elif "," in plain and "." not in plain:
            plain = plain.replace(",", ".")  # 84,9
        if not _PLAIN.fullmatch(plain):
            raise CorrectionError(
                "value", f"value {text!r} is not a number (write 1300, 1.300 or 84,9)"
            )
        number = float(plain)
        unit = self.reference.indicators.get(indicator, {}).get("unit", "")
        if unit == "percent" and number > 100:
            raise CorrectionError("value", f"{indicator} is a percentage: {text} is over 100")
        if unit != "percent" and not number.is_integer():
            raise CorrectionError("value", f"{indicator} counts {unit}: {text} is not whole")
        return format_value(number)

    def _place(self, text: str) -> str:
        places = self.reference.places
        if text in places:
            return text
        plain = {_plain(p): p for p in places}
        key = _plain(re.sub(r"^(tỉnh|thành phố|tp\.?)\s+", "", text, flags=re.I))
        if key in plain:
            return plain[key]
        close = difflib.get_close_matches(key, list(plain), n=1, cutoff=0.8)
        hint = f" (did you mean {plain[close[0]]}?)" if close else ""
        raise CorrectionError(
            "jurisdiction", f"{text!r} is not a province or city, nor {NATIONAL}{hint}"
        )


def own_file(reviewer: str, folder: Path) -> Path:
    """The reviewer's file, `<reviewer>.csv`; `<reviewer>-view.csv` beside it when the first
    was written by hand with fewer columns than a decision of the view fills in."""
    from analysis.fileio import read_bytes, strict_csv_rows
    from analysis.records.reviews import REVIEW_COLUMNS

    path = reviewer_file(reviewer, folder)
    if path.is_file() and read_bytes(path).strip():
        header = next(strict_csv_rows(read_bytes(path), str(path)))[1]
        if not set(REVIEW_COLUMNS) <= set(header):
            return path.with_name(f"{reviewer}-view.csv")
    return path


def _one_of(name: str, text: str, allowed: tuple[str, ...]) -> str:
    if text not in allowed:
        raise CorrectionError(name, f"{name} {text!r} is not one of {', '.join(allowed)}")
    return text


def _review_files(data: Path | None) -> list[Path]:
    from analysis.fileio import list_files

    folder = (data or Path()) / "reviews"
    return list_files(folder, (".csv",))[0] if folder.is_dir() else []
