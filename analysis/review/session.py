"""One reviewer's pass over the pending candidates: what to show next, and each decision kept.

`ReviewSession` holds the queue (candidates no person has decided, in the order the extractor
wrote them), the filters (source, indicator, province) and the item shown. A decision is checked
(a correction must be a value the records accept; a rejection or a correction needs its reason),
then appended at once to the reviewer's file in `data/reviews/` (`analysis.records.review_log`)
and the item leaves the queue. Opening a session again starts after the reviewer's last
decision, so a closed browser or a restarted kernel resumes where the work stopped.
The checks of a correction are `analysis.review.corrections`; the view (`analysis.review.widget`)
draws the session's item and progress and calls `decide`, `move` and `set_filters`.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from analysis.contract import CONTRACT_COLUMNS, EXPLAIN_COLUMNS, SCOPE_COLUMNS
from analysis.fileio import list_files, read_bytes, strict_csv_rows
from analysis.paths import data_dir
from analysis.records.pending import Queue, review_queue
from analysis.records.review_log import append_review, review_row, reviewer_file
from analysis.records.reviews import CORRECTABLE, REVIEW_COLUMNS
from analysis.review.corrections import CorrectionError, Corrections, Reference, plain
from analysis.review.sources import source_infos

# What the extractor read, in the contract's order (doc_id and evidence are shown otherwise);
# `scope`, `area` and `scope_note` only where the candidates carry them.
READ = CONTRACT_COLUMNS[1:-1]
READING = (*READ, *SCOPE_COLUMNS)
WHY = EXPLAIN_COLUMNS
UNFILTERED = ""
NO_PLACE = "(no place)"


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
        self.data = self.data or data_dir()
        self.file = own_file(self.reviewer, self.data / "reviews")
        self.reload()

    def reload(self) -> None:
        """Read the candidates and every decision again; show the item after the last decision
        in the reviewer's own file (or the first pending one)."""
        self.queue = review_queue(self.data)
        self.sources = source_infos(self.data)
        self.reference = Reference.load(self.queue.candidates)
        self.corrections = Corrections(self.reference)
        present = {k for c in self.queue.candidates for k in c}
        self.fields = [f for f in READING if f in READ or f in present]
        self.current = self._resume()

    @property
    def correctable(self) -> tuple[str, ...]:
        """The fields a review file may correct (the records' review columns in force)."""
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
                for p, n in sorted(per["province"].items(), key=lambda x: plain(x[0]))
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
        changes = {} if rejected else self.corrections.checked(item, corrections, self.correctable)
        reason = " ".join(reason.split())
        if decision == "rejected" and not reason:
            raise CorrectionError("reason", "a rejection needs its reason")
        if changes and not reason and decision == "reviewed":
            raise CorrectionError(
                "reason", f"a correction of {', '.join(changes)} needs its reason"
            )
        if not rejected:
            self.corrections.complete({**item, **changes}, self.correctable)
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


def own_file(reviewer: str, folder: Path) -> Path:
    """The reviewer's file, `<reviewer>.csv`; `<reviewer>-view.csv` beside it when the first
    was written by hand with fewer columns than a decision of the view fills in."""
    path = reviewer_file(reviewer, folder)
    if path.is_file() and read_bytes(path).strip():
        header = next(strict_csv_rows(read_bytes(path), str(path)))[1]
        if not set(REVIEW_COLUMNS) <= set(header):
            return path.with_name(f"{reviewer}-view.csv")
    return path


def _review_files(data: Path | None) -> list[Path]:
    folder = (data or Path()) / "reviews"
    return list_files(folder, (".csv",))[0] if folder.is_dir() else []
