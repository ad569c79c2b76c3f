"""Whether two texts are the same document: a content fingerprint that survives re-saving.

The same report reaches analysts as a web page, a PDF and a Word file, or saved twice: the
bytes differ, and so do line breaks, page numbers, a title line, spacing and the Unicode form
of the marks. The fingerprint of a text is the set of its word 5-grams after normalisation
(NFC, case folded, words only: every space, line break and punctuation mark dropped), hashed
to 64 bits, and the set of numbers its prose states (a line of words, so a page number alone
on its line does not count). Two texts are the same document when most word sequences of the
longer one are in the other (`SAME_SHARE`) and they state the same numbers: a quote of a
report in an article is not (the article's own sequences are missing from the report), nor is
a page whose figure was corrected since (a new version: its figures are not those stored).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass

SHINGLE_WORDS = 5
# Share of the longer text's word 5-grams found in the other. Measured on the sample report
# as web page and PDF (tests/fixtures/samples): 0.95; a different report of the same template
# with its figures changed: below 0.5. 0.8 leaves room for page headers and a title line.
SAME_SHARE = 0.8
# Texts shorter than this many word sequences are not compared: too little to tell.
MIN_SHINGLES = 20
_WORD = re.compile(r"\w+")
_NUMBER = re.compile(r"(?<![\w.,/])[0-9](?:[0-9]|[.,][0-9])*")
# A line of prose: at least this many words of letters (a page number or "Trang 3" is not).
_PROSE_WORDS = 3


def words(text: str) -> list[str]:
    """The text's words, NFC and case folded: what stays of a text across formats."""
    return _WORD.findall(unicodedata.normalize("NFC", text).casefold())


@dataclass(frozen=True)
class Fingerprint:
    """The hashed word 5-grams of a text, and the numbers its prose states."""

    shingles: frozenset[int]
    numbers: frozenset[str] = frozenset()

    @classmethod
    def of(cls, text: str) -> Fingerprint:
        w = words(text)
        grams = (" ".join(w[i : i + SHINGLE_WORDS]) for i in range(len(w) - SHINGLE_WORDS + 1))
        text = unicodedata.normalize("NFC", text)
        prose = [
            line for line in text.splitlines() if len(re.findall(r"[^\W\d]+", line)) >= _PROSE_WORDS
        ]
        return cls(
            frozenset(
                int.from_bytes(hashlib.blake2b(g.encode(), digest_size=8).digest(), "big")
                for g in grams
            ),
            frozenset(n for line in prose for n in _NUMBER.findall(line)),
        )

    def share(self, other: Fingerprint) -> float:
        """The share of the longer text's sequences that the other holds (0 for short texts)."""
        larger = max(len(self.shingles), len(other.shingles))
        if min(len(self.shingles), len(other.shingles)) < MIN_SHINGLES or not larger:
            return 0.0
        return len(self.shingles & other.shingles) / larger

    def same_as(self, other: Fingerprint) -> bool:
        """The same document: most word sequences in common, and the same numbers stated."""
        return self.numbers == other.numbers and self.share(other) >= SAME_SHARE
