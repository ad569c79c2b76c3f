"""Tables and notes as notebooks and reports show them: titled, sourced, cells already formatted.

`ReportTable` renders as escaped HTML in notebooks and PDFs and as plain text for nbval, which
compares that text: a changed figure changes the stored output. A table without rows is one
sentence saying so, never an empty grid. A lower bound shows as `≥ 5.000`
and the table then explains the mark.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

import pandas as pd

from analysis.report.numfmt import DISPUTED_SEPARATOR, fmt_rivals, fmt_stated
from analysis.report.sources import CITED, cited_ids

LOWER_BOUND_NOTE = "≥: cận dưới — nguồn ghi “trên”, “hơn”; con số thật lớn hơn hoặc bằng."
UPPER_BOUND_NOTE = "≤: cận trên — nguồn ghi “dưới”, “chưa đến”; con số thật nhỏ hơn hoặc bằng."
APPROX_NOTE = "≈: xấp xỉ — nguồn ghi “khoảng”, “gần”, hoặc tỷ số của hai cận dưới."
DISPUTED_NOTE = (
    "a / b: các nguồn cho cùng một số liệu những giá trị khác nhau; cả hai được nêu, không lấy "
    "trung bình, không chọn một."
)
# Characters with a meaning in Markdown or HTML: data reaching a note is shown as typed.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>&|#~!])")
_BULLET = "- "
HTML = "text/html"


def markdown_text(text: str) -> str:
    """`text` as Markdown that shows it literally: no link, tag, emphasis or entity survives."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


@dataclass(frozen=True)
class ReportTable:
    """A formatted table (strings only) with its title, its sources and any notes on reading it."""

    title: str
    frame: pd.DataFrame
    source: str
    numeric: tuple[str, ...] = ()
    notes: tuple[str, ...] = field(default_factory=tuple)
    # Column widths where the automatic layout would squeeze a text column: (column, "30%").
    widths: tuple[tuple[str, str], ...] = ()
    # What a table without rows says instead of an empty grid ("no records await review").
    empty: str = ""

    def none_sentence(self) -> str:
        """The sentence shown for a table without rows: `empty`, or "<title>: không có"."""
        return self.empty or f"{self.title}: không có."

    def all_notes(self) -> tuple[str, ...]:
        cells = self.frame.astype(str).to_numpy().ravel()
        marks = []
        numbers = self.frame[[c for c in self.numeric if c in self.frame]].astype(str)
        if numbers.apply(lambda c: c.str.contains(DISPUTED_SEPARATOR, regex=False)).any().any():
            marks.append(DISPUTED_NOTE)
        if any(c.startswith("≥") for c in cells):
            marks.append(LOWER_BOUND_NOTE)
        if any(c.startswith("≤") for c in cells):
            marks.append(UPPER_BOUND_NOTE)
        if any(c.startswith("≈") for c in cells):
            marks.append(APPROX_NOTE)
        return (*self.notes, *marks)

    def _repr_mimebundle_(
        self, include: object = None, exclude: object = None
    ) -> tuple[dict[str, str], dict[str, dict[str, list[str]]]]:
        """The table as HTML, with the ids of the sources it cites in the output's metadata
        (the report's list of sources); text/plain comes from `__repr__`."""
        return {HTML: self._repr_html_()}, {HTML: {CITED: list(cited_ids(self.source))}}

    def _repr_html_(self) -> str:
        esc = html.escape
        if self.frame.empty:
            return f'<p class="none">{esc(self.none_sentence())}</p>'
        head = "".join(
            f'<th class="{"num" if c in self.numeric else "text"}">{esc(str(c))}</th>'
            for c in self.frame.columns
        )
        rows = []
        for values in self.frame.itertuples(index=False):
            cells = "".join(
                f'<td class="{"num" if c in self.numeric else "text"}">{esc(str(v))}</td>'
                for c, v in zip(self.frame.columns, values, strict=True)
            )
            rows.append(f"<tr>{cells}</tr>")
        notes = "".join(f'<p class="note">{esc(n)}</p>' for n in self.all_notes())
        width = dict(self.widths)
        cols = (
            "<colgroup>"
            + "".join(
                f'<col style="width: {esc(width[c])}">' if c in width else "<col>"
                for c in self.frame.columns
            )
            + "</colgroup>"
            if width
            else ""
        )
        fixed = ' class="fixed"' if width else ""  # widths are kept only in a fixed layout
        return (
            f'<figure class="report-table"><figcaption>{esc(self.title)}</figcaption>'
            f"<table{fixed}>{cols}<thead><tr>{head}</tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>"
            f'{notes}<p class="source">{esc(self.source)}</p></figure>'
        )

    def __repr__(self) -> str:
        if self.frame.empty:
            return self.none_sentence()
        body = self.frame.to_string(index=False)
        return "\n".join([self.title, body, *self.all_notes(), self.source])


@dataclass(frozen=True)
class Heading:
    """A section's heading and the text under it, shown only where the section has content
    (a report never shows a heading with nothing under it)."""

    title: str
    text: str = ""

    def _repr_markdown_(self) -> str:
        return f"## {markdown_text(self.title)}" + (
            f"\n\n{markdown_text(self.text)}" if self.text else ""
        )

    def __repr__(self) -> str:
        return "\n".join(x for x in (self.title, self.text) if x)


@dataclass(frozen=True)
class Note:
    """A short generated Markdown text stating numbers: what the data covers, what it lacks."""

    lines: tuple[str, ...]

    def _repr_markdown_(self) -> str:
        """The lines as a Markdown list, their text escaped (a bullet `- ` starts a line)."""
        return "\n".join(
            _BULLET + markdown_text(line[len(_BULLET) :])
            if line.startswith(_BULLET)
            else markdown_text(line)
            for line in self.lines
        )

    def __repr__(self) -> str:
        return "\n".join(self.lines)


def stated_cells(frame: pd.DataFrame, name: str, suffix: str = "") -> list[str]:
    """A metric's stated figures (column `name`, its `<name>_qualifier`) as the source wrote
    them, then `suffix`; where sources disagree, every source's value (`<name>_rivals`)."""
    return [
        fmt_rivals(rivals) or fmt_stated(v, q, suffix)
        for v, q, rivals in zip(
            frame[name], frame[f"{name}_qualifier"], frame[f"{name}_rivals"], strict=True
        )
    ]
