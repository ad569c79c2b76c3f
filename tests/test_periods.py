"""Period codes: each form of the contract parses to its dates; malformed ones are refused."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from analysis.records.periods import parse_period, period_columns, period_order


@pytest.mark.parametrize(
    ("code", "kind", "start", "end", "months"),
    [
        ("2020", "year", dt.date(2020, 1, 1), dt.date(2020, 12, 31), 12),
        ("2024-H1", "half", dt.date(2024, 1, 1), dt.date(2024, 6, 30), 6),
        ("2024-H2", "half", dt.date(2024, 7, 1), dt.date(2024, 12, 31), 6),
        ("2021-Q1", "quarter", dt.date(2021, 1, 1), dt.date(2021, 3, 31), 3),
        ("2024-Q4", "quarter", dt.date(2024, 10, 1), dt.date(2024, 12, 31), 3),
        ("2021-9M", "nine_months", dt.date(2021, 1, 1), dt.date(2021, 9, 30), 9),
        ("2021-YTD", "year_to_date", dt.date(2021, 1, 1), None, None),
        ("2016..2020", "years", dt.date(2016, 1, 1), dt.date(2020, 12, 31), 60),
    ],
)
def test_period_forms(code, kind, start, end, months):
    p = parse_period(code)
    assert (p.kind, p.start, p.end, p.months) == (kind, start, end, months)


@pytest.mark.parametrize(
    "code", ["2020-H3", "2020-Q5", "20", "2020..2020", "2021..2019", "1800", "2020 ", "2020-h1", ""]
)
def test_malformed_periods(code):
    with pytest.raises(ValueError, match="malformed period"):
        parse_period(code)


def test_period_columns_keep_the_index():
    codes = pd.Series(["2021-YTD", "2020", "2020"], index=[7, 8, 9])
    cols = period_columns(codes)
    assert list(cols.index) == [7, 8, 9]
    assert list(cols["period_months"].astype("Float64").fillna(0)) == [0, 12, 12]


def test_period_order_is_start_then_shorter_first():
    codes = ["2021", "2014..2020", "2021-YTD", "2021-Q1", "2021-9M", "2021-H2", "2021-H1"]
    codes += ["2020-Q4", "2021..2023", "2014", "2021-Q3"]
    assert period_order(codes) == [
        "2014",
        "2014..2020",
        "2020-Q4",
        "2021-Q1",
        "2021-H1",
        "2021-9M",
        "2021-YTD",
        "2021",
        "2021..2023",
        "2021-Q3",
        "2021-H2",
    ]


def test_loaded_periods_sort_as_time_with_spans_and_year_to_date(cited_data):
    from conftest import read_rows, write_rows

    from analysis.records.load import load_records

    path = cited_data / "records" / "corpus.csv"
    rows = read_rows(path)
    span = dict(rows[0], record_id="rspan", period="2014..2020", value="40000")
    write_rows(path, [*rows, span])
    records = load_records()
    assert records["period"].cat.ordered
    ordered = records.sort_values("period", kind="stable")
    starts = ordered["period_start"].to_numpy()
    assert (starts[1:] >= starts[:-1]).all(), "sorting by period must sort by time"
    first = ordered.drop_duplicates("period")["period"].astype(str).tolist()
    assert first == period_order(first)
    got = records.set_index("record_id")
    assert (
        got.loc["rspan", "period_start"],
        got.loc["rspan", "period_end"],
        got.loc["rspan", "period_months"],
        got.loc["rspan", "period_kind"],
    ) == (pd.Timestamp("2014-01-01"), pd.Timestamp("2020-12-31"), 84, "years")
    ytd = records[records["period"] == "2021-YTD"]
    assert len(ytd) and ytd["period_end"].isna().all() and ytd["period_months"].isna().all()
    assert (ytd["period_start"] == pd.Timestamp("2021-01-01")).all()
    assert records["period"].min() == "2014..2020", "comparisons follow time, not spelling"
