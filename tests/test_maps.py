"""The tile-grid map: reviewed positions that look like Vietnam, checked on load, drawn honestly."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from conftest import read_rows, run_cli, write_rows
from matplotlib.colors import to_hex
from matplotlib.patches import Rectangle

from analysis.errors import DataError
from analysis.reference import load_provinces, load_provinces_2025, load_tile_grid
from analysis.report.maps import NO_DATA, NO_DATA_HATCH, tile_map


@pytest.fixture(scope="module")
def grid() -> pd.DataFrame:
    return load_tile_grid().merge(
        load_provinces()[["province", "region"]].astype(str), on="province", validate="one_to_one"
    )


@pytest.mark.parametrize(("after_merger", "units"), [(False, 63), (True, 34)])
def test_every_province_once_on_a_square_of_its_own(after_merger, units):
    tiles = load_tile_grid(after_merger)
    names = load_provinces_2025()["province_2025"] if after_merger else load_provinces()["province"]
    assert len(tiles) == units and sorted(tiles["province"]) == sorted(names.astype(str))
    assert not tiles[["row", "col"]].duplicated().any(), "two provinces share a square"
    assert (tiles["label"].str.len() <= 12).all(), "a label too long for its square"


def test_the_grid_lies_as_the_country_does(grid):
    at = grid.set_index("province")
    mean_row = grid.groupby("region")["row"].mean()
    order = [
        "Trung du và miền núi phía Bắc",
        "Bắc Trung Bộ và duyên hải miền Trung",
        "Tây Nguyên",
        "Đông Nam Bộ",
        "Đồng bằng sông Cửu Long",
    ]
    assert list(mean_row[order]) == sorted(mean_row[order]), "regions not north to south"
    assert at.loc["Quảng Ninh", "col"] > at.loc["Hà Nội", "col"], "Quảng Ninh lies east of Hà Nội"
    assert at.loc["Hải Phòng", "col"] > at.loc["Hà Nội", "col"]
    assert at.loc["Lào Cai", "row"] < at.loc["Hà Nội", "row"], "the north-west mountains lie north"
    assert at.loc["Hồ Chí Minh", "col"] > at.loc["An Giang", "col"], "HCMC lies east of the delta"
    assert grid["row"].max() == at.loc["Cà Mau", "row"], "Cà Mau is the southern tip"
    delta = grid[grid["region"] == "Đồng bằng sông Cửu Long"]
    assert delta["row"].min() >= at.loc["Tây Ninh", "row"], "the Mekong delta lies at the bottom"
    for name in grid.loc[grid["region"] == "Tây Nguyên", "province"]:
        row = at.loc[name, "row"]
        coast = grid[(grid["row"] == row) & (grid["col"] > at.loc[name, "col"])]
        assert len(coast), f"{name} is in the Central Highlands: inland, with the coast east of it"
    narrow = grid[grid["province"].isin(["Hà Tĩnh", "Quảng Bình", "Quảng Trị", "Thừa Thiên Huế"])]
    assert all((grid["row"] == r).sum() == 1 for r in narrow["row"]), "the central strip is narrow"


def test_the_34_units_sit_where_their_parts_did():
    old = load_tile_grid().merge(load_provinces()[["province", "province_2025"]].astype(str))
    parts = old.groupby("province_2025")[["row", "col"]].mean()
    new = load_tile_grid(True).set_index("province")
    rows = new["row"].rank().corr(parts.loc[new.index, "row"].rank())
    assert rows > 0.97, f"north-south order of the 34 units departs from their parts' ({rows:.3f})"
    for name in new.index:
        assert abs(new.loc[name, "col"] - parts.loc[name, "col"]) <= 1.5, f"{name} moved sideways"


def test_a_broken_grid_reports_every_problem_with_its_line(data_copy):
    path = data_copy / "reference" / "tile_grid.csv"
    rows = read_rows(path)
    rows[1]["province"] = "Lai Châu"  # line 3: placed twice; Lào Cai then has no square
    rows[5]["province"] = "Sai Gòn"  # line 7: unknown; Sơn La has no square
    rows[8]["row"] = "x"  # line 10
    write_rows(path, rows)
    with pytest.raises(DataError) as caught:
        load_tile_grid(directory=data_copy / "reference")
    text = str(caught.value)
    assert f"{path}:3: Lai Châu is placed again (first at line 2) [duplicate-province]" in text
    assert f"{path}:7: 'Sai Gòn' is not a province of this era [unknown-province]" in text
    assert f"{path}:10: row 'x' is not a whole number ≥ 0 [not-a-number]" in text
    assert f"{path}: Lào Cai has no square [missing-province]" in text
    assert f"{path}: Sơn La has no square [missing-province]" in text


def test_two_provinces_on_one_square(data_copy):
    path = data_copy / "reference" / "tile_grid_2025.csv"
    rows = read_rows(path)
    rows[1].update(row=rows[0]["row"], col=rows[0]["col"])
    write_rows(path, rows)
    with pytest.raises(
        DataError, match=r":3: Lào Cai is on the square \(row 0, col 1\) of Lai Châu"
    ):
        load_tile_grid(True, directory=data_copy / "reference")


@pytest.fixture
def some_values() -> pd.Series:
    names = list(load_tile_grid()["province"])
    rng = np.random.default_rng(7)
    picked = rng.choice(names, 20, replace=False)
    return pd.Series(rng.uniform(100, 900, 20), index=picked)


def _tiles(chart) -> list[Rectangle]:
    return [p for p in chart.figure.axes[0].patches if isinstance(p, Rectangle) and p.get_gid()]


def test_provinces_without_data_are_grey_and_hatched(some_values):
    chart = tile_map(some_values, title="T", label="lượt / 1.000 dân", source="Nguồn: x")
    tiles = _tiles(chart)
    assert len(tiles) == 63
    grey = [t.get_gid() for t in tiles if t.get_hatch() == NO_DATA_HATCH]
    assert len(grey) == 63 - len(some_values), "grey squares ≠ provinces without data"
    assert not set(grey) & set(some_values.index)
    legend = [t.get_text() for t in chart.figure.axes[0].get_legend().get_texts()]
    assert f"{NO_DATA} (43)" in legend
    assert "43 trên 63 tỉnh, thành không có số liệu" in repr(chart)


def test_squares_take_the_colour_of_their_value(some_values):
    chart = tile_map(some_values, title="T", label="x", source="Nguồn: x", cmap="viridis")
    by_name = {t.get_gid(): t for t in _tiles(chart)}
    low, high = some_values.idxmin(), some_values.idxmax()
    assert to_hex(by_name[low].get_facecolor()) == "#440154", (
        "the smallest value is not the darkest"
    )
    assert to_hex(by_name[high].get_facecolor()) == "#fde725"
    bar = chart.figure.axes[0].child_axes[0]
    assert bar.get_title(loc="left") == "x", "the colour bar does not say what it shows"


def test_every_square_is_labelled_and_lower_bounds_marked(some_values):
    bound = pd.Series("exact", index=some_values.index)
    bound.iloc[0] = "at_least"
    chart = tile_map(some_values, title="T", label="x", source="Nguồn: x", qualifiers=bound)
    texts = [t.get_text() for t in chart.figure.axes[0].texts]
    assert "Lạng\nSơn" in texts and "TP\nHCM" in texts and "Cà\nMau" in texts
    assert texts.count("≥") == 1
    assert "≥ " in repr(chart)


def test_the_grid_follows_the_names_and_refuses_strangers():
    after = pd.Series({"Huế": 80.0, "Cần Thơ": 70.0})
    assert len(_tiles(tile_map(after, title="T", label="x", source="s", percent=True))) == 34
    with pytest.raises(ValueError, match="not on the 63-unit map: Việt Nam"):
        tile_map(pd.Series({"Việt Nam": 1.0, "Hà Nội": 2.0}), title="T", label="x", source="s")
    with pytest.raises(ValueError, match="two values: Hà Nội"):
        tile_map(
            pd.Series([1.0, 2.0], index=["Hà Nội", "Hà Nội"]), title="T", label="x", source="s"
        )


def test_validate_reports_a_broken_grid(data_copy):
    path = data_copy / "reference" / "tile_grid.csv"
    rows = read_rows(path)
    rows[0]["col"] = rows[1]["col"]  # Lai Châu onto Lào Cai's square
    write_rows(path, rows)
    done = run_cli("validate", data=data_copy)
    assert done.exit_code == 1
    assert f"{path}:3: Lào Cai is on the square (row 0, col 2) of Lai Châu (line 2)" in done.stdout
