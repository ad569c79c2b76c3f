"""Numbers as Vietnamese texts write them, and the qualifier word that stands before one.

`2.164` (thousands dot), `81,2` (decimal comma), `05`, `300 nghìn`, `1,5 triệu`, `hai`, `một
triệu` (in words), and the part
and whole of `1.259/1.549` or `712 trên tổng số 845`.
"""

from __future__ import annotations

import re

# One number token: dotted thousands (1.528, 184.000) or plain digits, an optional decimal comma;
# not glued to a word, another number, a code (27-NQ, 03/2019) or a decimal before it. It starts
# with a digit so the regex engine skips to digits as fast as a bare number scan.
# A percentage written the English way (81.2%) keeps its decimal point, as does a number before
# a multiplier ("2.5 triệu lượt người": a thousands dot would need three digits after it).
# ASCII digits only: `[0-9]` lets the engine skip to a digit several times faster than `\d`.
# Digits split by an invisible character ("2\u200b164") read as one number to a person but as
# two here: neither half is a figure, so the split gives no number rather than a wrong one (164).
INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff"
NUMBER_BODY = (
    r"[0-9](?:[0-9]{0,2}(?:\.[0-9]{3})+|[0-9]*)"
    r"(?:,[0-9]+|\.[0-9]{1,2}(?=[ \u00a0]?%|[ \u00a0]+(?:triệu|nghìn|ngàn|tỷ|tỉ)(?!\w)))?"
    rf"(?![0-9]|[.,{INVISIBLE}][0-9])"
)
# "/" only counts as glue after a digit: "03/2019" is a code, "cuộc/150.000 lượt" is a list.
NUMBER = rf"[0-9](?<![\w.,\-–{INVISIBLE}][0-9])(?<![0-9]/[0-9])" + NUMBER_BODY[5:]
MULTIPLIERS = {"nghìn": 1_000, "ngàn": 1_000, "triệu": 1_000_000, "tỷ": 1_000_000_000}
# Small counts and round figures written out ("tổ chức hai hội nghị", "hơn một triệu yêu cầu").
# "một" and "năm" count only before nghìn/triệu: "một vụ việc" tells one case as an anecdote, and
# "năm" is as often "year" ("Trong năm hội nghị ...") as five. Compounds (hai mươi) are left out.
WORD_NUMBERS = {
    "một": 1, "hai": 2, "ba": 3, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7, "tám": 8, "chín": 9,
    "mười": 10,
}  # fmt: skip
WORD_NUMBER = r"(?:(?:một|năm)(?=\s+(?:nghìn|ngàn|triệu))|hai|ba|bốn|sáu|bảy|tám|chín|mười)"
MULTIPLIER = r"(?:nghìn|ngàn|triệu|tỷ|tỉ)"
SPACE = r"(?:[ \t\u00a0\u202f]|&nbsp;)"

# The qualifier words (trên, hơn, gần, khoảng, dưới, ...) are data: extract_words.csv, list
# `qualifier`, read with the cue tables (analysis/extract/cues.py).


def qualifier_pattern(words: list[str]) -> re.Pattern[str]:
    """The qualifier words as one pattern ending right before a number, longest first."""
    ordered = sorted(words, key=len, reverse=True)
    return re.compile(
        r"(?<!\S)(?:" + "|".join(r"\s+".join(map(re.escape, w.split())) for w in ordered) + r")\s+$"
    )


_POINT_DECIMAL = re.compile(r"\d+\.\d{1,2}")
# A count written the English way ("1,250 cuộc", "96,000 lượt người", "2,164/2,531 vụ việc"):
# groups of exactly three digits after a comma, not after a lone 0. A Vietnamese decimal comma
# before a count unit has one or two digits (1,5 triệu; 0,5 vụ việc); with a multiplier or a %
# the comma stays a decimal one.
_COMMA_THOUSANDS = re.compile(r"[1-9]\d{0,2}(?:,\d{3})+")


def parse_number(token: str, multiplier: str | None = None, percent: bool = False) -> int | float:
    """The value of one number token, e.g. `2.164` -> 2164, `81,2` -> 81.2, `1,5` triệu -> 1500000,
    `1,250` (no multiplier, not a percentage) -> 1250."""
    if not multiplier and token.isdecimal():
        return int(token)  # the common case: plain digits
    if not multiplier and not percent and _COMMA_THOUSANDS.fullmatch(token):
        return int(token.replace(",", ""))
    word = WORD_NUMBERS.get(token.lower())
    if word is not None:
        token = str(word)
    if "," not in token and _POINT_DECIMAL.fullmatch(token):
        token = token.replace(".", ",")  # 81.2 (only before % or a multiplier): a decimal point
    integer, _, decimals = token.partition(",")
    integer = integer.replace(".", "")
    value: int | float = float(f"{integer}.{decimals}") if decimals else int(integer)
    if multiplier:
        factor = MULTIPLIERS.get(multiplier.lower().replace("tỉ", "tỷ"), 1)
        value = value * factor
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        elif isinstance(value, float):
            value = round(value)
    return value


QUALIFIER_REACH = 16


def qualifier_before(
    view: str,
    number_start: int,
    pattern: re.Pattern[str] | None = None,
    meaning: dict[str, str] | None = None,
) -> tuple[str, int]:
    """The qualifier of the number starting at `number_start` in the lower-cased view, and
    where its word starts; (`exact`, number_start) when no qualifier word stands right before.
    The words are the cue tables' (extract_words.csv) unless given."""
    if pattern is None or meaning is None:
        from analysis.extract.cues import load_cue_tables

        words = load_cue_tables().words
        pattern, meaning = words.qualifier_re, words.qualifiers
    found = pattern.search(view, max(0, number_start - QUALIFIER_REACH), number_start)
    if found is None:
        return "exact", number_start
    return meaning[" ".join(found.group().split())], found.start()
