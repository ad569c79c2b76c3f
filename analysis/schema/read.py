"""Small tables people write (the registry, reviews, reference tables), read and checked as
declared: one reader, one typing, one set of rules, every problem at its file and line.

(Records and candidates, which may hold millions of rows, have their own fast reader in
analysis.records.read; the rules they are checked against are declared the same way.)
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

import pandas as pd

from analysis.errors import Problem
from analysis.fileio import csv_error_problem, line_ends, rows_of_width
from analysis.schema.cells import cell_problem
from analysis.schema.rules import Rule
from analysis.schema.table import Context, Table


@dataclass
class Read:
    """A table as read: its cells as text (missing: empty), typed, the line each row starts
    on, its header, and every problem found."""

    text: pd.DataFrame
    frame: pd.DataFrame
    lines: list[int]
    header: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def where(self, name: str):
        """Row label -> (file, line), for messages."""
        return lambda row: (name, self.lines[row] if row is not None else None)


def read_text(raw: bytes, name: str, table: Table) -> Read:
    """The CSV bytes of `table` as text cells, stripped, empty as missing; problems of its form
    (encoding, header, rows of another width, a quote never closed) come back with it, never
    raised."""
    problems: list[Problem] = []
    empty = Read(pd.DataFrame(), pd.DataFrame(), [], [], problems)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = line_ends(raw[: exc.start]) + 1
        message = f"not UTF-8: invalid byte 0x{raw[exc.start]:02x}"
        problems.append(Problem(name, message, Rule.NOT_UTF8, line=line, byte=exc.start))
        return empty
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader, None)
    except csv.Error as exc:
        problems.append(csv_error_problem(exc, name, 1))
        return empty
    if not header or not any(c.strip() for c in header):
        problems.append(Problem(name, "empty file: no header row", Rule.EMPTY_FILE))
        return empty
    empty.header = header
    problems += table.header_problems(name, header)
    if len(set(header)) != len(header):
        problems.append(
            Problem(name, "a column name is repeated in the header", Rule.BAD_HEADER, line=1)
        )
    if problems:
        return empty
    lines, rows = [], []
    for at, row in rows_of_width(reader, header, name, problems):
        lines.append(at)
        rows.append(row)
    text = pd.DataFrame(rows, columns=header, dtype=object).replace("", None)
    return Read(text, text, lines, header, problems)


def check_text(
    read: Read, name: str, table: Table, ctx: Context, ids: tuple[str, ...] = ()
) -> Read:
    """`read` typed as `table` declares and checked against its rules: `read.frame` typed,
    every problem (of its cells as written, of their types, of the rules) added to
    `read.problems`, each message headed by the row it is about. A column of `ids` may hold no
    invisible character either."""
    text = read.text
    for row, line in enumerate(read.lines):
        head = table.heading(text, row)
        for at, column in enumerate(text.columns):
            cell = text.iat[row, at]
            judged = column in table.columns and table.field(column).refuse is not None
            found = (
                cell_problem(column, cell, ids) if isinstance(cell, str) and not judged else None
            )
            if found:
                read.problems.append(Problem(name, head + found[0], found[1], line=line))
    frame, refused = table.parse(text)
    read.frame = frame
    read.problems += table.problems(frame, ctx, read.where(name), refused, {f.row for f in refused})
    return read
