"""`python -m analysis.report.render FOLDER`: WeasyPrint in a process of its own, the one
`analysis.report.pdf.render_pdfs` starts with SOURCE_DATE_EPOCH in its environment (font
subsetting stamps each embedded font with the clock otherwise; the variable is its only input).

Reads a JSON list of jobs (`html`, `identifier`) on stdin and writes job i's PDF to
FOLDER/i.pdf, loading nothing from outside the HTML (`fetcher`). Prints a JSON object on
stdout: `{"written": n}`, or `{"job": i, "refused": [...]}` for the first job that asked for
anything else (and nothing after it is rendered).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from weasyprint import HTML

from analysis.report.fetcher import EmbeddedOnlyFetcher


def main(argv: list[str]) -> int:
    folder = Path(argv[0])
    jobs = json.load(sys.stdin)
    for number, job in enumerate(jobs):
        fetcher = EmbeddedOnlyFetcher()
        pdf = HTML(string=job["html"], url_fetcher=fetcher, base_url=None).write_pdf(
            pdf_identifier=job["identifier"].encode("ascii")
        )
        if fetcher.refused:
            json.dump({"job": number, "refused": fetcher.refused}, sys.stdout)
            return 0
        (folder / f"{number}.pdf").write_bytes(pdf)
    json.dump({"written": len(jobs)}, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
