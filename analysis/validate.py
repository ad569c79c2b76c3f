"""`python -m analysis validate`: check every data file and summarise what is there.

Above the stages, as the command line is: it checks what each stage reads (the reference
tables, the extractor's rule tables, articles, records, candidates, reviews, the registry).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from analysis.contract import SCOPES, STATUSES
from analysis.errors import DataError, Problem
from analysis.extract.tables_check import check_rule_tables
from analysis.fileio import skipped_files
from analysis.paths import (
    articles_dir,
    candidates_dir,
    data_dir,
    records_dir,
    reference_dir,
    reviews_dir,
)
from analysis.records.citations import collapse_figures
from analysis.records.consistency import check_consistency
from analysis.records.load import load_records
from analysis.records.plausibility import placed, plausibility, unknown_accepts
from analysis.records.read import record_files
from analysis.reference import (
    CEILINGS_FILE,
    load_catalog,
    load_ceilings,
    load_provinces_2025,
    load_tile_grid,
)
from analysis.schema.rules import Rule
from analysis.sources.articles import ARTICLE_SUFFIXES, article_index, load_articles
from analysis.sources.registry import bundled_problems, read_registry, registry_path


@dataclass
class ValidationReport:
    """Problems found (errors), warnings (files skipped, figures a person may accept), how many
    a person accepted, and counts of what loaded (for the summary)."""

    problems: list[Problem] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    findings: pd.DataFrame | None = None
    warnings: list[Problem] = field(default_factory=list)
    accepted: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        lines = [f"data folder: {data_dir()}"]
        lines += [f"  {k}: {v}" for k, v in self.counts.items()]
        if self.findings is not None and len(self.findings):
            lines.append(f"{len(self.findings)} consistency finding(s), not errors:")
            lines += [f"  {m}" for m in self.findings["message"]]
        if self.warnings or self.accepted:
            lines.append(
                f"{len(self.warnings)} warning(s), not errors ({self.accepted} accepted in a "
                "note; see docs/bad-inputs.md):"
            )
            lines += [f"  warning: {w}" for w in self.warnings]
        if self.problems:
            lines.append(str(DataError(self.problems)))
        else:
            lines.append("all data valid")
        return "\n".join(lines)


def _articles(report: ValidationReport) -> None:
    if not articles_dir().is_dir():
        report.counts["articles"] = 0
        return
    try:
        report.counts["articles"] = len(load_articles())
    except DataError as exc:
        report.problems += exc.problems


def _rule_tables(report: ValidationReport) -> None:

    problems, rows = check_rule_tables(reference_dir())
    report.problems += problems
    report.counts["extractor rule rows"] = rows


def _skipped(report: ValidationReport) -> None:
    """Name every file of the data folder's folders that no loader reads, with why."""

    for folder, suffixes in (
        (records_dir(), (".csv",)),
        (candidates_dir(), (".csv",)),
        (reviews_dir(), (".csv",)),
        (articles_dir(), ARTICLE_SUFFIXES),
    ):
        if folder.is_dir():
            report.warnings += skipped_files(folder, suffixes)


def validate_all() -> ValidationReport:
    """Validate reference tables, articles and records; collect every problem rather than stop.

    A problem met by two checks (an unreadable article is read for the list of articles and
    for the evidence of its records) is listed once.
    """
    report = _validate()
    report.problems = list(dict.fromkeys(report.problems))
    return report


def _validate() -> ValidationReport:

    report = ValidationReport()
    try:
        report.counts["indicators"] = len(load_catalog())
        report.counts["provinces after the 2025 merger"] = len(load_provinces_2025())
    except DataError as exc:
        report.problems += exc.problems
        return report
    for after_merger in (False, True):
        try:
            load_tile_grid(after_merger)
        except DataError as exc:
            report.problems += exc.problems
    _rule_tables(report)
    _skipped(report)
    _articles(report)
    try:
        records = load_records(STATUSES)
    except DataError as exc:
        report.problems += exc.problems
        return report
    for status in STATUSES:
        report.counts[f"records {status}"] = int((records["status"] == status).sum())
    reviewed = records[records["status"] == "reviewed"]
    figures = collapse_figures(reviewed)
    report.counts["figures reviewed (one per figure, however many sources state it)"] = len(figures)
    for scope in SCOPES:
        report.counts[f"  of scope {scope}"] = int((figures["scope"] == scope).sum())
    report.counts["candidates with no jurisdiction yet (place not found)"] = int(
        (records["jurisdiction"].isna() & (records["status"] == "candidate")).sum()
    )
    report.counts["sources cited by reviewed records"] = int(reviewed["doc_id"].nunique())
    report.findings = check_consistency(records)
    _plausibility(report, records)
    _registry(report)
    return report


def _plausibility(report: ValidationReport, records: pd.DataFrame) -> None:
    """The reviewed figures' plausibility rules (analysis.records.plausibility), placed at the
    file and line each record is written on."""

    ceilings_file = reference_dir() / CEILINGS_FILE
    try:
        ceilings = load_ceilings()
    except DataError as exc:
        report.problems += exc.problems
        ceilings = None
    else:
        if ceilings is None:
            report.warnings.append(
                Problem(
                    str(ceilings_file),
                    "no ceilings table: counts are not checked against a ceiling",
                    Rule.NO_CEILINGS,
                )
            )
    hits, report.accepted = plausibility(records, ceilings, str(ceilings_file))
    files = record_files(records_dir())
    files += record_files(candidates_dir()) if candidates_dir().is_dir() else []
    errors, warnings = placed(records, hits, files)
    report.problems += errors
    report.warnings += [*warnings, *unknown_accepts(records, files)]


def _registry(report: ValidationReport) -> None:
    """Bundled sources of the registry whose article is missing or whose hash is not its body's."""

    path = registry_path()
    if not path.exists():
        return
    try:
        rows, _ = read_registry(path)  # its own problems are load_records' to report
    except DataError:
        return
    index = article_index(articles_dir())[0] if articles_dir().is_dir() else {}
    report.problems += bundled_problems(rows, index, path, articles_dir())
