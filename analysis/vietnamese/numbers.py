"""Numbers as Vietnamese texts write them: `2.164` (thousands dot), `81,2` (decimal comma),
`05`, `300 nghìn`, `1,5 triệu`, `hai`, `một triệu` (in words), the part and whole of
`1.259/1.549`; how a reviewer types one (`1.300`, `84,9`); and the plain decimals of the
package's own CSV files, where `300.000` is refused as ambiguous.

Printing numbers the Vietnamese way is `analysis.vietnamese.formatting` (it needs Babel).
"""

from __future__ import annotations

import re

# Characters that split digits without showing ("2\u200b164"): see NUMBER_BODY.
INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff"
MULTIPLIERS = {"nghìn": 1_000, "ngàn": 1_000, "triệu": 1_000_000, "tỷ": 1_000_000_000}
MULTIPLIER = r"(?:nghìn|ngàn|triệu|tỷ|tỉ)"
SPACE = r"(?:[ \t\u00a0\u202f]|&nbsp;)"

# One number token: dotted thousands (1.528, 184.000) or plain digits, an optional decimal comma;
# not glued to a word, another number, a code (27-NQ, 03/2019) or a decimal before it. It starts
# with a digit so the regex engine skips to digits as fast as a bare number scan.
# A percentage written the English way (81.2%) keeps its decimal point, as does a number before
# a multiplier ("2.5 triệu lượt người": a thousands dot would need three digits after it).
# ASCII digits only: `[0-9]` lets the engine skip to a digit several times faster than `\d`.
# Digits split by an invisible character ("2\u200b164") read as one number to a person but as
# two here: neither half is a figure, so the split gives no number rather than a wrong one (164).
NUMBER_BODY = (
    r"[0-9](?:[0-9]{0,2}(?:\.[0-9]{3})+|[0-9]*)"
    rf"(?:,[0-9]+|\.[0-9]{{1,2}}(?=[ \u00a0]?%|[ \u00a0]+{MULTIPLIER}(?!\w)))?"
    rf"(?![0-9]|[.,{INVISIBLE}][0-9])"
)
# "/" only counts as glue after a digit: "03/2019" is a code, "cuộc/150.000 lượt" is a list.
NUMBER = rf"[0-9](?<![\w.,\-–{INVISIBLE}][0-9])(?<![0-9]/[0-9])" + NUMBER_BODY[5:]

# Small counts and round figures written out ("tổ chức hai hội nghị", "hơn một triệu yêu cầu").
# "một" and "năm" count only before nghìn/triệu: "một vụ việc" tells one case as an anecdote, and
# "năm" is as often "year" ("Trong năm hội nghị ...") as five. Compounds (hai mươi) are left out.
WORD_NUMBERS = {
    "một": 1, "hai": 2, "ba": 3, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7, "tám": 8, "chín": 9,
    "mười": 10,
}  # fmt: skip
ONLY_BEFORE_MULTIPLIER = ("một", "năm")
WORDS_ALONE = tuple(w for w in WORD_NUMBERS if w not in ONLY_BEFORE_MULTIPLIER)
# The multipliers a number in words is read before ("một nghìn", "năm triệu").
ROUND_MULTIPLIER = r"(?:nghìn|ngàn|triệu)"
WORD_BEFORE_MULTIPLIER = f"(?:{'|'.join(ONLY_BEFORE_MULTIPLIER)})"
WORD_NUMBER = rf"(?:{WORD_BEFORE_MULTIPLIER}(?=\s+{ROUND_MULTIPLIER})|{'|'.join(WORDS_ALONE)})"

_POINT_DECIMAL = re.compile(r"\d+\.\d{1,2}")
# A count written the English way ("1,250 cuộc", "96,000 lượt người", "2,164/2,531 vụ việc"):
# groups of exactly three digits after a comma, not after a lone 0. A Vietnamese decimal comma
# before a count unit has one or two digits (1,5 triệu; 0,5 vụ việc); with a multiplier or a %
# the comma stays a decimal one.
_COMMA_THOUSANDS = re.compile(r"[1-9]\d{0,2}(?:,\d{3})+")


def parse_number(token: str, multiplier: str | None = None, percent: bool = False) -> int | float:
    """The value of one number token, e.g. `2.164` -> 2164, `81,2` -> 81.2, `1,5` triệu -> 1500000,
    `hai` -> 2, `1,250` (no multiplier, not a percentage) -> 1250."""
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


# The package's own CSV files write a plain decimal: ASCII digits, a '.' for decimals, no
# thousands separator; an exponent is read too, as pandas reads it (float() would also take
# "inf", "1_000", full-width or Arabic-Indic digits).
UNSIGNED_DECIMAL = r"(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)"
PLAIN_DECIMAL = rf"[+-]?{UNSIGNED_DECIMAL}(?:[eE][+-]?[0-9]+)?"
# A dot before groups of three digits: a Vietnamese reader's thousands (300.000 is 300000).
THOUSANDS_DOT = r"[+-]?[0-9]{1,3}(?:\.[0-9]{3})+"


def read_typed_number(text: str) -> float | None:
    """A number as a Vietnamese reader types it: `1.300` (thousands dot) -> 1300.0, `84,9` ->
    84.9, `1300` -> 1300.0, spaces ignored; None when it is not an unsigned number."""
    digits = text.replace(" ", "").replace("\u00a0", "")
    if re.fullmatch(THOUSANDS_DOT, digits):
        digits = digits.replace(".", "")
    elif "," in digits and "." not in digits:
        digits = digits.replace(",", ".")
    return float(digits) if re.fullmatch(UNSIGNED_DECIMAL, digits) else None


def written_decimal(value: float, max_digits: int = 6) -> str:
    """A fraction as a Vietnamese page writes its digits, without thousands dots: 209.5 ->
    `209,5` (what to look for in a figure's evidence)."""
    return f"{value:.{max_digits}f}".rstrip("0").replace(".", ",")
