"""Findings that are not errors: figures that disagree with each other and deserve a look."""

from __future__ import annotations

import pandas as pd

from analysis.contract import EVIDENCE_SOFT_LIMIT
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


def conflicting_reports(records: pd.DataFrame) -> pd.DataFrame:
    """The same figure (indicator, place, period, tier) given with different values by different sources."""
    keys = ["indicator", "jurisdiction", "period", "level"]
    per_doc = (
        records.groupby([*keys, "doc_id"], observed=True, dropna=False)
        .agg(value=("value", "sum"), record_ids=("record_id", ";".join))
        .reset_index()
    )
    rows = []
    for key, group in per_doc.groupby(keys, observed=True, dropna=False):
        if group["doc_id"].nunique() < 2 or group["value"].nunique() < 2:
            continue
        indicator, juris, period, level = key
        values = ", ".join(
            f"{d}: {v:g}" for d, v in zip(group["doc_id"], group["value"], strict=False)
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
                "message": f"{indicator} for {juris} {period} differs between sources ({values})",
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
    """All findings for loaded records: stated rates vs their parts, disagreeing sources, long evidence."""
    live = records[records["status"] != "rejected"]
    findings = [rate_findings(live), conflicting_reports(live), long_evidence(live)]
    out = pd.concat([f for f in findings if not f.empty] or [findings[0]], ignore_index=True)
    for col in ("finding", "indicator", "jurisdiction", "period", "level"):
        out[col] = out[col].astype("category")
    for col in ("stated", "computed"):
        out[col] = out[col].astype("Float64")
    return out.sort_values(["finding", "indicator", "jurisdiction", "period"], ignore_index=True)
