"""The explorer in JupyterLab (or as a Voilà page): ipywidgets to pick the indicator, the places,
the kind of period, the scope and the map's period, driving three Plotly charts, the table of
the figures shown (each with links to its sources) and a CSV download of exactly that table.

Every figure comes from `view_figures`, the pure function of the records and the selection; this
module only lays the widgets out and redraws when a selection changes.
"""

from __future__ import annotations

import base64
import html
from pathlib import Path

import ipywidgets as w
import pandas as pd
import plotly.graph_objects as go

from analysis.contract import NATIONAL, TOTAL
from analysis.errors import DataError
from analysis.explore.charts import bars_figure, map_figure, series_figure
from analysis.explore.figures import (
    Selection,
    choices,
    periods_of,
    ranked_kinds,
    ranked_places,
    view_csv,
    view_figures,
)
from analysis.paths import data_dir
from analysis.records.citations import ID_SEPARATOR
from analysis.report.labels import (
    PERIOD_KIND_VI,
    SCOPE_VI,
    indicator_vi,
    period_vi,
    short_vi,
    unit_vi,
)
from analysis.review.links import file_link
from analysis.review.sources import source_infos
from analysis.sources.registry import is_web_address

CSV_NAME = "so-lieu-dang-xem.csv"
TABLE_HEADERS = ("Nơi", "Kỳ", "Cấp", "Phạm vi", "Giá trị", "Định lượng", "Hiện ở", "Nguồn")
DEFAULT_PLACES = 3
TABLE_CSS = (
    ".vnx-table{border-collapse:collapse;font-size:12px;line-height:1.35}"
    ".vnx-table th,.vnx-table td{padding:3px 8px;border-bottom:1px solid #ddd;text-align:left;"
    "vertical-align:top}"
    ".vnx-table td:nth-child(5){text-align:right;white-space:nowrap}"
    ".vnx-table a{color:#1f5f99;text-decoration:underline}"
)


def source_links(doc_ids: str, infos: dict, citation: str) -> str:
    """The sources of one figure as HTML: its citation, then a link per source (its web address,
    else its stored file through the Jupyter server)."""
    links = []
    for doc in [d for d in doc_ids.split(ID_SEPARATOR) if d]:
        info = infos.get(doc)
        href = ""
        if info is not None and is_web_address(info.url):
            href = info.url
        elif info is not None and (info.raw or info.article):
            href = file_link(Path(info.raw or info.article)) or ""
        label = html.escape(info.title or doc) if info is not None else html.escape(doc)
        links.append(
            f'<a href="{html.escape(href, quote=True)}" target="_blank" rel="noopener" '
            f'class="vnx-source" data-doc="{html.escape(doc, quote=True)}">{label}</a>'
            if href
            else f'<span class="vnx-source" data-doc="{html.escape(doc, quote=True)}">{label}</span>'
        )
    return f"{html.escape(citation)}<br>{'<br>'.join(links)}"


def _scope_cell(row: pd.Series) -> str:
    said = row["area"] if row["scope"] == "area" else row["scope_note"]
    base = SCOPE_VI.get(str(row["scope"]), str(row["scope"]))
    return f"{base}: {said}" if isinstance(said, str) and said else base


def table_html(view: pd.DataFrame, infos: dict) -> str:
    """The figures shown, one row each, in the view's order (the CSV's rows)."""
    if view.empty:
        return '<p class="vnx-none">Không có số liệu nào cho lựa chọn này.</p>'
    head = "".join(f"<th>{h}</th>" for h in TABLE_HEADERS)
    body = []
    for _, r in view.iterrows():
        where = " + ".join(
            name for name, on in (("chuỗi", r["in_series"]), ("bản đồ", r["in_map"])) if on
        )
        cells = [
            r["jurisdiction"],
            r["period_vi"],
            r["level_vi"],
            _scope_cell(r),
            r["text"],
            r["qualifier_vi"] + (" · nguồn khác nhau" if r["disputed"] else ""),
            where,
        ]
        tds = "".join(f"<td>{html.escape(str(c))}</td>" for c in cells)
        tds += f"<td>{source_links(r['doc_ids'], infos, r['sources'])}</td>"
        body.append(f'<tr data-period="{html.escape(r["period"])}">{tds}</tr>')
    return (
        f"<style>{TABLE_CSS}</style>"
        f'<table class="vnx-table"><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>'
    )


def download_html(view: pd.DataFrame) -> str:
    """A link that downloads the table shown as CSV (UTF-8 with BOM, for spreadsheets)."""
    payload = base64.b64encode(view_csv(view).encode("utf-8")).decode("ascii")
    return (
        f'<a class="vnx-download" download="{CSV_NAME}" '
        f'href="data:text/csv;charset=utf-8;base64,{payload}">'
        f"⬇ Tải CSV các số liệu đang xem ({len(view)} dòng)</a>"
    )


class Explorer(w.VBox):
    """The explorer: selectors on top, then the series, the provinces side by side, the map
    with its period slider, the table of the figures shown and its CSV download."""

    def __init__(self, records: pd.DataFrame, data: Path | None = None) -> None:
        self.records = records
        self.infos = source_infos(data or data_dir())
        first = choices(records)
        indicator = _default_indicator(records, first.indicators)
        self.indicator = w.Dropdown(
            options=[(indicator_vi(c), c) for c in first.indicators],
            value=indicator,
            description="Chỉ tiêu",
            layout=w.Layout(width="560px"),
        )
        self.places = w.SelectMultiple(description="Nơi", rows=8, layout=w.Layout(width="320px"))
        self.kind = w.Dropdown(description="Loại kỳ", layout=w.Layout(width="320px"))
        self.scope = w.Dropdown(description="Phạm vi", layout=w.Layout(width="320px"))
        self.period = w.SelectionSlider(
            description="Kỳ (bản đồ)",
            options=[("–", "")],
            continuous_update=False,
            layout=w.Layout(width="560px"),
        )
        self.note = w.HTML()
        self.table = w.HTML()
        self.download = w.HTML()
        for widget in (self.indicator, self.places, self.kind, self.scope, self.period):
            widget.add_class("vnx-" + _name_of(widget, self))
        self._busy = True
        self._refill(indicator)
        self._busy = False
        self.indicator.observe(self._on_indicator, "value")
        for widget in (self.places, self.kind, self.scope):
            widget.observe(self._on_change, "value")
        self.period.observe(self._on_period, "value")
        # The charts are made with their first figures, so that they draw before any change.
        first = self.figures(view_figures(records, self.selection()))
        self.series, self.bars, self.map = (go.FigureWidget(f) for f in first)
        self.charts = w.VBox(
            [
                _boxed(self.series, "vnx-series"),
                w.HBox(
                    [_boxed(self.bars, "vnx-bars"), _boxed(self.map, "vnx-map")],
                    layout=w.Layout(flex_flow="row wrap"),
                ),
            ]
        )
        controls = w.HBox(
            [w.VBox([self.indicator, self.kind, self.scope, self.period]), self.places]
        )
        super().__init__(
            [
                controls,
                self.note,
                self.charts,
                self.download,
                self.table,
            ]
        )
        self.add_class("vnx-root")
        self.redraw(charts=False)

    def _refill(self, indicator: str) -> None:
        """The places, kinds and scopes the indicator has; what was picked is kept where the
        indicator has figures of it, else the kind and places with the most figures."""
        offered = choices(self.records, indicator)
        scopes = [(SCOPE_VI[s], s) for s in offered.scopes]
        old_scope = self.scope.value
        self.scope.options = scopes
        self.scope.value = (
            old_scope
            if old_scope in offered.scopes
            else (TOTAL if TOTAL in offered.scopes else scopes[0][1])
        )
        busy = ranked_kinds(self.records, indicator, self.scope.value) or list(offered.period_kinds)
        old_kind = self.kind.value
        self.kind.options = [(PERIOD_KIND_VI[k].split(" (")[0], k) for k in offered.period_kinds]
        self.kind.value = old_kind if old_kind in busy else busy[0]
        having = ranked_places(self.records, indicator, self.kind.value, self.scope.value)
        kept = [p for p in self.places.value if p in offered.places]
        self.places.options = list(offered.places)
        self.places.value = (
            tuple(kept)
            if set(kept) & set(having)
            else tuple(having[:DEFAULT_PLACES]) or tuple(offered.places[:1])
        )
        self._refill_periods()

    def _refill_periods(self, keep: str | None = None) -> None:
        periods = periods_of(self.records, self.selection(period=None))
        self.period.options = [(period_vi(p), p) for p in periods] or [("–", "")]
        self.period.value = keep if keep in periods else (periods[-1] if periods else "")

    def selection(self, period: str | bool | None = False) -> Selection:
        """What is picked now (`period`: another map period, None for the latest)."""
        chosen = self.period.value if period is False else period
        return Selection(
            indicator=self.indicator.value,
            places=tuple(self.places.value),
            period_kind=self.kind.value,
            scope=self.scope.value,
            period=chosen or None,
        )

    def _on_indicator(self, _change) -> None:
        self._busy = True
        try:
            self._refill(self.indicator.value)
        finally:
            self._busy = False
        self.redraw()

    def _on_change(self, _change) -> None:
        if self._busy:
            return
        self._busy = True
        try:
            self._refill_periods(keep=self.period.value)
        finally:
            self._busy = False
        self.redraw()

    def _on_period(self, _change) -> None:
        if not self._busy:
            self.redraw()

    def view(self) -> pd.DataFrame:
        """The figures shown now (what the table lists and the CSV holds)."""
        return view_figures(self.records, self.selection())

    def figures(self, view: pd.DataFrame) -> tuple[go.Figure, go.Figure, go.Figure]:
        """The series, the provinces side by side and the map of `view`."""
        selection = self.selection()
        name, unit = short_vi(selection.indicator), unit_vi(selection.indicator)
        when = period_vi(selection.period) if selection.period else "không có kỳ nào"
        return (
            series_figure(view, f"{name}: theo thời gian", unit),
            bars_figure(view, f"Các tỉnh, thành — {when}", unit, selection.places),
            map_figure(view, f"Bản đồ — {when}", unit, unit == "%"),
        )

    def redraw(self, charts: bool = True) -> None:
        """Draw the view of the selection: charts (unless `charts` is false), note, table, CSV."""
        selection = self.selection()
        view = view_figures(self.records, selection)
        drawn = selection.scope == TOTAL
        self.note.value = _note(selection, view, drawn)
        self.charts.layout.display = None if drawn else "none"
        if drawn and charts:
            for widget, figure in zip(
                (self.series, self.bars, self.map), self.figures(view), strict=True
            ):
                _redraw(widget, figure)
        self.table.value = table_html(view, self.infos)
        self.download.value = download_html(view)


def _boxed(widget: w.Widget, css: str) -> w.Box:
    """`widget` in a box of class `css` (Plotly sets its own element's classes)."""
    box = w.Box([widget])
    box.add_class(css)
    return box


def _redraw(widget: go.FigureWidget, figure: go.Figure) -> None:
    """`figure` drawn in `widget`, in place: the browser loads Plotly once per chart."""
    with widget.batch_update():
        widget.data = []
        widget.add_traces(list(figure.data))
        widget.layout = figure.layout


def _name_of(widget: w.Widget, owner: Explorer) -> str:
    return next(k for k, v in vars(owner).items() if v is widget)


def _note(selection: Selection, view: pd.DataFrame, drawn: bool) -> str:
    if not drawn:
        return (
            "<p class='vnx-note'>Số liệu của một địa bàn hay một phần (một cơ quan, một đợt, "
            "một nhóm) không so sánh được với số liệu toàn tỉnh: chúng chỉ được liệt kê trong "
            "bảng dưới, mỗi địa bàn, mỗi phần riêng, không vẽ thành chuỗi, cột hay bản đồ.</p>"
        )
    lines = [
        "Chỉ số liệu toàn tỉnh (cả nước). Nhãn ghi số như nguồn viết: ≥ cận dưới (▲), "
        "≈ xấp xỉ (◆), ≤ cận trên (▼); tỷ lệ tính lại từ các thành phần làm tròn 2 chữ số."
    ]
    if NATIONAL in selection.places:
        lines.append("Cả nước chỉ có trong chuỗi theo thời gian, không ở cột tỉnh hay bản đồ.")
    return "<p class='vnx-note'>" + " ".join(html.escape(x) for x in lines) + "</p>"


def _default_indicator(records: pd.DataFrame, codes: tuple[str, ...]) -> str:
    """The indicator with the most provinces, so that the first view shows a map."""
    counts = (
        records[~records["is_national"].astype(bool)]
        .groupby(records["indicator"].astype(str), observed=True)["jurisdiction"]
        .nunique()
    )
    ranked = [c for c in counts.sort_values(ascending=False, kind="stable").index if c in codes]
    return ranked[0] if ranked else codes[0]


def explorer(records: pd.DataFrame | None = None, data: Path | None = None) -> w.Widget:
    """The explorer over `records` (default: `load_records()` of the data folder in force);
    where the data cannot be read, what is wrong instead of a traceback."""
    try:
        if records is None:
            from analysis.records.load import load_records

            records = load_records()
        return Explorer(records, data)
    except DataError as exc:
        items = "".join(f"<li><code>{html.escape(str(p))}</code></li>" for p in exc.problems)
        return w.HTML(
            "<p><b>The explorer cannot open:</b> fix these, then run the cell again "
            f"(<code>make validate</code> checks every file).</p><ul>{items}</ul>"
        )
