"""What is left to review: the candidates no person has decided, as the extractor wrote them.

A candidate is decided when its record_id is in a file people keep: written in `records/` or
reviewed in `reviews/`. The rest are pending, read straight from `candidates/` as text (each
cell as written, the formula guard taken off), so a queue can be shown even while another
file of the data has a problem for `make validate` to report.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from analysis.contract import CANDIDATE_COLUMNS
from analysis.fileio import formula_unsafe, list_files, read_bytes, strict_csv_rows
from analysis.paths import data_dir
from analysis.records.review_log import decided_ids


@dataclass
class Queue:
    """The candidates of the data folder: every one (in file order) and the decided ids."""

    candidates: list[dict[str, str]] = field(default_factory=list)
    decided: dict[str, str] = field(default_factory=dict)

    @property
    def pending(self) -> list[dict[str, str]]:
        """The candidates no person has decided, in the order the files hold them."""
        return [c for c in self.candidates if c["record_id"] not in self.decided]

    def counts(self) -> list[tuple[str, int, int]]:
        """(doc_id, pending, candidates) per source, in the order sources first appear."""
        total = Counter(c["doc_id"] for c in self.candidates)
        left = Counter(c["doc_id"] for c in self.pending)
        return [(doc, left[doc], n) for doc, n in total.items()]


def read_candidates(files: list[Path]) -> list[dict[str, str]]:
    """Every candidate row of the files as text, each cell as written (DataError with file:line
    for a file that does not parse to its last byte)."""
    rows: list[dict[str, str]] = []
    seen: set[str] = set()
    for path in files:
        lines = strict_csv_rows(read_bytes(path), str(path))
        _, header = next(lines, (1, []))
        if "record_id" not in header:
            continue
        for line, cells in lines:
            if not cells:
                continue
            row = {c: formula_unsafe(v) for c, v in zip(header, cells, strict=True)}
            row.update({c: row.get(c, "") for c in CANDIDATE_COLUMNS})
            if row["record_id"] in seen:
                continue
            seen.add(row["record_id"])
            row["_file"], row["_line"] = str(path), str(line)
            rows.append(row)
    return rows


def review_queue(data: Path | None = None) -> Queue:
    """The candidates of the data folder (the one in force by default) and who decided which."""
    base = data or data_dir()
    folder = base / "candidates"
    files = list_files(folder, (".csv",))[0] if folder.is_dir() else []
    return Queue(read_candidates(files), decided_ids(base))


def pending_summary(queue: Queue, titles: dict[str, str] | None = None) -> str:
    """`review --pending`: one line per source with candidates left, then the totals."""
    lines = []
    rows = [r for r in queue.counts() if r[1]]
    width = max((len(d) for d, *_ in rows), default=0)
    digits = len(str(max((r[2] for r in rows), default=0)))
    for doc_id, left, total in rows:
        title = (titles or {}).get(doc_id, "")
        counts = f"{left:>{digits}} of {total:>{digits}} left"
        lines.append(f"{counts}  {doc_id:<{width}}  {title}".rstrip())
    left = sum(r[1] for r in queue.counts())
    total = len(queue.candidates)
    sources = len(rows)
    lines.append(
        f"{left} of {total} candidates left to review, in {sources} source"
        f"{'s' if sources != 1 else ''}"
    )
    return "\n".join(lines)
