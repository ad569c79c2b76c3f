"""The explorer's data side and charts on the tests' fixture data (tests/fixtures/, with the cited
sources' national figures added): what a selection shows, that only totals are drawn, that the
qualifier and the source's digits travel to every label and hover, and that the CSV is the view.
The same in a real browser: tests/test_review_browser.py."""

from __future__ import annotations

import csv
import io
import shutil
from collections.abc import Iterator

import pandas as pd
import pytest
from conftest import CITED, copy_fixture_data

from analysis.explore import Selection, choices, periods_of, view_csv, view_figures
from analysis.explore.charts import bars_figure, map_figure, series_figure
from analysis.paths import DATA_DIR_ENV
from analysis.records.load import load_records

SESSIONS = "dissemination_sessions"


@pytest.fixture(scope="module")
def records(tmp_path_factory: pytest.TempPathFactory) -> Iterator[pd.DataFrame]:
    """The fixture records with the cited sources (several national periods, a part's figure)."""
    data = copy_fixture_data(tmp_path_factory.mktemp("explore") / "data")
    registry = data / "sources.csv"
    cited = (CITED / "sources.csv").read_text(encoding="utf-8").split("\n", 1)[1]
    registry.write_text(registry.read_text(encoding="utf-8") + cited, encoding="utf-8")
    shutil.copy(CITED / "records" / "corpus.csv", data / "records" / "corpus.csv")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv(DATA_DIR_ENV, str(data))
        yield load_records()


def shown(view: pd.DataFrame) -> list[tuple]:
    return list(
        zip(
            view["jurisdiction"],
            view["period"],
            view["text"],
            view["in_series"],
            view["in_map"],
            strict=True,
        )
    )


def test_a_selection_gives_the_places_series_and_the_map_period(records):
    view = view_figures(records, Selection(SESSIONS, ("Việt Nam", "Lạng Sơn"), "half"))
    assert shown(view) == [
        ("Việt Nam", "2024-H1", "≥ 300.000", True, False),
        ("Việt Nam", "2025-H1", "216.584", True, False),
        ("Lạng Sơn", "2024-H1", "≥ 5.000", True, True),
    ]
    assert view.loc[0, "qualifier_vi"].startswith("≥ cận dưới")
    assert view.loc[2, "period_vi"] == "6 tháng đầu năm 2024"
    assert view["sources"].str.len().gt(0).all(), "a figure without its sources"


def test_sources_that_fit_one_value_give_the_precise_one_with_both_sources(records):
    """216.584 and "hơn 216 nghìn" are one figure: the exact one, cited by both pages."""
    view = view_figures(records, Selection(SESSIONS, ("Việt Nam",), "half"))
    row = view[view["period"] == "2025-H1"].iloc[0]
    assert (row["value"], row["qualifier"], row["disputed"]) == (216584.0, "exact", False)
    assert len(row["doc_ids"].split("; ")) == 2


def test_the_order_of_places_is_the_order_picked(records):
    view = view_figures(records, Selection(SESSIONS, ("Lạng Sơn", "Việt Nam"), "half"))
    assert list(view["jurisdiction"]) == ["Lạng Sơn", "Việt Nam", "Việt Nam"]


def test_the_map_period_is_the_latest_with_a_province_unless_picked(records):
    picked = Selection(SESSIONS, (), "year")
    assert periods_of(records, picked) == ["2023"]  # the national 2019/2020 are not on the map
    view = view_figures(records, picked)
    assert shown(view) == [("Hậu Giang", "2023", "2.536", False, True)]
    other = view_figures(records, Selection(SESSIONS, (), "half", period="2024-H1"))
    assert shown(other) == [("Lạng Sơn", "2024-H1", "≥ 5.000", False, True)]


def test_only_totals_are_drawn_a_part_is_listed_apart(records):
    totals = view_figures(records, Selection(SESSIONS, ("Lạng Sơn",), "half"))
    assert set(totals["scope"]) == {"total"}
    assert 264.0 not in set(totals["value"]), "the border guards' sessions joined the total"
    parts = view_figures(records, Selection(SESSIONS, ("Lạng Sơn",), "half", scope="part"))
    assert sorted(zip(parts["value"], parts["scope_note"], strict=True)) == [
        (12.0, "bộ đội biên phòng; biểu diễn văn nghệ có lồng ghép tuyên truyền pháp luật"),
        (264.0, "lực lượng bộ đội biên phòng tỉnh"),
    ], "each part is a figure of its own, named by the source's words"


def test_a_rate_without_a_stated_value_is_computed_from_its_parts_and_says_so(records):
    view = view_figures(records, Selection("mediation_success_rate", ("Lạng Sơn",), "year"))
    row = view[(view["jurisdiction"] == "Lạng Sơn") & (view["period"] == "2020")].iloc[0]
    assert row["series"] == "computed"
    assert row["text"] == "62,13 % (tính lại)"  # 2.164 / 3.483
    stated = view_figures(records, Selection("mediation_success_rate", ("Lạng Sơn",), "half"))
    assert list(stated["text"]) == ["81,2 %"], "a stated rate keeps the source's digits"


def test_a_wrong_kind_or_period_is_refused():
    with pytest.raises(ValueError, match="is not one of"):
        Selection(SESSIONS, (), "month")
    with pytest.raises(ValueError, match="not of kind 'half'"):
        Selection(SESSIONS, (), "half", period="2024")


def test_choices_offer_what_the_indicator_has(records):
    offered = choices(records, SESSIONS)
    assert offered.places[0] == "Việt Nam" and "Lạng Sơn" in offered.places
    assert offered.period_kinds == ("year", "half", "nine_months", "years")
    assert offered.scopes == ("total", "part")


def test_the_csv_is_the_view(records):
    view = view_figures(records, Selection(SESSIONS, ("Việt Nam", "Lạng Sơn"), "half"))
    text = view_csv(view)
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    assert [(r["jurisdiction"], r["period"], r["text"], float(r["value"])) for r in rows] == list(
        zip(view["jurisdiction"], view["period"], view["text"], view["value"], strict=True)
    )
    assert [r["in_map"] for r in rows] == ["false", "false", "true"]


def test_every_point_bar_and_square_carries_its_figure_as_written(records):
    view = view_figures(records, Selection(SESSIONS, ("Việt Nam", "Lạng Sơn"), "half"))
    series = series_figure(view, "t", "cuộc")
    points = {
        (t.name, x, y, s) for t in series.data for x, y, s in zip(t.x, t.y, t.text, strict=True)
    }
    assert points == {
        ("Việt Nam", "6 tháng đầu năm 2024", 300000.0, "≥ 300.000"),
        ("Việt Nam", "6 tháng đầu năm 2025", 216584.0, "216.584"),
        ("Lạng Sơn", "6 tháng đầu năm 2024", 5000.0, "≥ 5.000"),
    }
    lower = next(t for t in series.data if t.name == "Lạng Sơn")
    assert list(lower.marker.symbol) == ["triangle-up"], "a lower bound is not drawn as one"
    hover = list(lower.customdata[0])
    assert hover[:3] == ["Lạng Sơn", "6 tháng đầu năm 2024", "≥ 5.000"]
    assert hover[3].startswith("≥ cận dưới") and hover[4], "the hover lacks qualifier or source"
    bars = bars_figure(view, "t", "cuộc", ("Lạng Sơn",))
    assert (list(bars.data[0].y), list(bars.data[0].text)) == (["Lạng Sơn"], ["≥ 5.000"])


def test_the_map_colours_provinces_with_a_figure_and_ticks_counts_on_whole_numbers(records):
    view = view_figures(records, Selection(SESSIONS, (), "half", period="2024-H1"))
    figure = map_figure(view, "t", "cuộc", percent=False)
    grey, coloured = figure.data
    values = [v for row in coloured.z for v in row if v is not None]
    assert values == [5000.0]
    squares = [t for row in coloured.text for t in row if "5.000" in t]
    assert squares == ["Lạng<br>Sơn<br>≥ 5.000"]
    assert sum(v is not None for row in grey.z for v in row) == 62, "the other 62 are grey"
    assert coloured.colorbar.dtick >= 1 and float(coloured.colorbar.dtick).is_integer()


def test_the_explorer_redraws_when_a_selection_changes(records, tmp_path):
    from analysis.explore.widget import Explorer

    explorer = Explorer(records, tmp_path)
    explorer.indicator.value = SESSIONS
    explorer.places.value = ("Việt Nam", "Lạng Sơn")
    explorer.kind.value = "half"
    drawn = sorted(y for t in explorer.series.data for y in t.y)
    assert drawn == [5000.0, 216584.0, 300000.0]
    assert "Lạng Sơn" in explorer.table.value and "≥ 5.000" in explorer.table.value
    assert "3 dòng" in explorer.download.value
    explorer.scope.value = "part"
    assert explorer.charts.layout.display == "none", "a part's figures were drawn"
    assert "264" in explorer.table.value


def test_a_first_view_shows_the_kind_and_places_with_the_most_figures(records):
    from analysis.explore.figures import ranked_kinds, ranked_places

    assert ranked_kinds(records, "appraisal_drafts")[0] == "year"  # 4 yearly totals, 1 half
    assert ranked_places(records, "appraisal_drafts", "year") == [
        "Việt Nam",
        "Hậu Giang",
        "Lạng Sơn",
    ]
    assert ranked_places(records, SESSIONS, "half", "part") == ["Lạng Sơn"]


def test_the_period_slider_moves_the_bars_and_the_map(records, tmp_path):
    from analysis.explore.widget import Explorer

    explorer = Explorer(records, tmp_path)
    explorer.indicator.value = "appraisal_drafts"
    explorer.kind.value = "year"
    assert [o[1] for o in explorer.period.options] == ["2020", "2023"]
    assert explorer.period.value == "2023" and list(explorer.bars.data[0].y) == ["Hậu Giang"]
    explorer.period.value = "2020"
    assert list(explorer.bars.data[0].y) == ["Lạng Sơn"]
    assert explorer.map.layout.title.text == "Bản đồ — Năm 2020"
    coloured = [v for row in explorer.map.data[1].z for v in row if v is not None]
    assert coloured == [62.0]
