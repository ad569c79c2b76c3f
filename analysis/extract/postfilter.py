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
            body.setdefault(tuple(f.record[k] for k in _SAME_COUNT), []).append(f.record["value"])
    dropped = set()
    for f in rounded:
        low, high = _ROUNDING[f.record["qualifier"]]
        values = body.get(tuple(f.record[k] for k in _SAME_COUNT), [])
        if f.record["value"] and any(low <= v / f.record["value"] <= high for v in values):
            dropped.add(id(f))
    return [f for f in figures if id(f) not in dropped]


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


# A document count's part named by whose documents they are ("gồm 107 văn bản của các bộ, cơ quan
# ngang bộ; 1024 văn bản của địa phương", "(cấp tỉnh 30 văn bản, cấp huyện 121 văn bản)").
_OWNER_AFTER = re.compile(
    r"\s*(?:của|do)\s+(?:các\s+)?(?:bộ|địa phương|trung ương|hđnd|ubnd|chính quyền|cơ quan)(?!\w)"
)


_TIER_BEFORE = re.compile(r"(?:cấp (?:tỉnh|huyện|xã)|trung ương|địa phương)\s*$")


def _owned_part(view: str, fig: Figure, documents: frozenset[str]) -> bool:
    """Whether a part of a document count names its owner or tier: a breakdown by tier is kept
    as parts of the total (with their level), as the corpus records them."""
    return fig.record["indicator"] in documents and bool(
        _OWNER_AFTER.match(view, fig.unit_end)
        or _TIER_BEFORE.search(view, max(0, fig.q_start - 20), fig.q_start)
    )


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


def without_subsets(
    view: str, figures: list[Figure], documents: frozenset[str] = frozenset()
) -> list[Figure]:
    """Drop "trong đó" and parenthesised subsets of the figure just before with the same
    indicator and level ("thụ lý 320 vụ việc, trong đó tham gia tố tụng 260 vụ việc",
    "thụ lý 145 vụ việc (tham gia tố tụng 98 vụ việc, ...)"): parts, not new counts."""
    kept: list[Figure] = []
    for fig in figures:
        # The whole is the last figure of the same count, with at most one other between
        # ("3.415 cuộc với 276.000 lượt người, trong đó ... 1.260 cuộc").
        prev = next(
            (
                k
                for k in kept[-1 : -SUBSET_LOOKBACK - 1 : -1]
                if _counted(k.record["indicator"]) == _counted(fig.record["indicator"])
                and k.record["level"] == fig.record["level"]
            ),
            None,
        )
        of_which = (
            _of_which(view, prev.unit_end, fig.q_start)
            if prev is not None and prev.unit_end <= fig.q_start
            else None
        )
        if (
            of_which is not None
            and not _SUBSET_SENTENCE_END.search(view, prev.unit_end, fig.q_start)
            and not _owned_part(view, fig, documents)
        ):
            continue
        kept.append(fig)
    return kept


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
        chain = [fig] if fig is not None else []
