"""The passes after every candidate has become figures: parts that are no new counts ("trong
đó", "gồm", brackets), a figure stated twice, a headline rounding a body figure, certificates
issued standing for applications, and one evidence for a list under one verb."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from analysis.contract import EVIDENCE_SOFT_LIMIT, record_id
from analysis.extract.cues import ISSUED


@dataclass(slots=True)
class Figure:
    """A record in the making, with the positions list grouping needs."""

    record: dict[str, Any]
    offset: int
    q_start: int
    unit_end: int
    listable: bool
    unit: str = ""
    part_of: Figure | None = None  # the whole a "trong đó" part belongs to
    verb_from: int = -1  # where the clause whose verb named it starts (a list's first clause)

    @property
    def whole(self) -> Figure:
        return self if self.part_of is None else self.part_of.whole


_SAME_FIGURE = ("indicator", "value", "qualifier", "jurisdiction", "period", "level")
_SAME_COUNT = ("indicator", "jurisdiction", "period")


_LEADING_SPACE = re.compile(r"\s*")


# How far a headline may round the body's figure, by its qualifier: (lowest, highest) ratio of
# the body's value to the headline's ("Hơn 3.000 cuộc" for 3.128 cuộc).
_ROUNDING = {"at_least": (1.0, 1.5), "approx": (0.85, 1.15), "at_most": (0.5, 1.0)}


def without_rounded_headline(text: str, figures: list[Figure]) -> list[Figure]:
    """Drop a headline's rounded figure ("Hà Tĩnh: Hơn 3.000 cuộc tuyên truyền ...") when the
    body states the figure it rounds: the same count, once. A headline is the text's first
    line when it has no closing full stop and more text follows."""
    offset = _LEADING_SPACE.match(text).end()
    headline_end = text.find("\n", offset)
    if headline_end < 0 or text[offset:headline_end].rstrip().endswith((".", "!", "?", ":", ";")):
        return figures
    rounded = [f for f in figures if f.offset < headline_end and f.record["qualifier"] in _ROUNDING]
    if not rounded:
        return figures
    body: dict[tuple, list[float]] = {}
    for f in figures:
        if f.offset > headline_end:
            for key in (_count_key(f), f.record["indicator"]):
                body.setdefault(key, []).append(f.record["value"])
    dropped = set()
    for f in rounded:
        low, high = _ROUNDING[f.record["qualifier"]]
        # A headline naming no period of its own takes the article's, which need not be the
        # body figure's ("BĐBP tỉnh Kon Tum ... hơn 870 buổi" over "trong năm 2020, ... hơn
        # 870 buổi" after a "giai đoạn 2017 - 2021" project name): the same count all the same.
        key = f.record["indicator"] if f.record["period_from"] == "article" else _count_key(f)
        values = body.get(key, [])
        if f.record["value"] and any(low <= v / f.record["value"] <= high for v in values):
            dropped.add(id(f))
    return [f for f in figures if id(f) not in dropped]


def _count_key(f: Figure) -> tuple:
    return tuple(f.record[k] for k in _SAME_COUNT)


REQUESTS = "criminal_record_requests"


def issued_as_requests(figures: list[Figure], wholes: dict[str, str]) -> list[Figure]:
    """Certificates issued ("cấp 12.362 phiếu lý lịch tư pháp") stand for the applications
    received where the article states none for the same place and period; else they are no
    catalog figure."""
    issued = [f for f in figures if f.record["indicator"] == ISSUED]
    if not issued:
        return figures
    received = {
        (f.record["jurisdiction"], f.record["period"])
        for f in figures
        if f.record["indicator"] == REQUESTS
    }
    kept = []
    for f in figures:
        if f.record["indicator"] == ISSUED:
            if (f.record["jurisdiction"], f.record["period"]) in received:
                continue
            f.record["indicator"] = REQUESTS
            f.record["record_id"] = record_id(f.record["doc_id"], REQUESTS, f.offset)
        kept.append(f)
    return kept


def without_restatements(figures: list[Figure]) -> list[Figure]:
    """One record per figure: an article that states the same figure twice (in its title or
    lead, then in the body) reports it once. The last statement is kept: it has the context."""
    last: dict[tuple, Figure] = {}
    for f in sorted(figures, key=lambda f: f.offset):
        last[tuple(f.record[k] for k in _SAME_FIGURE)] = f
    return list(last.values())


# Up to "trong đó" or "(", through words and numbers (5.214 người) but no sentence end.
# Also the items of a total broken down after "gồm" ("46.500 tài liệu, gồm: 30.000 tờ gấp, ...").
_OF_WHICH = re.compile(r"(?:[^.;!?\n)]|\.(?=\d)){0,100}?(?:\btrong đó\b|\(|\b(?:bao )?gồm\b)")


SUBSET_LOOKBACK = 2


# A subset stays in the sentence of its whole: a full stop between them ends the "trong đó".
_SUBSET_SENTENCE_END = re.compile(r"[!?]|\.(?!\d)")


def _counted(indicator: str) -> str:
    """What a figure counts, issued certificates being the applications they answer."""
    return REQUESTS if indicator == ISSUED else indicator


def _of_which(view: str, start: int, end: int) -> re.Match[str] | None:
    """The "trong đó", "gồm" or "(" between a whole and a figure that make it a part; a bracket
    closed before the figure ("2.098 vụ việc (bao gồm ... chuyển sang), ... 1.953 vụ việc") is
    an aside, and what follows it is read on."""
    m = _OF_WHICH.match(view, start, end)
    while m is not None and m[0].endswith("("):
        closed = view.find(")", m.end(), end)
        if closed < 0:
            return m
        m = _OF_WHICH.match(view, closed + 1, end)
    return m


def mark_subsets(
    text: str, view: str, figures: list[Figure], documents: frozenset[str] = frozenset()
) -> None:
    """Mark the "trong đó", "gồm" and bracketed parts of the figure just before with the same
    count ("thụ lý 320 vụ việc, trong đó tham gia tố tụng 260 vụ việc", "kiểm tra 1.131 văn bản
    (gồm 107 văn bản của các bộ ...; 1024 văn bản của địa phương)") as scope `part`, with the
    words naming the part; an item listed after a part is one too. A part of a part-scoped whole
    keeps the whole's note; a tier's item of a whole that names none ("151 văn bản (cấp tỉnh 30
    văn bản, cấp huyện 121 văn bản)") is that tier's total."""
    kept: list[Figure] = []
    for fig in figures:
        # The whole is the last figure of the same count, with at most one other between
        # ("3.415 cuộc với 276.000 lượt người, trong đó ... 1.260 cuộc").
        prev = next(
            (
                k
                for k in kept[-1 : -SUBSET_LOOKBACK - 1 : -1]
                if _counted(k.record["indicator"]) == _counted(fig.record["indicator"])
            ),
            None,
        )
        kept.append(fig)
        if prev is None or prev.unit_end > fig.q_start:
            continue
        whole = prev.whole if prev.part_of is not None else prev
        if prev.part_of is not None and _LIST_ITEM_GAP.fullmatch(view, prev.unit_end, fig.q_start):
            pass  # the next item of a list of parts
        elif not is_part(view, prev, fig.q_start):
            continue
        fig.part_of = whole
        record, whole_record = fig.record, whole.record
        if record["scope"] == "area":
            continue
        if whole_record["scope"] == "part":
            note = whole_record["scope_note"]
            record.update(scope="part", scope_note=note, scope_from="of_which")
        else:
            note = _part_words(text, view, fig)
            record.update(scope="part", scope_note=note, scope_from="of_which")
    _tier_breakdowns(figures, documents)


def _tier_breakdowns(figures: list[Figure], documents: frozenset[str]) -> None:
    """A document count broken down by tier ("151 văn bản (cấp tỉnh 30 văn bản, cấp huyện 121
    văn bản)"): each item, of a tier of its own, is that tier's total, not a part."""
    items: dict[int, list[Figure]] = {}
    for fig in figures:
        if fig.part_of is not None and fig.record["scope_from"] == "of_which":
            items.setdefault(id(fig.part_of), []).append(fig)
    for group in items.values():
        # Only the items a tier names ("cấp tỉnh 30 văn bản"), not the whole's other parts
        # ("trong đó có 137 văn bản quy phạm pháp luật").
        group = [f for f in group if f.record["scope_note"].lower().startswith("cấp ")]
        levels = [f.record["level"] for f in group]
        if (
            len(group) > 1
            and all(levels)
            and len(set(levels)) == len(levels)
            and group[0].record["indicator"] in documents
            and group[0].part_of.record["scope"] != "part"
        ):
            for f in group:
                f.record.update(scope="total", scope_note="", scope_from="of_which_tier")


# Between two parts of one list: the first's words, a comma, a ";" or "và", and the next
# part's label.
_LIST_ITEM_GAP = re.compile(r"[^\d.!?\n]{0,100}?(?:[,;]|\bvà)[^\d.!?\n]{0,60}")
# "Trong 891 vụ việc ..., có 880 vụ việc ...": the whole opens the sentence, the parts follow.
_WHOLE_OPENS = re.compile(r"(?:^|[.!?\n]\s*)trong\s+$")
# "... 891 vụ việc. Trong đó, lĩnh vực pháp y: 425 vụ": the next sentence opens with "trong đó".
_NEXT_SENTENCE_OF_WHICH = re.compile(r"[^\d.;!?\n]{0,60}\.\s+trong đó\b")
PART_REACH = 160


def is_part(view: str, prev: Figure, q_start: int) -> bool:
    """Whether the number at `q_start` is a part of the figure `prev` before it: "trong đó",
    "gồm" or an open bracket between them in one sentence, the next sentence opening with "Trong
    đó", or a sentence opening with "Trong <whole>, ..."."""
    if q_start - prev.unit_end > PART_REACH:
        return False
    if (
        view.find("trong", max(0, prev.q_start - 12), q_start) < 0
        and view.find("gồm", prev.unit_end, q_start) < 0
        and view.find("(", prev.unit_end, q_start) < 0
    ):
        return False  # none of the words that make a part
    of_which = _of_which(view, prev.unit_end, q_start)
    if of_which is not None and not _SUBSET_SENTENCE_END.search(view, prev.unit_end, q_start):
        return True
    if _NEXT_SENTENCE_OF_WHICH.match(view, prev.unit_end, q_start):
        return True
    if _WHOLE_OPENS.search(view, max(0, prev.q_start - 12), prev.q_start):
        return not _SUBSET_SENTENCE_END.search(view, prev.unit_end, q_start)
    return False


_LABEL_START = re.compile(r".*(?:[,;:(]|\btrong đó\b|\bgồm\b|\bcó\b|\bvà\b)", re.S)
_LABEL_STRIP = " :,;-–(\n"
_AFTER_PART = re.compile(r"[^,;:.()\n\d]{0,40}")


def _part_words(text: str, view: str, fig: Figure) -> str:
    """The page's words naming a part: its label before the number ("lĩnh vực pháp y: 425 vụ"),
    else its unit and the words after it ("2.420 vụ việc tư vấn", "5.000 tờ rơi")."""
    start = max(0, fig.q_start - 60)
    end = start + len(view[start : fig.q_start].rstrip(" :\t"))  # "lĩnh vực pháp y: 425 vụ"
    label = _LABEL_START.match(view, start, end)
    label_start = label.end() if label else start
    words = text[label_start:end].strip(_LABEL_STRIP)
    if len(words) >= 4 and not any(c.isdigit() for c in words):
        return " ".join(words.split())
    after = _AFTER_PART.match(text, fig.unit_end)
    unit = text[fig.offset : fig.unit_end]
    unit = unit[len(unit) - len(unit.lstrip("0123456789.,")) :].strip()
    tail = after.group() if after else ""
    tail = re.split(r"\s(?:và|với|cho|của)\s", tail, maxsplit=1)[0]
    return " ".join(f"{unit} {tail}".split())


# Between two figures of a list: descriptors and a comma or "và", no verb-sized gap.
_LIST_GAP = re.compile(r"[^\d;.!?\n]{0,60}?(?:,|\bvà|\bcùng)\s*$")


def share_list_evidence(text: str, view: str, figures: list[Figure]) -> None:
    """Figures of one indicator listed under one verb (`ban hành 1.528 ..., 1.038 ... và 810
    ...`) share the whole phrase as evidence, as the gold annotations do, when it is short."""
    chain: list[Figure] = []
    for fig in [*figures, None]:
        if (
            fig is not None
            and chain
            and fig.listable
            and chain[-1].listable
            and fig.record["indicator"] == chain[-1].record["indicator"]
            and 0 <= fig.q_start - chain[-1].unit_end <= 60
            and _LIST_GAP.fullmatch(view, chain[-1].unit_end, fig.q_start)
        ):
            chain.append(fig)
            continue
        if len(chain) > 1:
            start = min(f.record["start"] for f in chain)
            end = max(f.record["end"] for f in chain)
            if end - start <= EVIDENCE_SOFT_LIMIT:
                for f in chain:
                    f.record.update(start=start, end=end, evidence=text[start:end])
            if chain[0].record["indicator"] in KINDS_LISTED:
                _kinds_are_parts(text, chain)
        chain = [fig] if fig is not None else []


# Counts of several kinds listed under one verb with no stated whole ("cấp phát 53.200 tờ gấp,
# 3.750 sách"): each kind is a part (a leaflet count is no materials total).
KINDS_LISTED = frozenset({"dissemination_materials"})


def _kinds_are_parts(text: str, chain: list[Figure]) -> None:
    kinds = {text[f.offset : f.unit_end].split(maxsplit=1)[-1] for f in chain}
    if len(kinds) < 2:
        return
    for f in chain:
        record = f.record
        if record["scope"] == "total" and f.part_of is None:
            kind = text[f.offset : f.unit_end].split(maxsplit=1)[-1]
            record.update(scope="part", scope_note=kind, scope_from="list")
