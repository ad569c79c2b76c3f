"""Honest numbers: a bound is rounded the way that keeps it true, approximate values are marked."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.report.numfmt import fmt_value, fmt_values
from analysis.report.tables import ReportTable

LANG_SON_PER_1000 = 400_000 / 781_655 * 1000  # 511.73…: "trên 400.000 lượt người" per 1,000


@pytest.mark.parametrize("digits", [0, 1])
def test_lower_bound_511_7_never_shows_as_512(digits):
    shown = fmt_value(LANG_SON_PER_1000, "at_least", digits)
    assert shown in ("≥ 511,7", "≥ 511"), f"lower bound 511,73 shown as {shown!r}"
    assert "512" not in shown


@pytest.mark.parametrize(
    ("value", "qualifier", "digits", "expected"),
    [
        (511.73, "at_least", 1, "≥ 511,7"),
        (511.99, "at_least", 0, "≥ 511"),
        (72.556, "at_least", 2, "≥ 72,55"),
        (10.01, "at_most", 0, "≤ 11"),
        (10.01, "at_most", 1, "≤ 10,1"),
        (10.0, "at_most", 0, "≤ 10"),
        (511.5, "exact", 0, "512"),  # an exact value rounds half-up
        (511.73, "approx", 0, "≈ 512"),
        (40, "approx", 0, "≈ 40"),
        (1_259.0, pd.NA, 0, "1.259"),
        (-2.5, "at_least", 0, "≥ -3"),  # down is down for negative gaps too
    ],
)
def test_bounds_round_outwards_and_approximations_are_marked(value, qualifier, digits, expected):
    assert fmt_value(value, qualifier, digits) == expected


def test_a_column_keeps_each_figures_own_direction():
    values = [511.73, 511.73, 511.73]
    assert fmt_values(values, ["at_least", "at_most", "exact"]) == ["≥ 511", "≤ 512", "512"]


def test_tables_explain_every_mark_they_use():
    frame = pd.DataFrame({"Số": fmt_values([5.5, 7.2, 40], ["at_least", "at_most", "approx"])})
    notes = " ".join(ReportTable("t", frame, "Nguồn: x", numeric=("Số",)).all_notes())
    for mark in ("≥: cận dưới", "≤: cận trên", "≈: xấp xỉ"):
        assert mark in notes, f"the table uses {mark[0]} without saying what it means"
