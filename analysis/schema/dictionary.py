"""The data dictionary of every declared table, as Markdown: what docs/tables.md shows between
its markers, written from the declarations so the two cannot drift (tests/test_schema.py
compares them). `python -m analysis.schema.dictionary --write` rewrites that part of the file.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from pathlib import Path

from analysis.schema.rules import Rule
from analysis.schema.table import Table
from analysis.schema.tables import TABLES

BEGIN = "<!-- data dictionary: written by `python -m analysis.schema.dictionary --write` -->"
END = "<!-- end of the data dictionary -->"
DOC = Path(__file__).resolve().parents[2] / "docs" / "tables.md"


def _cell(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _rules(table: Table, name: str) -> list[str]:
    """The rules a column's values break: empty where it may not be, outside its values, the
    field's own checks."""
    f = table.field(name)
    found = [] if f.nullable else [str(Rule.MISSING_VALUE)]
    found += [str(c.rule) for c in f.value_checks()]
    if table.key[:1] == (name,):
        found.append(str(table.key_rule))
    return list(dict.fromkeys(found))


def table_markdown(table: Table) -> str:
    """One table: where it is kept, what it holds, its key, columns and rules across rows."""
    lines = [f"### {table.name}", "", f"`{table.path}`: {table.description}.", ""]
    if table.key:
        lines.append(
            f"Key: {', '.join(table.key)} (one row each; a repeat breaks `{table.key_rule}`)."
        )
    if table.optional:
        lines.append(f"May be left out of a file: {', '.join(table.optional)}.")
    if table.extras:
        lines.append("A file may carry columns of its own besides these.")
    if lines[-1]:
        lines.append("")
    lines += [
        "| column | type | unit | allowed values | rules | meaning |",
        "|---|---|---|---|---|---|",
    ]
    for name in table.columns:
        f = table.field(name)
        allowed = f.allowed_text() + (" or empty" if f.nullable and f.values else "")
        rules = ", ".join(f"`{r}`" for r in _rules(table, name))
        lines.append(
            f"| {name} | {f.dtype} | {_cell(f.unit)} | {_cell(allowed)} | {rules} "
            f"| {_cell(f.description)} |"
        )
    across = [*table.checks, *table.whole]
    if across:
        names = ", ".join(f"`{c.rule}`" for c in across)
        lines += ["", f"Rules across a row or the whole table: {names}."]
    return "\n".join(lines)


def markdown(tables: Iterable[Table] | None = None) -> str:
    """Every table's section, in the order declared, between the markers."""
    sections = [table_markdown(t) for t in (tables or TABLES.values())]
    return "\n\n".join([BEGIN, *sections, END]) + "\n"


def current(doc: str) -> str:
    """The data dictionary part of a docs file as it stands (markers included)."""
    start, end = doc.index(BEGIN), doc.index(END) + len(END)
    return doc[start:end] + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help=f"rewrite that part of {DOC}")
    args = parser.parse_args(argv)
    if not args.write:
        sys.stdout.write(markdown())
        return 0
    doc = DOC.read_text(encoding="utf-8")
    DOC.write_text(doc.replace(current(doc).rstrip("\n"), markdown().rstrip("\n")), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
