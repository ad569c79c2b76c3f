"""Each Vietnamese text rule is defined once: diacritic folding, list marks, number words and
multipliers, the decimal patterns and the printing of Vietnamese digits in analysis/vietnamese,
the file lock in analysis/fileio.py. The package's sources are searched for the way each rule is
written; a match outside its home is a second definition. The last tests craft one of each and
show the search finds it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import analysis

PACKAGE = Path(analysis.__file__).parent
TEXT = "vietnamese/text.py"
NUMBERS = "vietnamese/numbers.py"
FORMATTING = "vietnamese/formatting.py"
# Rule -> (how a definition of it is written, the files where it may be).
RULES: dict[str, tuple[str, tuple[str, ...]]] = {
    "diacritic folding": (r"unicodedata\.(?:normalize\(\s*[\"']NFK?D[\"']|combining\b)", (TEXT,)),
    # The bullet: every set of list marks holds it.
    "list marks": ("•", (TEXT,)),
    # A number word quoted alone (a dict's key, a list's item), or the words as alternatives.
    "number words": (r"[\"']bốn[\"']|\bba\|bốn\b", (NUMBERS,)),
    "multipliers": (r"[\"']triệu[\"']\s*:", (NUMBERS,)),
    # A thousands dot ({1,3} digits, then groups of three) or a plain decimal (digits, then an
    # optional point and digits; a section number's repeated groups are no decimal).
    "decimal pattern": (
        r"\{1,3\}\(\?:\\\.(?:\[0-9\]|\\d)\{3\}\)"
        r"|(?:\[0-9\]|\\d)\+\(\?:\\\.(?:\[0-9\]|\\d)[*+]\)\?",
        (NUMBERS,),
    ),
    # Digits printed the Vietnamese way by swapping '.' and ',' or by Babel.
    "vietnamese digits": (
        r"\.replace\(\s*[\"'][.,][\"']\s*,\s*[\"'][.,][\"']\s*\)|format_decimal\(",
        (NUMBERS, FORMATTING),
    ),
    "file lock": (r"\bfcntl\b", ("fileio.py",)),
}
# Definitions left where they are, each (file, rule) with the reason; nothing else goes here.
ALLOWED: set[tuple[str, str]] = set()


def redefinitions(package: Path, allowed: set[tuple[str, str]] = frozenset()) -> list[str]:
    """`file:line: rule: the line` for every match of a rule outside its home."""
    found = []
    compiled = {rule: (re.compile(pattern), homes) for rule, (pattern, homes) in RULES.items()}
    for path in sorted(package.rglob("*.py")):
        name = path.relative_to(package).as_posix()
        lines = path.read_text(encoding="utf-8").splitlines()
        for rule, (regex, homes) in compiled.items():
            if name in homes or (name, rule) in allowed:
                continue
            found += [
                f"{name}:{n}: {rule}: {line.strip()}"
                for n, line in enumerate(lines, start=1)
                if regex.search(line)
            ]
    return found


def test_each_rule_is_defined_once_in_its_home():
    found = redefinitions(PACKAGE, ALLOWED)
    assert not found, "use analysis.vietnamese (or analysis.fileio.locked):\n" + "\n".join(found)


def test_the_allowed_definitions_are_still_there():
    """An allowed definition that is gone must leave ALLOWED, so it cannot come back unseen."""
    every = redefinitions(PACKAGE)
    gone = [
        (name, rule) for name, rule in ALLOWED if not any(f.startswith(f"{name}:") and f": {rule}:" in f for f in every)
    ]  # fmt: skip
    assert not gone, f"moved to the home: remove from ALLOWED: {gone}"


def test_each_home_holds_its_rule():
    """A pattern that no longer matches its own definition would find nothing anywhere."""
    for rule, (pattern, homes) in RULES.items():
        texts = [(PACKAGE / home).read_text(encoding="utf-8") for home in homes]
        assert any(re.search(pattern, t, re.M) for t in texts), f"{rule}: not found in {homes}"


CRAFTED = {
    "diacritic folding": 'plain = unicodedata.normalize("NFD", text)',
    "list marks": 'MARKS = "-–•"',
    "number words": 'WORDS = {"hai": 2, "bốn": 4}',
    "multipliers": 'SCALE = {"triệu": 1_000_000}',
    "decimal pattern": 'DOTTED = r"[0-9]{1,3}(?:\\.[0-9]{3})+"',
    "vietnamese digits": 'shown = f"{n:,}".replace(",", ".")',
    "file lock": "fcntl.flock(fd, fcntl.LOCK_EX)",
}


@pytest.mark.parametrize("rule", sorted(RULES))
def test_a_crafted_redefinition_is_found(tmp_path, rule):
    (tmp_path / "vietnamese").mkdir()
    for home in RULES[rule][1]:
        (tmp_path / home).write_text(CRAFTED[rule] + "\n", encoding="utf-8")  # at home: allowed
    (tmp_path / "stage.py").write_text(f"x = 1\n{CRAFTED[rule]}\n", encoding="utf-8")
    found = redefinitions(tmp_path)
    assert found == [f"stage.py:2: {rule}: {CRAFTED[rule]}"], found
    assert redefinitions(tmp_path, {("stage.py", rule)}) == []
