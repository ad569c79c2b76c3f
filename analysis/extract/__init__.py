"""The Vietnamese figure extractor: one article's text in, records of the contract out.

`extract_text(text, doc_id, meta)` works on an NFC body text (offsets count in it);
`extract_article(article)` on an `analysis.articles.Article`. What is counted is decided by
the cue tables in data/reference/extract_units.csv, extract_cues.csv and extract_levels.csv
(read once, cached); see analysis/extract/extractor.py for the order of the work.

Decisions (see the module docstrings for the details):
- A figure is a number (in digits, or in words: "hai hội nghị", "một triệu") followed by a
  unit word (vụ việc, văn bản, cuộc, lượt người, tờ gấp, hồ sơ, %, ...); the nearest cue before
  it in its clause or right after its unit names the indicator, and a `none` cue (tăng, rà soát, khiếu nại, không thành, ...) or a target word in
  its sentence (phấn đấu, chỉ tiêu, dự kiến, ...) makes it no figure at all.
- A count may also be labelled before its number ("số vụ việc tiếp nhận là 845", "Số cuộc
  tuyên truyền: 1.234"); a list item or table row naming no cue ("- Tỉnh Thanh Hóa: 842 vụ
  việc;") takes the cue of the list's lead-in line, unless it is about a district or commune.
  "trong đó" parts of a count, and a headline that rounds a body figure, are not new figures.
- A saved page's lists of other headlines ("Xem thêm:", "Tin liên quan") give no figures; a
  pipe table whose columns (or rows) are periods gives one figure per number cell, with the
  column's period and the row's label as its cue.
- Jurisdiction: a place opening a sentence ("Tại tỉnh X,", "Sở Tư pháp tỉnh X") holds for the
  paragraph (and, at a paragraph's start, for the paragraphs after it); a national subject
  (cả nước, toàn quốc, các bộ, ngành) or a typed province inside a sentence holds for the rest
  of that sentence ("Còn tại X," opens one too, "Tại điểm cầu X," for its paragraph only, as
  does the speaker's "Sở Tư pháp tỉnh X" in a paragraph's first sentence; a list item's place
  holds for the item); otherwise the front matter's `jurisdiction`, else the place the article names
  most often (list items do not count), else the one its title names, else Việt Nam.
- Period: the last period phrase before the figure in its paragraph, else the article's first
  one. A phrase without a year takes the year of a same-kind phrase that has one, else the
  publication date (the front matter's, else a date line in the page's head; "năm qua"/"trong
  năm" in January-March: the year before), else the latest
  year the article mentions. Spans of dates or months ("từ ngày 01/01 đến 30/6/2016", "từ
  tháng 10/2023 đến tháng 9/2024", "tính đến 30/11/2025") are the period they cover (the
  statistical year of 1/10-30/9 is the year it ends in); a law's year ("Luật Đất đai năm
  2024") and a comparison ("cao hơn năm 2017") are not periods. An article naming no period at all: `YYYY-YTD` of its
  publication year (the year before, as a whole year, if published in January or February);
  with neither a phrase, a date nor a year anywhere, its figures are skipped rather than
  given an invented period.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from analysis.articles import Article
from analysis.extract.extractor import extract_text as _extract_text


def extract_text(
    text: str, doc_id: str, meta: Mapping[str, Any] | None = None
) -> list[dict[str, Any]]:
    """Records (dicts with the contract's keys, record_id, start and end) for one article body,
    ordered by start then by the number's offset."""
    return _extract_text(text, doc_id, meta)


def extract_article(article: Article) -> list[dict[str, Any]]:
    """Records for one article read with `analysis.articles.read_article`."""
    return _extract_text(article.text, article.doc_id, article.meta)


__all__ = ["extract_article", "extract_text"]
