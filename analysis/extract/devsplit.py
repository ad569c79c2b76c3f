"""The fixed split of the real development texts (the corpus's pages) into a half to tune the
extractor on and a half only to check it with: a stable hash of the doc_id decides, so the split
never depends on what a page says or on who runs it, and a new page falls into a half by itself.

Two thirds go to `tune` (read the texts, the misses and the false figures freely), one third to
`check` (look only at the aggregate scores; never read its texts, never tune on them).
"""

from __future__ import annotations

import hashlib

TUNE, CHECK = "tune", "check"
HALVES = (TUNE, CHECK)
# One page in this many goes to the check half.
CHECK_EVERY = 3


def half_of(doc_id: str) -> str:
    """`check` for a third of the doc_ids (sha256 of the id, as UTF-8, modulo 3 is 0), else
    `tune`."""
    digest = hashlib.sha256(doc_id.encode("utf-8")).digest()
    return CHECK if int.from_bytes(digest[:8], "big") % CHECK_EVERY == 0 else TUNE
