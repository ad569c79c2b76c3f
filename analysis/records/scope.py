"""What part of its jurisdiction's work a record counts, and what may be compared with what.

A record's `scope` (the records contract) is `total` (the province's or the country's whole
figure), `area` (one or more districts, communes or wards, named in `area`) or `part` (one body,
campaign, law, group of people, channel, or a "trong đó" item, named in `scope_note`). Only
totals are alike: series, ranks, maps, per-resident rates and sums take `totals(records)`; the
other figures are listed on their own (`parts(records)`), never added to a total. A record with
no scope (a candidate nobody has decided) is neither.

`part_of` links an area or part figure to the total the same source states for the same
indicator, place, period and tier, so an analyst sees which whole a part belongs to; dropping
the parts is one step, `records[records["is_total"]]`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa

from analysis.contract import TOTAL
from analysis.schema.tables import statement_keys

# A part and its whole come from one source and count one indicator for one place and period.
WHOLE_KEYS = ["doc_id", "indicator", "jurisdiction", "period"]


def _require_scope(records: pd.DataFrame) -> None:
    if "scope" not in records.columns:
        raise ValueError(
            "the records have no 'scope' column: load them with load_records(), which gives "
            "every record its scope; a frame without one cannot tell a total from a part"
        )


def is_total(records: pd.DataFrame) -> np.ndarray:
    """True for each record whose scope is `total`; a record with no scope is not one."""
    _require_scope(records)
    return (records["scope"] == TOTAL).fillna(False).to_numpy(dtype=bool)


def totals(records: pd.DataFrame) -> pd.DataFrame:
    """The records that count a whole jurisdiction: the only ones a series, rank, map or sum
    may take."""
    return records[is_total(records)]


def parts(records: pd.DataFrame) -> pd.DataFrame:
    """The records of an area or a part: listed on their own, never compared or added."""
    _require_scope(records)
    return records[records["scope"].isin(["area", "part"]).fillna(False).to_numpy(dtype=bool)]


def part_of(records: pd.DataFrame) -> pd.Series:
    """For each area or part record, the record_id of its whole: the one total its source
    states for the same indicator, place and period, at the same tier (or, failing one, with no
    tier); empty where the source states none, or several that disagree (which one is the whole
    is then a reader's call). Keys are category codes: a million records cost little."""
    total = is_total(records)
    part = records["scope"].isin(["area", "part"]).fillna(False).to_numpy(dtype=bool)
    if not total.any() or not part.any():
        return pd.Series(pd.NA, index=records.index, dtype="string")
    statement = statement_keys(records, WHOLE_KEYS)
    tier = statement_keys(records, ["level"])  # 0: no tier
    tiered = statement * (int(tier.max()) + 1) + tier
    value = records["value"].to_numpy(dtype=float, na_value=np.nan)
    rows = np.flatnonzero(total)
    untiered = rows[tier[rows] == 0]
    pieces = np.flatnonzero(part)
    same, has_same = _one_whole(tiered[rows], value[rows], rows, tiered[pieces])
    bare, _ = _one_whole(statement[untiered], value[untiered], untiered, statement[pieces])
    whole = np.full(len(records), -1, dtype=np.int64)
    whole[pieces] = np.where(has_same, same, bare)  # the same tier first; no tier only failing it
    ids = pa.array(records["record_id"].array, from_pandas=True)
    linked = ids.take(pa.array(whole, mask=whole < 0))  # Arrow: no Python string per record
    return pd.Series(pd.array(linked, dtype="string"), index=records.index)


def _one_whole(
    keys: np.ndarray, values: np.ndarray, rows: np.ndarray, wanted: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """For each wanted key: the row of the totals of that key where they state one value (-1
    where they state several or none), and whether any total has that key. Groups are runs
    of equal keys after a sort, looked up by binary search: no hash table."""
    if not len(keys):
        return np.full(len(wanted), -1), np.zeros(len(wanted), dtype=bool)
    order = np.argsort(keys, kind="stable")
    keys, values, rows = keys[order], values[order], rows[order]
    starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])
    low, high = np.minimum.reduceat(values, starts), np.maximum.reduceat(values, starts)
    groups = keys[starts]
    at = np.minimum(np.searchsorted(groups, wanted), len(groups) - 1)
    found = groups[at] == wanted
    one = found & (low[at] == high[at])
    return np.where(one, rows[starts][at], -1), found
