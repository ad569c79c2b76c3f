"""The cue tables are data an analyst edits: a new row takes effect, a broken one is reported
with its file and line, never as a traceback from deep inside the extractor."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest

from analysis.errors import DataError
from analysis.extract import cues, extract_text
from analysis.extract.cues import load_cue_tables

META = {"jurisdiction": "Hà Nam", "published": dt.date(2023, 12, 1)}


def test_a_row_added_by_an_analyst_takes_effect(
    data_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The files are looked at again once RECHECK_SECONDS have passed (shortened here)."""
    monkeypatch.setattr(cues, "RECHECK_SECONDS", 0.05)
    text = "Năm 2023, Sở đã hướng dẫn nghiệp vụ 40 vụ việc trợ giúp pháp lý."
    before = [r["indicator"] for r in extract_text(text, "t", META)]
    with (data_copy / "reference" / "extract_cues.csv").open("a", encoding="utf-8") as fh:
        fh.write('none,cases,before,hướng dẫn nghiệp vụ,"training, not cases"\n')
    time.sleep(0.06)
    after = [r["indicator"] for r in extract_text(text, "t", META)]
    assert before == ["legal_aid_cases"] and after == [], "the new cue row was not picked up"


def test_a_broken_row_names_its_file_and_line(data_copy: Path) -> None:
    path = data_copy / "reference" / "extract_cues.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines.append("legal_aid_cases,cases,before,(unclosed,oops")
    lines.append("legal_aid_cases,boats,before,thuyền,unknown unit")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_cue_tables()
    message = str(caught.value)
    assert f"extract_cues.csv:{len(lines) - 1}: bad pattern '(unclosed'" in message
    assert f"extract_cues.csv:{len(lines)}: unknown units ['boats']" in message


def test_every_catalog_indicator_has_a_cue() -> None:
    tables = load_cue_tables()
    said = {cue.says for cues in tables.cues.values() for cue in cues.cue_of_all()}
    catalog = Path(__file__).resolve().parent.parent / "data" / "reference" / "indicators.csv"
    codes = {line.split(",")[0] for line in catalog.read_text(encoding="utf-8").splitlines()[1:]}
    assert codes - said == set(), f"indicators without a cue: {sorted(codes - said)}"


def test_a_pattern_with_an_unquoted_comma_is_refused(data_copy: Path) -> None:
    path = data_copy / "reference" / "extract_units.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines.append("cases,vụ, việc,a comma splits this pattern")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_cue_tables()
    assert str(caught.value).splitlines()[1] == (
        f"  {path}:{len(lines)}: 4 cells where the header has 3: quote a pattern that holds a "
        "comma [cue-table]"
    )
