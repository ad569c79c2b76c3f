"""The wide table takes totals, never adds unlike things and carries each cell's qualifier."""

from __future__ import annotations

import pandas as pd
import pytest
from records_fixture import make_records

import analysis
from analysis.metrics.appraisal import appraisal_volumes
from analysis.records.figures import pick_figures
from analysis.records.wide import to_wide

QN = {"jurisdiction": "Quảng Ninh", "period": "2021-YTD"}


PART = {"scope": "part"}


@pytest.fixture
def quang_ninh(tmp_path) -> pd.DataFrame:
    """Quảng Ninh's 2021 statement as the gold scopes it: central drafts (a total), provincial
    drafts of two kinds and leaflets and books (parts, no whole stated), a lower bound."""
    return make_records(
        tmp_path,
        [
            {**QN, "indicator": "drafts_commented", "value": 30, "qualifier": "at_least", "level": "central"},
            {**QN, **PART, "indicator": "drafts_commented", "value": 40, "level": "province", "scope_note": "của tỉnh"},
            {**QN, **PART, "indicator": "drafts_commented", "value": 130, "qualifier": "at_least", "level": "province", "scope_note": "khác"},
            {**QN, **PART, "indicator": "dissemination_materials", "value": 53200, "evidence": "53.200 tờ gấp", "scope_note": "tờ gấp"},
            {**QN, **PART, "indicator": "dissemination_materials", "value": 3750, "evidence": "3.750 sách", "scope_note": "sách"},
            {**QN, "indicator": "appraisal_drafts", "value": 60, "qualifier": "at_least", "level": "province"},
        ],
    )  # fmt: skip


@pytest.fixture
def kinds_as_totals(tmp_path) -> pd.DataFrame:
    """Leaflets and books, and drafts of two tiers, all (wrongly) marked totals: still not added."""
    return make_records(
        tmp_path,
        [
            {**QN, "indicator": "drafts_commented", "value": 30, "qualifier": "at_least", "level": "central"},
            {**QN, "indicator": "drafts_commented", "value": 40, "level": "province"},
            {**QN, "indicator": "dissemination_materials", "value": 53200, "evidence": "53.200 tờ gấp"},
            {**QN, "indicator": "dissemination_materials", "value": 3750, "evidence": "3.750 sách"},
        ],
    )  # fmt: skip


def _cell(wide: pd.DataFrame, column: str) -> object:
    assert len(wide) == 1, f"one place and period expected, got {len(wide)} rows"
    return wide.iloc[0][column]


def test_the_wide_table_takes_totals_and_parts_have_rows_of_their_own(quang_ninh):
    wide = to_wide(quang_ninh)
    assert "dissemination_materials" not in wide, "53.200 leaflets + 3.750 books became a cell"
    assert _cell(wide, "drafts_commented") == 30, "the parts joined the central total"
    by_level = to_wide(quang_ninh, by_level=True)
    assert "drafts_commented[province]" not in by_level, "40 + 130 parts added into 170"
    parts = to_wide(quang_ninh, scope="part").set_index("scope_note")
    assert len(parts) == 4, "each part is a row of its own"
    assert parts.loc["của tỉnh", "drafts_commented"] == 40
    assert parts.loc["khác", "drafts_commented_qualifier"] == "at_least"
    assert parts.loc["sách", "dissemination_materials"] == 3750


def test_leaflets_and_books_are_not_added_even_as_totals(kinds_as_totals):
    wide = to_wide(kinds_as_totals)
    assert pd.isna(_cell(wide, "dissemination_materials")), "53.200 leaflets + 3.750 books added"
    assert "dissemination_materials: 2 kinds" in _cell(wide, "unlike_parts")


def test_central_and_provincial_drafts_are_not_added(kinds_as_totals):
    wide = to_wide(kinds_as_totals)
    assert pd.isna(_cell(wide, "drafts_commented")), "central and provincial drafts were added"
    assert "drafts_commented: central + province" in _cell(wide, "unlike_parts")
    by_level = to_wide(kinds_as_totals, by_level=True)
    assert _cell(by_level, "drafts_commented[central]") == 30
    assert _cell(by_level, "drafts_commented[province]") == 40


def test_a_lower_bound_cell_stays_marked_as_one(quang_ninh):
    wide = to_wide(quang_ninh)
    assert _cell(wide, "appraisal_drafts") == 60
    assert _cell(wide, "appraisal_drafts_qualifier") == "at_least", "'trên 60' lost its 'trên'"
    assert str(wide["appraisal_drafts_qualifier"].dtype) == "category"


def test_tiers_from_two_sources_are_no_rivals(tmp_path):
    records = make_records(
        tmp_path,
        [
            {**QN, "indicator": "docs_issued", "value": 292, "level": "central", "doc_id": "001_a"},
            {**QN, "indicator": "docs_issued", "value": 1528, "level": "province", "doc_id": "002_b"},
        ],
    )  # fmt: skip
    picked = pick_figures(records, ["docs_issued"], ["jurisdiction", "period"])
    assert pd.isna(picked.iloc[0]["value"]), (
        "a provincial count was kept as the central one's rival"
    )
    assert picked.iloc[0]["unlike"] == "central + province"
    assert picked.iloc[0]["doc_ids"] == ("001_a", "002_b")


def test_overlapping_periods_stay_apart_and_rows_run_by_time(tmp_path):
    place = {"jurisdiction": "Lạng Sơn", "indicator": "mediation_cases"}
    records = make_records(
        tmp_path,
        [
            {**place, "period": "2024", "value": 3000},
            {**place, "period": "2024-H1", "value": 1549},
            {**place, "period": "2021-YTD", "value": 700},
            {**place, "period": "2023-H2", "value": 1600},
            {"jurisdiction": "Việt Nam", "indicator": "mediation_cases", "period": "2024", "value": 9e4},
        ],
    )  # fmt: skip
    wide = to_wide(records)
    rows = list(zip(wide["jurisdiction"].astype(str), wide["period"].astype(str), strict=True))
    assert rows == [
        ("Việt Nam", "2024"),
        ("Lạng Sơn", "2021-YTD"),
        ("Lạng Sơn", "2023-H2"),
        ("Lạng Sơn", "2024"),
        ("Lạng Sơn", "2024-H1"),
    ]
    lang_son = wide[wide["jurisdiction"] == "Lạng Sơn"]
    lang_son = lang_son.set_index(lang_son["period"].astype(str))
    assert lang_son.loc["2024", "mediation_cases"] == 3000, "the year took in its own half"
    assert lang_son.loc["2024-H1", "mediation_cases"] == 1549
    assert list(wide["period_kind"].astype(str))[:3] == ["year", "year_to_date", "half"]


def test_metrics_share_the_rule(quang_ninh):
    volumes = appraisal_volumes(quang_ninh).set_index(["indicator", "level"])
    assert ("drafts_commented", "province") not in volumes.index, "parts became a volume"
    assert volumes.loc[("drafts_commented", "central"), "value"] == 30


def test_the_package_still_offers_to_wide():
    assert analysis.to_wide is to_wide
