"""The tier (level) a document count names: right after its unit, in its clause's subject, or
right before its number."""

from __future__ import annotations

import re

from analysis.extract.choice import Choice
from analysis.extract.cues import CueTables

_LEVEL_STOP = re.compile(r"[;!?\n…]|\.(?!\d)|\d")


LEVEL_REACH = 90
# A second tier right after the one a document count names: the count spans both.
_SECOND_TIER = re.compile(
    r"\s*(?:,|,? và)\s*(?:của |do )?(?:các )?(?:cấp )?(?:tỉnh|huyện|xã|trung ương|địa phương)(?!\w)"
)


def level_named(
    tables: CueTables, view: str, clause: int, choice: Choice, unit_end: int
) -> tuple[str, int]:
    """The tier a document count names: right after its unit, else in the clause's subject."""
    stop = _LEVEL_STOP.search(view, unit_end, unit_end + LEVEL_REACH)
    after_end = stop.start() if stop else min(len(view), unit_end + LEVEL_REACH)
    after_set = tables.levels.get("after")
    if after_set is not None:
        found = after_set.search(view, unit_end, after_end)
        # A tier after a comma and before another number belongs to the next item ("cấp huyện
        # ban hành 126 văn bản, cấp xã ban hành 418 văn bản"), not to this one ("35 dự thảo
        # luật, nghị định" lists more units of this one).
        if found is not None and not (
            stop is not None
            and stop.group().isdigit()
            and (view.find(",", unit_end, found[0]) >= 0 or view.find("(", unit_end, found[0]) >= 0)
        ):
            # "của Trung ương và địa phương", "do HĐND, UBND cấp huyện, cấp xã ban hành": two
            # tiers named, so none of them is the documents' tier.
            if _SECOND_TIER.match(view, found[1]):
                return "", found[1]
            return found[2].says, found[1]
    subject_end = choice.start if choice.cue.side == "before" else unit_end
    before_set = tables.levels.get("before")
    if before_set is None:
        return "", 0
    # The clause's subject names the tier only if no other figure stands between them: after
    # a figure, the subject is what follows it ("HĐND tỉnh ban hành 28 nghị quyết, UBND tỉnh
    # ban hành 45 quyết định": the 45's is "UBND tỉnh").
    for other in tables.candidate.finditer(view, clause, subject_end):
        clause = other.end()
        # The other figure's own tier ("43 dự thảo của HĐND, UBND tỉnh, góp ý 128 dự thảo")
        # is not this one's subject.
        tier = after_set.search(view, clause, subject_end) if after_set is not None else None
        if tier is not None and view.find(",", clause, tier[0]) < 0:
            clause = tier[1]
    zone_end = choice.end if choice.cue.side == "before" else subject_end
    best: tuple[int, str] | None = None
    for _, end, cue in before_set.finditer(view, clause, zone_end):
        if best is None or end > best[0]:
            best = (end, cue.says)
    return (best[1], 0) if best else ("", 0)


TIER_REACH = 24
_TIER_GAP = re.compile(r"[\s:]*$")


def tier_before(tables: CueTables, view: str, start: int, q_start: int) -> str:
    """A tier named right before the number ("(cấp tỉnh 30 văn bản, cấp huyện 121 văn bản)")."""
    before_set = tables.levels.get("before")
    if before_set is None:
        return ""
    last = None
    for _, end, cue in before_set.finditer(view, start, q_start):
        last = (end, cue.says)
    if last is not None and _TIER_GAP.match(view, last[0], q_start):
        return last[1]
    return ""
