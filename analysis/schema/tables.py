"""Every table the project keeps, declared once: where it lives, its columns, key and the rules
across a row, each with its message.

The records' rules need the reference lists (analysis.schema.fields' lookups) and, for rates and
parts, the catalog: `records_context` gives them from the loaded catalog and provinces.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from analysis.contract import (
    CANDIDATE_COLUMNS,
    CONTRACT_COLUMNS,
    EXPLAIN_COLUMNS,
    PLACE_UNKNOWN,
    SCOPE_COLUMNS,
    STORED_COLUMNS,
)
from analysis.schema.field import Cell, Field, among
from analysis.schema.fields import CATALOG, FIELDS, PROVINCES, span_message
from analysis.schema.rules import Rule
from analysis.schema.table import RowCheck, Table, TableCheck
from analysis.vietnamese import written_decimal

# A statement: one source's figures for one place, period and tier, and one area or part (by
# its name: a part's settled cases are compared with that part's cases, never the province's).
PART_KEYS = ["doc_id", "jurisdiction", "period", "level", "area", "scope_note"]


def statement_keys(df: pd.DataFrame, columns: Iterable[str] = PART_KEYS) -> np.ndarray:
    """One integer per statement (the values of `columns`, PART_KEYS by default), built from
    category codes (Arrow's dictionary codes for text) so a million rows cost a few array
    operations; renumbered densely whenever the next column could overflow. A missing value is
    a value of its own."""
    key = np.zeros(len(df), dtype=np.int64)
    for column in columns:
        codes, n = _codes(df[column])
        width = n + 1
        if len(key) and int(key.max()) >= (1 << 62) // width:
            key = np.unique(key, return_inverse=True)[1].astype(np.int64)
        key = key * width + codes + 1
    return key


def _codes(values: pd.Series) -> tuple[np.ndarray, int]:
    """Each value's code among the column's distinct values (-1: missing), and how many."""
    if isinstance(values.dtype, pd.CategoricalDtype):
        return values.cat.codes.to_numpy().astype(np.int64), len(values.cat.categories)
    encoded = pc.dictionary_encode(pa.array(values.array, from_pandas=True))
    if isinstance(encoded, pa.ChunkedArray):
        encoded = encoded.combine_chunks()
    return encoded.indices.fill_null(-1).to_numpy().astype(np.int64), len(encoded.dictionary)


def _reviewed(df: pd.DataFrame) -> np.ndarray:
    return (df["status"] == "reviewed").to_numpy(dtype=bool, na_value=False)


def _is(df: pd.DataFrame, column: str, value: str) -> np.ndarray:
    return (df[column] == value).to_numpy(dtype=bool, na_value=False)


def _rate(df: pd.DataFrame, ctx: Mapping[str, Any]) -> np.ndarray:
    return among(df["indicator"], ctx["rates"])


def _decimal_in_evidence(df: pd.DataFrame, ctx: Mapping[str, Any]) -> np.ndarray:
    """A fractional count passes only where the source itself writes that decimal ("209,5 vụ
    việc": an average a page reports), so `2.164` typed for 2164 is still caught."""
    value = df["value"].to_numpy(dtype=float, na_value=np.nan)
    rows = np.flatnonzero((value % 1 != 0) & ~np.isnan(value) & ~_rate(df, ctx))
    found = np.ones(len(df), dtype=bool)
    if not len(rows):
        return found
    evidence = df["evidence"].take(rows).to_numpy(dtype=object)
    found[rows] = [
        isinstance(e, str) and written_decimal(v) in e
        for v, e in zip(value[rows], evidence, strict=True)
    ]
    return found


def _part_exceeds_whole(df: pd.DataFrame, parts: Mapping[str, str]) -> np.ndarray:
    """True where a part (settled cases) is larger than its whole (cases) in the same statement."""
    exceeds = np.zeros(len(df), dtype=bool)
    indicator = df["indicator"]
    if not isinstance(indicator.dtype, pd.CategoricalDtype):
        indicator = indicator.astype("category")
    codes = indicator.cat.codes.to_numpy()
    code_of = {c: i for i, c in enumerate(indicator.cat.categories)}  # -1: missing
    pairs = [(code_of[p], code_of[w]) for p, w in parts.items() if p in code_of and w in code_of]
    if not pairs:
        return exceeds
    live = (df["status"] != "rejected").to_numpy(dtype=bool, na_value=True)
    key = statement_keys(df)
    value = df["value"].to_numpy(dtype=float, na_value=np.nan)
    for part, whole in pairs:
        is_whole = live & (codes == whole)
        is_part = live & (codes == part)
        if not is_whole.any() or not is_part.any():
            continue
        largest = pd.Series(value[is_whole]).groupby(key[is_whole]).max()
        whole_values = largest.reindex(key[is_part]).to_numpy()
        exceeds[is_part] = value[is_part] > whole_values  # NaN (no whole) compares False
    return exceeds


def _exceeds_message(c: Cell) -> str:
    frame, r = c.frame, c.frame.loc[c.row]
    whole = c.ctx["parts"][r["indicator"]]
    same = frame[(frame["indicator"] == whole) & (frame["status"] != "rejected")]
    for k in PART_KEYS:
        same = same[(same[k] == r[k]).fillna(False) | (same[k].isna() & pd.isna(r[k]))]
    line = c.ctx["where"](same["value"].idxmax())[1]
    return (
        f"{r['indicator']} {r['value']:g} exceeds its whole, {whole} {same['value'].max():g} "
        f"(line {line}), for {r['jurisdiction']} {r['period']} in {r['doc_id']}"
    )


def _decided_without(rule: Rule, c: Cell) -> str:
    """For a candidate a review accepted as it was: the review is where the fix goes."""
    review_of = c.ctx.get("review_of")
    review = review_of(c.row) if review_of else None
    if review is None:
        return ""
    column = "jurisdiction" if rule == Rule.NEEDS_JURISDICTION else "scope"
    found = (
        " (the extractor found no place: place_from 'unknown')"
        if rule == Rule.NEEDS_JURISDICTION and c["place_from"] == PLACE_UNKNOWN
        else ""
    )
    return (
        f"; it was accepted by the review at {review[0]}:{review[1]}{found}: write its "
        f"{column} in that review's '{column}' column"
    )


RECORDS = Table(
    name="records",
    path="data/records/*.csv",
    description="the figures people wrote or accepted, each with its source's words, scope, "
    "offsets and status; with the candidates and their reviews, what load_records() checks",
    columns=STORED_COLUMNS,
    key=("record_id",),
    key_rule=Rule.DUPLICATE_ID,
    key_message="record_id {value!r} is used again (first at {first_at})",
    head="record {record_id}: ",
    checks=(
        # A reviewed record is a decision: it says where and what part it counts.
        RowCheck(
            Rule.NEEDS_JURISDICTION,
            lambda df, _ctx: ~_reviewed(df) | df["jurisdiction"].notna().to_numpy(dtype=bool),
            lambda c: (
                f"reviewed {c['indicator']} {c['value']:g} has no jurisdiction: write the "
                "province or 'Việt Nam' the figure is about"
                + _decided_without(Rule.NEEDS_JURISDICTION, c)
            ),
        ),
        RowCheck(
            Rule.NEEDS_SCOPE,
            lambda df, _ctx: ~_reviewed(df) | df["scope"].notna().to_numpy(dtype=bool),
            lambda c: (
                f"reviewed {c['indicator']} {c['value']:g} has no scope: write 'total' (the "
                "whole jurisdiction's figure), 'area' (with the place in 'area') or 'part' (with "
                "the source's words in 'scope_note'); nothing is taken as a total unless a "
                "person says so" + _decided_without(Rule.NEEDS_SCOPE, c)
            ),
        ),
        RowCheck(
            Rule.AREA_UNNAMED,
            lambda df, _ctx: (
                ~(_reviewed(df) & _is(df, "scope", "area"))
                | df["area"].notna().to_numpy(dtype=bool)
            ),
            "scope 'area' names no area: write the district, commune or ward in 'area'",
        ),
        RowCheck(
            Rule.AREA_OUTSIDE_AREA_SCOPE,
            lambda df, _ctx: (
                ~_reviewed(df) | df["area"].isna().to_numpy(dtype=bool) | _is(df, "scope", "area")
            ),
            "area {area!r} is named but scope is {scope!r}: an area is named only for scope "
            "'area' (a part's place goes in 'scope_note')",
        ),
        RowCheck(
            Rule.PART_UNNAMED,
            lambda df, _ctx: (
                ~(_reviewed(df) & _is(df, "scope", "part"))
                | df["scope_note"].notna().to_numpy(dtype=bool)
            ),
            "scope 'part' does not say which part: write the source's words for the body, "
            "campaign, group or channel in 'scope_note'",
        ),
        RowCheck(
            Rule.NEGATIVE_COUNT,
            lambda df, ctx: (df["value"] >= 0).to_numpy(dtype=bool, na_value=True) | _rate(df, ctx),
            "{indicator} value {value:g} is negative: a count cannot be",
        ),
        RowCheck(
            Rule.RATE_OUT_OF_RANGE,
            lambda df, ctx: (
                ~_rate(df, ctx) | df["value"].between(0, 100).to_numpy(dtype=bool, na_value=True)
            ),
            "{indicator} value {value:g} is outside 0-100 percent",
        ),
        RowCheck(
            Rule.NOT_WHOLE_COUNT,
            _decimal_in_evidence,
            "{indicator} value {value:g} is not a whole number: counts are whole",
        ),
        RowCheck(
            Rule.BAD_OFFSETS,
            lambda df, _ctx: ((df["end"] - df["start"]) == df["evidence"].str.len()).to_numpy(
                dtype=bool, na_value=True
            ),
            span_message,
        ),
        RowCheck(
            Rule.PART_EXCEEDS_WHOLE,
            lambda df, ctx: ~_part_exceeds_whole(df, ctx["parts"]),
            _exceeds_message,
        ),
    ),
)

CANDIDATES = Table(
    name="candidates",
    path="data/candidates/*.csv",
    description="what the extractor found, not yet decided: a record without status and note, "
    "then why the extractor read it so; load_records() gives each the status 'candidate' and "
    "checks it as a record",
    columns=(*CANDIDATE_COLUMNS, *EXPLAIN_COLUMNS),
    optional=EXPLAIN_COLUMNS,
    extras=True,
    key=("record_id",),
    key_rule=Rule.DUPLICATE_ID,
)

# What a review may correct: every field of a figure but its source and its words. An empty
# cell leaves what the extractor found; CLEAR in `level`, `area` or `scope_note` empties it.
CORRECTABLE = tuple(
    c for c in (*CONTRACT_COLUMNS, *SCOPE_COLUMNS) if c not in ("doc_id", "evidence")
)
CLEAR = "-"


def _missing_reason(c: Cell) -> str:
    rejected = c["decision"] == "rejected"
    changes = [k for k in CORRECTABLE if k in c.frame and not pd.isna(c[k])]
    why = "a rejection" if rejected else f"a correction of {', '.join(changes)}"
    empty = "'reason' is empty" if "reason" in c.frame else "the file has no 'reason' column"
    return f"{why} needs its reason: {empty}"


def _has_reason(df: pd.DataFrame, _ctx) -> np.ndarray:
    if "reason" in df:
        given = df["reason"].notna().to_numpy(dtype=bool)
    else:
        given = np.zeros(len(df), dtype=bool)
    changed = np.zeros(len(df), dtype=bool)
    for c in CORRECTABLE:
        if c in df:
            changed |= df[c].notna().to_numpy(dtype=bool)
    return given | ~(_is(df, "decision", "rejected") | changed)


REVIEWS = Table(
    name="reviews",
    path="data/reviews/*.csv",
    description="people's decisions on candidates: accept or reject, corrected fields, reason, "
    "who and when; a file may leave out any column but record_id and decision",
    columns=("record_id", "decision", *CORRECTABLE, "reason", "reviewer", "reviewed_at"),
    optional=(*CORRECTABLE, "reason", "reviewer", "reviewed_at"),
    key=("record_id",),
    key_rule=Rule.DUPLICATE_REVIEW,
    key_message="the record is reviewed again (first at {first_at}): one decision per record",
    key_of_valid=True,  # a review with a problem decides nothing; a later one is the first
    head="review of {record_id}: ",
    checks=(RowCheck(Rule.MISSING_REASON, _has_reason, _missing_reason),),
    fields={
        **{
            c: Field(
                "string",
                f"the corrected {c}; empty: as extracted"
                + (f"; '{CLEAR}': none" if FIELDS[c].nullable else ""),
                nullable=True,
                refuse=FIELDS[c].refuse,
            )
            for c in CORRECTABLE
        },
    },
)


def _flag(values: pd.Series, value: bool) -> np.ndarray:
    """Where a boolean column is `value` (missing: neither)."""
    return (values == value).to_numpy(dtype=bool, na_value=False)


SOURCES = Table(
    name="sources",
    path="data/sources.csv",
    description="the source registry: every source a record may cite, bundled (its text in "
    "data/articles/) or cited (a public page, by its address)",
    columns=(
        "source_id",
        "url",
        "outlet",
        "title",
        "published",
        "retrieved",
        "jurisdiction",
        "bundled",
        "sha256",
        "obtained",
    ),
    key=("source_id",),
    key_rule=Rule.DUPLICATE_SOURCE,
    key_message="source_id is used again (first on line {first_line})",
    head="source {source_id}: ",
    checks=(
        RowCheck(
            Rule.BAD_ADDRESS,
            lambda df, _ctx: df["url"].notna().to_numpy(dtype=bool) | ~_flag(df["bundled"], False),
            "a cited source needs its http(s) address: it has none",
        ),
        RowCheck(
            Rule.BAD_SHA256,
            lambda df, _ctx: (
                ~_flag(df["bundled"], True)
                | df["sha256"].str.fullmatch(r"[0-9a-f]{64}").to_numpy(dtype=bool, na_value=False)
            ),
            "a bundled source needs the SHA-256 of its body (64 hex digits)",
        ),
    ),
    fields={
        "jurisdiction": Field(
            "category",
            "the province the source is about, or Việt Nam",
            nullable=True,
            lookup=PROVINCES,
            rule=Rule.UNKNOWN_PROVINCE,
        ),
        "url": Field(
            "string",
            "the source's address: http(s), needed for a cited source",
            nullable=True,
            checks=FIELDS["url"].checks,
        ),
        "title": Field("string", "the source's title", nullable=True),
    },
)

INDICATORS = Table(
    name="indicators",
    path="data/reference/indicators.csv",
    description="the indicator catalog: what each code counts, in what unit; parts and rates "
    "name the codes they are made of",
    columns=(
        "code",
        "domain",
        "unit",
        "unit_vi",
        "name_vi",
        "name_en",
        "whole",
        "rate_numerator",
        "rate_denominator",
    ),
    key=("code",),
)

OFFICIAL_INDICATORS = Table(
    name="official-indicators",
    path="data/reference/official-indicators.csv",
    description="the official statistical indicator each code corresponds to, with sources and "
    "doubts (joined to the catalog as official_*)",
    columns=(
        "code",
        "official_id",
        "official_name_vi",
        "breakdowns",
        "reporting_period",
        "source_url",
        "note",
    ),
    key=("code",),
    fields={
        "code": Field("str", "catalog code", lookup=CATALOG, rule=Rule.UNKNOWN_INDICATOR),
        "source_url": FIELDS["official_source_url"],
        "note": FIELDS["official_note"],
    },
)

PROVINCES_TABLE = Table(
    name="provinces",
    path="data/reference/provinces.csv",
    description="the 63 provincial units in force until 30 June 2025, with their 2025 unit",
    columns=(
        "province",
        "province_type",
        "region",
        "gso_code",
        "population_2019",
        "area_km2",
        "province_2025",
        "source_url",
    ),
    key=("province",),
    checks=(
        RowCheck(
            Rule.DUPLICATE_KEY,
            lambda df, _ctx: (
                ~df["gso_code"].duplicated().to_numpy(dtype=bool)
                | df["gso_code"].isna().to_numpy(dtype=bool)
            ),
            "gso_code {gso_code!r} is another unit's too: one code per unit",
            column="gso_code",
        ),
    ),
    fields={"source_url": Field("str", "where the row's figures come from, separated by ';'")},
)

PROVINCES_2025_TABLE = Table(
    name="provinces_2025",
    path="data/reference/provinces_2025.csv",
    description="the 34 units in force from 1 July 2025 and the units each merges "
    "(Resolution 202/2025/QH15)",
    columns=("province_2025", "province_type", "merged_from"),
    key=("province_2025",),
    # ctx["merged"]: each 2025 unit -> the units provinces.csv maps to it
    checks=(
        RowCheck(
            Rule.MAPPING_MISMATCH,
            lambda df, ctx: [
                pd.isna(m) or set(m.split(";")) == set(ctx["merged"].get(str(u), ()))
                for u, m in zip(df["province_2025"], df["merged_from"], strict=True)
            ],
            lambda c: (
                f"{c['province_2025']} merges {sorted(c['merged_from'].split(';'))} but "
                f"provinces.csv maps {sorted(c.ctx['merged'].get(str(c['province_2025']), ()))} "
                "to it"
            ),
        ),
    ),
    fields={"province_2025": Field("category", "unit in force from 1 July 2025")},
)

CEILINGS = Table(
    name="ceilings",
    path="data/reference/ceilings.csv",
    description="the most a count indicator can plausibly be, per resident of the jurisdiction "
    "and year, each with its reason",
    columns=("indicator", "per_resident_per_year", "reason"),
    key=("indicator",),
    fields={
        "indicator": Field(
            "str", "catalog code of a count", lookup=CATALOG, rule=Rule.UNKNOWN_INDICATOR
        ),
        "reason": Field("str", "why the ceiling is where it is, in words"),
    },
)


def _shared_square(c: Cell) -> str:
    square = c.frame[["row", "col"]]
    first = square.index[(square == square.loc[c.row]).all(axis=1)][0]
    return (
        f"{c['province']} is on the square (row {c['row']}, col {c['col']}) of "
        f"{c.frame.at[first, 'province']} (line {c.ctx['where'](first)[1]})"
    )


def _grid(name: str, era: str, description: str) -> Table:
    """A tile grid: one square per unit of the era (ctx["units"]), one unit per square."""
    return Table(
        name=name,
        path=f"data/reference/{name}.csv",
        description=description,
        columns=("province", "row", "col", "label"),
        key=("province",),
        key_rule=Rule.DUPLICATE_PROVINCE,
        key_message="{value} is placed again (first at line {first_line})",
        checks=(
            RowCheck(
                Rule.UNKNOWN_PROVINCE,
                lambda df, ctx: df["province"].isin(ctx["units"]).to_numpy(dtype=bool),
                "{province!r} is not a province of this era",
            ),
            RowCheck(
                Rule.SHARED_SQUARE,
                lambda df, _ctx: (
                    ~df[["row", "col"]].duplicated().to_numpy(dtype=bool)
                    | df[["row", "col"]].isna().any(axis=1).to_numpy(dtype=bool)
                ),
                _shared_square,
            ),
        ),
        whole=(
            TableCheck(
                Rule.MISSING_PROVINCE,
                lambda df, ctx: sorted(set(ctx["units"]) - set(df["province"].dropna())),
                "{value} has no square",
            ),
        ),
        fields={"province": Field("str", f"a unit {era}")},
    )


TILE_GRID = _grid(
    "tile_grid",
    "before 1 July 2025",
    "a square and a short label for each of the 63 units before 1 July 2025, laid out as the "
    "country lies (analysis.report.maps.tile_map)",
)
TILE_GRID_2025 = _grid(
    "tile_grid_2025", "from 1 July 2025", "the same for the 34 units from 1 July 2025"
)

# The extractor's rule tables: read and checked by the extractor (analysis.extract.cues,
# analysis.extract.tables_check), declared here for the data dictionary and the docs.
_RULE_INDICATOR = Field(
    "str", "what the words say: a catalog code, none (not a figure), @whole or @issued"
)
EXTRACT_UNITS = Table(
    name="extract_units",
    path="data/reference/extract_units.csv",
    description="the unit words that must follow a number for it to be a figure",
    columns=("unit", "pattern", "notes"),
    fields={"unit": Field("str", "a catalog unit")},
)
EXTRACT_CUES = Table(
    name="extract_cues",
    path="data/reference/extract_cues.csv",
    description="the words that say what a number counts (a record's cue names its line)",
    columns=("indicator", "units", "side", "pattern", "notes", "example", "expect"),
    fields={"indicator": _RULE_INDICATOR},
)
EXTRACT_LEVELS = Table(
    name="extract_levels",
    path="data/reference/extract_levels.csv",
    description="the words that name the tier of a document count",
    columns=("level", "side", "pattern", "notes"),
    fields={"level": Field("str", "the tier the words name", values=FIELDS["level"].values)},
)
EXTRACT_SCOPE = Table(
    name="extract_scope",
    path="data/reference/extract_scope.csv",
    description="the words that say what part of its place's work a figure counts: a body "
    "opening the clause, a group, law, channel or event in it, a kind of case after the unit",
    columns=("scope", "kind", "side", "pattern", "notes", "example", "expect"),
    fields={
        "scope": Field("str", "the scope the words give", values=("total", "part")),
        "kind": Field(
            "str",
            "what the words name (the candidate's scope_from)",
            values=("sector", "body", "ministry", "group", "law", "channel", "event", "kind"),
        ),
        "side": Field(
            "str",
            "where the words stand: a subject opening its clause (it holds for the figures "
            "after it), in the figure's clause, or right after its unit",
            values=("subject", "clause", "after"),
        ),
        "expect": Field("str", "what the example gives: the scope it reads", nullable=True),
    },
)
EXTRACT_WORDS = Table(
    name="extract_words",
    path="data/reference/extract_words.csv",
    description="word lists: qualifiers, verbs kept in evidence, sentence openers, "
    "related-headline headings",
    columns=("list", "word", "means", "notes"),
)
PROVINCE_ALIASES = Table(
    name="province_aliases",
    path="data/reference/province_aliases.csv",
    description="other spellings of province names the extractor reads",
    columns=("alias", "province", "notes"),
    fields={"province": Field("str", "the unit (before or after 1 July 2025) it names")},
)

TABLES: dict[str, Table] = {
    t.name: t
    for t in (
        RECORDS,
        CANDIDATES,
        REVIEWS,
        SOURCES,
        INDICATORS,
        OFFICIAL_INDICATORS,
        PROVINCES_TABLE,
        PROVINCES_2025_TABLE,
        CEILINGS,
        TILE_GRID,
        TILE_GRID_2025,
        EXTRACT_UNITS,
        EXTRACT_CUES,
        EXTRACT_LEVELS,
        EXTRACT_SCOPE,
        EXTRACT_WORDS,
        PROVINCE_ALIASES,
    )
}


def records_context(catalog: pd.DataFrame, lists: Mapping[str, Iterable[str]]) -> dict[str, Any]:
    """What the records' rules are checked against: the reference lists (by name), the rates
    (percent indicators) and each part's whole, from the catalog."""
    codes = catalog["code"].astype(str)
    units = catalog["unit"].astype(str)
    return {
        **{name: frozenset(values) for name, values in lists.items()},
        "rates": frozenset(codes[(units == "percent").to_numpy()]),
        "parts": {
            str(c): str(w)
            for c, w in zip(catalog["code"], catalog["whole"], strict=True)
            if pd.notna(w)
        },
    }
