"""The matching view of an article's text: same length as the NFC text, easier to match.

Cues are matched on the view and evidence is sliced from the original text at the same
offsets, so every record points at the source's own words. Tone-mark placement (hoà/hòa) is
folded on the pattern side (`cue_regex_source`), so the view itself costs one `lower()`.
"""

from __future__ import annotations

import re

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


_ESCAPE_OR_TEXT = re.compile(r"\\.|[^\\]+")


def cue_regex_source(pattern: str) -> str:
    """A cue pattern (written in either tone style, any case) as regex source that matches
    the lower-cased view in both tone styles. Escapes such as `\\W` keep their case."""
    lowered = _ESCAPE_OR_TEXT.sub(
        lambda m: m.group() if m.group().startswith("\\") else lower_same_length(m.group()),
        pattern.strip(),
    )
    return tone_variants(lowered)


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
