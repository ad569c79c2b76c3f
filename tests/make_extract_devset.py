"""Build tests/extract_devset.csv from the shared corpus of real figures (run by hand, once).

Only the pages of the tune half (analysis/extract/devsplit.py) are used: the check half's figures
are never written into the repository, so no test can tune the extractor on them. The real page
texts themselves are scored by benchmarks/extract_devset.py; these synthetic cases stay as
regression tests of the quotes' phrasing.

Each tune page of the shared corpus (shared/corpus/, given as the argument) becomes one short text: its real title, a date line when the page
shows its date, then one paragraph per (jurisdiction, period) of its figures that opens the way
real pages do (a period phrase and a place phrase, in one of a few styles) and goes on with the
page's own quotes. Its expected rows are that page's figures. Trap cases (no figure expected) are
and cases of page structure (a span ending in a half-year, "10 năm thi hành Luật", "từ năm 2013
đến nay" and "5 năm qua" on a dated page, "tại điểm cầu tỉnh X" of a national review, a province
named only in the title, an association's figures) are written by hand, with real quotes where
the corpus has them, in tests/extract_devset_extra.csv and appended as they are.

Usage: python tests/make_extract_devset.py PATH/TO/shared/corpus
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

from analysis.extract.devsplit import TUNE, half_of

HERE = Path(__file__).parent
OUT = HERE / "extract_devset.csv"
EXTRA = HERE / "extract_devset_extra.csv"
COLUMNS = (
    "case_id",
    "kind",
    "text",
    "indicator",
    "value",
    "qualifier",
    "level",
    "jurisdiction",
    "period",
)
CITIES = {"Hà Nội", "Hồ Chí Minh", "Đà Nẵng", "Hải Phòng", "Cần Thơ"}
ROMAN = {"1": "I", "2": "II", "3": "III", "4": "IV"}


def _period_phrase(period: str, published: str, style: int) -> str:
    """A period as real pages open a paragraph with it."""
    if ".." in period:
        first, last = period.split("..")
        if published[:4] == last:
            return f"Từ năm {first} đến nay"
        return f"Giai đoạn {first} - {last}" if style % 2 == 0 else f"Từ năm {first} đến năm {last}"
    year, _, kind = period.partition("-")
    if not kind:
        return f"Năm {year}" if style % 2 == 0 else f"Trong năm {year}"
    if kind == "H1":
        return f"6 tháng đầu năm {year}" if style % 2 == 0 else f"Trong 6 tháng đầu năm {year}"
    if kind == "9M":
        return f"9 tháng đầu năm {year}"
    if kind.startswith("Q"):
        return f"Quý {ROMAN[kind[1]]}/{year}"
    if kind == "YTD":
        return "Từ đầu năm đến nay" if published[:4] == year else f"Từ đầu năm {year} đến nay"
    raise ValueError(f"no phrase for period {period!r}")


def _place(jurisdiction: str) -> str:
    return f"{'thành phố' if jurisdiction in CITIES else 'tỉnh'} {jurisdiction}"


def _opener(jurisdiction: str, when: str, style: int) -> str:
    """The paragraph's opening words, ending where the page's quotes go on."""
    low = when[0].lower() + when[1:]
    if jurisdiction == "Việt Nam":
        return (
            f"{when}, trên phạm vi cả nước, ",
            f"Theo Bộ Tư pháp, {low}, ",
            f"{when}, toàn quốc ",
        )[style % 3]
    place = _place(jurisdiction)
    return (
        f"{when}, ngành Tư pháp {place} ",
        f"Tại {place}, {low}, ",
        f"Sở Tư pháp {place} cho biết, {low}, ",
    )[style % 3]


OVERLAP = 8


def _quotes(evidence: list[str]) -> list[str]:
    """The distinct quotes in page order, without one held inside another; a quote whose start
    repeats the end of the one before it (the page's words overlap) is joined onto it."""
    unique = list(dict.fromkeys(evidence))
    kept = [q for q in unique if not any(q != o and q in o for o in unique)]
    joined: list[str] = []
    for q in kept:
        prev = joined[-1] if joined else ""
        shared = next(
            (n for n in range(min(len(prev), len(q)), OVERLAP - 1, -1) if prev.endswith(q[:n])), 0
        )
        if shared:
            joined[-1] = prev + q[shared:]
        else:
            joined.append(q)
    return joined


def _sentence(opener: str, quotes: list[str]) -> str:
    """The quotes after the opener: a quote opening with a capital starts a new sentence."""
    out = opener + quotes[0]
    for q in quotes[1:]:
        out += (". " if q[0].isupper() else ", ") + q
    return out + "."


def build(corpus: Path) -> list[dict[str, str]]:
    with (corpus / "sources.csv").open(encoding="utf-8", newline="") as fh:
        sources = {r["doc_id"]: r for r in csv.DictReader(fh)}
    with (corpus / "figures.csv").open(encoding="utf-8", newline="") as fh:
        figures = [f for f in csv.DictReader(fh) if half_of(f["doc_id"]) == TUNE]
    rows: list[dict[str, str]] = []
    for style, doc_id in enumerate(dict.fromkeys(f["doc_id"] for f in figures)):
        source = sources[doc_id]
        mine = [f for f in figures if f["doc_id"] == doc_id]
        lines = [source["title"]]
        if source["published"]:
            y, m, d = source["published"].split("-")
            lines.append(f"Cập nhật: {d}/{m}/{y}")
        lines.append("")
        groups = dict.fromkeys((f["jurisdiction"], f["period"]) for f in mine)
        for jurisdiction, period in groups:
            quotes = _quotes(
                [
                    f["evidence"]
                    for f in mine
                    if (f["jurisdiction"], f["period"]) == (jurisdiction, period)
                ]
            )
            when = _period_phrase(period, source["published"], style)
            lines.append(_sentence(_opener(jurisdiction, when, style), quotes))
            lines.append("")
        text = "\n".join(lines).rstrip() + "\n"
        for i, f in enumerate(mine):
            rows.append(
                {
                    "case_id": doc_id,
                    "kind": "figure",
                    "text": text if i == 0 else "",
                    **{c: f[c] for c in COLUMNS[3:]},
                }
            )
    return rows


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        sys.exit("usage: python tests/make_extract_devset.py PATH/TO/shared/corpus")
    corpus = Path(argv[1])
    rows = build(corpus)
    with EXTRA.open(encoding="utf-8", newline="") as fh:
        rows += [
            {**r, "kind": "context" if r["indicator"] or not r["text"] else "trap"}
            for r in csv.DictReader(fh)
        ]
    with OUT.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows({c: r.get(c, "") for c in COLUMNS} for r in rows)
    print(f"{OUT}: {len(rows)} rows")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
