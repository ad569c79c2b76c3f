"""Which area a figure is about: a province named in its sentence or paragraph, the whole
country ("cả nước", "toàn quốc", "các bộ, ngành, địa phương"), or the article's province.

Names are matched against data/reference/provinces.csv, provinces_2025.csv and
province_aliases.csv in any tone-mark style, after tỉnh/thành phố/TP./Sở Tư pháp or a
sentence-opening Tại/Ở, and output as the short name with diacritics of provinces.csv
(`Lạng Sơn`, `Hồ Chí Minh`, `Thừa Thiên Huế`). A name must be capitalised, as names are.
"""

from __future__ import annotations

import csv
import os
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from analysis.contract import NATIONAL, PLACE_UNKNOWN
from analysis.errors import DataError
from analysis.paths import DATA_DIR_ENV, reference_dir
from analysis.vietnamese import (
    LIST_ITEM,
    LIST_MARKS,
    OPENING_QUOTES,
    fold,
    lower_same_length,
    matching_view,
    tone_variants,
    unmarked,
)

# Whole-country subjects. "các bộ, ngành" alone is the ministries: national too.
# "Theo Bộ Tư pháp, ..." gives the ministry's own, national figures; "(của) 63 tỉnh, thành phố"
# (34 after the 2025 merger) is every province.
NATIONAL_RE = re.compile(
    r"(?:cả nước|toàn quốc|các bộ,? (?:cơ quan ngang bộ|(?:cơ quan )?ngành)"
    r"(?:,? (?:và )?(?:các )?địa phương)?"
    r"|theo (?:số liệu |báo cáo |thống kê )?(?:của )?bộ tư pháp(?= ?,)"
    r"|(?:63|34) tỉnh,? thành(?: phố)?)(?!\w)"
)
_CITED_TRIGGERS = ("theo", "63 tỉnh", "34 tỉnh")
_NATIONAL_TRIGGERS = ("cả nước", "toàn quốc", "các bộ", *_CITED_TRIGGERS)
_TYPE = r"(?:tỉnh|thành phố|tp\.?)"
# The words right before a name that make it a place of the text.
_TYPE_WORD_RE = re.compile(r"(?<!\w)" + _TYPE)
_PREFIX_RE = re.compile(
    r"(?:(?P<loc>(?<!\w)(?:tại|ở|trên địa bàn)\s+(?:điểm cầu\s+)?(?:" + _TYPE + r"\s*)?)"
    r"|(?P<typed>(?<!\w)(?:sở tư pháp\s+)?" + _TYPE + r"\s*|(?<!\w)(?:sở|ngành) tư pháp\s+))$"
)  # "ngành Tư pháp Quảng Nam" names the province's justice sector, as "Sở Tư pháp X" does


class Mention(NamedTuple):
    """A place named in the text: where, which (a province or NATIONAL), and how it was named:
    `typed` (tỉnh X, TP. X, Sở Tư pháp X, ngành Tư pháp X), `locative` (Tại X, Ở tỉnh X), `venue` (Tại điểm
    cầu X: one site of a nationwide video conference, holding for its paragraph), `bare` (a name
    heading its clause: "..., Đà Nẵng 1.200 cuộc"), `national` (cả nước, toàn quốc) or `cited`
    (national figures cited in passing: "Theo Bộ Tư pháp,", "của 63 tỉnh, thành phố"; they hold
    for their sentence or paragraph but do not say what the article is about)."""

    start: int
    end: int
    jurisdiction: str
    how: str


@dataclass(frozen=True)
class ProvinceIndex:
    regex: re.Pattern[str]  # names as written (capitalised), over the raw text
    canonical: dict[str, str]  # folded key -> reference short name
    self_typed: frozenset[str]  # keys that carry their own type word (TP.HCM)


def _name_pattern(name: str) -> str:
    words = [w for w in re.split(r"[\s\-–—.]+", name) if w]
    return r"(?:\s*[-–—.]\s*|\s+)".join(tone_variants(re.escape(w)) for w in words)


@lru_cache(maxsize=4096)
def _key(name: str) -> str:
    return re.sub(r"[\s\-–—.]+", " ", fold(name)).strip()


ALIASES_FILE = "province_aliases.csv"
# The tables naming provinces, and the column holding the name.
PROVINCE_FILES = (("provinces.csv", "province"), ("provinces_2025.csv", "province_2025"))


def _rows(path: Path) -> list[dict[str, str]]:
    if not path.is_file():  # no silent empty table: a missing alias file would lose its names
        raise DataError.single(str(path), "reference table missing", "rule-table")
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _index_pairs(base: Path) -> list[tuple[str, str]]:
    """(spelling, province) for every province name and alias of the reference folder."""
    (current, column), (merged, column_2025) = PROVINCE_FILES
    pairs = [(r[column], r[column]) for r in _rows(base / current)]
    pairs += [(r["alias"], r["province"]) for r in _rows(base / ALIASES_FILE)]
    pairs += [(r[column_2025], r[column_2025]) for r in _rows(base / merged)]
    return pairs


@lru_cache(maxsize=4)
def _index(data_dir_setting: str | None) -> ProvinceIndex:
    base = reference_dir()
    canonical: dict[str, str] = {}
    spellings: dict[str, str] = {}
    pairs = _index_pairs(base)
    for spelling, province in pairs:
        key = _key(spelling)
        canonical.setdefault(key, province)
        spellings.setdefault(key, spelling)
    names = sorted(spellings.values(), key=len, reverse=True)
    regex = re.compile("|".join(_name_pattern(n) for n in names))
    self_typed = frozenset(k for k in canonical if k.startswith("tp "))
    return ProvinceIndex(regex, canonical, self_typed)


def province_index() -> ProvinceIndex:
    return _index(os.environ.get(DATA_DIR_ENV))


def canonical_province(name: str) -> str | None:
    """The reference short name for a province name in any common form, or None."""
    key = re.sub(r"^(?:tỉnh|thành phố|tp)\s+", "", _key(name))
    return province_index().canonical.get(key)


def find_mentions(view: str, text: str, start: int, end: int) -> list[Mention]:
    """Provinces named as places, and national subjects, in text[start:end]."""
    index = province_index()
    found = []
    for m in index.regex.finditer(text, start, end):
        s = m.start()
        if (s > 0 and text[s - 1].isalnum()) or (m.end() < len(text) and text[m.end()].isalnum()):
            continue
        key = _key(m.group())
        province = index.canonical.get(key)
        prefix = _PREFIX_RE.search(view, max(0, s - 24), s) if province else None
        if prefix is None and key in index.self_typed:
            found.append(Mention(s, m.end(), province, "typed"))
        elif prefix is None and province and _opens_clause(view, s):
            found.append(Mention(s, m.end(), province, "bare"))
        elif prefix is not None:
            how = "locative" if prefix["loc"] is not None else "typed"
            if how == "locative" and "điểm cầu" in prefix["loc"]:
                how = "venue"
            found.append(Mention(prefix.start(), m.end(), province, how))
    for word in _NATIONAL_TRIGGERS:
        i = view.find(word, start, end)
        while i >= 0:
            m = NATIONAL_RE.match(view, i, end)
            if m and (i == 0 or not view[i - 1].isalnum()):
                how = "cited" if word in _CITED_TRIGGERS else "national"
                found.append(Mention(i, m.end(), NATIONAL, how))
            i = view.find(word, i + 1, end)
    if text.find("Bộ", start, end) >= 0:
        for m in _MINISTRY.finditer(text, start, end):
            i = m.start()
            if _MINISTRY_SUBJECT.search(view, max(0, i - 40), i):
                found.append(Mention(i, m.end(), NATIONAL, "ministry"))
    found.sort(key=lambda x: x.start)
    return found


_MINISTRY = re.compile(r"(?<!\w)Bộ(?: [Tt]ư pháp(?!\w)|(?= (?:đã|cũng|tiếp tục) ))")
# "Bộ Tư pháp" (or "Bộ đã ...") as the subject of its clause ("Năm 2023, Bộ Tư pháp đã thẩm định ...", "Đồng
# thời, Bộ Tư pháp ..."): the ministry's own, national figures for the rest of its sentence. Not
# "của Bộ Tư pháp", "Bộ trưởng Bộ Tư pháp", "theo hướng dẫn của Bộ Tư pháp".
_MINISTRY_SUBJECT = re.compile(
    r"(?:^|[.;:,\n(]\s*|(?:^|[.;:,\n(]\s*)(?:đồng thời|riêng|theo đó|trong đó|bên cạnh đó|ngoài ra"
    r"|cụ thể|qua đó)\s*,?\s*)$"
)


def article_jurisdiction_from(
    meta_value: object, text: str, title: object = None, outlet: object = None
) -> tuple[str, str]:
    """The article's own area and where it came from: `front_matter`; `letterhead` (a report
    headed "UBND TỈNH X" or "SỞ TƯ PHÁP TỈNH X"); `article` (the place its text names most
    often, its first line included); `title` (the front matter's); for a text naming no place
    as its subject: `outlet` (a provincial site named in the front matter's url or source:
    baodaknong.org.vn), `named` (a page speaking of its province as "toàn tỉnh", "UBND tỉnh"
    that names one province only, in any words), `national_body` (a page about the ministry
    or a national body or meeting, naming no province of its own); else ("", PLACE_UNKNOWN):
    the place is left to a reviewer, never defaulted to the country."""
    if isinstance(meta_value, str) and meta_value.strip():
        value = meta_value.strip()
        if lower_same_length(value) in {"việt nam", "vietnam", "viet nam", "toàn quốc", "cả nước"}:
            return NATIONAL, "front_matter"
        return canonical_province(value) or value, "front_matter"
    head = letterhead_place(text)
    if head is not None:
        return head, "letterhead"
    view = matching_view(text)
    mentions = [m for m in find_mentions(view, text, 0, len(text)) if _votes(view, m)]
    titled = title.strip() if isinstance(title, str) and title.strip() else ""
    place = _title_place(titled) if titled and not mentions else None
    if place is not None:
        return place, "title"
    if not mentions:
        return _unnamed_place(view, text, outlet)
    counts = Counter(m.jurisdiction for m in mentions)
    first: dict[str, int] = {}
    # The title's place votes too, ahead of the body, and wins a tie with the country:
    # "Nghệ An: Nâng cao chất lượng giám định" over a body naming "tỉnh Nghệ An" and "cả nước"
    # once each; "Cà Mau: Năm 2020 thực hiện giám định ..." over "các Bộ, ngành chủ quản".
    place = _title_place(titled) if titled else None
    if place is not None:
        counts[place] += 1
        first[place] = -1
    for m in mentions:
        first.setdefault(m.jurisdiction, m.start)
    chosen = max(counts, key=lambda j: (counts[j], j == place, j == NATIONAL, -first[j]))
    # Named only on the text's first line (a headline, "Nam Định: ..."): the title's place.
    headline_end = text.find("\n", len(text) - len(text.lstrip()))
    only_headline = headline_end >= 0 and all(
        m.start < headline_end for m in mentions if m.jurisdiction == chosen
    )
    return chosen, "title" if only_headline and place is None else "article"


# A page that speaks of its own province without naming it as a subject: "toàn tỉnh", "trên
# địa bàn tỉnh", "UBND tỉnh", "Sở Tư pháp" (one, not "các Sở Tư pháp"), "Sở đã", "của tỉnh".
_OWN_PROVINCE = re.compile(
    tone_variants(
        r"(?<!\w)(?:toàn tỉnh|trên địa bàn tỉnh|(?:ubnd|ủy ban nhân dân|hđnd|hội đồng nhân dân)"
        r" tỉnh|(?<!các )(?<!số )sở tư pháp(?! các)|(?<!\w)sở (?:đã|cũng|tiếp tục|phối hợp|tổ chức)"
        r"|của tỉnh|tỉnh ủy|toàn thành phố|trên địa bàn thành phố"
        # "tỉnh" with no name after it, as a page speaks of its own province ("Trung tâm trợ
        # giúp pháp lý Nhà nước tỉnh đã ..."); not "các tỉnh", "63 tỉnh", "tỉnh X".
        r"|(?<!các )(?<!\d )(?<!những )(?<!nhiều )(?<!mỗi )(?<!số )(?<!cấp )"
        r"tỉnh(?= (?:đã|đạt|có|được|và|là|\(|tham|trong)|[,.;:)]))"
    )
)


def _unnamed_place(view: str, text: str, outlet: object) -> tuple[str, str]:
    """The place of a text that names none as its subject (see article_jurisdiction_from)."""
    site = outlet_province(outlet)
    own = any(not _attending(view, m.start()) for m in _OWN_PROVINCE.finditer(view))
    if own:
        if site:
            return site, "outlet"
        named = _named_provinces(text)
        return (named.pop(), "named") if len(named) == 1 else ("", PLACE_UNKNOWN)
    if any(word in view for word in _NATIONAL_BODIES):
        # "Bộ Tư pháp tổ chức hội nghị trực tuyến ...", "Hội đồng phối hợp ... Trung ương",
        # "các Sở Tư pháp", "các địa phương": the ministry's, a national body's or the whole
        # sector's page, naming no province of its own.
        return NATIONAL, "national_body"
    if site:
        return site, "outlet"
    named = _named_provinces(text)
    if len(named) == 1:  # the one province the page names, in any words, and nothing national
        return named.pop(), "named"
    return "", PLACE_UNKNOWN


def _named_provinces(text: str) -> set[str]:
    """The provinces a text names anywhere, in any words."""
    named = {canonical_province(m.group()) for m in province_index().regex.finditer(text)}
    named.discard(None)
    return named


# Who attended a national meeting at a province's site ("Tại điểm cầu tỉnh, đồng chí Phó Chủ tịch
# UBND tỉnh dự hội nghị"): the province's officials, not the province as the page's subject.
_ATTENDING = re.compile(r"(?:điểm cầu|chủ tịch|giám đốc|lãnh đạo|đại diện|đại biểu)[^.\n]{0,60}$")


def _attending(view: str, pos: int) -> bool:
    return _ATTENDING.search(view, max(0, pos - 80), pos) is not None


_LETTERHEAD_LINES = 8
_LETTERHEAD = re.compile(
    r"^[ \t|]*(?:ubnd|ủy ban nhân dân|uỷ ban nhân dân|hđnd|hội đồng nhân dân|sở tư pháp)"
    r"\s+(?:tỉnh|thành phố|tp\.?)\s*(?P<name>[^\n|,.;:()]{2,40})",
    re.M,
)


def letterhead_place(text: str) -> str | None:
    """The province of a report headed by its people's committee or justice department
    ("UBND TỈNH CAO BẰNG", "SỞ TƯ PHÁP TỈNH QUẢNG NINH", "Ủy ban nhân dân thành phố Hà Nội"): a
    line among the text's first ones that opens with the body and its province, in any case."""
    lines = 0
    end = 0
    while lines < _LETTERHEAD_LINES and end < len(text):
        nxt = text.find("\n", end)
        end = len(text) if nxt < 0 else nxt + 1
        lines += 1
    head = matching_view(text[:end])
    for m in _LETTERHEAD.finditer(head):
        words = m["name"].split()
        for n in range(min(len(words), 4), 0, -1):
            province = canonical_province(" ".join(words[:n]))
            if province is not None:
                return province
    return None


_NATIONAL_BODIES = (
    "bộ tư pháp", "trung ương", "chính phủ", "toàn quốc", "cả nước", "hội nghị trực tuyến",
    "bộ quốc phòng", "bộ công an", "các sở tư pháp", "các địa phương", "các tỉnh, thành",
)  # fmt: skip
_HOST = re.compile(r"^(?:[a-z]+://)?([^/:?#\s]+)", re.I)
MIN_SITE_NAME = 5


def _ascii_key(name: str) -> str:
    """A province name as a web address writes it: no marks, no spaces (Đắk Nông -> daknong)."""
    return re.sub(r"[^a-z]", "", unmarked(name).lower())


@lru_cache(maxsize=4)
def _site_names(data_dir_setting: str | None) -> tuple[tuple[str, str], ...]:
    names = {_ascii_key(spelling): province for spelling, province in _index_pairs(reference_dir())}
    keys = sorted((k for k in names if len(k) >= MIN_SITE_NAME), key=len, reverse=True)
    return tuple((k, names[k]) for k in keys)


def outlet_province(outlet: object) -> str | None:
    """The province a provincial outlet's address names (baodaknong.org.vn, pbgdpl.camau.gov.vn,
    stp.thanhhoa.gov.vn), the longest name found in one of its labels; None for others."""
    if not isinstance(outlet, str) or not outlet.strip():
        return None
    host = _HOST.match(outlet.strip())
    if host is None:
        return None
    labels = [label for label in host[1].lower().split(".") if label not in ("www", "gov", "vn")]
    for key, province in _site_names(os.environ.get(DATA_DIR_ENV)):
        if any(key in label for label in labels):
            return province
    return None


def _title_place(title: str) -> str | None:
    """The place (a province or NATIONAL) a title names as its subject, if any."""
    view = matching_view(title)
    for mention in find_mentions(view, title, 0, len(title)):
        if _votes(view, mention):
            return mention.jurisdiction
    return None


def _votes(view: str, mention: Mention) -> bool:
    """Whether a mention says what the article is about: a typed name (tỉnh X, Sở Tư pháp X,
    "trên địa bàn tỉnh X"), a sentence-opening "Tại X", a national subject, or the name heading
    the title ("Nghệ An: ..."). A bare "tại X" inside a sentence is a venue and does not vote,
    nor does "Tại điểm cầu tỉnh X" (a provincial paper covering a national conference)."""
    if _on_list_item(view, mention.start):
        return False  # "- TP. Hồ Chí Minh: 152.300 yêu cầu": one item of a list, not the subject
    if mention.how in ("typed", "national"):
        return True
    if mention.how == "locative":
        return _opens_sentence(view, mention.start) or bool(
            _TYPE_WORD_RE.search(view, mention.start, mention.end)
        )
    if mention.how != "bare":
        return False
    # The name heading the text, or a dateline naming where a report was issued ("Vĩnh Phúc,
    # ngày 15 tháng 6 năm 2020", "Yên Bái, 20/6/2025 -") at the start of its line.
    line_start = view.rfind("\n", 0, mention.start) + 1
    return not view[: mention.start].strip() or (
        not view[line_start : mention.start].strip()
        and _DATELINE.match(view, mention.end) is not None
    )


_DATELINE = re.compile(r",\s*(?:ngày\s+)?\d{1,2}(?:/\d{1,2}|\s+tháng\s+\d{1,2})")


# What may stand between a sentence's or clause's start and a name opening it.
_BEFORE_A_NAME = " " + LIST_MARKS + OPENING_QUOTES + ">("


def _on_list_item(view: str, pos: int) -> bool:
    """Whether `pos` stands on a line that opens with a dash or a bullet: a list's item."""
    return LIST_ITEM.match(view, view.rfind("\n", 0, pos) + 1, pos) is not None


def _opens_clause(view: str, pos: int) -> bool:
    """A bare name heads its clause: "..., Đà Nẵng 1.200 cuộc", "Riêng Hà Nội đã ..."."""
    head = view[max(0, pos - 12) : pos].rstrip(_BEFORE_A_NAME)
    return not head or head[-1] in ".!?\n…:;," or head.endswith(("riêng", "còn"))


def _opens_sentence(view: str, pos: int) -> bool:
    head = view[max(0, pos - 12) : pos].rstrip(_BEFORE_A_NAME)
    return not head or head[-1] in ".!?\n…:"
