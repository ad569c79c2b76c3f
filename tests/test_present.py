"""`only_present`: a filtered frame of records plots and groups only what it holds."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import analysis


def test_a_filtered_frame_keeps_only_its_categories_in_order():
    records = analysis.load_records()
    two = records[records["jurisdiction"].isin(["Lạng Sơn", "Hậu Giang"])]
    assert len(two["jurisdiction"].cat.categories) > 2, "the fixture no longer shows the problem"
    trimmed = analysis.only_present(two)
    assert sorted(trimmed["jurisdiction"].cat.categories) == ["Hậu Giang", "Lạng Sơn"]
    periods = list(trimmed["period"].cat.categories)
    assert periods == [p for p in records["period"].cat.categories if p in set(two["period"])]
    assert trimmed["period"].cat.ordered, "periods lost their time order"
    assert trimmed["value"].equals(two["value"]) and len(two["jurisdiction"].cat.categories) > 2


def test_seaborn_draws_one_bar_per_province_present():
    import seaborn as sns
    from matplotlib.figure import Figure

    records = analysis.load_records()
    two = records[records["jurisdiction"].isin(["Lạng Sơn", "Hậu Giang"])]
    ax = Figure().add_subplot()
    sns.barplot(data=analysis.only_present(two), x="jurisdiction", y="value", ax=ax, errorbar=None)
    labels = [t.get_text() for t in ax.get_xticklabels()]
    assert sorted(labels) == ["Hậu Giang", "Lạng Sơn"]
