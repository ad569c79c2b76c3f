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
from matplotlib.ticker import FuncFormatter, MaxNLocator

from analysis.reference import load_tile_grid, tile_grid_names
from analysis.report.numfmt import fmt_axis, fmt_percent, fmt_value
from analysis.report.plots import WIDTH_IN, Chart, styled
from analysis.report.tables import ReportTable

NO_DATA = "không có số liệu"
COLOUR_BAR = "colour bar"  # the label of the colour bar's axes
NO_DATA_COLOR = "#ececec"
NO_DATA_EDGE = "#b4b4b4"
NO_DATA_HATCH = "////"
TILE = 0.94  # a square's side, in grid units: the gap shows the grid
TILE_IN = 0.33  # a grid unit, in inches: the 63-unit map (23 rows) and its title fit an A4 page
MAP_LEFT_IN = 0.3  # room left of the map for the colour bar's legend
LABEL_SIZE = 5.6
LIST_SIZE = 6.5  # the list of values beside the map
LIST_LINE_IN = 0.125
LIST_COLUMN_IN = 2.3  # at most: a name and its value stay close enough to read across
BAR_ROWS = 6.0  # the colour bar's height, in grid rows at most
# Characters a line of the colour bar's title and of the legend, to stay in the empty band.
BAR_TITLE_WRAP = 12
LEGEND_WRAP = 20
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


def two_lines(label: str, newline: str = "\n") -> str:
    """A label broken at the space nearest its middle: `Thái Nguyên` → `Thái` / `Nguyên`
    (`newline`: what breaks it, `<br>` in a web chart)."""
    words = label.split(" ")
    if len(words) < 2:
        return label
    cut = min(range(1, len(words)), key=lambda k: abs(len(" ".join(words[:k])) - len(label) / 2))
    return " ".join(words[:cut]) + newline + " ".join(words[cut:])


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
    written = None if texts is None else texts.reindex(grid["province"]).to_numpy()
    shown = _shown(value, qualifier, percent, digits, written)
    title_text = textwrap.fill(title, int(WIDTH_IN * 72 / (9.5 * 0.6)))
    source_text = textwrap.fill(source, int(WIDTH_IN * 72 / (6.5 * 0.62)))
    title_in = 0.12 + 0.19 * (title_text.count("\n") + 1)
    source_in = 0.1 + 0.13 * (source_text.count("\n") + 1)
    map_w, map_h = cols * TILE_IN, rows * TILE_IN
    height = title_in + map_h + source_in
    figure = Figure(figsize=(WIDTH_IN, height))
    ax = figure.add_axes(
        (MAP_LEFT_IN / WIDTH_IN, source_in / height, map_w / WIDTH_IN, map_h / height)
    )
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
        ax.text(c, r + 0.06, two_lines(text), ha="center", va="center", fontsize=LABEL_SIZE,
                color=ink, linespacing=0.95)  # fmt: skip
        if ok and q in MARKS:
            ax.text(c + TILE / 2 - 0.04, r - TILE / 2 + 0.02, MARKS[q], ha="right", va="top",
                    fontsize=LABEL_SIZE - 0.6, color=ink, fontweight="bold")  # fmt: skip
    ax.set_xlim(-0.5, cols - 0.5)
    ax.set_ylim(rows - 0.5, -0.5)
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
        whole=bool(has.any()) and not percent and bool(np.all(value[has] == np.round(value[has]))),
    )
    figure.text(0.1 / WIDTH_IN, 1 - 0.1 / height, title_text, ha="left", va="top",
                fontsize=9.5, linespacing=1.15)  # fmt: skip
    figure.text(0.1 / WIDTH_IN, 0.06 / height, source_text, ha="left", va="bottom",
                fontsize=6.5, color="#444")  # fmt: skip
    list_left = MAP_LEFT_IN + map_w + 0.35
    _value_list(
        figure,
        (list_left / WIDTH_IN, source_in / height, 1 - list_left / WIDTH_IN - 0.02, map_h / height),
        grid["province"].to_numpy()[has],
        value[has],
        [shown[i] for i in np.flatnonzero(has)],
        notes,
    )
    table = _map_table(grid, shown, title, source)
    return Chart(figure, replace(table, notes=(*table.notes, *notes)))


def _value_list(figure, rect, names, values, shown, notes) -> None:
    """Beside the map, the provinces with a figure, highest first, and the notes on the map."""
    ax = figure.add_axes(rect)
    ax.set_axis_off()
    order = sorted(range(len(names)), key=lambda i: (-values[i], str(names[i])))
    height_in = rect[3] * figure.get_figheight()
    width_in = rect[2] * figure.get_figwidth()
    n_notes = sum(len(textwrap.wrap(n, int(width_in * 72 / (6.5 * 0.55)))) for n in notes)
    per_column = max(1, int((height_in - 0.35 - 0.12 * n_notes) / LIST_LINE_IN))
    columns = max(1, -(-len(order) // per_column))
    step = min(1 / columns, LIST_COLUMN_IN / width_in)
    ax.text(0, 1, f"Số liệu của {len(order)} tỉnh, thành, cao xuống thấp", ha="left", va="top",
            fontsize=7, fontweight="bold", transform=ax.transAxes)  # fmt: skip
    line = LIST_LINE_IN / height_in
    for k, i in enumerate(order):
        col, row = divmod(k, per_column)
        y = 1 - 0.3 / height_in - row * line
        x = col * step
        ax.text(x, y, str(names[i]), ha="left", va="top", fontsize=LIST_SIZE,
                transform=ax.transAxes)  # fmt: skip
        ax.text(x + step - 0.04, y, shown[i], ha="right", va="top", fontsize=LIST_SIZE,
                transform=ax.transAxes)  # fmt: skip
    if notes:
        wrapped = "\n".join(textwrap.fill(n, int(width_in * 72 / (6.5 * 0.55))) for n in notes)
        ax.text(0, 0, wrapped, ha="left", va="bottom", fontsize=6.5, color="#444",
                transform=ax.transAxes)  # fmt: skip


def _colour_bar(figure, ax, grid, norm, colours, label, percent, n_missing, marks, whole) -> None:
    """The colour bar and the legend in the emptiest band of the map's west (Laos, Cambodia);
    a bar of counts (`whole`) is ticked on whole numbers only."""
    top, bottom = _empty_band(grid)
    height = min(max(bottom - top - 3.5, 2.0), BAR_ROWS)
    bar = ax.inset_axes([-0.3, top + 1.2, 0.3, height], transform=ax.transData, label=COLOUR_BAR)
    scale = mpl.cm.ScalarMappable(norm=norm, cmap=colours)
    figure.colorbar(scale, cax=bar, format=FuncFormatter(
        (lambda v, _p=None: fmt_percent(v, 0)) if percent else fmt_axis
    ))  # fmt: skip
    if whole:
        bar.yaxis.set_major_locator(MaxNLocator(nbins=6, integer=True, min_n_ticks=1))
    bar.yaxis.set_ticks_position("right")
    bar.tick_params(labelsize=6, length=2, pad=1)
    bar.set_title(textwrap.fill(label, BAR_TITLE_WRAP), fontsize=6.5, loc="left", pad=4)
    handles = [Patch(facecolor=NO_DATA_COLOR, edgecolor=NO_DATA_EDGE, hatch=NO_DATA_HATCH, lw=0.4,
                     label=f"{NO_DATA} ({n_missing})")]  # fmt: skip
    handles += [
        Patch(
            facecolor="white", edgecolor="white", label=textwrap.fill(MARK_LEGEND[q], LEGEND_WRAP)
        )
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


def _shown(value, qualifier, percent, digits, texts) -> list[str]:
    """How each square's value is written: the caller's text, else the value with its mark."""
    return [
        NO_DATA
        if np.isnan(v)
        else str(texts[i])
        if texts is not None and isinstance(texts[i], str)
        else fmt_value(v, q, digits) + (" %" if percent else "")
        for i, (v, q) in enumerate(zip(value, qualifier, strict=True))
    ]


def _map_table(grid, shown, title, source) -> ReportTable:
    """The mapped numbers as a table (for nbval and readers), with the count without data."""
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
