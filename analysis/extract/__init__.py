"""The Vietnamese figure extractor: one article's text in, records of the contract out.

`extract_text(text, doc_id, meta)` works on an NFC body text (offsets count in it);
`extract_article(article)` on an `analysis.sources.articles.Article`. What is counted is decided by
the cue tables in data/reference/extract_units.csv, extract_cues.csv and extract_levels.csv
(read once, cached); see analysis/extract/extractor.py for the order of the work.

Decisions (see the module docstrings for the details):
- A figure is a number (in digits, or in words: "hai hội nghị", "một triệu") followed by a
  unit word (vụ việc, văn bản, cuộc, lượt người, tờ gấp, hồ sơ, %, ...); the nearest cue before
  it in its clause or right after its unit names the indicator, and a `none` cue (tăng, rà
  soát, khiếu nại, không thành, chậm ban hành, nâng tổng số, ...) or a word in its sentence
  (phấn đấu, chỉ tiêu, dự kiến, bình quân, mỗi, ...) makes it no figure at all. "1,250 cuộc"
  written the English way is 1250; the top of a range ("từ 10 đến 15 cuộc") is no figure.
- Real phrasing (issue 12, tests/extract_devset.csv): cases received with no cue and then
  settled in the same sentence are mediation cases ("đã thụ lý 323 vụ việc, có 186 vụ việc hòa
  giải thành công"); a count listed right before another shares the words after the list ("12
  hội nghị, 57 đợt tuyên truyền pháp luật"); "từ 82% trở lên" is at least 82; certificates issued
  ("cấp 12.362 phiếu") stand for the applications received where the article gives none; a
  document count's parts named by owner or tier ("gồm 107 văn bản của các bộ ...; 1024 văn bản
  của địa phương", "(cấp tỉnh 30 văn bản, cấp huyện 121 văn bản)") are figures with their level,
  other "trong đó" parts are not; words inside a closed bracket ("(giảm 57,6%)") name nothing
  after it, and a ";" inside an open bracket ends no clause.
- Every record says why: `cue` (the cue row, `extract_cues.csv:<line>`, or `rule:<name>`),
  `place_from` and `period_from` (where its place and period were read: see the README).
- A count may also be labelled before its number ("số vụ việc tiếp nhận là 845", "Số cuộc
  tuyên truyền: 1.234"); a list item or table row naming no cue ("- Tỉnh Thanh Hóa: 842 vụ
  việc;") takes the cue of the list's lead-in line, unless it is about a district or commune.
  "trong đó", "gồm" and bracketed parts of a count, and a headline that rounds a body figure,
  are not new figures; a bracketed count ("100% dự thảo (45 dự thảo) ... được thẩm định")
  takes the words after its bracket.
- The page around the article: a line break inside a sentence (text pasted from a PDF) reads
  as a space; lists of other headlines ("Xem thêm:", "Tin liên quan") and a report's plan
  section ("II. PHƯƠNG HƯỚNG, NHIỆM VỤ ...") give no figures; a pipe table whose columns (or
  rows) are periods gives one figure per number cell, with the column's period and the row's
  label as its cue; an article about one district's Phòng Tư pháp gives its figures with scope
  `area` (sentences about the whole province give the province's total).
- Scope (issue 15, analysis/extract/figure_scope.py): `area` for a district named at the
  figure, `part` for another body, one group, law, channel, event or kind, a "trong đó"/"gồm"
  part (now a figure, no longer dropped) or a kind of a list, else `total`; `scope_from` says
  which (docs/extraction.md).
- Jurisdiction: a place opening a sentence ("Tại tỉnh X,", "Sở Tư pháp tỉnh X") holds for the
  paragraph (and, at a paragraph's start, for the paragraphs after it); a national subject
  (cả nước, toàn quốc, các bộ, ngành) or a typed province inside a sentence holds for the rest
  of that sentence; national figures cited in passing ("Theo Bộ Tư pháp,", "của 34 tỉnh,
  thành phố"), "Tại điểm cầu X," and a speaker's "Sở Tư pháp tỉnh X" in a paragraph's first
  sentence hold for their sentence or paragraph only; a list item's place holds for the item;
  "Bộ Tư pháp" opening a clause is national for its sentence.
  Otherwise the front matter's `jurisdiction` (or the registry's), else a letterhead ("UBND TỈNH
  X"), else the place the article names most often (typed names, datelines and the title vote;
  list items and citations do not), else, for a page speaking of its own province, the
  province of a provincial site in the front matter's `url` or `source` (baodaknong.org.vn) or
  the one province it names; a page about the ministry or a national body or meeting is Việt
  Nam; else the jurisdiction is empty with place_from `unknown`, never the country by default.
- Period: the last period phrase before the figure in its paragraph, else the article's first
  one. A phrase without a year takes the year of a same-kind phrase that has one, else the
  publication date (the front matter's, else a date line in the page's head; "năm qua"/"trong
  năm" in January-March: the year before), else the latest year the article mentions. Spans
  of dates or months ("từ ngày 01/01 đến 30/6/2016", "tính đến 30/11/2025") are the period
  they cover (the statistical year of 1/10-30/9 is the year it ends in); "từ ngày 01/7/2025
  đến nay" runs to the end of the report's period; "5 năm qua", "10 năm thi hành Luật" and "từ năm 2014 đến nay"
  are ranges up to the report's year, unless the text states the years right after; "từ năm
  2014 đến 6 tháng đầu năm 2020" is 2014..2020; "6 tháng đầu năm" alone is the half-year. A single month ("trong tháng 11/2024") fits no period code:
  its figures are skipped. A law's year ("Luật Đất đai năm 2024"), a plan's ("triển khai nhiệm
  vụ năm 2025"), a comparison ("cao hơn năm 2017") and a written-out date are not periods. An
  article naming no period at all: `YYYY-YTD` of its publication year (the year before, as a
  whole year, if published in January or February); with neither a phrase, a date nor a year
  anywhere, its figures are skipped rather than given an invented period.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from analysis.extract.extractor import extract_text as _extract_text
from analysis.sources.articles import Article


def extract_text(
    text: str, doc_id: str, meta: Mapping[str, Any] | None = None
) -> list[dict[str, Any]]:
    """Records (dicts with the contract's keys, record_id, start and end) for one article body,
    ordered by start then by the number's offset."""
    return _extract_text(text, doc_id, meta)


def extract_article(article: Article) -> list[dict[str, Any]]:
    """Records for one article read with `analysis.sources.articles.read_article`."""
    return _extract_text(article.text, article.doc_id, article.meta)


__all__ = ["extract_article", "extract_text"]
