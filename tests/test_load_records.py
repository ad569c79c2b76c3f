"""load_records and friends on the project's own data: every gold figure, right dtypes, joins."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.records.load import data_version, load_records
from analysis.records.wide import to_wide
from analysis.reference import load_catalog, load_provinces, load_provinces_2025


@pytest.fixture(scope="module")
def records() -> pd.DataFrame:
    return load_records()


def test_every_gold_figure_is_a_reviewed_record(records, gold_rows):
    have = {
        (
            r.doc_id,
            r.indicator,
            float(r.value),
            r.qualifier,
            r.jurisdiction,
            r.period,
            "" if pd.isna(r.level) else r.level,
            r.evidence,
        )
        for r in records.itertuples()
    }
    missing = [
        g
        for g in gold_rows
        if (
            g["doc_id"],
            g["indicator"],
            float(g["value"]),
            g["qualifier"],
            g["jurisdiction"],
            g["period"],
            g["level"],
            g["evidence"],
        )
        not in have
    ]
    assert not missing, f"gold figures absent from reviewed records: {missing}"


def test_default_is_reviewed_only_and_candidates_on_request(records):
    assert set(records["status"]) == {"reviewed"}
    everything = load_records(("reviewed", "candidate", "rejected"))
    assert len(everything) == len(records) + 2, "the two rejected seed rows should load on request"
    assert set(everything.loc[everything["status"] == "rejected", "value"]) == {55, 40}


def test_unknown_status_is_refused():
    with pytest.raises(ValueError, match="unknown status \\['approved'\\]"):
        load_records("approved")


def test_dtypes_are_explicit(records):
    expected = {
        "record_id": "string",
        "doc_id": "category",
        "indicator": "category",
        "domain": "category",
        "unit": "category",
        "value": "Float64",
        "qualifier": "category",
        "is_lower_bound": "bool",
        "jurisdiction": "category",
        "province_2025": "category",
        "is_national": "bool",
        "region": "category",
        "population": "Int64",
        "period": "category",
        "period_kind": "category",
        "period_months": "Int16",
        "level": "category",
        "evidence": "string",
        "start": "Int64",
        "end": "Int64",
        "status": "category",
        "note": "string",
        "source_url": "string",
        "source_outlet": "string",
        "source_title": "string",
        "source_published": "datetime64[s]",
    }
    actual = {c: str(records[c].dtype) for c in expected}
    assert actual == expected
    assert str(records["period_start"].dtype).startswith("datetime64")
    assert list(records["indicator"].cat.categories) == list(load_catalog()["code"])


def test_joins_domain_unit_period_and_provinces(records):
    rate = records[records["indicator"] == "mediation_success_rate"].iloc[0]
    assert (rate["domain"], rate["unit"], rate["value"]) == ("mediation", "percent", 81.2)
    assert (rate["period_start"], rate["period_end"], rate["period_months"]) == (
        pd.Timestamp("2024-01-01"),
        pd.Timestamp("2024-06-30"),
        6,
    )
    hau_giang = records[records["jurisdiction"] == "Hậu Giang"].iloc[0]
    assert hau_giang["province_2025"] == "Cần Thơ", "Hậu Giang merged into Cần Thơ in 2025"
    assert hau_giang["population"] == 733017
    national = records[records["is_national"]]
    assert set(national["jurisdiction"]) == {"Việt Nam"}
    assert set(national["population"]) == {96_208_984}
    ytd = records[records["period"] == "2021-YTD"]
    assert ytd["period_end"].isna().all() and ytd["period_months"].isna().all()
    assert records.loc[records["qualifier"] == "at_least", "is_lower_bound"].all()


def test_to_wide_one_row_per_place_and_period(records):
    wide = to_wide(records)
    assert wide[["jurisdiction", "period"]].duplicated().sum() == 0
    lang_son = wide[(wide["jurisdiction"] == "Lạng Sơn") & (wide["period"] == "2024-H1")].iloc[0]
    assert lang_son["mediation_cases"] == 1549
    assert lang_son["mediation_successful"] == 1259
    national = wide[(wide["jurisdiction"] == "Việt Nam")].iloc[0]
    assert pd.isna(national["docs_issued"]), "tiers of one statement are not added"
    by_level = to_wide(records, by_level=True)
    row = by_level[by_level["jurisdiction"] == "Việt Nam"].iloc[0]
    assert (row["docs_issued[central]"], row["docs_issued[commune]"]) == (292, 810)


def test_reference_tables():
    provinces = load_provinces()
    assert len(provinces) == 63 and provinces["population_2019"].sum() == 96_208_984
    after = load_provinces_2025()
    assert len(after) == 34
    can_tho = after.set_index("province_2025").loc["Cần Thơ"]
    assert can_tho["n_merged"] == 3
    assert (
        can_tho["population_2019"]
        == provinces.set_index("province")
        .loc[["Cần Thơ", "Hậu Giang", "Sóc Trăng"], "population_2019"]
        .sum()
    )
    catalog = load_catalog().set_index("code")
    assert catalog.loc["mediation_cases", "official_id"] == "0403"
    assert catalog.loc["mediation_successful", "whole"] == "mediation_cases"


def test_data_version_follows_the_bytes(data_copy):
    before = data_version()
    path = data_copy / "records" / "records.csv"
    path.write_bytes(path.read_bytes().replace(b",62,", b",63,", 1))
    assert data_version() != before
    assert len(before) == 12
