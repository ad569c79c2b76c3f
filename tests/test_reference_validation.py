"""Broken reference tables are refused with the file, line and rule."""

from __future__ import annotations

import pytest

from analysis.errors import DataError
from analysis.reference import load_catalog, load_provinces, load_provinces_2025


def test_catalog_part_of_an_unknown_indicator(data_copy):
    path = data_copy / "reference" / "indicators.csv"
    path.write_text(
        path.read_text(encoding="utf-8").replace(",mediation_cases,,", ",mediation_case,,"),
        encoding="utf-8",
    )
    with pytest.raises(DataError) as caught:
        load_catalog(data_copy / "reference")
    assert [str(p) for p in caught.value.problems] == [
        f"{path}:13: whole 'mediation_case' is not in the catalog [unknown-indicator]"
    ]


def test_province_with_a_bad_population(data_copy):
    path = data_copy / "reference" / "provinces.csv"
    path.write_text(
        path.read_text(encoding="utf-8").replace(",01,8053663,", ",01,-1,"), encoding="utf-8"
    )
    with pytest.raises(
        DataError,
        match=r"provinces.csv:2: population_2019 -1 is not a number above 0 \[not-positive",
    ):
        load_provinces(data_copy / "reference")


def test_2025_mapping_must_agree_both_ways(data_copy):
    path = data_copy / "reference" / "provinces_2025.csv"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "Cần Thơ;Hậu Giang;Sóc Trăng", "Cần Thơ;Hậu Giang"
        ),
        encoding="utf-8",
    )
    with pytest.raises(DataError) as caught:
        load_provinces_2025(data_copy / "reference")
    assert [str(p) for p in caught.value.problems] == [
        f"{path}:34: Cần Thơ merges ['Cần Thơ', 'Hậu Giang'] but provinces.csv maps "
        "['Cần Thơ', 'Hậu Giang', 'Sóc Trăng'] to it [mapping-mismatch]"
    ]
