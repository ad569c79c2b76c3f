"""A tile-grid map of Vietnam: one square per province, laid out as the country lies.

Positions are reviewed reference data (`data/reference/tile_grid.csv` for the 63 units before
1 July 2025, `tile_grid_2025.csv` for the 34 after), checked on load by
`analysis.reference.load_tile_grid`: every province exactly once, no two on one square. `tile_map` colours the squares by an indicator;
a province without a figure is grey and hatched, "không có số liệu", never a colour.
"""

from __future__ import annotations

import textwrap
from dataclasses import replace

import matplotlib as mpl
import numpy as np
import pandas as pd
from matplotlib.colors import Normalize
from matplotlib.figure import Figure
from matplotlib.patches import Patch, Rectangle
from matplotlib.ticker import FuncFormatter

from analysis.reference import load_tile_grid, tile_grid_names
from analysis.report.numfmt import fmt_axis, fmt_percent, fmt_value
from analysis.report.plots import Chart, styled
from analysis.report.tables import ReportTable

NO_DATA = "không có số liệu"
NO_DATA_COLOR = "#ececec"
NO_DATA_EDGE = "#b4b4b4"
NO_DATA_HATCH = "////"
TILE = 0.94  # a square's side, in grid units: the gap shows the grid
TILE_IN = 0.35  # a grid unit, in inches: the 63-unit map stays under 9.1 in, within an A4 page
LABEL_SIZE = 5.6
BAR_ROWS = 6.0  # the colour bar's height, in grid rows at most
# The mark in a square whose figure is not exact, and what the legend says of it.
MARKS = {"at_least": "≥", "approx": "≈", "at_most": "≤"}
MARK_LEGEND = {
    "at_least": "≥ cận dưới (nguồn ghi “trên”)",
    "approx": "≈ xấp xỉ (nguồn ghi “khoảng”, “gần”)",
    "at_most": "≤ cận trên (nguồn ghi “dưới”)",
}


def _era(names: pd.Index, after_merger: bool | None) -> bool:
    """Which grid the values' names belong to: the 63 units unless only the 34 fit."""
    if after_merger is not None:
        return after_merger
    old, new = set(tile_grid_names(False)), set(tile_grid_names(True))
    return not set(names) <= old and set(names) <= new


def _two_lines(label: str) -> str:
    """A label broken at the space nearest its middle: `Thái Nguyên` → `Thái` / `Nguyên`."""
    words = label.split(" ")
    if len(words) < 2:
        return label
    cut = min(range(1, len(words)), key=lambda k: abs(len(" ".join(words[:k])) - len(label) / 2))
    return " ".join(words[:cut]) + "\n" + " ".join(words[cut:])


def _empty_band(grid: pd.DataFrame) -> tuple[int, int]:
    """The longest run of rows whose two westmost columns are empty: room for the colour bar."""
    taken = set(grid.loc[grid["col"] <= 1, "row"])
    best, start = (0, 0), None
    for row in range(int(grid["row"].max()) + 2):
        if row not in taken and start is None:
            start = row
        elif row in taken and start is not None:
            best = max(best, (row - start, start))
            start = None
    return best[1], best[1] + best[0]


@styled({"hatch.linewidth": 0.5})  # the "no data" hatching: fine lines
def tile_map(
    values: pd.Series,
    *,
    title: str,
    label: str,
    source: str,
    qualifiers: pd.Series | None = None,
    texts: pd.Series | None = None,
    notes: tuple[str, ...] = (),
    after_merger: bool | None = None,
    percent: bool = False,
    digits: int = 0,
    cmap: str = "YlGnBu",
) -> Chart:
    """Provinces (the index of `values`) coloured by their value on the tile grid, with a colour
    bar; provinces without a value are hatched grey ("không có số liệu").

    `qualifiers` (same index) marks a lower bound with `≥`, an approximation with `≈` and an
    upper bound with `≤` in its square, each explained in the legend; `texts` (same index) is how
    each value is written in the map's table (the source's digits, or a computed value's
    rounding). The grid is the 63 units unless the names are only those of the 34 after the
    merger (or `after_merger` says).
    """
    if values.index.duplicated().any():
        twice = sorted(set(values.index[values.index.duplicated()]))
        raise ValueError(f"tile_map: a province has two values: {', '.join(map(str, twice))}")
    era = _era(values.index, after_merger)
    grid = load_tile_grid(era)
    unknown = sorted(set(map(str, values.index)) - set(grid["province"]))
    if unknown:
        raise ValueError(f"tile_map: not on the {len(grid)}-unit map: {', '.join(unknown)}")
    value = (
        values.astype("Float64").reindex(grid["province"]).to_numpy(dtype=float, na_value=np.nan)
    )
    qualifier = (
        qualifiers.reindex(grid["province"]).astype(object).to_numpy()
        if qualifiers is not None
        else np.full(len(grid), "exact", dtype=object)
    )
    has = ~np.isnan(value)
    low, high = (np.nanmin(value), np.nanmax(value)) if has.any() else (0.0, 1.0)
    norm = Normalize(low, high if high > low else low + 1)
    colours = mpl.colormaps[cmap]
    rows, cols = int(grid["row"].max()) + 1, int(grid["col"].max()) + 1
    figure = Figure(figsize=(cols * TILE_IN + 0.3, rows * TILE_IN + 1.0), layout="constrained")
    ax = figure.add_subplot()
    for (name, r, c, text), v, q, ok in zip(
        grid.itertuples(index=False), value, qualifier, has, strict=True
    ):
        face = colours(norm(v)) if ok else NO_DATA_COLOR
        ax.add_patch(
            Rectangle(
                (c - TILE / 2, r - TILE / 2), TILE, TILE,
                facecolor=face, edgecolor="white" if ok else NO_DATA_EDGE,
                hatch=None if ok else NO_DATA_HATCH, lw=0.6 if ok else 0.4, gid=name,
            )
        )  # fmt: skip
        dark = ok and (0.299 * face[0] + 0.587 * face[1] + 0.114 * face[2]) < 0.5
        ink = "white" if dark else "#222"
        ax.text(c, r, _two_lines(text), ha="center", va="center", fontsize=LABEL_SIZE,
                color=ink, linespacing=0.95)  # fmt: skip
        if ok and q in MARKS:
            ax.text(c + TILE / 2 - 0.05, r - TILE / 2 + 0.04, MARKS[q], ha="right", va="top",
                    fontsize=LABEL_SIZE, color=ink, fontweight="bold")  # fmt: skip
    ax.set_xlim(-0.5, cols - 0.5)
    ax.set_ylim(rows - 0.5, -0.5)
    ax.set_aspect("equal")
    ax.set_axis_off()
    _colour_bar(
        figure,
        ax,
        grid,
        norm,
        colours,
        label,
        percent,
        int((~has).sum()),
        {str(q) for q in qualifier[has]},
    )
    width_chars = int(figure.get_figwidth() * 72 / (9.5 * 0.55))
    figure.suptitle(textwrap.fill(title, width_chars), x=0.02, ha="left", fontsize=9.5)
    figure.supxlabel(
        textwrap.fill(source, int(width_chars * 1.4)), x=0.02, ha="left", fontsize=6.5, color="#444"
    )
    written = None if texts is None else texts.reindex(grid["province"]).to_numpy()
    table = _map_table(grid, value, qualifier, title, source, percent, digits, written)
    return Chart(figure, replace(table, notes=(*table.notes, *notes)))


def _colour_bar(figure, ax, grid, norm, colours, label, percent, n_missing, marks) -> None:
    """The colour bar and the legend in the emptiest band of the map's west (Laos, Cambodia)."""
    top, bottom = _empty_band(grid)
    height = min(max(bottom - top - 3.5, 2.0), BAR_ROWS)
    bar = ax.inset_axes([-0.3, top + 1.2, 0.3, height], transform=ax.transData)
    scale = mpl.cm.ScalarMappable(norm=norm, cmap=colours)
    figure.colorbar(scale, cax=bar, format=FuncFormatter(
        (lambda v, _p=None: fmt_percent(v, 0)) if percent else fmt_axis
    ))  # fmt: skip
    bar.yaxis.set_ticks_position("right")
    bar.tick_params(labelsize=6, length=2, pad=1)
    bar.set_title(textwrap.fill(label, 16), fontsize=6.5, loc="left", pad=4)
    handles = [Patch(facecolor=NO_DATA_COLOR, edgecolor=NO_DATA_EDGE, hatch=NO_DATA_HATCH, lw=0.4,
                     label=f"{NO_DATA} ({n_missing})")]  # fmt: skip
    handles += [
        Patch(facecolor="white", edgecolor="white", label=MARK_LEGEND[q])
        for q in MARKS
        if q in marks
    ]
    ax.legend(
        handles=handles,
        loc="upper left",
        bbox_to_anchor=(-0.45, top + 1.6 + height),
        bbox_transform=ax.transData,
        fontsize=6,
        frameon=False,
        handlelength=1.4,
        borderaxespad=0,
    )


def _map_table(grid, value, qualifier, title, source, percent, digits, texts) -> ReportTable:
    """The mapped numbers as a table (for nbval and readers), with the count without data."""
    shown = [
        NO_DATA
        if np.isnan(v)
        else str(texts[i])
        if texts is not None and isinstance(texts[i], str)
        else fmt_value(v, q, digits) + (" %" if percent else "")
        for i, (v, q) in enumerate(zip(value, qualifier, strict=True))
    ]
    frame = pd.DataFrame({"Tỉnh, thành": grid["province"], "Giá trị": shown})
    with_data = frame[frame["Giá trị"] != NO_DATA].reset_index(drop=True)
    n_missing = len(frame) - len(with_data)
    return ReportTable(
        title,
        with_data,
        source,
        numeric=("Giá trị",),
        notes=(f"{n_missing} trên {len(frame)} tỉnh, thành {NO_DATA} (ô xám gạch chéo).",),
    )
