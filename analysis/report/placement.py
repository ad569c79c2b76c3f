"""Where a chart's value labels go, and the check that no two drawn labels overlap.

`place_labels` tries each label at a few positions around its point (right, left, above,
below, then farther out) and keeps the first that stays inside its panel and clear of every
label and marker placed before it. `text_problems` draws the figure once with a renderer that
notes every text it draws, and reports two texts whose boxes overlap or a text cut off by the
figure's edge: the build refuses a chart with either (`Chart.layout_problems`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from itertools import combinations

from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg
from matplotlib.figure import Figure
from matplotlib.text import Annotation, Text
from matplotlib.transforms import Bbox

# Offsets in points from the point to the label, with the label's alignment there.
NEAR = (
    (5, 3, "left", "bottom"),
    (5, -3, "left", "top"),
    (-5, 3, "right", "bottom"),
    (-5, -3, "right", "top"),
    (0, 6, "center", "bottom"),
    (0, -6, "center", "top"),
)
FAR_STEPS = (2.2, 3.6)  # the same directions farther out, with a thin line back to the point
BESIDE = ((5, 0, "left", "center_baseline"), (-5, 0, "right", "center_baseline"))
LEADER = {"arrowstyle": "-", "color": "#999999", "lw": 0.5, "shrinkA": 0, "shrinkB": 3}
GAP_PX = 1.0  # boxes closer than this count as touching
EDGE_PX = 0.5  # a text this far past the figure's edge is cut off


def renderer_of(figure: Figure) -> RendererAgg:
    """An Agg renderer for measuring the figure's texts (the figure gets an Agg canvas)."""
    if not isinstance(figure.canvas, FigureCanvasAgg):
        FigureCanvasAgg(figure)
    return figure.canvas.get_renderer()


def text_box(text: Text, renderer: RendererAgg) -> Bbox:
    """The box of a text's letters only (an annotation's own extent includes its leader line,
    drawn or not)."""
    if isinstance(text, Annotation):
        text.update_positions(renderer)
    return Text.get_window_extent(text, renderer)


def _apart(a: Bbox, b: Bbox, gap: float = GAP_PX) -> bool:
    return a.x1 + gap <= b.x0 or b.x1 + gap <= a.x0 or a.y1 + gap <= b.y0 or b.y1 + gap <= a.y0


def _inside(box: Bbox, area: Bbox) -> bool:
    return box.x0 >= area.x0 and box.x1 <= area.x1 and box.y0 >= area.y0 and box.y1 <= area.y1


def marker_box(ax: Axes, x: float, y: float, size_pt: float) -> Bbox:
    """The box a marker of `size_pt` points covers at data point (x, y), in pixels."""
    px, py = ax.transData.transform((x, y))
    half = size_pt * ax.figure.dpi / 72 / 2 + 1
    return Bbox.from_extents(px - half, py - half, px + half, py + half)


def segment_box(ax: Axes, x0: float, x1: float, y: float, width_pt: float) -> Bbox:
    """The box a horizontal bar from x0 to x1 at y, `width_pt` thick, covers in pixels."""
    (p0, py), (p1, _) = ax.transData.transform([(x0, y), (x1, y)])
    half = width_pt * ax.figure.dpi / 72 / 2
    return Bbox.from_extents(p0, py - half, p1, py + half)


def _candidates(beside: bool) -> list[tuple[float, float, str, str, bool]]:
    first = [(*c, False) for c in (BESIDE if beside else ())]
    near = [(*c, False) for c in NEAR]
    far = [(dx * k, dy * k, ha, va, True) for k in FAR_STEPS for dx, dy, ha, va in NEAR]
    return first + near + far


def point_label(ax: Axes, text: str, xy: tuple[float, float], **kwargs: object) -> Annotation:
    """A value label for `place_labels`: offset in points from its point, with a leader line
    that shows only if the label has to move far out."""
    label = ax.annotate(
        text, xy, xytext=(5, 3), textcoords="offset points", arrowprops=dict(LEADER), **kwargs
    )
    label.arrow_patch.set_visible(False)
    return label


def place_labels(
    ax: Axes,
    labels: Sequence[Annotation],
    keep_out: Iterable[Bbox] = (),
    *,
    beside: Sequence[bool] | bool = False,
) -> list[Bbox]:
    """Move each label (from `point_label`) to the first candidate position inside the panel
    and clear of `keep_out` and of the labels placed before it; a label `beside` (one flag, or
    one per label) tries level with its point first. Returns the boxes taken. A label that fits
    nowhere keeps its first position, and `text_problems` reports it."""
    renderer = renderer_of(ax.figure)
    area = ax.get_window_extent(renderer)
    taken = list(keep_out)
    flags = [beside] * len(labels) if isinstance(beside, bool) else list(beside)
    for label, level in zip(labels, flags, strict=True):
        chosen = None
        for dx, dy, ha, va, far in _candidates(level):
            label.xyann = (dx, dy)
            label.set_horizontalalignment(ha)
            label.set_verticalalignment(va)
            box = text_box(label, renderer)
            if _inside(box, area) and all(_apart(box, t) for t in taken):
                chosen = (box, far)
                break
        if chosen is None:
            dx, dy, ha, va, _ = _candidates(level)[0]
            label.xyann = (dx, dy)
            label.set_horizontalalignment(ha)
            label.set_verticalalignment(va)
            chosen = (text_box(label, renderer), False)
        if label.arrow_patch is not None:  # a leader line back to a point labelled far out
            label.arrow_patch.set_visible(chosen[1])
        taken.append(chosen[0])
    return taken


def drawn_texts(figure: Figure) -> list[tuple[Text, Bbox]]:
    """Every non-empty text the figure draws, with its box in pixels (drawn once to find out:
    a tick label outside the axis range or an axis turned off is never drawn)."""
    renderer = renderer_of(figure)
    texts = [t for t in figure.findobj(Text) if t.get_text().strip()]
    seen: list[Text] = []

    def noting(text: Text) -> Callable[[RendererAgg], None]:
        draw = text.draw

        def draw_noted(renderer: RendererAgg) -> None:
            if text.get_visible():
                seen.append(text)
            draw(renderer)

        return draw_noted

    for text in texts:  # on these instances only, for this one drawing
        text.draw = noting(text)
    try:
        figure.draw(renderer)
    finally:
        for text in texts:
            del text.draw
    return [(t, text_box(t, renderer)) for t in dict.fromkeys(seen)]


def _name(text: Text) -> str:
    flat = " ".join(text.get_text().split())
    return repr(flat if len(flat) <= 30 else flat[:29] + "…")


def text_problems(figure: Figure) -> list[str]:
    """Texts of the drawn figure that overlap another or are cut off by the figure's edge."""
    texts = drawn_texts(figure)
    edge = figure.bbox
    problems = [
        f"text {_name(t)} is cut off by the chart's edge"
        for t, box in texts
        if box.x0 < edge.x0 - EDGE_PX
        or box.x1 > edge.x1 + EDGE_PX
        or box.y0 < edge.y0 - EDGE_PX
        or box.y1 > edge.y1 + EDGE_PX
    ]
    problems += [
        f"text {_name(a)} overlaps {_name(b)}"
        for (a, box_a), (b, box_b) in combinations(texts, 2)
        if not _apart(box_a, box_b, -GAP_PX)
    ]
    return problems
