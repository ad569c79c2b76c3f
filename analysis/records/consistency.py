"""Findings that are not errors: figures that disagree with each other and deserve a look."""

from __future__ import annotations

import pandas as pd

from analysis.contract import EVIDENCE_SOFT_LIMIT, format_value
from analysis.records.citations import citations_of
from analysis.records.figures import sum_qualifier
from analysis.reference import load_catalog

FINDING_COLUMNS = [
    "finding",
    "indicator",
    "jurisdiction",
    "period",
    "level",
    "doc_ids",
    "record_ids",
    "stated",
    "computed",
    "message",
]
STATEMENT_KEYS = ["doc_id", "jurisdiction", "period", "level"]


def _decimals(value: float) -> int:
    text = f"{value:.6f}".rstrip("0").rstrip(".")
    return len(text.split(".")[1]) if "." in text else 0


def _vn(value: float, decimals: int = 2) -> str:
    return f"{value:,.{decimals}f}".replace(",", " ").replace(".", ",").replace(" ", ".")


def rate_findings(records: pd.DataFrame) -> pd.DataFrame:
    """Stated rates that their own parts do not give, beyond the rounding the statement shows."""
    catalog = load_catalog()
    rates = catalog.dropna(subset=["rate_numerator"])
    rows = []
    for rate in rates.itertuples():
        wide = records[
            records["indicator"].isin([rate.code, rate.rate_numerator, rate.rate_denominator])
        ].pivot_table(
            index=STATEMENT_KEYS,
            columns="indicator",
            values="value",
            aggfunc="first",
            observed=True,
            dropna=False,
        )
        needed = [str(rate.code), rate.rate_numerator, rate.rate_denominator]
        if not set(needed) <= set(map(str, wide.columns)):
            continue
        wide.columns = wide.columns.astype(str)
        wide = wide.dropna(subset=needed)
        for key, row in wide.iterrows():
            stated = float(row[str(rate.code)])
            computed = 100 * float(row[rate.rate_numerator]) / float(row[rate.rate_denominator])
            tolerance = 0.5 * 10 ** -_decimals(stated) + 1e-9
            if abs(stated - computed) <= tolerance:
                continue
            doc, juris, period, level = key
            ids = records.loc[
                (records["doc_id"] == doc)
                & (records["jurisdiction"] == juris)
                & (records["period"] == period)
                & records["indicator"].isin(needed),
                "record_id",
            ]
            truncated = (
                abs(stated - int(computed * 10 ** _decimals(stated)) / 10 ** _decimals(stated))
                < 1e-9
            )
            how = "truncated, not rounded" if truncated else "beyond rounding"
            rows.append(
                {
                    "finding": "rate-differs-from-parts",
                    "indicator": str(rate.code),
                    "jurisdiction": juris,
                    "period": period,
                    "level": level,
                    "doc_ids": doc,
                    "record_ids": ";".join(ids),
                    "stated": stated,
                    "computed": round(computed, 4),
                    "message": (
                        f"{juris} {period}: stated {_vn(stated, _decimals(stated))} % but "
                        f"{int(row[rate.rate_numerator])}/{int(row[rate.rate_denominator])} gives "
                        f"{_vn(computed)} % ({how})"
                    ),
                }
            )
    return pd.DataFrame(rows, columns=FINDING_COLUMNS)


QUALIFIER_WORDS = {"exact": "", "at_least": "at least ", "approx": "about ", "at_most": "at most "}
# How far "about N" may be from N and still be the same figure rounded.
APPROX = 0.05


def _stated(value: float, qualifier: object) -> str:
    return f"{QUALIFIER_WORDS.get(str(qualifier), '')}{format_value(value)}"


def _common_value(values: pd.Series, qualifiers: pd.Series) -> bool:
    """Whether one true value fits every source's figure as qualified (`at least 216000` and
    `216584` do; `490` and `510` do not)."""
    low, high = -float("inf"), float("inf")
    for v, q in zip(values, qualifiers, strict=True):
        q = str(q)
        if q in ("exact", "at_least"):
            low = max(low, v)
        if q in ("exact", "at_most"):
            high = min(high, v)
        if q == "approx":
            low, high = max(low, v * (1 - APPROX)), min(high, v * (1 + APPROX))
    return low <= high


def _per_source(records: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """One row per key and source: the source's figure (its parts added), qualifier, citation."""
    frame = records.assign(citation=citations_of(records))
    return (
        frame.groupby([*keys, "doc_id"], observed=True, dropna=False)
        .agg(
            value=("value", "sum"),
            qualifier=("qualifier", sum_qualifier),
            record_ids=("record_id", ";".join),
            citation=("citation", "first"),
        )
        .reset_index()
    )


def conflicting_reports(records: pd.DataFrame) -> pd.DataFrame:
    """The same figure (indicator, place, period, tier) given with different values by different
    sources: every source named with its outlet and its own value, none averaged or dropped."""
    keys = ["indicator", "jurisdiction", "period", "level"]
    per_doc = _per_source(records, keys)
    rows = []
    for key, group in per_doc.groupby(keys, observed=True, dropna=False):
        if group["doc_id"].nunique() < 2 or group["value"].nunique() < 2:
            continue
        indicator, juris, period, level = key
        values = "; ".join(
            f"{c}: {_stated(v, q)}"
            for c, v, q in zip(group["citation"], group["value"], group["qualifier"], strict=True)
        )
        fits = (
            ": their qualifiers allow one value"
            if _common_value(group["value"], group["qualifier"])
            else ""
        )
        rows.append(
            {
                "finding": "sources-disagree",
                "indicator": indicator,
                "jurisdiction": juris,
                "period": period,
                "level": level,
                "doc_ids": ";".join(map(str, group["doc_id"])),
                "record_ids": ";".join(group["record_ids"]),
                "stated": group["value"].max(),
                "computed": group["value"].min(),
                "message": f"{indicator} for {juris} {period} differs between sources "
                f"({values}){fits}",
            }
        )
    return pd.DataFrame(rows, columns=FINDING_COLUMNS)


def same_figure_other_period(records: pd.DataFrame) -> pd.DataFrame:
    """The same figure (indicator, place, tier, value, qualifier) that different sources give
    for different periods that overlap: a half-year's totals presented again as nine months'."""
    keys = ["indicator", "jurisdiction", "level", "value", "qualifier"]
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
                indicator, juris, level, value, qualifier = key
                rows.append(
                    {
                        "finding": "same-figure-other-period",
                        "indicator": indicator,
                        "jurisdiction": juris,
                        "period": a["period"],
                        "level": level,
                        "doc_ids": f"{a['doc_id']};{b['doc_id']}",
                        "record_ids": f"{a['record_id']};{b['record_id']}",
                        "stated": value,
                        "computed": value,
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
            "finding": "long-evidence",
            "indicator": long["indicator"].astype(str),
            "jurisdiction": long["jurisdiction"].astype(str),
            "period": long["period"].astype(str),
            "level": long["level"],
            "doc_ids": long["doc_id"].astype(str),
            "record_ids": long["record_id"],
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
