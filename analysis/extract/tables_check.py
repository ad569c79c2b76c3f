"""Checks of the extractor's rule tables for `python -m analysis validate`: every extract_*.csv
(units, cues, levels, word lists, scope words) and province_aliases.csv loads, its patterns compile, its
codes, levels, qualifiers and provinces exist.

The extractor itself refuses broken tables when it loads them; this reports every problem at
once, with file and line, before any article is read.
"""

from __future__ import annotations

import csv
from pathlib import Path

from analysis.errors import DataError, Problem
from analysis.extract.cues import (
    CATALOG_FILE,
    CUES_FILE,
    ISSUED,
    LEVELS_FILE,
    NOT_A_FIGURE,
    SCOPE_FILE,
    UNITS_FILE,
    WHOLE_OF,
    WORDS_FILE,
    _load_from,
)
from analysis.extract.jurisdiction import ALIASES_FILE, PROVINCE_FILES

LEVELS = ("central", "province", "district", "commune")
RULE = "rule-table"


def _rows(path: Path, problems: list[Problem]) -> list[tuple[int, dict[str, str]]] | None:
    if not path.is_file():
        problems.append(Problem(str(path), "rule table missing", RULE))
        return None
    with path.open(encoding="utf-8", newline="") as fh:
        return list(enumerate(csv.DictReader(fh), start=2))


def _column(path: Path, rows, column: str, problems: list[Problem]) -> bool:
    if rows and column not in rows[0][1]:
        problems.append(Problem(str(path), f"missing column {column!r}", RULE, line=1))
        return False
    return True


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def check_rule_tables(base: Path) -> tuple[list[Problem], int]:
    """Problems in the rule tables of the reference folder `base`, and how many rows they hold."""
    problems: list[Problem] = []
    try:
        _load_from(base)  # compiles every pattern: a broken regex is reported with its line
    except DataError as exc:
        problems += exc.problems
    catalog = _rows(base / CATALOG_FILE, problems) or []
    codes = {r["code"] for _, r in catalog if r.get("code")}
    known = codes | {NOT_A_FIGURE, WHOLE_OF, ISSUED}
    count = 0
    cues_path = base / CUES_FILE
    cues = _rows(cues_path, []) or []
    if _column(cues_path, cues, "indicator", problems):
        for line, r in cues:
            if (r["indicator"] or "").strip() not in known:
                problems.append(
                    Problem(str(cues_path), f"unknown indicator {r['indicator']!r}", RULE, line)
                )
            expect = (r.get("expect") or "").strip()
            code, _, value = expect.partition("=")
            if expect and (code not in codes or not _is_number(value)):
                problems.append(
                    Problem(
                        str(cues_path),
                        f"expect {expect!r} is not <catalog indicator>=<number>",
                        RULE,
                        line,
                    )
                )
    count += len(cues)
    levels_path = base / LEVELS_FILE
    levels = _rows(levels_path, []) or []
    if _column(levels_path, levels, "level", problems):
        for line, r in levels:
            if (r["level"] or "").strip() not in LEVELS:
                problems.append(
                    Problem(str(levels_path), f"level must be one of {LEVELS}", RULE, line)
                )
    count += len(levels)
    count += sum(len(_rows(base / name, []) or []) for name in (UNITS_FILE, WORDS_FILE))
    scope_path = base / SCOPE_FILE
    scopes = _rows(scope_path, problems) or []
    if _column(scope_path, scopes, "expect", problems):
        for line, r in scopes:
            if (r["expect"] or "").strip() not in ("part", "total") or not (
                r["example"] or ""
            ).strip():
                problems.append(
                    Problem(
                        str(scope_path),
                        "a row needs an example and expect part or total",
                        RULE,
                        line,
                    )
                )
    count += len(scopes)
    provinces = set()
    for name, column in PROVINCE_FILES:
        for _, r in _rows(base / name, problems) or []:
            provinces.add((r.get(column) or "").strip())
    aliases_path = base / ALIASES_FILE
    aliases = _rows(aliases_path, problems)
    if aliases is not None:
        for column in ("alias", "province"):
            _column(aliases_path, aliases, column, problems)
        for line, r in aliases:
            alias, province = (r.get("alias") or "").strip(), (r.get("province") or "").strip()
            if not alias:
                problems.append(Problem(str(aliases_path), "empty alias", RULE, line))
            if province not in provinces:
                problems.append(
                    Problem(
                        str(aliases_path),
                        f"alias {alias!r} points at {province!r}, which is no province of "
                        f"{' or '.join(n for n, _ in PROVINCE_FILES)}",
                        RULE,
                        line,
                    )
                )
        count += len(aliases)
    return problems, count
