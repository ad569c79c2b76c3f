"""The tables of the project, each declared once (fields, key, rules, messages), and the rule
names every problem carries. The bottom layer: every stage may import it, it imports no stage.

- `rules`: `Rule`, every rule name.
- `field`: `Field` (a column: type, unit, allowed values, meaning) and the checks of its values.
- `fields`: `FIELDS`, every field once.
- `table`: `Table` and the rules across rows: the one way a table is proved valid or its
  problems named.
- `tables`: every table's declaration (`TABLES`): records, candidates, reviews, the source
  registry, the reference tables.
- `read`: small tables people write, read, typed and checked as declared.
- `cells`: what a cell as written may not be (control characters, invisible ones, numbers a
  Vietnamese reader would misread, future dates).
See docs/tables.md.
"""

from __future__ import annotations

import importlib

from analysis.schema.rules import Rule

# Where each public name lives; imported on first use, so that `Rule` alone (what the extractor
# and the readers of sources need) does not load pandas.
_HOMES = {
    "FIELDS": "fields",
    "TABLES": "tables",
    "Field": "field",
    "Lookup": "field",
    "RowCheck": "table",
    "Table": "table",
    "ValueCheck": "field",
}
__all__ = ["Rule", *_HOMES]


def __getattr__(name: str):
    if name not in _HOMES:
        raise AttributeError(f"module 'analysis.schema' has no attribute {name!r}")
    return getattr(importlib.import_module(f"analysis.schema.{_HOMES[name]}"), name)
