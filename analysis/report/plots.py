"""The project's charts: one seaborn theme, Vietnamese labels and number formats, sources named.

The theme is applied to each figure while it is built and drawn (`chart_style`, a
`matplotlib.rc_context`), never to matplotlib's global settings: a notebook's own plots keep
the look their author chose.

Periods of different lengths go in separate panels, each with its own axis, never on one scale.
A lower bound ("trên 5.000") is drawn as an open marker and labelled `≥ 5.000`; an approximation
("gần 85%") as a half-filled one labelled `≈ 85 %`; each mark is in the legend where it is used.
A point's label is its `text` where the caller gives one (a stated figure with the source's own
digits, a computed one with its rounding), else its value with its qualifier. A `Chart` shows as
a PNG and, for nbval, as text listing every number it plots.
"""

from __future__ import annotations

import functools
import io
import math
import textwrap
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field, replace

import matplotlib as mpl
import numpy as np
import pandas as pd
import seaborn as sns
from cycler import cycler
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.ticker import FuncFormatter
from matplotlib.transforms import blended_transform_factory
from PIL import Image

from analysis.report.layout import LAYOUT_PROBLEMS
from analysis.report.numfmt import fmt_axis, fmt_percent, fmt_value
from analysis.report.placement import (
    marker_box,
    place_labels,
    point_label,
    segment_box,
    text_problems,
)
from analysis.report.sources import CITED, cited_ids
from analysis.report.tables import ReportTable

FONT = "DejaVu Sans"  # shipped with matplotlib; has every Vietnamese letter and ≥
DPI = 150
DISPLAY_DPI = 96
WIDTH_IN = 7.0
PALETTE = sns.color_palette("colorblind")
POINT_COLOR = PALETTE[0]

# The one look of every chart: seaborn's "paper" sizes and white grid, DejaVu Sans, its "deep"
# colour cycle, smaller titles and labels (what `seaborn.set_theme` would set globally).
THEME: dict[str, object] = {
    **sns.plotting_context("paper"),
    **sns.axes_style("whitegrid", rc={"font.family": FONT}),
    "axes.prop_cycle": cycler("color", sns.color_palette("deep")),
    "axes.titlesize": 9,
    "axes.labelsize": 8,
    "xtick.labelsize": 7.5,
    "ytick.labelsize": 8,
    "figure.titlesize": 10.5,
    "svg.hashsalt": "vn-justice-stats",
}


@contextmanager
def chart_style(extra: Mapping[str, object] | None = None) -> Iterator[None]:
    """The theme (and `extra` settings) in force inside the block only: matplotlib's settings
    are restored when it ends."""
    with mpl.rc_context({**THEME, **(extra or {})}):
        yield


def styled(
    extra: Mapping[str, object] | None = None,
) -> Callable[[Callable[..., Chart]], Callable[..., Chart]]:
    """Decorate a function that builds a `Chart`: it runs in `chart_style(extra)`, and the chart
    it returns is drawn in the same style."""

    def decorate(build: Callable[..., Chart]) -> Callable[..., Chart]:
        @functools.wraps(build)
        def build_styled(*args: object, **kwargs: object) -> Chart:
            with chart_style(extra):
                chart = build(*args, **kwargs)
            return replace(chart, style=dict(extra or {}))

        return build_styled

    return decorate


@dataclass(frozen=True)
class Chart:
    """A figure and the numbers it plots: PNG for people, the numbers as text for nbval.
    `style` is what the figure was built with (`chart_style`'s extra settings), drawn with too."""

    figure: Figure
    data: ReportTable
    style: Mapping[str, object] = field(default_factory=dict)

    def png(self) -> bytes:
        """The figure as an opaque RGB PNG, with no software stamp: the same bytes on every run.

        Opaque because a PDF cannot hold a PNG's alpha channel as it is: WeasyPrint would split
        and re-compress every transparent image on every render.
        """
        raw = io.BytesIO()
        with chart_style(self.style):
            self.figure.savefig(raw, format="rgba", dpi=DPI, facecolor="white")
        width = round(self.figure.get_figwidth() * DPI)
        height = len(raw.getvalue()) // (4 * width)
        image = Image.frombuffer("RGBA", (width, height), raw.getvalue()).convert("RGB")
        buffer = io.BytesIO()
        image.save(buffer, format="png")
        return buffer.getvalue()

    def layout_problems(self) -> list[str]:
        """Labels of the drawn chart that overlap another or are cut off by its edge."""
        with chart_style(self.style):
            return text_problems(self.figure)

    def _repr_png_(self) -> tuple[bytes, dict[str, object]]:
        """The PNG, its display width, the sources it cites and (only if there are any) its
        layout problems, which the report build refuses (`LAYOUT_PROBLEMS` in the metadata)."""
        metadata: dict[str, object] = {
            "width": round(self.figure.get_figwidth() * DISPLAY_DPI),
            CITED: list(cited_ids(self.data.source)),
        }
        problems = self.layout_problems()
        if problems:
            metadata[LAYOUT_PROBLEMS] = problems
        return self.png(), metadata

    def __repr__(self) -> str:
        return f"Biểu đồ — {self.data!r}"


def _formatter(percent: bool) -> Callable[[float, object], str]:
    if percent:
        return lambda v, _pos=None: fmt_percent(v, 0)
    return fmt_axis


def _label(value: float, qualifier: str, percent: bool, digits: int = 2) -> str:
    return fmt_value(value, qualifier, digits) + " %" if percent else fmt_value(value, qualifier)


# How a point shows its qualifier: a lower bound hollow, an approximation half filled, an upper
# bound filled in its top half; an exact figure is filled whole.
QUALIFIER_LEGEND = {
    "at_least": "Cận dưới (≥): nguồn ghi “trên”, “hơn”",
    "approx": "Xấp xỉ (≈): nguồn ghi “khoảng”, “gần”",
    "at_most": "Cận trên (≤): nguồn ghi “dưới”, “chưa đến”",
}


def _point_style(qualifier: str, colour: object) -> dict[str, object]:
    if qualifier == "at_least":
        return {"mfc": "white", "mec": colour, "mew": 1.5}
    if qualifier == "approx":
        return {"fillstyle": "left", "mfc": colour, "mfcalt": "white", "mec": colour, "mew": 1.2}
    if qualifier == "at_most":
        return {"fillstyle": "top", "mfc": colour, "mfcalt": "white", "mec": colour, "mew": 1.2}
    return {"color": colour}


def qualifier_handles(qualifiers: object, colour: object = POINT_COLOR) -> list[Line2D]:
    """Legend entries for the marks of the qualifiers present: one each, never shared."""
    present = {str(q) for q in qualifiers}
    return [
        Line2D([], [], marker="o", ls="", label=label, **_point_style(q, colour))
        for q, label in QUALIFIER_LEGEND.items()
        if q in present
    ]


def _value_axis(
    ax: Axes, title: str, xlabel: str, percent: bool, top: float, room: tuple[float, float]
) -> None:
    """A horizontal value axis from 0: percent to 100 (ticks every 20), counts to the largest
    value; `room` leaves space right of the top for value labels (percent end, count factor)."""
    if percent:
        ax.set_xlim(0, room[0])
        ax.set_xticks(range(0, 101, 20))
    else:
        ax.set_xlim(0, top * room[1])
    ax.xaxis.set_major_formatter(FuncFormatter(_formatter(percent)))
    ax.set_title(title, loc="left")
    ax.set_xlabel(xlabel)
    ax.grid(axis="y", visible=False)


FOOT_WRAP = 125  # characters of 7 pt text on a 7-inch line
LEGEND_COLUMNS = 3


def foot_inches(foot: str, n_handles: int) -> float:
    """Height of the legend and the wrapped source note, in inches."""
    lines = sum(len(textwrap.wrap(line, FOOT_WRAP)) or 1 for line in foot.split("\n"))
    return 0.1 + 0.22 * math.ceil(n_handles / LEGEND_COLUMNS) + 0.135 * lines


def _draw_foot(figure: Figure, ax: Axes, foot: str, handles: list[Line2D]) -> None:
    """The legend and the source note, in a bottom row that starts at the figure's left edge.

    Both stay out of the layout engine's sums (their row is sized by `foot_inches`), so a long
    source note never squeezes the panels to nothing."""
    ax.set_axis_off()
    foot = "\n".join(textwrap.fill(line, FOOT_WRAP) for line in foot.split("\n"))
    left = blended_transform_factory(figure.transFigure, ax.transAxes)
    legend = ax.legend(
        handles=handles,
        loc="upper left",
        bbox_to_anchor=(0.0, 1.0),
        bbox_transform=left,
        ncols=LEGEND_COLUMNS,
        fontsize=7,
        frameon=False,
        borderaxespad=0.0,
        handletextpad=0.6,
        columnspacing=1.2,
    )
    legend.set_in_layout(False)
    text = ax.text(
        0.01, 0.0, foot, transform=left, ha="left", va="bottom", fontsize=7, color="#444"
    )
    text.set_in_layout(False)


TITLE_IN = 0.35  # the figure's title
PANEL_TITLE_IN = 0.24  # a panel's own title, above its axes
RIGHT_IN = 0.15


TITLE_WRAP = 84  # characters of the 10.5 pt title on a 7-inch line
TITLE_LINE_IN = 0.2


def wrap_title(title: str) -> str:
    """The figure's title broken into lines that fit the chart's width."""
    return textwrap.fill(title, TITLE_WRAP)


def stacked_axes(
    heights_in: list[float], below_in: float, left_in: float, foot_in: float, title: str = ""
) -> tuple[Figure, list[Axes], Axes]:
    """A figure of panels stacked top to bottom, laid out by hand in inches (no layout engine:
    it would draw every chart several times to measure it), and a foot row for the legend;
    room on top for `title` as `wrap_title` breaks it."""
    title_in = TITLE_IN + TITLE_LINE_IN * wrap_title(title).count("\n")
    total = title_in + sum(PANEL_TITLE_IN + h + below_in for h in heights_in) + foot_in
    figure = Figure(figsize=(WIDTH_IN, total))
    width = (WIDTH_IN - left_in - RIGHT_IN) / WIDTH_IN
    top = total - title_in
    axes = []
    for h in heights_in:
        top -= PANEL_TITLE_IN
        axes.append(figure.add_axes((left_in / WIDTH_IN, (top - h) / total, width, h / total)))
        top -= h + below_in
    foot = figure.add_axes((0.0, 0.02 / total, 1.0, max(foot_in - 0.04, 0.01) / total))
    return figure, axes, foot


def label_inches(labels: list[str], size_pt: float) -> float:
    """A generous width of the longest label in DejaVu Sans (about 0.6 em a character)."""
    longest = max((len(str(x)) for x in labels), default=0)
    return longest * size_pt * 0.6 / 72


SERIES_STYLE = {  # series code: (label, colour, marker)
    "stated": ("Số liệu nguồn nêu", PALETTE[0], "o"),
    "computed": ("Tính lại từ các thành phần", PALETTE[3], "D"),
}
SPAN_ALPHA = 0.55
PANEL_HEIGHT_IN = 1.9


_EXTRA_COLOURS = (PALETTE[1], PALETTE[2], PALETTE[4], PALETTE[5], PALETTE[6], PALETTE[7])
_EXTRA_MARKERS = ("s", "^", "v", "P", "X", "*")


def ink(colour: object) -> tuple[float, float, float]:
    """A series' colour darkened for its value labels: readable, and tied to its marks."""
    r, g, b = mpl.colors.to_rgb(colour)
    return (r * 0.7, g * 0.7, b * 0.7)


def _series_style(code: str, order: list[str]) -> tuple[str, object, str]:
    """Label, colour and marker of a series: stated and computed fixed, others in turn."""
    if code in SERIES_STYLE:
        return SERIES_STYLE[code]
    extra = [c for c in order if c not in SERIES_STYLE]
    i = extra.index(code) if code in extra else len(extra)
    return code, _EXTRA_COLOURS[i % len(_EXTRA_COLOURS)], _EXTRA_MARKERS[i % len(_EXTRA_MARKERS)]


@styled()
def time_panels(
    panels: list[tuple[str, pd.DataFrame]],
    *,
    title: str,
    ylabel: str,
    source: str,
    percent: bool = False,
    series_labels: dict[str, str] | None = None,
    method: str | None = None,
) -> Chart:
    """Values over time, one panel per kind of period (each its own axis), years across.

    Each frame has x_start, x_end, x, years, value, per_year, qualifier, series, label. A
    multi-year span is a horizontal bar over its years at its yearly average (`per_year`);
    lower bounds are open markers; every point carries its value.
    """
    labels_of = {k: v[0] for k, v in SERIES_STYLE.items()} | (series_labels or {})
    foot = source if not method else f"{method}\n{source}"
    n_series = len({c for _, f in panels for c in f["series"]})
    foot_rows = foot_inches(foot, n_series + 2)
    figure, panel_axes, foot_ax = stacked_axes(
        [PANEL_HEIGHT_IN - 0.55] * len(panels), 0.3, 1.05, foot_rows, title
    )
    axes = [*panel_axes, foot_ax]
    first = min(float(f["x_start"].min()) for _, f in panels)
    last = max(float(f["x_end"].max()) for _, f in panels)
    seen: dict[str, Line2D] = {}
    has_span = False
    marks: set[str] = set()
    for ax, (name, frame) in zip(axes[:-1], panels, strict=True):
        labels, spans, points = [], [], []
        for row, text in zip(frame.itertuples(), _time_texts(frame, percent), strict=True):
            _, colour, marker = _series_style(row.series, list(labels_of))
            if row.years:
                has_span = True
                seen.setdefault(row.series, Line2D([], [], marker=marker, ls="", color=colour))
                ax.hlines(
                    row.per_year, row.x_start, row.x_end, color=colour, lw=5, alpha=SPAN_ALPHA
                )
                labels.append(
                    point_label(ax, text, (row.x_end, row.per_year), fontsize=7, color=ink(colour))
                )
                spans.append((row.x_start, row.x_end, row.per_year))
                continue
            marks.add(str(row.qualifier))
            ax.plot(
                [row.x],
                [row.value],
                marker,
                ms=6,
                zorder=3,
                **_point_style(row.qualifier, colour),
            )
            labels.append(point_label(ax, text, (row.x, row.value), fontsize=7, color=ink(colour)))
            points.append((row.x, row.value))
            seen.setdefault(row.series, Line2D([], [], marker=marker, ls="", color=colour))
        values = [*frame["value"].where(frame["years"] == 0).dropna(), *frame["per_year"]]
        top = max(values) if values else 1.0
        if percent:
            low = min(values) if values else 0.0
            ax.set_ylim(max(0.0, low - 12), min(105.0, top + 8))
        else:
            ax.set_ylim(0, top * 1.25)
        ax.set_xlim(first - 0.3, last + 0.6)
        ticks = range(int(first), int(last) + 1)
        step = 1 if len(ticks) <= 14 else 2
        # Gridlines mark where years begin; each year's label sits in the middle of its band.
        ax.set_xticks([*ticks, ticks[-1] + 1], [""] * (len(ticks) + 1))
        ax.set_xticks([t + 0.5 for t in ticks[::step]], [str(t) for t in ticks[::step]], minor=True)
        ax.tick_params(axis="x", which="both", length=0)
        ax.grid(axis="x", which="major", visible=True, color="#e4e4e4", lw=0.6)
        ax.yaxis.set_major_formatter(FuncFormatter(_formatter(percent)))
        ax.set_title(name, loc="left")
        ax.set_ylabel(ylabel)
        keep_out = [segment_box(ax, *span, 5) for span in spans]
        keep_out += [marker_box(ax, x, y, 6) for x, y in points]
        place_labels(ax, labels, keep_out, beside=[bool(r.years) for r in frame.itertuples()])
    handles = [
        Line2D([], [], marker=h.get_marker(), ls="", color=h.get_color(), label=labels_of.get(k, k))
        for k, h in seen.items()
    ]
    handles += qualifier_handles(marks)
    if has_span:
        handles.append(
            Line2D(
                [],
                [],
                ls="-",
                lw=5,
                alpha=SPAN_ALPHA,
                color=POINT_COLOR,
                solid_capstyle="butt",
                label="Giai đoạn nhiều năm: "
                + ("tỷ lệ của cả giai đoạn" if percent else "trung bình mỗi năm"),
            )
        )
    figure.suptitle(wrap_title(title), x=0.01, ha="left")
    _draw_foot(figure, axes[-1], foot, handles)
    table = pd.concat([f.assign(_panel=n) for n, f in panels], ignore_index=True)
    data = pd.DataFrame(
        {
            "Phần": table["_panel"].astype(str),
            "Dòng": table["label"].astype(str),
            "Giá trị": _time_texts(table, percent),
        }
    )
    return Chart(figure, ReportTable(title, data, source, numeric=("Giá trị",)))


def _time_texts(frame: pd.DataFrame, percent: bool) -> list[str]:
    """A time point's label: the caller's `text`, else its value (a span: its yearly average)."""
    if "text" in frame:
        return [str(t) for t in frame["text"]]
    return [
        _label(v if not y else p, q, percent) + ("" if not y or percent else " /năm (TB)")
        for v, p, q, y in zip(
            frame["value"], frame["per_year"], frame["qualifier"], frame["years"], strict=True
        )
    ]


ROW_HEIGHT_IN = 0.17
RANK_COLUMNS = ("panel", "label", "value", "qualifier", "region", "is_average")


@styled()
def rank_panels(
    points: pd.DataFrame,
    *,
    title: str,
    xlabel: str | Mapping[str, str],
    source: str,
    percent: bool = False,
    method: str | None = None,
    regions: list[str] | None = None,
) -> Chart:
    """Places ranked on one shared axis per panel, one row each: readable with 63 provinces.

    `points` has panel, label, value, qualifier, region, is_average. Colour is the region; an
    open marker is a lower bound; a square is a multi-year span's yearly average. `xlabel` is
    one axis label, or one per panel (a rate per year, per half-year).
    """
    missing = [c for c in RANK_COLUMNS if c not in points.columns]
    if missing:
        raise ValueError(f"rank_panels: points lack column(s) {', '.join(missing)}")
    order = regions or sorted({str(r) for r in points["region"].dropna()})
    colours = {r: PALETTE[i % len(PALETTE)] for i, r in enumerate(order)}
    panels = list(dict.fromkeys(points["panel"]))
    sizes = [int((points["panel"] == p).sum()) for p in panels]
    foot = source if not method else f"{method}\n{source}"
    n_regions = points["region"].nunique()
    foot_in = foot_inches(foot, n_regions + 2)
    heights = [ROW_HEIGHT_IN * (n + 0.6) for n in sizes]
    left = label_inches([f"{len(points)}. {x}" for x in points["label"]], 7) + 0.15
    figure, panel_axes, foot_ax = stacked_axes(heights, 0.5, left, foot_in, title)
    axes = [*panel_axes, foot_ax]
    for ax, panel in zip(axes[:-1], panels, strict=True):
        rows = points[points["panel"] == panel].sort_values("value", ascending=False, kind="stable")
        y = np.arange(len(rows))[::-1].astype(float)
        values = rows["value"].astype(float).to_numpy()
        labels = []
        ax.hlines(y, 0, values, color="#999", alpha=0.35, lw=0.8)
        for yy, v, q, region, avg, text in zip(
            y,
            values,
            rows["qualifier"],
            rows["region"],
            rows["is_average"],
            _rank_texts(rows, percent),
            strict=True,
        ):
            colour = colours.get(str(region), "#666")
            style = _point_style(str(q), colour)
            ax.plot([v], [yy], "s" if avg else "o", ms=4.5, zorder=3, **style)
            labels.append(point_label(ax, text, (v, yy), fontsize=6.5))
        ax.set_yticks(y, [f"{i}. {lab}" for i, lab in enumerate(rows["label"], start=1)])
        ax.tick_params(axis="y", labelsize=7)
        ax.set_ylim(-0.8, len(rows) - 0.2)
        top = float(np.nanmax(values)) if len(values) else 1.0
        label = xlabel if isinstance(xlabel, str) else xlabel[panel]
        _value_axis(ax, panel, label, percent, top, room=(112, 1.22))
        # The panel's title starts at the figure's left edge, over the province names.
        ax.set_title(panel, loc="left", x=-(left - 0.1) / (WIDTH_IN - left - RIGHT_IN))
        keep_out = [marker_box(ax, v, yy, 4.5) for v, yy in zip(values, y, strict=True)]
        place_labels(ax, labels, keep_out, beside=True)
    present = [r for r in order if r in set(points["region"].astype(str))]
    handles = [Line2D([], [], marker="o", ls="", color=colours[r], label=r) for r in present]
    handles += qualifier_handles(points["qualifier"], "#444")
    if points["is_average"].any():
        handles.append(
            Line2D(
                [],
                [],
                marker="s",
                ls="",
                color="#444",
                label="Trung bình mỗi năm của giai đoạn",
            )
        )
    figure.suptitle(wrap_title(title), x=0.01, ha="left")
    _draw_foot(figure, axes[-1], foot, handles)
    ranked = points.assign(_v=points["value"].astype(float)).sort_values(
        ["panel", "_v"], ascending=[True, False], kind="stable"
    )
    data = pd.DataFrame(
        {
            "Phần": ranked["panel"].astype(str).to_numpy(),
            "Dòng": ranked["label"].astype(str).to_numpy(),
            "Giá trị": _rank_texts(ranked, percent),
        }
    )
    return Chart(figure, ReportTable(title, data, source, numeric=("Giá trị",)))


def _rank_texts(points: pd.DataFrame, percent: bool) -> list[str]:
    """A ranked point's label: the caller's `text`, else its value (an average marked)."""
    if "text" in points:
        return [str(t) for t in points["text"]]
    return [
        _label(v, str(q), percent, 1) + (" (TB/năm)" if a else "")
        for v, q, a in zip(points["value"], points["qualifier"], points["is_average"], strict=True)
    ]
