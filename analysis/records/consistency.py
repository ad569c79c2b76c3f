"""Findings that are not errors: figures that disagree with each other and deserve a look.

Each finding names its sources and records as tuples (`doc_ids`, `record_ids`)."""

from __future__ import annotations

import pandas as pd

from analysis.contract import EVIDENCE_SOFT_LIMIT, format_value
from analysis.records.bounds import (
    common_value,
    decimals,
    rate_fits,
    ratio_interval,
    ratio_qualifier,
)
from analysis.records.citations import FIGURE_KEYS as CITED_FIGURE_KEYS
from analysis.records.citations import citations_of
from analysis.reference import load_catalog
from analysis.schema.rules import Rule
from analysis.schema.tables import PART_KEYS
from analysis.vietnamese.formatting import format_number

FINDING_COLUMNS = [
    "finding",
    "indicator",
    "jurisdiction",
    "period",
    "level",
    "doc_ids",
    "record_ids",
    "stated",
    "qualifier",
    "computed",
    "computed_qualifier",
    "message",
]
# One source's statement: a place, period and tier, and one area or part by its name.
STATEMENT_KEYS = PART_KEYS
# One figure, whoever states it: what it counts, where, when, at what tier, of which part.
FIGURE_KEYS = [k for k in CITED_FIGURE_KEYS if k not in ("value", "qualifier")]


def _vn(value: float, decimals: int = 2) -> str:
    return format_number(value, decimals)


def _range_vn(allowed: tuple[float, float]) -> str:
    low, high = allowed
    if high >= 100 and low <= 0:
        return "any rate"
    if low <= 0 or low == high:
        return f"at most {_vn(high)} %" if low < high else f"{_vn(high)} %"
    return f"at least {_vn(low)} %" if high >= 100 else f"{_vn(low)}-{_vn(high)} %"


def _rate_statements(records: pd.DataFrame, codes: list[str]) -> pd.DataFrame:
    frame = records[records["indicator"].isin(codes)]
    return frame.assign(
        **{k: frame[k].astype(object).where(frame[k].notna(), "") for k in STATEMENT_KEYS},
        indicator=frame["indicator"].astype(str),
        qualifier=frame["qualifier"].astype(str),
        value=frame["value"].astype(float),
    )


def rate_findings(records: pd.DataFrame) -> pd.DataFrame:
    """Stated rates that their own parts do not give: no value the parts allow (a lower bound
    allows a range) is within the rounding the stated rate shows, for any numerator and
    denominator the same statement gives."""
    catalog = load_catalog()
    rates = catalog.dropna(subset=["rate_numerator"])
    rows = []
    for rate in rates.itertuples():
        code, num, den = str(rate.code), str(rate.rate_numerator), str(rate.rate_denominator)
        frame = _rate_statements(records, [code, num, den])
        for key, group in frame.groupby(STATEMENT_KEYS, sort=True):
            by = {c: group[group["indicator"] == c] for c in (code, num, den)}
            if any(part.empty for part in by.values()):
                continue
            pairs = [
                (n, d, ratio_interval(n.value, n.qualifier, d.value, d.qualifier))
                for n in by[num].itertuples()
                for d in by[den].itertuples()
                if d.value > 0
            ]
            for stated in by[code].itertuples():
                if not pairs or any(
                    rate_fits(stated.value, stated.qualifier, a) for *_, a in pairs
                ):
                    continue
                n, d, allowed = pairs[0]
                rows.append(_rate_finding(key, stated, n, d, allowed, group))
    return pd.DataFrame(rows, columns=FINDING_COLUMNS)


def _rate_finding(key, stated, n, d, allowed, group) -> dict[str, object]:
    doc, juris, period, level, area, note = key
    exact = n.qualifier == "exact" and d.qualifier == "exact"
    computed = 100 * n.value / d.value
    places = decimals(stated.value)
    if exact:
        truncated = abs(stated.value - int(computed * 10**places) / 10**places) < 1e-9
        how = "truncated, not rounded" if truncated else "beyond rounding"
        gives = f"gives {_vn(computed)} % ({how})"
    else:
        gives = f"allow {_range_vn(allowed)}"
    part = f" ({area or note})" if area or note else ""
    return {
        "finding": Rule.RATE_DIFFERS_FROM_PARTS,
        "indicator": str(stated.indicator),
        "jurisdiction": juris,
        "period": period,
        "level": level or None,
        "doc_ids": (doc,),
        "record_ids": tuple(group["record_id"].astype(str)),
        "stated": stated.value,
        "qualifier": stated.qualifier,
        "computed": round(computed, 4),
        "computed_qualifier": ratio_qualifier(n.qualifier, d.qualifier),
        "message": (
            f"{juris}{part} {period}: stated {_stated_vn(stated.value, stated.qualifier)} % but "
            f"{_stated(n.value, n.qualifier)}/{_stated(d.value, d.qualifier)} {gives}"
        ),
    }


QUALIFIER_WORDS = {"exact": "", "at_least": "at least ", "approx": "about ", "at_most": "at most "}


def _stated(value: float, qualifier: object) -> str:
    return f"{QUALIFIER_WORDS.get(str(qualifier), '')}{format_value(value)}"


def _stated_vn(value: float, qualifier: object) -> str:
    return f"{QUALIFIER_WORDS.get(str(qualifier), '')}{_vn(value, decimals(value))}"


def _statements(records: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """One row per key, source and stated value: each source's own statements, never added."""
    frame = records.assign(citation=citations_of(records))
    return (
        frame.groupby([*keys, "doc_id", "value", "qualifier"], observed=True, dropna=False)
        .agg(record_ids=("record_id", tuple), citation=("citation", "first"))
        .reset_index()
    )


def conflicting_reports(records: pd.DataFrame) -> pd.DataFrame:
    """The same figure (indicator, place, period, tier, part) given with different values by
    different sources: every source named with its outlet and its own values, none averaged
    or dropped."""
    statements = _statements(records, FIGURE_KEYS)
    rows = []
    for key, group in statements.groupby(FIGURE_KEYS, observed=True, dropna=False):
        if group["doc_id"].nunique() < 2 or group["value"].nunique() < 2:
            continue
        indicator, juris, period, level, _scope, area, note = key
        values = "; ".join(
            f"{c}: {_stated(v, q)}"
            for c, v, q in zip(group["citation"], group["value"], group["qualifier"], strict=True)
        )
        fits = (
            ": their qualifiers allow one value"
            if common_value(group["value"], group["qualifier"])
            else ""
        )
        part = f" ({_text(area) or _text(note)})" if _text(area) or _text(note) else ""
        rows.append(
            {
                "finding": Rule.SOURCES_DISAGREE,
                "indicator": indicator,
                "jurisdiction": juris,
                "period": period,
                "level": level,
                "doc_ids": tuple(dict.fromkeys(map(str, group["doc_id"]))),
                "record_ids": tuple(r for ids in group["record_ids"] for r in ids),
                "stated": group["value"].max(),
                "qualifier": str(group.loc[group["value"].idxmax(), "qualifier"]),
                "computed": group["value"].min(),
                "computed_qualifier": str(group.loc[group["value"].idxmin(), "qualifier"]),
                "message": f"{indicator} for {juris}{part} {period} differs between sources "
                f"({values}){fits}",
            }
        )
    return pd.DataFrame(rows, columns=FINDING_COLUMNS)


def _text(value: object) -> str:
    return "" if value is None or value is pd.NA or value != value else str(value)


def same_figure_other_period(records: pd.DataFrame) -> pd.DataFrame:
    """The same figure (indicator, place, tier, value, qualifier) that different sources give
    for different periods that overlap: a half-year's totals presented again as nine months'."""
    keys = [
        "indicator",
        "jurisdiction",
        "level",
        "scope",
        "area",
        "scope_note",
        "value",
        "qualifier",
    ]
    frame = records.assign(
        citation=citations_of(records),
        until=records["period_end"].fillna(
            records["period_start"] + pd.offsets.YearEnd(0)
        ),  # year to date: at most to the year's end
    )
    rows = []
    for key, group in frame.groupby(keys, observed=True, dropna=False):
        if group["period"].nunique() < 2 or group["doc_id"].nunique() < 2:
            continue
        group = group.sort_values(["period_start", "until"], kind="stable")
        for i in range(len(group)):
            for j in range(i + 1, len(group)):
                a, b = group.iloc[i], group.iloc[j]
                if a["period"] == b["period"] or a["doc_id"] == b["doc_id"]:
                    continue
                if a["period_start"] > b["until"] or b["period_start"] > a["until"]:
                    continue
                indicator, juris, level, _scope, _area, _note, value, qualifier = key
                rows.append(
                    {
                        "finding": Rule.SAME_FIGURE_OTHER_PERIOD,
                        "indicator": indicator,
                        "jurisdiction": juris,
                        "period": a["period"],
                        "level": level,
                        "doc_ids": (str(a["doc_id"]), str(b["doc_id"])),
                        "record_ids": (str(a["record_id"]), str(b["record_id"])),
                        "stated": value,
                        "qualifier": qualifier,
                        "computed": value,
                        "computed_qualifier": qualifier,
                        "message": f"{indicator} for {juris}: {_stated(value, qualifier)} is "
                        f"given for {a['period']} by {a['citation']} and for {b['period']} by "
                        f"{b['citation']}: one figure under two periods",
                    }
                )
    return pd.DataFrame(rows, columns=FINDING_COLUMNS)


def long_evidence(records: pd.DataFrame) -> pd.DataFrame:
    """Evidence longer than the contract's 'about 160 characters': worth cutting shorter."""
    long = records[records["evidence"].str.len() > EVIDENCE_SOFT_LIMIT]
    return pd.DataFrame(
        {
            "finding": Rule.LONG_EVIDENCE,
            "indicator": long["indicator"].astype(str),
            "jurisdiction": long["jurisdiction"].astype(str),
            "period": long["period"].astype(str),
            "level": long["level"],
            "doc_ids": long["doc_id"].map(lambda d: (str(d),)).astype(object),
            "record_ids": long["record_id"].map(lambda r: (str(r),)).astype(object),
            "stated": long["evidence"].str.len().astype(float),
            "computed": float(EVIDENCE_SOFT_LIMIT),
            "message": [
                f"evidence of {len(e)} characters (contract: about {EVIDENCE_SOFT_LIMIT})"
                for e in long["evidence"]
            ],
        },
        columns=FINDING_COLUMNS,
    )


def check_consistency(records: pd.DataFrame) -> pd.DataFrame:
    """All findings for loaded records: stated rates vs their parts, disagreeing sources, one
    figure under two periods, long evidence."""
    live = records[records["status"] != "rejected"]
    findings = [
        rate_findings(live),
        conflicting_reports(live),
        same_figure_other_period(live),
        long_evidence(live),
    ]
    out = pd.concat([f for f in findings if not f.empty] or [findings[0]], ignore_index=True)
    for col in ("finding", "indicator", "jurisdiction", "period", "level"):
        out[col] = out[col].astype("category")
    for col in ("stated", "computed"):
        out[col] = out[col].astype("Float64")
    return out.sort_values(["finding", "indicator", "jurisdiction", "period"], ignore_index=True)
