"""The explorer's charts, drawn with Plotly from the view's frame (`view_figures`): the series
over time of the places picked, the provinces side by side and the tile map of one period.

Every point, bar and square carries its figure as the source wrote it (`≥ 5.000`, `84,8 %`),
and its hover says the value, what the qualifier means, the period and the sources. A lower
bound is drawn as an upward triangle, an approximation as a diamond, an upper bound as a
downward triangle; values sources disagree on are drawn each, with an open marker.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from analysis.contract import NATIONAL
from analysis.records.periods import parse_period
from analysis.reference import load_tile_grid, tile_grid_names
from analysis.report.maps import two_lines

SEPARATORS = ",."  # Vietnamese numbers: decimal comma, thousands dot (2.164; 81,2)
FONT = {"family": "DejaVu Sans, Arial, sans-serif", "size": 12}
SYMBOLS = {
    "exact": "circle",
    "at_least": "triangle-up",
    "approx": "diamond",
    "at_most": "triangle-down",
}
HOVER = (
    "<b>%{customdata[0]}</b> · %{customdata[1]}<br>"
    "<b>%{customdata[2]}</b><br>%{customdata[3]}<br>Nguồn: %{customdata[4]}<extra></extra>"
)
PICKED, OTHER = "#1f5f99", "#9fb8cf"
NO_DATA_COLOR = "#e4e4e4"
NO_DATA = "không có số liệu"
TILE_PX = 46  # a map square's side, in pixels (the 63-unit grid: 23 rows of 7)
HOVER_COLUMNS = ["jurisdiction", "period_vi", "text", "qualifier_vi", "sources"]


def _layout(figure: go.Figure, title: str, height: int, width: int | None = None) -> go.Figure:
    figure.update_layout(
        width=width,
        title={"text": title, "x": 0.01, "xanchor": "left", "font": {"size": 15}},
        separators=SEPARATORS,
        font=FONT,
        height=height,
        margin={"l": 60, "r": 20, "t": 60, "b": 50},
        template="plotly_white",
        hoverlabel={"align": "left"},
    )
    return figure


def _customdata(rows: pd.DataFrame) -> np.ndarray:
    return rows[HOVER_COLUMNS].astype(str).to_numpy()


def _trace_name(place: str, level: str | None, level_vi: str, computed: bool) -> str:
    name = place if level is None else f"{place} — {level_vi.lower()}"
    return name + (" (tính lại)" if computed else "")


def series_figure(view: pd.DataFrame, title: str, unit: str) -> go.Figure:
    """The places' figures over time: x the periods in time order, one line per place and tier,
    each point labelled with its figure as the source wrote it."""
    rows = view[view["in_series"].astype(bool)]
    figure = go.Figure()
    periods = list(dict.fromkeys(rows.sort_values("period", key=_period_order)["period_vi"]))
    for (place, level, computed), part in rows.groupby(
        [rows["jurisdiction"], rows["level"].fillna(""), rows["series"] == "computed"],
        sort=False,
    ):
        part = part.sort_values("period", key=_period_order)
        name = _trace_name(place, level or None, str(part["level_vi"].iloc[0]), computed)
        for disputed, points in part.groupby("disputed", sort=True):
            figure.add_trace(
                go.Scatter(
                    x=points["period_vi"].tolist(),
                    y=points["value"].tolist(),
                    text=points["text"].tolist(),
                    customdata=_customdata(points),
                    mode="markers+text" if disputed else "lines+markers+text",
                    textposition="top center",
                    name=name + (" — nguồn khác nhau" if disputed else ""),
                    legendgroup=name,
                    marker={
                        "symbol": [
                            SYMBOLS.get(q, "circle") + ("-open" if disputed else "")
                            for q in points["qualifier"]
                        ],
                        "size": 10,
                    },
                    hovertemplate=HOVER,
                    meta={"place": place, "level": level, "disputed": bool(disputed)},
                )
            )
    # half a step of room each side, so that the first and last labels are never clipped
    figure.update_xaxes(
        type="category",
        categoryorder="array",
        categoryarray=periods,
        range=[-0.5, max(len(periods), 1) - 0.5],
    )
    figure.update_yaxes(title_text=unit, rangemode="tozero", tickformat=",~r")
    return _layout(figure, title, 420)


def _period_order(periods: pd.Series) -> pd.Series:
    return periods.map(lambda p: parse_period(str(p)).start.toordinal())


def bars_figure(view: pd.DataFrame, title: str, unit: str, picked: tuple[str, ...]) -> go.Figure:
    """Every province's figure of the map's period, highest first, the places picked in a
    darker blue; each bar labelled with its figure as the source wrote it."""
    rows = view[view["in_map"].astype(bool)].sort_values(
        ["value", "jurisdiction"], ascending=[True, False], kind="stable"
    )
    labels = [
        f"{j} ({s})" if d else j
        for j, d, s in zip(rows["jurisdiction"], rows["disputed"], rows["sources"], strict=True)
    ]
    figure = go.Figure(
        go.Bar(
            x=rows["value"].tolist(),
            y=labels,
            orientation="h",
            text=rows["text"].tolist(),
            textposition="outside",
            cliponaxis=False,
            customdata=_customdata(rows),
            hovertemplate=HOVER,
            marker={"color": [PICKED if j in picked else OTHER for j in rows["jurisdiction"]]},
            name="",
        )
    )
    top = float(rows["value"].max()) if len(rows) else 1.0
    # room right of the longest bar for its label (`≥ 300.000`), which is never clipped
    figure.update_xaxes(title_text=unit, tickformat=",~r", range=[0, top * 1.3])
    figure.update_yaxes(type="category")
    height = max(220, 60 + 26 * len(rows))
    return _layout(figure, title, height, 560)


def _era(names: set[str]) -> bool:
    """Whether the map is the 34 units after the 2025 merger: only when no old name fits."""
    return not names <= set(tile_grid_names(False)) and names <= set(tile_grid_names(True))


def _nice_step(low: float, high: float) -> float:
    raw = max((high - low) / 5, 1e-9)
    power = 10 ** math.floor(math.log10(raw))
    return next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)


def _tiles(z: np.ndarray, text: np.ndarray, hover: np.ndarray, **style: object) -> go.Heatmap:
    """Squares of the grid with their labels and hover: the map's coloured or grey layer."""
    return go.Heatmap(
        z=z.tolist(),
        xgap=3,
        ygap=3,
        text=text.tolist(),
        texttemplate="%{text}",
        textfont={"size": 8},
        customdata=hover.tolist(),
        **style,
    )


def map_figure(view: pd.DataFrame, title: str, unit: str, percent: bool) -> go.Figure:
    """The tile map of the map's period: one square per province, coloured by its figure, the
    figure written in it; a province without one (or whose sources disagree) stays grey."""
    rows = view[view["in_map"].astype(bool) & (view["jurisdiction"] != NATIONAL)]
    one = rows[~rows.duplicated("jurisdiction", keep=False)].set_index("jurisdiction")
    grid = load_tile_grid(_era(set(rows["jurisdiction"])))
    n_rows, n_cols = int(grid["row"].max()) + 1, int(grid["col"].max()) + 1
    z = np.full((n_rows, n_cols), None, dtype=object)  # None, not NaN: the widget sends JSON
    grey = np.full((n_rows, n_cols), None, dtype=object)
    text = np.full((n_rows, n_cols), "", dtype=object)
    hover = np.full((n_rows, n_cols, len(HOVER_COLUMNS)), "", dtype=object)
    disputed = set(rows["jurisdiction"]) - set(one.index)
    for province, r, c, name in grid.itertuples(index=False):
        label = two_lines(name, "<br>")
        if province in one.index:
            figure_row = one.loc[province]
            z[r, c] = float(figure_row["value"])
            text[r, c] = f"{label}<br>{figure_row['text']}"
            hover[r, c] = [province, *(str(figure_row[k]) for k in HOVER_COLUMNS[1:])]
        else:
            grey[r, c] = 0.0
            said = (
                " / ".join(rows.loc[rows["jurisdiction"] == province, "text"])
                if province in disputed
                else ""
            )
            text[r, c] = f"{label}<br>{said}" if said else label
            what = "nguồn khác nhau: " + said if said else NO_DATA
            hover[r, c] = [province, "", what, "", ""]
    figure = go.Figure()
    figure.add_trace(
        _tiles(
            grey,
            text,
            hover,
            colorscale=[[0, NO_DATA_COLOR], [1, NO_DATA_COLOR]],
            showscale=False,
            hovertemplate="<b>%{customdata[0]}</b><br>%{customdata[2]}<extra></extra>",
            name=NO_DATA,
        )
    )
    values = [v for v in z.ravel() if v is not None]
    high = max(values) if values else 1.0
    # Counts are coloured from 0 (a lone province is not the palest square); rates between the
    # lowest and highest shown.
    low = min(values) if (percent and values) else min(0.0, *values) if values else 0.0
    colorbar = {"title": {"text": unit}, "tickformat": ",~r", "len": 0.5, "y": 0.75}
    if not percent:  # counts: ticks on whole numbers only
        colorbar.update(tick0=0, dtick=max(1, round(_nice_step(low, high))))
    figure.add_trace(
        _tiles(
            z,
            text,
            hover,
            colorscale="YlGnBu",
            zmin=low,
            zmax=high if high > low else low + 1,
            hovertemplate=HOVER,
            colorbar=colorbar,
            name="",
        )
    )
    figure.update_yaxes(autorange="reversed", visible=False, scaleanchor="x")
    figure.update_xaxes(visible=False)
    return _layout(figure, title, TILE_PX * n_rows + 110, TILE_PX * n_cols + 200)
