"""Pandera schemas for every table the project loads, declared once from a field dictionary.

Each check is named after the rule it enforces; `problems_from` turns pandera's failure cases
into `Problem`s that name the file, the line and the rule, all of them at once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pandera.pandas as pa
import pyarrow
import pyarrow.compute
from pandera.errors import SchemaError, SchemaErrors

from analysis.contract import DOMAINS, LEVELS, QUALIFIERS, SCOPES, STATUSES, STORED_COLUMNS
from analysis.errors import DataError, Problem
from analysis.records.periods import PERIOD_KINDS, parse_period
from analysis.vietnamese import written_decimal


@dataclass(frozen=True)
class Field:
    """A column as the project declares it: dtype, meaning, whether it may be empty, and for the
    data dictionary its unit and allowed values (in words where the reference tables list them)."""

    dtype: str
    description: str
    nullable: bool = False
    unit: str = ""
    allowed: str = ""


PERIOD_CODES = "YYYY, YYYY-H1/H2, YYYY-Q1..Q4, YYYY-9M, YYYY-YTD, YYYY..YYYY"
FIELDS: dict[str, Field] = {
    "record_id": Field("string", "stable id of a figure: hash of source, indicator, number offset"),
    "doc_id": Field("category", "source file name without extension"),
    "indicator": Field("category", "catalog code of what is counted", allowed="catalog codes"),
    "value": Field(
        "Float64",
        "the figure as a plain number (percent for rates)",
        unit="the indicator's unit",
        allowed="≥ 0; 0-100 for rates",
    ),
    "qualifier": Field(
        "category", "exact, at_least, approx or at_most", allowed=", ".join(QUALIFIERS)
    ),
    "jurisdiction": Field(
        "category",
        "province or city as reported, or Việt Nam; empty only for a candidate whose place the "
        "extractor did not find (a reviewed record needs one)",
        nullable=True,
        allowed="province names",
    ),
    "period": Field("category", "reporting period code, e.g. 2024-H1", allowed=PERIOD_CODES),
    "level": Field(
        "category",
        "tier that issued or drafted documents",
        nullable=True,
        allowed=", ".join(LEVELS),
    ),
    "evidence": Field("string", "the source's own words stating the figure"),
    "scope": Field(
        "category",
        "what part of the jurisdiction's work the figure counts: total (the whole province's or "
        "country's), area (one or more districts, communes, wards), part (one body, campaign, "
        "law, topic, group of people, channel, or a 'trong đó' item); only totals are compared",
        nullable=True,
        allowed=", ".join(SCOPES),
    ),
    "area": Field(
        "string",
        "for scope area: the district, commune or ward as the source names it",
        nullable=True,
    ),
    "scope_note": Field(
        "string",
        "for scope part (and area where it helps): the source's words naming the part",
        nullable=True,
    ),
    "start": Field(
        "Int64",
        "offset of evidence in the NFC article body; empty for a cited source",
        nullable=True,
        unit="characters",
    ),
    "end": Field(
        "Int64",
        "offset just past the evidence; empty for a cited source",
        nullable=True,
        unit="characters",
    ),
    "status": Field("category", "reviewed, candidate or rejected", allowed=", ".join(STATUSES)),
    "note": Field("string", "reviewer's free note", nullable=True),
    "code": Field("category", "catalog code"),
    "domain": Field("category", "area of justice work", allowed=", ".join(DOMAINS)),
    "unit": Field("category", "what one unit of value is"),
    "province": Field("category", "short name with diacritics, no prefix"),
    "province_2025": Field(
        "category", "unit in force from 1 July 2025", allowed="2025 province names"
    ),
    "region": Field("category", "GSO socio-economic region", nullable=True),
    "population_2019": Field("Int64", "2019 census population", unit="persons"),
    "area_km2": Field("Float64", "area in km²", nullable=True, unit="km²"),
    "gso_code": Field("string", "two-digit GSO code"),
    # Columns that loading adds, and the exported tables' own: described for the data dictionary.
    "is_lower_bound": Field(
        "bool", "the source gives a lower bound (trên, hơn): qualifier at_least"
    ),
    "is_national": Field("bool", "the figure is about the whole country"),
    "is_total": Field(
        "bool", "scope total: the jurisdiction's whole figure, the only kind compared or summed"
    ),
    "part_of": Field(
        "string",
        "for an area or part figure: record_id of the total the same source states for the "
        "same indicator, place, period and tier (empty: the source states no whole)",
        nullable=True,
    ),
    "population": Field("Int64", "2019 census population of the jurisdiction", unit="persons"),
    "period_kind": Field(
        "category",
        "kind of period: a year, a half-year, a quarter…",
        allowed=", ".join(PERIOD_KINDS),
    ),
    "period_start": Field("datetime64[s]", "first day of the period"),
    "period_end": Field(
        "datetime64[s]", "last day of the period (empty: year to an unstated date)", nullable=True
    ),
    "period_months": Field("Int8", "length of the period", nullable=True, unit="months"),
    "unlike_parts": Field(
        "string", "figures not added because their parts are unlike: tiers, kinds of material"
    ),
    "title": Field("string", "the article's title", nullable=True),
    "source": Field("string", "the outlet that published it", nullable=True),
    "url": Field("string", "the article's address", nullable=True),
    "published": Field("datetime64[s]", "date of publication", nullable=True),
    "source_url": Field("string", "address of the record's source (http or https)", nullable=True),
    "source_outlet": Field("string", "outlet that published the source", nullable=True),
    "source_title": Field("string", "title of the source", nullable=True),
    "source_published": Field(
        "datetime64[s]", "date the source was published, where it states one", nullable=True
    ),
    "n_chars": Field("Int64", "length of the article's text", unit="characters"),
    # What the extractor found, kept beside a review's corrections; and the extractor's reasons.
    "extracted_indicator": Field(
        "category", "indicator as extracted (empty for records people wrote)", nullable=True
    ),
    "extracted_value": Field(
        "Float64", "value as extracted", nullable=True, unit="the indicator's unit"
    ),
    "extracted_qualifier": Field("category", "qualifier as extracted", nullable=True),
    "extracted_jurisdiction": Field("category", "jurisdiction as extracted", nullable=True),
    "extracted_period": Field("category", "period as extracted", nullable=True),
    "extracted_level": Field("category", "level as extracted", nullable=True),
    "extracted_scope": Field("category", "scope as extracted", nullable=True),
    "extracted_area": Field("string", "area as extracted", nullable=True),
    "extracted_scope_note": Field("string", "scope_note as extracted", nullable=True),
    "corrected": Field(
        "string", "the fields a review corrected, comma-separated (empty: none)", nullable=True
    ),
    "cue": Field("string", "the extractor's cue row that named the indicator", nullable=True),
    "place_from": Field("string", "where the extractor took the place from", nullable=True),
    "period_from": Field("string", "where the extractor took the period from", nullable=True),
    "scope_from": Field("string", "where the extractor took the scope from", nullable=True),
    # The source registry's columns (data/sources.csv).
    "source_id": Field("string", "the source's id: doc_id of the records that cite it"),
    "outlet": Field("string", "the outlet that published the source", nullable=True),
    "retrieved": Field("datetime64[s]", "date the page was read", nullable=True),
    "bundled": Field("boolean", "the source's text is in data/articles/ (else only cited)"),
    "sha256": Field("string", "SHA-256 of a bundled source's text", nullable=True),
    "obtained": Field("category", "how the text or figures came into the project", nullable=True),
}


def _column(name: str, checks: Iterable[pa.Check] = (), **kw) -> pa.Column:
    f = FIELDS[name]
    return pa.Column(
        f.dtype, checks=list(checks), nullable=f.nullable, description=f.description, **kw
    )


def _isin(allowed: Iterable[str], rule: str) -> pa.Check:
    allowed = frozenset(allowed)
    return pa.Check(lambda s: s.isin(allowed), name=rule, error=rule)


def _valid_periods(codes: pd.Series) -> pd.Series:
    ok = {}
    for code in (
        codes.cat.categories if isinstance(codes.dtype, pd.CategoricalDtype) else codes.unique()
    ):
        try:
            parse_period(code)
            ok[code] = True
        except ValueError:
            ok[code] = False
    return codes.map(ok).astype(bool)


def _plain_names(names: pd.Series) -> pd.Series:
    """True where a doc_id is a file name: no folder separator, NUL, or leading dot (`..`)."""
    values = names.cat.categories if isinstance(names.dtype, pd.CategoricalDtype) else names
    text = pd.Series(values, dtype="string")
    bad = set(text[text.str.contains(r"[/\\\x00]|^\.", na=False)])
    return ~_among(names, frozenset(bad))


def _among(values: pd.Series, allowed: frozenset[str]) -> pd.Series:
    """`values.isin(allowed)`; a categorical is looked up by its few categories, not its rows."""
    if not isinstance(values.dtype, pd.CategoricalDtype):
        return values.isin(allowed)
    known = np.append(values.cat.categories.isin(allowed), False)  # code -1 (missing): False
    return pd.Series(known[values.cat.codes.to_numpy()], index=values.index)


def _column_rules(
    indicators: frozenset[str], jurisdictions: frozenset[str]
) -> dict[str, list[tuple[str, Callable[[pd.Series], pd.Series]]]]:
    """Each column's own rules, by name: what a value must be, missing values aside."""

    def among(allowed: Iterable[str]) -> Callable[[pd.Series], pd.Series]:
        allowed = frozenset(allowed)
        return lambda s: _among(s, allowed)

    return {
        "doc_id": [("bad-doc-id", _plain_names)],
        "indicator": [("unknown-indicator", among(indicators))],
        "qualifier": [("bad-qualifier", among(QUALIFIERS))],
        "jurisdiction": [("unknown-province", among(jurisdictions))],
        "period": [("malformed-period", _valid_periods)],
        "level": [("bad-level", among(LEVELS))],
        "scope": [("bad-scope", among(SCOPES))],
        "evidence": [("empty-evidence", lambda s: s != "")],
        "start": [("bad-offsets", lambda s: s >= 0)],
        "status": [("bad-status", among(STATUSES))],
    }


def _row_rules(
    units: dict[str, str], parts: dict[str, str]
) -> dict[str, Callable[[pd.DataFrame], pd.Series]]:
    """The rules across a record's columns, by name. Empty cells pass: `missing-value` reports
    them once."""
    percent = frozenset(c for c, u in units.items() if u == "percent")

    def is_rate(df: pd.DataFrame) -> pd.Series:
        return _among(df["indicator"], percent)

    def reviewed(df: pd.DataFrame) -> pd.Series:
        return (df["status"] == "reviewed").fillna(False)

    return {
        # A reviewed record is a decision: it says where and what part it counts.
        "needs-jurisdiction": lambda df: ~reviewed(df) | df["jurisdiction"].notna(),
        "needs-scope": lambda df: ~reviewed(df) | df["scope"].notna(),
        "area-unnamed": lambda df: (
            ~(reviewed(df) & (df["scope"] == "area").fillna(False)) | df["area"].notna()
        ),
        "area-outside-area-scope": lambda df: (
            ~reviewed(df) | df["area"].isna() | (df["scope"] == "area").fillna(False)
        ),
        "part-unnamed": lambda df: (
            ~(reviewed(df) & (df["scope"] == "part").fillna(False)) | df["scope_note"].notna()
        ),
        "negative-count": lambda df: ((df["value"] >= 0) | is_rate(df)).fillna(True),
        "rate-out-of-range": lambda df: (~is_rate(df) | df["value"].between(0, 100)).fillna(True),
        "not-whole-count": lambda df: (
            is_rate(df) | (df["value"] % 1 == 0) | _decimal_in_evidence(df, percent)
        ).fillna(True),
        "bad-offsets": lambda df: ((df["end"] - df["start"]) == df["evidence"].str.len()).fillna(
            True
        ),
        "part-exceeds-whole": lambda df: ~_part_exceeds_whole(df, parts),
    }


# The stored form of a record, as the contract declares it (analysis.contract).
RECORD_COLUMNS = STORED_COLUMNS


def records_schema(
    indicators: Iterable[str],
    jurisdictions: Iterable[str],
    units: dict[str, str],
    parts: dict[str, str],
) -> pa.DataFrameSchema:
    """The stored records' schema; allowed values come from the reference tables."""
    rules = _column_rules(frozenset(indicators), frozenset(jurisdictions))
    columns = {}
    for name in RECORD_COLUMNS:
        checks = [pa.Check(fn, name=rule, error=rule) for rule, fn in rules.get(name, [])]
        extra = (
            {"unique": True, "report_duplicates": "exclude_first"} if name == "record_id" else {}
        )
        columns[name] = _column(name, checks, **extra)
    return pa.DataFrameSchema(
        columns,
        checks=[pa.Check(fn, name=rule) for rule, fn in _row_rules(units, parts).items()],
        strict=True,
        ordered=False,
        name="records",
    )


def records_hold(
    df: pd.DataFrame,
    indicators: Iterable[str],
    jurisdictions: Iterable[str],
    units: dict[str, str],
    parts: dict[str, str],
) -> bool:
    """True only if every rule of `records_schema` holds, checked with plain vectorised column
    operations: the fast path of a load. False says nothing of what is wrong; the schema
    (pandera) then finds and names every problem."""
    if list(df.columns) != list(RECORD_COLUMNS):
        return False
    for name in RECORD_COLUMNS:
        field = FIELDS[name]
        column = df[name]
        if str(column.dtype) != field.dtype:
            return False
        if not field.nullable and column.isna().any():
            return False
    if not _all_distinct(pyarrow.array(df["record_id"].array)):  # Arrow-backed: no copy
        return False
    for name, rules in _column_rules(frozenset(indicators), frozenset(jurisdictions)).items():
        column = df[name]
        present = column.notna().to_numpy(dtype=bool)
        for _rule, fn in rules:
            held = fn(column)
            if not held.fillna(False).to_numpy(dtype=bool)[present].all():
                return False
    for fn in _row_rules(units, parts).values():
        if not fn(df).fillna(True).to_numpy(dtype=bool).all():
            return False
    return True


def _all_distinct(ids: pyarrow.Array | pyarrow.ChunkedArray) -> bool:
    """True only if no text occurs twice. Ids of one width (the usual case) are compared as
    64-bit words of their bytes, sorted: distinct words prove distinct ids, and words that
    collide only send the data to the schema, which names the real duplicates."""
    ids = ids.combine_chunks() if isinstance(ids, pyarrow.ChunkedArray) else ids
    n = len(ids)
    large = pyarrow.types.is_large_string(ids.type)
    if n < 2 or ids.null_count or not (large or pyarrow.types.is_string(ids.type)):
        return n < 2 or len(pyarrow.compute.unique(ids)) == n
    at = np.int64 if large else np.int32
    offsets = np.frombuffer(ids.buffers()[1], dtype=at)[ids.offset : ids.offset + n + 1]
    width = int(offsets[1] - offsets[0])
    if width == 0 or not (np.diff(offsets) == width).all():
        return len(pyarrow.compute.unique(ids)) == n
    start = int(offsets[0])
    data = np.frombuffer(ids.buffers()[2], dtype=np.uint8)[start : start + n * width]
    padded = np.zeros((n, -(-width // 8) * 8), dtype=np.uint8)
    padded[:, :width] = data.reshape(n, width)
    words = padded.view(np.uint64)
    key = words[:, 0].copy()
    for j in range(1, words.shape[1]):  # exact up to 8 bytes, a hash beyond
        key *= np.uint64(0x9E3779B97F4A7C15)
        key ^= words[:, j]
    key.sort()
    return not (key[1:] == key[:-1]).any()


def _decimal_in_evidence(df: pd.DataFrame, percent: frozenset[str]) -> pd.Series:
    """A fractional count passes only where the source itself writes that decimal ("209,5 vụ
    việc": an average a page reports), so `2.164` typed for 2164 is still caught."""
    value = df["value"].to_numpy(dtype=float, na_value=np.nan)
    fractional = (value % 1 != 0) & ~np.isnan(value) & ~_among(df["indicator"], percent).to_numpy()
    rows = np.flatnonzero(fractional)
    evidence = df["evidence"].take(rows).to_numpy(dtype=object)
    found = np.zeros(len(df), dtype=bool)
    found[rows] = [
        isinstance(e, str) and written_decimal(v) in e
        for v, e in zip(value[rows], evidence, strict=True)
    ]
    return pd.Series(found, index=df.index)


# A statement: one source's figures for one place, period and tier, and one area or part (by
# its name: a part's settled cases are compared with that part's cases, never the province's).
PART_KEYS = ["doc_id", "jurisdiction", "period", "level", "area", "scope_note"]


def statement_keys(df: pd.DataFrame, columns: Iterable[str] = PART_KEYS) -> np.ndarray:
    """One integer per statement (the values of `columns`, PART_KEYS by default), built from
    category codes so a million rows cost a few array operations; renumbered densely whenever
    the next column could overflow. A missing value is a value of its own."""
    key = np.zeros(len(df), dtype=np.int64)
    for column in columns:
        values = df[column]
        if not isinstance(values.dtype, pd.CategoricalDtype):
            values = values.astype("category")
        width = len(values.cat.categories) + 1
        if len(key) and int(key.max()) >= (1 << 62) // width:
            key = np.unique(key, return_inverse=True)[1].astype(np.int64)
        key = key * width + values.cat.codes.to_numpy() + 1
    return key


def _part_exceeds_whole(df: pd.DataFrame, parts: dict[str, str]) -> pd.Series:
    """True where a part (settled cases) is larger than its whole (cases) in the same statement."""
    exceeds = np.zeros(len(df), dtype=bool)
    live = (df["status"] != "rejected").to_numpy(dtype=bool)
    key = statement_keys(df) if len(parts) else None
    value = df["value"].to_numpy(dtype=float, na_value=np.nan)
    indicator = df["indicator"]
    if not isinstance(indicator.dtype, pd.CategoricalDtype):
        indicator = indicator.astype("category")
    codes = indicator.cat.codes.to_numpy()
    code_of = {c: i for i, c in enumerate(indicator.cat.categories)}  # -1: missing
    for part, whole in parts.items():
        is_whole = live & (codes == code_of.get(whole, -2))
        is_part = live & (codes == code_of.get(part, -2))
        if not is_whole.any() or not is_part.any():
            continue
        largest = pd.Series(value[is_whole]).groupby(key[is_whole]).max()
        whole_values = largest.reindex(key[is_part]).to_numpy()
        exceeds[is_part] = value[is_part] > whole_values  # NaN (no whole) compares False
    return pd.Series(exceeds, index=df.index)


MessageFn = Callable[[pd.Series, object], str]


def run_schema(
    schema: pa.DataFrameSchema,
    df: pd.DataFrame,
    where: Callable[[object], tuple[str, int | None]],
    describe: Callable[[str, str | None, object, object], str],
) -> None:
    """Validate lazily; raise DataError with one Problem per failing row and rule."""
    try:
        schema.validate(df, lazy=True)
    except SchemaErrors as exc:
        problems = []
        cases = exc.failure_cases
        for case in cases.itertuples(index=False):
            rule = _rule_of(case)
            file, line = where(case.index)
            problems.append(
                Problem(
                    file,
                    describe(rule, case.column, case.index, case.failure_case),
                    rule,
                    line=line,
                )
            )
        raise DataError(_unique(problems)) from None
    except SchemaError as exc:  # pragma: no cover - lazy mode reports through SchemaErrors
        raise DataError([Problem(schema.name or "table", str(exc), "schema")]) from None


def _rule_of(case) -> str:
    check = str(case.check)
    if check == "field_uniqueness":
        return "duplicate-id"
    if check == "not_nullable":
        return "missing-value"
    if check.startswith("dtype("):
        return "bad-type"
    if check == "column_in_dataframe":
        return "missing-column"
    if check == "column_in_schema":
        return "unknown-column"
    return check


def _unique(problems: list[Problem]) -> list[Problem]:
    return list(dict.fromkeys(problems))


def _validate_reference(
    schema: pa.DataFrameSchema, frame: pd.DataFrame, file: str, categories: Iterable[str]
) -> pd.DataFrame:
    """Run a reference table's schema (row i is line i + 2 of its CSV) and type its codes."""
    run_schema(
        schema,
        frame,
        lambda i: (file, int(i) + 2 if isinstance(i, int) else None),
        lambda rule, col, i, value: f"{col} {value!r} breaks {rule}",
    )
    typed = frame.copy()
    for col in categories:
        typed[col] = typed[col].astype("category")
    return typed


def validate_catalog(catalog: pd.DataFrame, file: str) -> pd.DataFrame:
    """Check the catalog (codes unique, domains known, parts and rates refer to codes) and type it."""
    codes = set(catalog["code"])
    refs = ["whole", "rate_numerator", "rate_denominator"]
    schema = pa.DataFrameSchema(
        {
            "code": pa.Column(str, unique=True),
            "domain": pa.Column(str, _isin(DOMAINS, "unknown-domain")),
            "unit": pa.Column(str),
            "name_vi": pa.Column(str),
            "name_en": pa.Column(str),
            **{c: pa.Column(str, _isin(codes, "unknown-indicator"), nullable=True) for c in refs},
        },
        name="catalog",
    )
    typed = _validate_reference(schema, catalog, file, ("code", "domain", "unit"))
    typed["code"] = typed["code"].cat.reorder_categories(list(catalog["code"]))
    return typed


def validate_provinces(provinces: pd.DataFrame, file: str) -> pd.DataFrame:
    """Check the 63-unit table (names and codes unique, population positive) and type it."""
    schema = pa.DataFrameSchema(
        {
            "province": pa.Column(str, unique=True),
            "province_type": pa.Column(str, _isin(("tỉnh", "thành phố"), "bad-type")),
            "region": pa.Column(str),
            "gso_code": pa.Column(str, [pa.Check.str_matches(r"^\d{2}$")], unique=True),
            "population_2019": pa.Column(int, pa.Check.gt(0)),
            "area_km2": pa.Column(float, pa.Check.gt(0), nullable=True),
            "province_2025": pa.Column(str),
            "source_url": pa.Column(str),
        },
        name="provinces",
    )
    categories = ("province", "province_type", "region", "province_2025")
    typed = _validate_reference(schema, provinces, file, categories)
    typed["population_2019"] = typed["population_2019"].astype("Int64")
    typed["area_km2"] = typed["area_km2"].astype("Float64")
    return typed
