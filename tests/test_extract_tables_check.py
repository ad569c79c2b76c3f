"""`python -m analysis validate` checks the extractor's rule tables, with file and line."""

from __future__ import annotations

import pytest
from conftest import run_cli

from analysis.extract.tables_check import check_rule_tables


def _edit_line(path, line: int, old: str, new: str) -> None:
    lines = path.read_text(encoding="utf-8").split("\n")
    assert old in lines[line - 1], f"{path}:{line} does not hold {old!r}"
    lines[line - 1] = lines[line - 1].replace(old, new, 1)
    path.write_text("\n".join(lines), encoding="utf-8")


def test_the_projects_rule_tables_are_valid(data_copy):
    problems, rows = check_rule_tables(data_copy / "reference")
    assert problems == [], "\n".join(map(str, problems))
    assert rows > 60


@pytest.mark.parametrize(
    ("file", "line", "old", "new", "message"),
    [
        ("extract_cues.csv", 2, "thẩm định|", "thẩm (định|", "extract_cues.csv:2: bad pattern"),
        ("extract_cues.csv", 3, "appraisal_drafts", "apraisal_drafts",
         "extract_cues.csv:3: unknown indicator 'apraisal_drafts'"),
        ("extract_cues.csv", 2, "appraisal_drafts=62", "appraisal_draft=62",
         "extract_cues.csv:2: expect 'appraisal_draft=62' is not"),
        ("extract_levels.csv", 2, "province,", "provincial,",
         "extract_levels.csv:2: level must be one of"),
        ("extract_words.csv", 2, "approx", "aprox",
         "extract_words.csv:2: a qualifier means one of"),
        ("province_aliases.csv", 3, "Hồ Chí Minh", "Hồ Chí Mính",
         "province_aliases.csv:3: alias 'HCM' points at 'Hồ Chí Mính'"),
    ],
)  # fmt: skip
def test_validate_fails_with_file_and_line(data_copy, file, line, old, new, message):
    _edit_line(data_copy / "reference" / file, line, old, new)
    done = run_cli("validate", data=data_copy)
    assert done.exit_code == 1, done.stdout
    assert message in done.stdout, done.stdout


def test_a_missing_alias_file_fails_validation(data_copy):
    (data_copy / "reference" / "province_aliases.csv").unlink()
    done = run_cli("validate", data=data_copy)
    assert done.exit_code == 1, done.stdout
    assert "province_aliases.csv: rule table missing" in done.stdout, done.stdout


def test_extraction_names_the_missing_alias_file(data_copy, tmp_path):
    (data_copy / "reference" / "province_aliases.csv").unlink()
    article = tmp_path / "a.txt"
    article.write_text("Năm 2023, tỉnh Nam Định tổ chức 120 cuộc tuyên truyền pháp luật.\n")
    done = run_cli("extract", article, data=data_copy)
    assert done.exit_code == 1, done.stdout
    assert "province_aliases.csv: reference table missing" in done.stderr, done.stderr
