"""Scoring extracted records against an answer key: precision, recall and F1, and what differs.

A prediction counts (a *full match*) when doc_id, indicator, value, jurisdiction and period all
agree with a gold row; rows are matched as multisets (a figure reported twice must be found
twice), values compare as numbers, and only the catalog's indicators count. Two more measures:
- *lenient match*: doc_id, indicator and value agree; place and period are ignored (the number
  was found and named right, wherever it was placed or dated);
- *scope match share*: among the full matches, the share whose `scope` equals gold's (when both
  files have a `scope` column), paired as multisets within each matched key.
"""

from __future__ import annotations

import csv
import io
import math
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from analysis.contract import EXPLAIN_COLUMNS, SCOPE_COLUMNS, format_value
from analysis.errors import DataError, Problem
from analysis.fileio import read_bytes

MATCH_COLUMNS = ("doc_id", "indicator", "value", "jurisdiction", "period")
LENIENT_COLUMNS = ("doc_id", "indicator", "value")
# Shown beside missed and false figures when the files have them; not needed to score.
CONTEXT_COLUMNS = ("qualifier", "level", "evidence")
# A false figure whose number and indicator a gold row has: found, but placed or dated wrong.
_SAME_NUMBER = ("doc_id", "indicator", "value")


@dataclass(frozen=True)
class Score:
    """Counts overall and per indicator, and the figures that differ."""

    per_indicator: pd.DataFrame  # index indicator; gold, predicted, matched, precision, recall, f1
    missed: pd.DataFrame  # gold rows no prediction matched
    false: pd.DataFrame  # predictions no gold row matched
    ignored: int  # predicted rows outside the catalog, not counted
    lenient: int = 0  # predictions matching a gold row on doc_id, indicator and value
    scope_agreed: int | None = None  # full matches whose scope is gold's (None: not compared)
    scope_differs: pd.DataFrame | None = None  # gold rows matched with another scope

    @property
    def gold(self) -> int:
        return int(self.per_indicator["gold"].sum())

    @property
    def predicted(self) -> int:
        return int(self.per_indicator["predicted"].sum())

    @property
    def matched(self) -> int:
        return int(self.per_indicator["matched"].sum())

    @property
    def precision(self) -> float:
        return _ratio(self.matched, self.predicted)

    @property
    def recall(self) -> float:
        return _ratio(self.matched, self.gold)

    @property
    def f1(self) -> float:
        return _ratio(2 * self.matched, self.predicted + self.gold)

    @property
    def lenient_precision(self) -> float:
        return _ratio(self.lenient, self.predicted)

    @property
    def lenient_recall(self) -> float:
        return _ratio(self.lenient, self.gold)

    @property
    def lenient_f1(self) -> float:
        return _ratio(2 * self.lenient, self.predicted + self.gold)

    @property
    def scope_share(self) -> float:
        """The share of full matches whose scope equals gold's (nan when not compared)."""
        return math.nan if self.scope_agreed is None else _ratio(self.scope_agreed, self.matched)


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else math.nan


def read_figures(path: str | Path) -> pd.DataFrame:
    """Read a records CSV (predictions or gold); DataError names the file and line of each fault.

    Columns are kept as text except `value` (float); `line` gives each row's line in the file.
    """
    path = Path(path)
    name = str(path)
    raw = read_bytes(path)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DataError.single(
            name,
            f"not UTF-8: invalid byte 0x{raw[exc.start]:02x}",
            "not-utf8",
            line=raw[: exc.start].count(b"\n") + 1,
            byte=exc.start,
        ) from None
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        return _parse_rows(reader, name)
    except csv.Error as exc:
        raise DataError.single(
            name, f"not readable as CSV: {exc}", "bad-csv", line=reader.line_num or 1
        ) from None


def _parse_rows(reader: Any, name: str) -> pd.DataFrame:  # a csv.reader
    header = next(reader, None)
    if not header:
        raise DataError.single(name, "empty file: no header row", "empty-file", line=1)
    missing = [c for c in MATCH_COLUMNS if c not in header]
    if missing:
        raise DataError.single(
            name, f"missing column(s): {', '.join(missing)}", "missing-column", line=1
        )
    wanted = (*MATCH_COLUMNS, *CONTEXT_COLUMNS, *SCOPE_COLUMNS, *EXPLAIN_COLUMNS, "status")
    keep = [c for c in wanted if c in header]
    where = {c: header.index(c) for c in keep}
    rows, problems = [], []
    line = reader.line_num + 1
    for fields in reader:
        if fields:
            problem = _row_problem(fields, len(header), where["value"], name, line)
            if problem:
                problems.append(problem)
            else:
                row = {c: unicodedata.normalize("NFC", fields[i].strip()) for c, i in where.items()}
                rows.append({**row, "value": float(fields[where["value"]]), "line": line})
        line = reader.line_num + 1
    if problems:
        raise DataError(problems)
    frame = pd.DataFrame(rows, columns=[*keep, "line"])
    if "status" in frame:  # the project's own records: a rejected row is not a figure
        frame = frame[frame["status"] != "rejected"].reset_index(drop=True)
    return frame


def _row_problem(
    fields: list[str], width: int, value_at: int, name: str, line: int
) -> Problem | None:
    if len(fields) != width:
        return Problem(name, f"{len(fields)} fields where the header has {width}", "bad-row", line)
    value = fields[value_at]
    try:
        number = float(value)
    except ValueError:
        number = math.nan
    if not math.isfinite(number):
        return Problem(name, f"value {value!r} is not a plain decimal number", "bad-value", line)
    return None


def _keys(frame: pd.DataFrame, columns: tuple[str, ...] = MATCH_COLUMNS) -> list[tuple]:
    return list(zip(*(frame[c] for c in columns), strict=True))


def _unmatched(frame: pd.DataFrame, matched: Counter) -> pd.DataFrame:
    left = matched.copy()
    keep = []
    for key in _keys(frame):
        keep.append(left[key] <= 0)
        left[key] -= 1
    return frame[keep].reset_index(drop=True)


def score_records(predicted: pd.DataFrame, gold: pd.DataFrame, indicators: Iterable[str]) -> Score:
    """Score predictions against gold, counting only rows whose indicator is in `indicators`."""
    order = list(indicators)
    catalog = set(order)
    ignored = int((~predicted["indicator"].isin(catalog)).sum())
    predicted = predicted[predicted["indicator"].isin(catalog)]
    gold = gold[gold["indicator"].isin(catalog)]
    pred_keys, gold_keys = Counter(_keys(predicted)), Counter(_keys(gold))
    matched = pred_keys & gold_keys
    per = pd.DataFrame(
        {
            "gold": gold["indicator"].value_counts(),
            "predicted": predicted["indicator"].value_counts(),
            "matched": pd.Series(_by_indicator(matched), dtype="int64"),
        }
    )
    per = per.reindex([c for c in order if c in per.index]).fillna(0).astype("int64")
    per["precision"] = per["matched"] / per["predicted"].where(per["predicted"] > 0)
    per["recall"] = per["matched"] / per["gold"].where(per["gold"] > 0)
    per["f1"] = 2 * per["matched"] / (per["predicted"] + per["gold"])
    per.index.name = "indicator"
    lenient = Counter(_keys(predicted, LENIENT_COLUMNS)) & Counter(_keys(gold, LENIENT_COLUMNS))
    agreed, differs = _scope_agreement(predicted, gold, matched)
    return Score(
        per,
        _unmatched(gold, matched),
        _unmatched(predicted, matched),
        ignored,
        lenient=sum(lenient.values()),
        scope_agreed=agreed,
        scope_differs=differs,
    )


def _scope_agreement(
    predicted: pd.DataFrame, gold: pd.DataFrame, matched: Counter
) -> tuple[int | None, pd.DataFrame | None]:
    """How many full matches have gold's scope (paired as multisets within each matched key),
    and the gold rows matched with another scope (with the `predicted_scope` they got)."""
    if "scope" not in predicted or "scope" not in gold:
        return None, None
    scopes: dict[tuple, tuple[Counter, Counter]] = {key: (Counter(), Counter()) for key in matched}
    for side, frame in enumerate((predicted, gold)):
        for key, scope in zip(_keys(frame), frame["scope"], strict=True):
            if key in scopes:
                scopes[key][side][scope] += 1
    agreed = 0
    differs = []
    for key, (pred, want) in scopes.items():
        both = pred & want
        agreed += sum(both.values())
        left = sorted((pred - both).elements())
        for scope in sorted((want - both).elements()):
            got = left.pop() if left else ""
            row = dict(zip(MATCH_COLUMNS, key, strict=True))
            differs.append({**row, "scope": scope, "predicted_scope": got})
    return agreed, pd.DataFrame(differs, columns=[*MATCH_COLUMNS, "scope", "predicted_scope"])


def _by_indicator(matched: Counter) -> Counter:
    counts: Counter = Counter()
    for key, n in matched.items():
        counts[key[1]] += n
    return counts


def score_files(
    predicted: str | Path, gold: str | Path, indicators: Iterable[str] | None = None
) -> Score:
    """Score a predictions CSV against a gold CSV; indicators default to the catalog's codes."""
    if indicators is None:
        from analysis.reference import load_catalog

        indicators = load_catalog()["code"]
    return score_records(read_figures(predicted), read_figures(gold), indicators)


def format_score(score: Score) -> str:
    """The score as text: overall figures, a table per indicator, then the missed and false rows."""
    lines = [
        f"gold {score.gold}, predicted {score.predicted}, matched {score.matched}"
        + (
            f" ({score.ignored} predicted rows outside the catalog not counted)"
            if score.ignored
            else ""
        ),
        f"precision {_fmt(score.precision)}  recall {_fmt(score.recall)}  F1 {_fmt(score.f1)}",
        f"lenient (doc_id, indicator, value; place and period ignored): matched {score.lenient}, "
        f"precision {_fmt(score.lenient_precision)}  recall {_fmt(score.lenient_recall)}  "
        f"F1 {_fmt(score.lenient_f1)}",
    ]
    if score.scope_agreed is not None:
        lines.append(
            f"scope match share: {score.scope_agreed} of {score.matched} full matches "
            f"({_fmt(score.scope_share)})"
        )
    lines += ["", _table(score.per_indicator)]
    by_source = misses_by_source(score)
    if by_source is not None:
        lines += [
            "",
            "false figures by where their place and period came from "
            "(misplaced: gold has the number, with another place or period):",
            by_source.to_string(index=False),
        ]
    for title, frame in (
        ("missed (in gold, not predicted)", score.missed),
        ("false (predicted, not in gold)", score.false),
    ):
        lines += ["", f"{title}: {len(frame)}"]
        lines += [_figure_line(row) for row in frame.to_dict("records")]
    if score.scope_differs is not None and len(score.scope_differs):
        lines += ["", f"matched with another scope (gold -> predicted): {len(score.scope_differs)}"]
        lines += [
            f"  {r['doc_id']} {r['indicator']} {format_value(r['value'])} {r['jurisdiction']} "
            f"{r['period']}: {r['scope']} -> {r['predicted_scope'] or '(none)'}"
            for r in score.scope_differs.to_dict("records")
        ]
    return "\n".join(lines)


def misses_by_source(score: Score) -> pd.DataFrame | None:
    """The false predictions counted by (place_from, period_from), with how many of them are a
    missed gold figure placed or dated wrong; None when the predictions carry no explanation."""
    false = score.false
    if not {"place_from", "period_from"} <= set(false.columns):
        return None
    missed = Counter(_keys_of(score.missed, _SAME_NUMBER))
    misplaced = []
    for key in _keys_of(false, _SAME_NUMBER):
        misplaced.append(missed[key] > 0)
        missed[key] -= 1
    table = false.assign(misplaced=misplaced).groupby(["place_from", "period_from"])
    out = table.agg(false=("misplaced", "size"), misplaced=("misplaced", "sum")).reset_index()
    return out.sort_values(["false", "place_from"], ascending=[False, True])


def _keys_of(frame: pd.DataFrame, columns: tuple[str, ...]) -> list[tuple]:
    return list(zip(*(frame[c] for c in columns), strict=True))


def _table(per_indicator: pd.DataFrame) -> str:
    width = max([len("indicator"), *map(len, per_indicator.index)])
    table = per_indicator.reset_index()
    table["indicator"] = table["indicator"].str.ljust(width)
    table = table.rename(columns={"indicator": "indicator".ljust(width)})
    return table.to_string(index=False, float_format=_fmt, na_rep="-")


def _fmt(x: float) -> str:
    return "-" if math.isnan(x) else f"{x:.3f}"


def _figure_line(row: dict) -> str:
    where = f"line {row['line']}: " if row.get("line") is not None else ""
    text = (
        f"  {where}{row['doc_id']} {row['indicator']} {format_value(row['value'])} "
        f"{row['jurisdiction']} {row['period']}"
    )
    if row.get("evidence"):
        text += f"  «{row['evidence']}»"
    if row.get("place_from"):
        text += f"  [place: {row['place_from']}, period: {row.get('period_from', '')}]"
    return text
