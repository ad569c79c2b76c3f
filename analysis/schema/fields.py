"""Every field the project stores or gives, declared once: type, meaning, unit, allowed values,
and the checks its values must pass.

A table lists fields by name (analysis.schema.tables); where two tables use one name for two
things, the table declares its own field. Allowed values written here are the only list of
them: the loader accepts them, the data dictionary lists them and the message for a value
outside them names them, all from the field.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd

from analysis.contract import (
    DOMAINS,
    LEVELS,
    PERIOD_CODES,
    PERIOD_KINDS,
    QUALIFIERS,
    SCOPES,
    STATUSES,
    parse_period,
)
from analysis.schema.cells import FUTURE_SLACK, is_web_address, value_problem
from analysis.schema.field import Field, Lookup, ValueCheck, by_category, matches
from analysis.schema.rules import Rule

# The reference lists a field's values are checked against (given when a table is checked).
CATALOG = Lookup("catalog codes", "is not in the catalog")
PROVINCES = Lookup("province names", "is not a province or city, nor 'Việt Nam'", suggest=True)
PROVINCES_2025 = Lookup("2025 province names", "is not a unit in force from 1 July 2025")


def _period_error(code: object) -> str:
    try:
        parse_period(str(code))
    except ValueError as exc:
        return str(exc)
    return f"period {code!r} is malformed"


def _is_period(code: str) -> bool:
    try:
        parse_period(code)
    except ValueError:
        return False
    return True


def _plain_names(names: pd.Series, _ctx) -> np.ndarray:
    """A doc_id is a file name: no folder separator, NUL, or leading dot (`..`); looked at
    through its few categories, by Arrow."""
    return ~matches(names, r"[/\\\x00]|^\.")


def _not_future(values: pd.Series, _ctx) -> pd.Series:
    return values.dt.normalize() <= pd.Timestamp(pd.Timestamp.today().date() + FUTURE_SLACK)


def _future(c) -> str:
    day = pd.Timestamp(c.value).date().isoformat()
    today = pd.Timestamp.today().date().isoformat()
    return (
        f"{c.column} {day} is in the future (today is {today}): a date cannot be after the day "
        "it was written"
    )


NOT_FUTURE = ValueCheck(Rule.FUTURE_DATE, _not_future, _future)
POSITIVE = ValueCheck(
    Rule.NOT_POSITIVE, lambda s, _ctx: s > 0, "{column} {value} is not a number above 0"
)


def span_message(c) -> str:
    """What is wrong with offsets that do not span their evidence."""
    evidence = c["evidence"]
    n = 0 if evidence is None or pd.isna(evidence) else len(evidence)
    return f"start {c['start']} and end {c['end']} do not span the evidence's {n} characters"


FIELDS: dict[str, Field] = {
    # A record: what the contract stores (analysis.contract.STORED_COLUMNS).
    "record_id": Field("string", "stable id of a figure: hash of source, indicator, number offset"),
    "doc_id": Field(
        "category",
        "source file name without extension",
        checks=(
            ValueCheck(
                Rule.BAD_DOC_ID,
                _plain_names,
                "doc_id {value!r} is not a file name: a doc_id is an article's file name "
                "without folder or extension, so it can only name a file inside the articles "
                "folder",
            ),
        ),
    ),
    "indicator": Field(
        "category",
        "catalog code of what is counted",
        lookup=CATALOG,
        rule=Rule.UNKNOWN_INDICATOR,
    ),
    "value": Field(
        "Float64",
        "the figure as a plain number (percent for rates)",
        unit="the indicator's unit",
        allowed="≥ 0; 0-100 for rates",
        refuse=lambda _name, cell: value_problem(cell),
    ),
    "qualifier": Field(
        "category",
        "exact, at_least, approx or at_most",
        values=QUALIFIERS,
        rule=Rule.BAD_QUALIFIER,
    ),
    "jurisdiction": Field(
        "category",
        "province or city as reported, or Việt Nam; empty only for a candidate whose place the "
        "extractor did not find (a reviewed record needs one)",
        nullable=True,
        lookup=PROVINCES,
        rule=Rule.UNKNOWN_PROVINCE,
    ),
    "period": Field(
        "category",
        "reporting period code, e.g. 2024-H1",
        allowed=PERIOD_CODES,
        checks=(
            ValueCheck(
                Rule.MALFORMED_PERIOD,
                lambda s, _ctx: by_category(s, _is_period),
                lambda c: _period_error(c.value),
            ),
        ),
    ),
    "level": Field(
        "category",
        "tier that issued or drafted documents",
        nullable=True,
        values=LEVELS,
        rule=Rule.BAD_LEVEL,
    ),
    "evidence": Field(
        "string",
        "the source's own words stating the figure",
        checks=(
            ValueCheck(
                Rule.EMPTY_EVIDENCE,
                lambda s, _ctx: s != "",
                "evidence is empty: a record gives the source's own words",
            ),
        ),
    ),
    "scope": Field(
        "category",
        "what part of the jurisdiction's work the figure counts: total (the whole province's or "
        "country's), area (one or more districts, communes, wards), part (one body, campaign, "
        "law, topic, group of people, channel, or a 'trong đó' item); only totals are compared",
        nullable=True,
        values=SCOPES,
        rule=Rule.BAD_SCOPE,
        empty=" (empty only for a candidate)",
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
        checks=(ValueCheck(Rule.BAD_OFFSETS, lambda s, _ctx: s >= 0, lambda c: span_message(c)),),
    ),
    "end": Field(
        "Int64",
        "offset just past the evidence; empty for a cited source",
        nullable=True,
        unit="characters",
    ),
    "status": Field(
        "category", "reviewed, candidate or rejected", values=STATUSES, rule=Rule.BAD_STATUS
    ),
    "note": Field("string", "reviewer's free note", nullable=True),
    # The indicator catalog (reference/indicators.csv) and its official counterparts.
    "code": Field("category", "catalog code"),
    "domain": Field("category", "area of justice work", values=DOMAINS, rule=Rule.UNKNOWN_DOMAIN),
    "unit": Field("category", "what one unit of value is"),
    "unit_vi": Field("str", "the unit in Vietnamese, as a label shows it"),
    "name_vi": Field("str", "the indicator's name in Vietnamese"),
    "name_en": Field("str", "the indicator's name in English"),
    "whole": Field(
        "str",
        "for a part (settled cases): the indicator of its whole (cases); a part never exceeds "
        "its whole in one statement",
        nullable=True,
        lookup=CATALOG,
        rule=Rule.UNKNOWN_INDICATOR,
    ),
    "rate_numerator": Field(
        "str",
        "for a rate: the indicator counted above the line",
        nullable=True,
        lookup=CATALOG,
        rule=Rule.UNKNOWN_INDICATOR,
    ),
    "rate_denominator": Field(
        "str",
        "for a rate: the indicator counted below the line",
        nullable=True,
        lookup=CATALOG,
        rule=Rule.UNKNOWN_INDICATOR,
    ),
    "official_id": Field(
        "str", "the official indicator's number (TT 10/2017/TT-BTP)", nullable=True
    ),
    "official_name_vi": Field("str", "the official indicator's name", nullable=True),
    "breakdowns": Field("str", "the breakdowns the official indicator has", nullable=True),
    "reporting_period": Field("str", "how often it is officially reported", nullable=True),
    "official_source_url": Field("str", "where the official indicator was found", nullable=True),
    "official_note": Field("str", "what was and was not verified of it", nullable=True),
    # The provinces before and after the 2025 merger (reference/provinces*.csv).
    "province": Field("category", "short name with diacritics, no prefix"),
    "province_type": Field(
        "category",
        "kind of unit: tỉnh (province) or thành phố (centrally-run city)",
        values=("tỉnh", "thành phố"),
        rule=Rule.BAD_PROVINCE_TYPE,
    ),
    "province_2025": Field(
        "category",
        "unit in force from 1 July 2025",
        lookup=PROVINCES_2025,
        rule=Rule.UNKNOWN_PROVINCE,
    ),
    "merged_from": Field("str", "the units before 1 July 2025 that form it, separated by ';'"),
    "n_merged": Field("Int8", "how many units before 1 July 2025 form it", unit="units"),
    "region": Field("category", "GSO socio-economic region", nullable=True),
    "population_2019": Field("Int64", "2019 census population", unit="persons", checks=(POSITIVE,)),
    "area_km2": Field("Float64", "area in km²", nullable=True, unit="km²", checks=(POSITIVE,)),
    "gso_code": Field(
        "str",
        "two-digit GSO code",
        checks=(
            ValueCheck(
                Rule.BAD_GSO_CODE,
                lambda s, _ctx: s.str.fullmatch(r"\d{2}"),
                "gso_code {value!r} is not two digits",
            ),
        ),
    ),
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
        "category", "kind of period: a year, a half-year, a quarter…", values=PERIOD_KINDS
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
    "url": Field(
        "string",
        "the article's address",
        nullable=True,
        checks=(
            ValueCheck(
                Rule.BAD_ADDRESS,
                lambda s, _ctx: by_category(s, is_web_address),
                "address {value!r} is not an http(s) address",
            ),
        ),
    ),
    "published": Field("datetime64[s]", "date of publication", nullable=True, checks=(NOT_FUTURE,)),
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
    "source_id": Field(
        "string",
        "the source's id: doc_id of the records that cite it",
        checks=(
            ValueCheck(
                Rule.BAD_SOURCE_ID,
                lambda s, _ctx: s.str.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_.-]*"),
                "source_id {value!r} must be letters, digits, '_', '-' or '.' (a file name, "
                "no folders)",
            ),
        ),
    ),
    "outlet": Field("string", "the outlet that published the source", nullable=True),
    "retrieved": Field(
        "datetime64[s]", "date the page was read", nullable=True, checks=(NOT_FUTURE,)
    ),
    "bundled": Field(
        "boolean",
        "the source's text is in data/articles/ (else only cited)",
        values=("true", "false"),
        rule=Rule.BAD_BUNDLED,
    ),
    "sha256": Field("string", "SHA-256 of a bundled source's text", nullable=True),
    "obtained": Field(
        "category",
        "how the text or figures came into the project",
        nullable=True,
        values=("copied", "transcribed", "html", "pdf", "docx", "text"),
        rule=Rule.BAD_OBTAINED,
    ),
    # A review (data/reviews/): a person's decision on a candidate.
    "decision": Field(
        "category",
        "reviewed (accepted) or rejected",
        values=("reviewed", "rejected"),
        rule=Rule.BAD_DECISION,
    ),
    "reason": Field(
        "string",
        "why: needed for a rejection or a correction; becomes the record's note",
        nullable=True,
    ),
    "reviewer": Field("string", "who decided (a column left out: the file's name)"),
    "reviewed_at": Field(
        "datetime64[s]", "when (ISO date); a column left out: unknown", checks=(NOT_FUTURE,)
    ),
    # Ceilings of count indicators (reference/ceilings.csv).
    "per_resident_per_year": Field(
        "Float64",
        "the most a count can plausibly be, per resident of the jurisdiction and year",
        unit="the indicator's unit per resident and year",
        checks=(POSITIVE,),
    ),
    # The tile-grid maps (reference/tile_grid*.csv).
    "row": Field(
        "Int64",
        "the square's row, from the north",
        allowed="≥ 0",
        checks=(
            ValueCheck(
                Rule.NOT_A_NUMBER, lambda s, _ctx: s >= 0, "row {value!r} is not a whole number ≥ 0"
            ),
        ),
    ),
    "col": Field(
        "Int64",
        "the square's column, from the west",
        allowed="≥ 0",
        checks=(
            ValueCheck(
                Rule.NOT_A_NUMBER, lambda s, _ctx: s >= 0, "col {value!r} is not a whole number ≥ 0"
            ),
        ),
    ),
    "label": Field("str", "the short label the square shows"),
    # The extractor's rule tables (reference/extract_*.csv, province_aliases.csv).
    "pattern": Field(
        "str", "a regular expression, in either tone-mark style and any case", allowed="regex"
    ),
    "side": Field(
        "str",
        "where the words stand: before the number, after its unit, or anywhere in the sentence "
        "before it (a veto)",
        values=("before", "after", "sentence"),
    ),
    "units": Field("str", "the catalog units a cue applies to, separated by '|'"),
    "notes": Field("str", "why the row is there, with the source's phrasing", nullable=True),
    "example": Field("str", "a sentence the row must read as `expect` says", nullable=True),
    "expect": Field("str", "what the example gives: <indicator>=<value>", nullable=True),
    "list": Field(
        "str",
        "which word list",
        values=("qualifier", "lead_verb", "opening", "related_heading"),
    ),
    "word": Field("str", "the word or phrase"),
    "means": Field("str", "for a qualifier: at_least, approx or at_most", nullable=True),
    "alias": Field("str", "another spelling of a province's name"),
}

# Each exported column's name for a Vietnamese reader: the header row of the Excel workbook and
# the dictionary's `label_vi`, declared here beside the fields they name.
LABELS_VI = {
    "record_id": "Mã bản ghi",
    "doc_id": "Mã nguồn",
    "indicator": "Mã chỉ tiêu",
    "indicator_vi": "Chỉ tiêu",
    "value": "Giá trị",
    "qualifier": "Dấu (≥, ≈, ≤)",
    "jurisdiction": "Tỉnh, thành phố",
    "period": "Kỳ",
    "level": "Cấp",
    "evidence": "Trích dẫn",
    "scope": "Phạm vi",
    "area": "Địa bàn",
    "scope_note": "Ghi chú phạm vi",
    "start": "Vị trí đầu",
    "end": "Vị trí cuối",
    "status": "Trạng thái",
    "note": "Ghi chú",
    "code": "Mã",
    "domain": "Lĩnh vực",
    "unit": "Đơn vị (mã)",
    "unit_vi": "Đơn vị",
    "name_vi": "Tên chỉ tiêu",
    "name_en": "Tên tiếng Anh",
    "whole": "Thuộc chỉ tiêu",
    "province_2025": "Tỉnh, thành từ 2025",
    "region": "Vùng",
    "is_lower_bound": "Là cận dưới",
    "is_national": "Toàn quốc",
    "is_total": "Tổng của tỉnh",
    "part_of": "Thuộc số liệu",
    "population": "Dân số",
    "period_kind": "Loại kỳ",
    "period_start": "Ngày đầu kỳ",
    "period_end": "Ngày cuối kỳ",
    "period_months": "Số tháng",
    "unlike_parts": "Phần không cộng được",
    "title": "Tiêu đề",
    "source": "Nguồn",
    "url": "Địa chỉ",
    "published": "Ngày đăng",
    "source_url": "Địa chỉ nguồn",
    "source_outlet": "Cơ quan đăng",
    "source_title": "Tiêu đề nguồn",
    "source_published": "Ngày đăng nguồn",
    "extracted_indicator": "Chỉ tiêu máy đọc",
    "extracted_value": "Giá trị máy đọc",
    "extracted_qualifier": "Dấu máy đọc",
    "extracted_jurisdiction": "Tỉnh máy đọc",
    "extracted_period": "Kỳ máy đọc",
    "extracted_level": "Cấp máy đọc",
    "extracted_scope": "Phạm vi máy đọc",
    "extracted_area": "Địa bàn máy đọc",
    "extracted_scope_note": "Ghi chú phạm vi máy đọc",
    "corrected": "Trường đã sửa",
    "source_id": "Mã nguồn",
    "outlet": "Cơ quan đăng",
    "retrieved": "Ngày lấy về",
    "bundled": "Có văn bản kèm",
    "obtained": "Cách lấy văn bản",
    "sha256": "Mã băm SHA-256",
}
FIELDS.update(
    {
        name: replace(FIELDS[name], label_vi=label)
        for name, label in LABELS_VI.items()
        if name in FIELDS
    }
)
