"""Vietnamese letters as the package matches them: list marks, marks stripped for ASCII keys and
file names, and the same-length matching view the extractor reads.

Two foldings, for two jobs: `unmarked` drops every diacritic (đ as d) for keys a person types
or a file name (`Lạng Sơn` → `lang-son`); `fold` and `matching_view` keep every character's
offset, only lower-casing and folding the tone mark's placement (hoà/hòa), so evidence can be
sliced from the original text at the offsets matched in the view.
"""

from __future__ import annotations

import re
import unicodedata

# The marks that open a list's item: hyphen, en and em dash, plus, bullet, asterisk.
LIST_MARKS = "-–—+•*"
# A line (from its start) that opens with one of them, after any spaces.
LIST_ITEM = re.compile(r"\s*[" + re.escape(LIST_MARKS) + "]")
# Opening quotes, which like a list mark may stand before a sentence's first word.
OPENING_QUOTES = '"“'


def unmarked(text: str) -> str:
    """The text without Vietnamese marks, đ as d, case kept: `Đắk Nông` → `Dak Nong`.

    NFKD, so compatibility forms (full-width letters, ligatures) become their plain letters too.
    """
    decomposed = unicodedata.normalize("NFKD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def ascii_slug(text: str) -> str:
    """Lower-case ASCII words joined by '-': `Thừa Thiên Huế` → `thua-thien-hue`."""
    return re.sub(r"[^a-z0-9]+", "-", unmarked(text).lower()).strip("-")


# Tone-mark placement: "hoà"/"hòa", "thuỷ"/"thủy", "hoè"/"hòe" are the same word. Both forms are
# folded to the tone on the first vowel (the style of the reference files: Hòa Bình, Thanh Hóa).
_TONES_OA = "àáảãạ"
_TONES_O = "òóỏõọ"
_TONES_E = "èéẻẽẹ"
_TONES_Y = "ỳýỷỹỵ"
_TONES_U = "ùúủũụ"
TONE_PAIRS: tuple[tuple[str, str], ...] = (
    *((f"o{a}", f"{o}a") for a, o in zip(_TONES_OA, _TONES_O, strict=True)),
    *((f"o{e}", f"{o}e") for e, o in zip(_TONES_E, _TONES_O, strict=True)),
    *((f"u{y}", f"{u}y") for y, u in zip(_TONES_Y, _TONES_U, strict=True)),
)
_SPACE_LIKE = ("\u00a0", "\u202f", "\u2009", "\u2007", "\u200b", "\r", "\t", "\f", "\v")
_ENTITY_RE = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});")
# Entities that end a sentence keep a full stop at their first character.
_SENTENCE_ENTITIES = {"&#8230;", "&hellip;", "&#x2026;"}


def fold(text: str) -> str:
    """Lower-case and fold tone-mark placement to one style; length-preserving."""
    low = lower_same_length(text)
    for new_style, old_style in TONE_PAIRS:
        if new_style in low:
            low = low.replace(new_style, old_style)
    return low


def _blank_entity(m: re.Match[str]) -> str:
    entity = m.group()
    if entity.lower() in _SENTENCE_ENTITIES:
        return "." + " " * (len(entity) - 1)
    if entity == "&amp;":
        return "&" + " " * (len(entity) - 1)
    return " " * len(entity)


def lower_same_length(text: str) -> str:
    """`text.lower()`, except characters whose lower case is longer (İ) stay as they are."""
    low = text.lower()
    if len(low) != len(text):
        low = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    return low


def matching_view(text: str) -> str:
    """The text lower-cased, odd spaces (NBSP, CR, tabs) and HTML entities blanked to spaces.

    Every character keeps its offset: `len(matching_view(t)) == len(t)`.
    """
    view = lower_same_length(text)
    for ch in _SPACE_LIKE:
        if ch in view:
            view = view.replace(ch, " ")
    if "&" in view:
        view = _ENTITY_RE.sub(_blank_entity, view)
    return view


def tone_variants(pattern: str) -> str:
    """A regex source that also matches the other tone placement of each folded pair in it.

    Lets a cue written in either style match raw (unfolded) text, e.g. `hòa` -> `h(?:òa|oà)`.
    """
    out = pattern
    for new_style, old_style in TONE_PAIRS:
        out = out.replace(new_style, old_style)
    for new_style, old_style in TONE_PAIRS:
        out = out.replace(old_style, f"(?:{old_style}|{new_style})")
    return out


def tone_spellings(words: str) -> set[str]:
    """The words in each tone-mark style: as written, all old-style, all new-style."""
    old = new = words
    for new_style, old_style in TONE_PAIRS:
        old = old.replace(new_style, old_style)
    for new_style, old_style in TONE_PAIRS:
        new = new.replace(old_style, new_style)
    return {words, old, new, fold(words)}
