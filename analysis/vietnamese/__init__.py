"""The one home of the package's Vietnamese text rules, used by every stage and importing none.

- `analysis.vietnamese.text`: list marks, diacritics stripped for keys and file names
  (`unmarked`, `ascii_slug`), and the same-length matching view the extractor reads (`fold`,
  `matching_view`, tone-mark placement).
- `analysis.vietnamese.numbers`: numbers as pages write them (the number pattern, number words,
  multipliers, `parse_number`), as a reviewer types them (`read_typed_number`), and the plain
  decimal of the package's CSV files.
- `analysis.vietnamese.formatting`: numbers printed for readers (`2.164`, `81,2`), with Babel.

tests/test_vietnamese_home.py fails when one of these rules is written again elsewhere.
See docs/vietnamese-text.md.
"""

from analysis.vietnamese.numbers import (
    MULTIPLIER,
    MULTIPLIERS,
    NUMBER,
    NUMBER_BODY,
    PLAIN_DECIMAL,
    SPACE,
    THOUSANDS_DOT,
    WORD_NUMBER,
    WORD_NUMBERS,
    parse_number,
    read_typed_number,
    written_decimal,
)
from analysis.vietnamese.text import (
    LIST_ITEM,
    LIST_MARKS,
    OPENING_QUOTES,
    ascii_slug,
    fold,
    lower_same_length,
    matching_view,
    tone_spellings,
    tone_variants,
    unmarked,
)

__all__ = [
    "LIST_ITEM",
    "LIST_MARKS",
    "MULTIPLIER",
    "MULTIPLIERS",
    "NUMBER",
    "NUMBER_BODY",
    "OPENING_QUOTES",
    "PLAIN_DECIMAL",
    "SPACE",
    "THOUSANDS_DOT",
    "WORD_NUMBER",
    "WORD_NUMBERS",
    "ascii_slug",
    "fold",
    "lower_same_length",
    "matching_view",
    "parse_number",
    "read_typed_number",
    "tone_spellings",
    "tone_variants",
    "unmarked",
    "written_decimal",
]
