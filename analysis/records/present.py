"""Frames that plot as they look: categoricals that hold only the categories their rows use.

`load_records()` types its columns as categoricals (indicator, jurisdiction, period…), and a
filtered frame keeps every category of the whole: seaborn and pandas draw or group one bar,
label or row per category, so 9 provinces plot as 33. `only_present` drops the unused ones, in
their order (a period stays in time order); the full lists stay in `load_provinces()`,
`load_catalog()` and the contract.
"""

from __future__ import annotations

import pandas as pd


def only_present(frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` with each categorical column holding only the categories its rows use (order and
    orderedness kept); other columns untouched, the frame given left as it was."""
    out = frame.copy(deep=False)
    for name in out.columns:
        if isinstance(out[name].dtype, pd.CategoricalDtype):
            out[name] = out[name].cat.remove_unused_categories()
    return out
