"""Replay check for refactors of the extractor: record `extract_text` output on every article of
tests/articles and tests/fixtures/data/articles, every dev-set text (tests/extract_devset*.csv)
and a few pipe tables written here, then compare a later run against the recording.

    python benchmarks/extract_replay.py record [FILE]   # write the recording (default: $TMPDIR)
    python benchmarks/extract_replay.py check [FILE]    # exit 1, naming each text that differs
With no mode (as `make bench` runs it): check if the recording exists, else record.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

from analysis.extract import extract_article, extract_text
from analysis.sources.articles import read_article

TESTS = Path(__file__).resolve().parent.parent / "tests"
DEFAULT = Path(tempfile.gettempdir()) / "extract_replay.json"  # a run's scratch, not data
ARTICLE_DIRS = (TESTS / "articles", TESTS / "fixtures" / "data" / "articles")
DEVSETS = sorted(TESTS.glob("extract_devset*.csv"))
# Pipe tables in the shapes _table_figures reads: periods as columns or as rows, units in the
# label's bracket, as % or named by the label; a column that is no period; a half-year header.
TABLES = {
    "table_columns": (
        "Sở Tư pháp tỉnh Hưng Yên\n\nKết quả công tác trợ giúp pháp lý:\n\n"
        "| Chỉ tiêu | Năm 2022 | Năm 2023 | Tăng/giảm |\n|---|---|---|---|\n"
        "| Số vụ việc trợ giúp pháp lý (vụ việc) | 812 | 673 | -17% |\n"
        "| Tỷ lệ hòa giải thành (%) | 81,5 | 84 | 2,5 |\n"
        "| Số cuộc tuyên truyền pháp luật (cuộc) | 1.234 | 1.456 | 222 |\n"
    ),
    "table_rows": (
        "Tỉnh Nghệ An\n\n| Năm | Số vụ việc hòa giải thành | Số văn bản được thẩm định |\n"
        "|---|---|---|\n| 2021 | 412 | 35 |\n| 2022 | 398 | 41 |\n"
    ),
    "table_half_year": (
        "Cập nhật: 20/07/2022\n\nTại tỉnh Đắk Nông, kết quả:\n\n"
        "| Nội dung | 6 tháng đầu năm 2022 | Năm 2021 |\n|---|---|---|\n"
        "| Hòa giải thành (vụ việc) | 186 | 350 |\n| Phiếu lý lịch tư pháp được cấp | 2.100 | 4.022\n"
    ),
    "table_labels": (
        "Tại Hà Nội, năm 2023:\n\n| Chỉ tiêu | 6 tháng đầu năm | Năm 2022 | So sánh |\n|---|---|---|---|\n"
        "| Số vụ việc tiếp nhận | 845 | 1.020 | 83% |\n"
        "| Số lượt người tham dự (nghìn lượt người) | 12,5 | 30 | 41% |\n"
        "| Văn bản QPPL cấp tỉnh được ban hành (văn bản) | 28 | 45 | 62% |\n"
        "| Chỉ tiêu hòa giải thành (vụ việc) | 700 | 900 | 77% |\n"
        "| Số phiếu lý lịch tư pháp đã cấp (phiếu) | 4.100 | 8.022 | 51% |\n"
        "| Số vụ việc (vụ việc hòa giải thành) | 610 | 880 | 69% |\n"
    ),
}


def _texts() -> Iterator[tuple[str, list[dict]]]:
    """(key, records) for every text replayed."""
    for folder in ARTICLE_DIRS:
        for path in sorted([*folder.glob("*.txt"), *folder.glob("*.md")]):
            yield f"{folder.relative_to(TESTS)}/{path.name}", extract_article(read_article(path))
    for devset in DEVSETS:
        with devset.open(encoding="utf-8", newline="") as fh:
            for line, row in enumerate(csv.DictReader(fh), start=2):
                if row["text"]:
                    key = f"{devset.name}:{line}:{row['case_id']}"
                    yield key, extract_text(row["text"], row["case_id"])
    for name, text in TABLES.items():
        yield name, extract_text(text, name)


def _record() -> dict[str, list[dict]]:
    return {key: json.loads(json.dumps(records, default=str)) for key, records in _texts()}


def main(argv: list[str] | None = None) -> int:
    """Record the outputs, or check them against a recording; print what differs."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mode", nargs="?", choices=("record", "check"))
    parser.add_argument("file", nargs="?", type=Path, default=DEFAULT)
    args = parser.parse_args(argv)
    mode = args.mode or ("check" if args.file.exists() else "record")
    now = _record()
    figures = sum(len(r) for r in now.values())
    if mode == "record":
        args.file.write_text(json.dumps(now, ensure_ascii=False, indent=0), encoding="utf-8")
        print(f"recorded {len(now)} texts, {figures} records into {args.file}")
        return 0
    before = json.loads(args.file.read_text(encoding="utf-8"))
    differ = sorted(k for k in before.keys() | now.keys() if before.get(k) != now.get(k))
    for key in differ[:20]:
        print(
            f"DIFFERS {key}: {len(before.get(key, []))} records before, {len(now.get(key, []))} now"
        )
    print(f"{len(now)} texts, {figures} records; {len(differ)} differ from {args.file}")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
