"""Which cue names a figure's indicator: the nearest cue row before the number in its clause or
right after its unit (see `best_cue` for the ranking), and the rules for a count that names none
(cases received then settled, a list's shared words, a list's lead-in line)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from analysis.extract.context import ArticleContext, Paragraph, is_list_item
from analysis.extract.cues import NOT_A_FIGURE, Cue, CueTables

# Where the words after a unit stop belonging to it.
AFTER_STOP = re.compile(r"[;:()!?\n…]|\.(?!\d)|\d")


# Cue search reaches this far back within a clause, and after-cues this far after the unit.
BEFORE_REACH = 260
NEAR_REACH, NEAR_OVERLAP, LONGEST_CUE = 60, 40, 40
AFTER_REACH = 80
COMMA_PENALTY = 40


@dataclass(slots=True)
class Choice:
    cue: Cue
    start: int
    end: int
    distance: int

    def rank(self) -> tuple[int, int, int, int, int]:
        return _rank(self.cue, self.start, self.end, self.distance)


def _rank(cue: Cue, start: int, end: int, distance: int) -> tuple[int, int, int, int, int]:
    """Nearest first; on a tie `none` (not a figure), then a cue before the number (the
    verb says more than the unit's description), then the longer cue, then the earlier row."""
    return (
        distance,
        0 if cue.says == NOT_A_FIGURE else 1,
        0 if cue.side == "before" else 1,
        start - end,
        cue.row,
    )


def best_cue(
    tables: CueTables,
    view: str,
    unit: str,
    zone: tuple[int, int],
    after: tuple[int, int],
    gap: int = 0,
) -> Choice | None:
    """The cue nearest the number: before it in its clause, or right after its unit. The
    number stands `gap` characters after the zone's end (a table label's ": ", else 0)."""
    best: Choice | None = None
    after_set = tables.cues.get((unit, "after"))
    if after_set is not None:
        found = after_set.search(view, after[0], after[1])
        if found is not None:
            # Words after a comma describe the unit less surely than words right after it.
            distance = found[0] - after[0]
            if view.find(",", after[0], found[0]) >= 0:
                distance += COMMA_PENALTY
            best = Choice(found[2], found[0], found[1], distance)
    before_set = tables.cues.get((unit, "before"))
    if before_set is None:
        return best
    # Search near the number first: a cue further away cannot be nearer than one found there,
    # nor than a cue found after the unit.
    zone_start, zone_end = zone
    reach = NEAR_REACH if best is None else min(NEAR_REACH, best.distance + LONGEST_CUE)
    near = max(zone_start, zone_end - reach)
    best_rank = None if best is None else best.rank()
    finditer, cue_for = before_set.regex.finditer, before_set.cue_for
    closed = view.rfind(")", zone_start, zone_end)
    for lo, hi in ((near, zone_end), (zone_start, min(zone_end, near + NEAR_OVERLAP))):
        if lo >= hi:
            continue
        for m in finditer(view, lo, hi):
            start, end = m.start(), m.end(1)
            distance = zone_end + gap - end
            # Only a cue at least as near can rank first: look its row up only then.
            if distance < 0 or (best_rank is not None and distance > best_rank[0]):
                continue
            if start < closed and _in_closed_bracket(view, start, zone_start, zone_end):
                continue  # "391 VBQPPL cấp huyện (giảm 57,6%) và 1.758": the aside's words
            cue = cue_for(m.group(1), view, start)
            rank = _rank(cue, start, end, distance)
            if best_rank is None or rank < best_rank:
                best, best_rank = Choice(cue, start, end, distance), rank
        if best is not None or lo == zone_start:
            break
    return best


def _in_closed_bracket(view: str, pos: int, start: int, end: int) -> bool:
    """Whether pos stands inside a bracket opened after `start` and closed before `end`."""
    opened = view.rfind("(", start, pos)
    return opened >= 0 and view.rfind(")", opened, pos) < 0 and view.find(")", pos, end) >= 0


# An item about a district, commune or village ("- Huyện Cao Lãnh: 615 vụ việc") is a part of
# the province's count, not a figure of its own.
_SUB_PROVINCE = re.compile(
    r"(?<!\w)(?:huyện|quận|thị xã|xã|phường|thị trấn|thôn|ấp|bản|tổ dân phố)\s"
)


_TOTAL = re.compile(r"(?<!\w)tổng(?!\w)")
LEAD_IN_ITEMS = 40


def takes_lead_in(view: str, para: Paragraph, pos: int) -> bool:
    """Whether a list item or table row may take its lead-in's cue: it names a province or the
    country ("- Tỉnh Thanh Hóa: 842 vụ việc;") or a total ("Tổng số vụ việc tiếp nhận"), and no
    district or commune. A category's row ("- Tranh chấp đất đai: 345 vụ việc") is a part."""
    if 0 <= para.first_match(_SUB_PROVINCE) < pos:
        return False
    places = bool(para.places) and para.places[0].start < pos
    return places or 0 <= para.first_match(_TOTAL) < pos


def _lead_in(article: ArticleContext, item_start: int) -> tuple[int, int] | None:
    """The lead-in line of the list holding the item at `item_start`: the first line above
    the list's items, if it ends with a colon."""
    text, view = article.text, article.view
    end = item_start - 1
    for _ in range(LEAD_IN_ITEMS):
        if end <= 0:
            return None
        start = view.rfind("\n", 0, end) + 1
        line = view[start:end].strip()
        if line and not is_list_item(text, start, end):
            return (start, end) if line.endswith(":") else None
        end = start - 1
    return None


def lead_in_vetoed(article: ArticleContext, unit: str, item_start: int) -> bool:
    """Whether the list's lead-in names targets or a plan ("Năm 2024, tỉnh phấn đấu:")."""
    veto = article.tables.cues.get((unit, "sentence"))
    lead = _lead_in(article, item_start) if veto is not None else None
    return lead is not None and veto.search(article.view, *lead) is not None


def lead_in_cue(article: ArticleContext, unit: str, item_start: int) -> Choice | None:
    """The cue of a list's lead-in for an item that names none ("- Tỉnh Thanh Hóa: 842 vụ
    việc;" under "Một số địa phương có số vụ việc trợ giúp pháp lý lớn:"): the last cue of
    the lead-in line, or, when that line is a bare caption ("Bảng tổng hợp kết quả:"), of the
    line above it."""
    before_set = article.tables.cues.get((unit, "before"))
    lead = _lead_in(article, item_start) if before_set is not None else None
    view = article.view
    for _ in range(2):
        if lead is None:
            return None
        start, end = lead
        best = None
        for found in before_set.finditer(view, start, end):
            if best is None or found[1] >= best[1]:
                best = found
        if best is not None:
            return Choice(best[2], best[0], best[1], end - best[1])
        above = view.rfind("\n", 0, max(0, start - 1)) + 1
        while above > 0 and not view[above : start - 1].strip():
            start = above
            above = view.rfind("\n", 0, max(0, start - 1)) + 1
        lead = (above, start - 1) if start > 0 else None
    return None


# "đã thụ lý 323 vụ việc, có 186 vụ việc hòa giải thành công", "tiếp nhận gần 10 nghìn vụ việc,
# với tỷ lệ hòa giải thành chiếm trên 84%": cases received, then how many of them were settled.
_RECEIVED_VERB = re.compile(r"(?:tiếp nhận|thụ lý)\s+(?:\w+\s+)?$")
_THEN_SETTLED = re.compile(r",[^.;!?\n]{0,40}?hòa giải (?:thành|đạt kết quả)")
RECEIVED_CUE = Cue("mediation_cases", "after", 0, "received-then-settled")


def received_then_settled(
    view: str, para: Paragraph, clause: int, q_start: int, unit_end: int
) -> Choice | None:
    """A count of cases received that names no cue, followed in its sentence by how many were
    settled: the mediation cases (the rule `received-then-settled`)."""
    if not _RECEIVED_VERB.search(view, max(clause, q_start - 20), q_start):
        return None
    settled = _THEN_SETTLED.match(view, unit_end, para.sentence_end(unit_end))
    return None if settled is None else Choice(RECEIVED_CUE, unit_end, unit_end, 0)


_LIST_NEXT = re.compile(r"\s*(?:,|và)\s*")


def shared_descriptor(
    tables: CueTables, text: str, view: str, unit: str, unit_end: int
) -> Choice | None:
    """A count that names no cue, listed right before another whose words follow it ("12 hội
    nghị, 57 đợt tuyên truyền pháp luật"): the words after the list describe both."""
    gap = _LIST_NEXT.match(view, unit_end)
    if gap is None or gap.end() >= len(view) or not view[gap.end()].isdigit():
        return None
    after_set = tables.cues.get((unit, "after"))
    nxt = tables.candidate.match(text, gap.end()) if after_set else None
    if nxt is None:
        return None
    stop = AFTER_STOP.search(view, nxt.end(), nxt.end() + AFTER_REACH)
    found = after_set.search(view, nxt.end(), stop.start() if stop else nxt.end() + AFTER_REACH)
    if found is None or found[0] > nxt.end() + 1:
        return None
    return Choice(found[2], found[0], found[1], found[0] - unit_end)
