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

from analysis.contract import TOTAL

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
    states for the same indicator, place and period, at the same tier (or with no tier); empty
    where the source states none, or several that disagree (which one is the whole is then a
    reader's call)."""
    out = pd.Series(pd.NA, index=records.index, dtype="string")
    total = is_total(records)
    part = records["scope"].isin(["area", "part"]).fillna(False).to_numpy(dtype=bool)
    if not total.any() or not part.any():
        return out
    keys = [*WHOLE_KEYS, "level"]
    wholes = _as_text(records.loc[total, [*keys, "record_id", "value"]], keys)
    pieces = _as_text(records.loc[part, keys], keys).reset_index(names="_row")
    matched = pieces.merge(wholes.rename(columns={"level": "_whole_level"}), on=WHOLE_KEYS)
    same_tier = matched["_whole_level"] == matched["level"]
    matched = matched[same_tier | (matched["_whole_level"] == "")].assign(_same=same_tier)
    # The closest tier only; of those, one stated value (two wordings of one figure are one).
    best = matched[matched["_same"] == matched.groupby("_row")["_same"].transform("max")]
    one = best.groupby("_row")["value"].transform("nunique") == 1
    linked = best[one].drop_duplicates("_row")
    out.loc[linked["_row"].to_numpy()] = linked["record_id"].astype(str).to_numpy()
    return out


def _as_text(frame: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Key columns as plain text, a missing one as '' (so that two missing tiers match)."""
    return frame.assign(**{k: frame[k].astype(object).where(frame[k].notna(), "") for k in keys})
