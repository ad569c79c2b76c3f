"""The extractor's cue tables, read from the reference folder once and compiled.

`extract_units.csv`: the unit words that must follow a number for it to be a figure at all.
`extract_cues.csv`: which words before the number or after its unit say what is counted
(indicator `none` marks words that say it is *not* a catalog figure: a change, a review, a
complaint; side `sentence` marks words that veto every figure after them in their sentence,
such as the targets of a plan). `extract_levels.csv`: the words that name the tier of a document count.
Patterns are regular expressions, written in either tone-mark style and any case.
"""

from __future__ import annotations

import csv
import os
import re
import re._parser as sre_parse
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from analysis.errors import DataError, Problem
from analysis.extract.alternation import prefix_tree, split_alternatives
from analysis.extract.period import PERIODS_FILE, PeriodWords, compile_period_words
from analysis.extract.reference import catalog_links
from analysis.paths import DATA_DIR_ENV, reference_dir
from analysis.vietnamese import (
    MULTIPLIER,
    NUMBER,
    NUMBER_BODY,
    SPACE,
    WORD_NUMBER,
    fold,
    lower_same_length,
    tone_spellings,
    tone_variants,
)

UNITS_FILE = "extract_units.csv"
CUES_FILE = "extract_cues.csv"
LEVELS_FILE = "extract_levels.csv"
CATALOG_FILE = "indicators.csv"
WORDS_FILE = "extract_words.csv"
SCOPE_FILE = "extract_scope.csv"
# The sides of extract_scope.csv: a subject opening its clause (it holds for the figures after
# it), words in the figure's clause, words right after its unit.
SCOPE_SIDES = ("subject", "clause", "after")
# The word lists of extract_words.csv, and what a qualifier may mean.
WORD_LISTS = ("qualifier", "lead_verb", "opening", "related_heading")
QUALIFIERS = ("at_least", "approx", "at_most")
NOT_A_FIGURE = "none"
# A cue that makes the number the whole of the figure before it ("trên tổng số").
WHOLE_OF = "@whole"
# Certificates issued: the applications received where the page states none (see extractor).
ISSUED = "@issued"
SIDES = ("before", "after", "sentence")


@dataclass(frozen=True)
class Cue:
    """One row of a cue table: what it says (an indicator, `none`, or a level), where it
    stands relative to the number, and its line in the file (earlier wins a tie)."""

    says: str
    side: str
    row: int
    rule: str = ""  # a rule in code standing for a row (its name), when row is 0


def cue_name(cue: Cue) -> str:
    """What names a record's indicator, for its `cue` column: `extract_cues.csv:<line>`, or
    `rule:<name>` for a rule written in code."""
    return f"rule:{cue.rule}" if cue.rule else f"{CUES_FILE}:{cue.row}"


class CueSet:
    """All cues for one unit and side as one regex that finds every occurrence, overlapping
    ones too, each the longest alternative at its position; the words found tell the row."""

    def __init__(
        self,
        regex: re.Pattern[str],
        literal: dict[str, Cue],
        patterns: tuple[tuple[re.Pattern[str], Cue], ...],
        sources: tuple[str, ...] = (),
    ):
        self.regex = regex
        self.sources = sources  # the alternatives in the order they are tried
        # The most characters a cue can span (None if unbounded): how far past a point a
        # search must read to decide every match starting before it.
        widths = [sre_parse.parse(r.pattern).getwidth()[1] for r, _ in patterns]
        widths += [len(words) for words in literal]
        width = max(widths, default=0)
        self.max_width: int | None = width if width < _UNBOUNDED else None
        self._known = dict(literal)  # words (as in the view) -> row; grows as words are met
        self._patterns = patterns  # the non-literal alternatives, longest first
        # Alternatives ending with a lookahead ("biên soạn(?=... đăng tải)"): the same words mean
        # another row in that context, so they are tried first, at the match's position.
        self._contextual = tuple((r, c) for r, c in patterns if "(?=" in r.pattern)

    def cue_for(self, words: str, view: str | None = None, at: int = 0) -> Cue:
        """The row of the cue `words` (found at `at` in `view`: a row whose pattern ends with a
        lookahead, "biên soạn(?=... đăng tải)", is recognised in its context)."""
        if self._contextual and view is not None:
            end = at + len(words)
            for regex, cue in self._contextual:
                if _ends_at(regex.match(view, at), end):
                    return cue  # known by its context only: not cached by its words
        cue = self._known.get(words)
        if cue is None:
            cue = next((c for regex, c in self._patterns if regex.fullmatch(words)), None)
            if cue is None:  # a literal in a tone style mixed within one phrase
                cue = self._known[fold(words)]
            self._known[words] = cue
        return cue

    def cue_of_all(self) -> set[Cue]:
        """Every row this set can report."""
        return {*self._known.values(), *(cue for _, cue in self._patterns)}

    def finditer(self, view: str, start: int, end: int) -> Iterator[tuple[int, int, Cue]]:
        for m in self.regex.finditer(view, start, end):
            yield m.start(), m.end(1), self.cue_for(m.group(1), view, m.start())

    def search(self, view: str, start: int, end: int) -> tuple[int, int, Cue] | None:
        m = self.regex.search(view, start, end)
        return (
            None if m is None else (m.start(), m.end(1), self.cue_for(m.group(1), view, m.start()))
        )


def _ends_at(m: re.Match[str] | None, end: int) -> bool:
    return m is not None and m.end() == end


@dataclass(frozen=True)
class WordLists:
    """The word lists of extract_words.csv, compiled: qualifiers (word -> qualifier), the verbs
    kept before a number in its evidence, the words that may open a sentence before its place,
    and the headings of other articles' headline lists (`inline` ones may share their line)."""

    qualifiers: dict[str, str]
    qualifier_re: re.Pattern[str]
    lead_verb: re.Pattern[str]
    opening: frozenset[str]
    opening_max: int
    related: tuple[str, ...]
    related_inline: frozenset[str]

    def qualifier_at(self, view: str, number_start: int) -> tuple[str, int]:
        """The qualifier of the number starting at `number_start` in the lower-cased view, and
        where its word starts; (`exact`, number_start) when no qualifier word stands right
        before it."""
        found = self.qualifier_re.search(view, max(0, number_start - QUALIFIER_REACH), number_start)
        if found is None:
            return "exact", number_start
        return self.qualifiers[" ".join(found.group().split())], found.start()


# How far before a number its qualifier word may start ("chưa đến ").
QUALIFIER_REACH = 16


def _qualifier_pattern(words: list[str]) -> re.Pattern[str]:
    """The qualifier words as one pattern ending right before a number, longest first."""
    ordered = sorted(words, key=len, reverse=True)
    return re.compile(
        r"(?<!\S)(?:" + "|".join(r"\s+".join(map(re.escape, w.split())) for w in ordered) + r")\s+$"
    )


def _word_lists(path: Path, problems: list[Problem]) -> WordLists | None:
    lists: dict[str, list[tuple[str, str]]] = {name: [] for name in WORD_LISTS}
    for i, r in enumerate(_read(path, ("list", "word", "means")), start=2):
        name, word, means = (r[c].strip() for c in ("list", "word", "means"))
        if name not in lists:
            problems.append(Problem(str(path), f"list must be one of {WORD_LISTS}", "cue-table", i))
        elif not word:
            problems.append(Problem(str(path), "empty word", "cue-table", line=i))
        elif name == "qualifier" and means not in QUALIFIERS:
            problems.append(
                Problem(str(path), f"a qualifier means one of {QUALIFIERS}", "cue-table", i)
            )
        else:
            lists[name].append((lower_same_length(word), means))
    if problems:
        return None
    qualifiers = dict(lists["qualifier"])
    verbs = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w, _ in lists["lead_verb"])
    opening = frozenset(w for w, _ in lists["opening"])
    return WordLists(
        qualifiers=qualifiers,
        qualifier_re=_qualifier_pattern(list(qualifiers)),
        lead_verb=re.compile(r"(?:(?:đã|được)\s+)?(?:" + (verbs or "(?!)") + r")\s+$"),
        opening=opening,
        opening_max=max(map(len, opening), default=0) + 1,
        related=tuple(w for w, _ in lists["related_heading"]),
        related_inline=frozenset(w for w, m in lists["related_heading"] if m == "inline"),
    )


@dataclass(frozen=True)
class CueTables:
    """Compiled tables: the candidate pattern (number + unit) and the cue sets."""

    candidate: re.Pattern[str]
    units: tuple[str, ...]
    cues: dict[tuple[str, str], CueSet]
    levels: dict[str, CueSet]
    # "số vụ việc tiếp nhận là 845": the unit named before the number (over the view).
    labelled: re.Pattern[str] | None = None
    # "hai hội nghị", "một triệu yêu cầu": a number in words and its unit (over the text).
    worded: re.Pattern[str] | None = None
    # A unit word opening a table label's bracket ("(vụ việc)", over the text), and a label
    # naming its unit after "số" ("Số vụ việc tiếp nhận", over the view, to its end).
    unit_word: re.Pattern[str] | None = None
    label_unit: re.Pattern[str] | None = None
    # From the indicator catalog: part -> whole (mediation_successful -> mediation_cases), and
    # the indicators that count documents (the only ones with a level).
    wholes: dict[str, str] = field(default_factory=dict)
    documents: frozenset[str] = frozenset()
    # unit -> its (after, before, sentence) cue sets, looked up once per figure.
    by_unit: dict[str, tuple[CueSet | None, CueSet | None, CueSet | None]] = field(
        default_factory=dict
    )
    words: WordLists | None = None
    # extract_periods.csv's word lists, compiled (see analysis/extract/period.py).
    periods: PeriodWords | None = None
    # extract_scope.csv by side; a row's cue says "<scope>:<kind>" (part:body, total:sector).
    scopes: dict[str, CueSet] = field(default_factory=dict)


def _read(path: Path, columns: tuple[str, ...]) -> list[dict[str, str]]:
    if not path.is_file():
        raise DataError.single(str(path), "cue table missing", "cue-table")
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        missing = [c for c in columns if c not in (reader.fieldnames or ())]
        if missing:
            raise DataError.single(str(path), f"missing columns {missing}", "cue-table", line=1)
        rows = list(reader)
    # A row with more cells than the header is a pattern with an unquoted comma: refuse it
    # rather than read half the pattern.
    problems = [
        Problem(
            str(path),
            f"{len(row) - 1 + len(row[None])} cells where the header has "
            f"{len(row) - 1}: quote a pattern that holds a comma",
            "cue-table",
            line=i,
        )
        for i, row in enumerate(rows, start=2)
        if None in row
    ]
    if problems:
        raise DataError(problems)
    return rows


_UNBOUNDED = 10_000
_REGEX_SYNTAX = re.compile(r"[\\.^$*+?{}\[\]()|]")


def _cue_set(entries: list[tuple[Cue, str]]) -> CueSet:
    alternatives: list[tuple[str, str, Cue]] = []
    for cue, pattern in entries:
        for alt in filter(None, split_alternatives(pattern.strip())):
            alternatives.append((alt, cue_regex_source(alt), cue))
    # Longest first (by the shortest text each can match), so that at one position the
    # longest cue wins: "hòa giải không thành" over "hòa giải".
    alternatives.sort(key=lambda a: tuple(-w for w in sre_parse.parse(a[1]).getwidth()))
    literal: dict[str, Cue] = {}
    patterns: list[tuple[re.Pattern[str], Cue]] = []
    for alt, source, cue in alternatives:
        if _REGEX_SYNTAX.search(alt):
            patterns.append((re.compile(source), cue))
        else:
            for spelling in tone_spellings(lower_same_length(alt)):
                literal.setdefault(spelling, cue)
    sources = tuple(source for _, source, _ in alternatives)
    return CueSet(
        re.compile(cue_set_source(prefix_tree(list(sources)))), literal, tuple(patterns), sources
    )


_ESCAPE_OR_TEXT = re.compile(r"\\.|[^\\]+")


def cue_regex_source(pattern: str) -> str:
    """A cue pattern (written in either tone style, any case) as regex source that matches
    the lower-cased view in both tone styles. Escapes such as `\\W` keep their case."""
    lowered = _ESCAPE_OR_TEXT.sub(
        lambda m: m.group() if m.group().startswith("\\") else lower_same_length(m.group()),
        pattern.strip(),
    )
    return tone_variants(lowered)


def cue_set_source(alternation: str) -> str:
    """The regex source finding every cue of an alternation: the lookahead makes matches
    empty, so overlapping cues are all found; group 1 holds the cue's words."""
    return r"(?<!\w)(?=(" + alternation + r")(?!\w))"


def _check_pattern(path: Path, line: int, pattern: str, problems: list[Problem]) -> bool:
    try:
        compiled = re.compile(cue_regex_source(pattern))
    except re.error as exc:
        problems.append(
            Problem(str(path), f"bad pattern {pattern!r}: {exc}", "cue-table", line=line)
        )
        return False
    if compiled.groupindex:
        problems.append(
            Problem(
                str(path), "named groups are not allowed in cue patterns", "cue-table", line=line
            )
        )
        return False
    return True


def _unit_groups(units: list[tuple[str, str]], lower: bool = False) -> str:
    """The unit words as one alternation of named groups (`u_<unit>`), `%` left out."""
    return "|".join(
        f"(?P<u_{name}>{tone_variants(lower_same_length(pattern) if lower else pattern)})"
        for name, pattern in units
        if pattern != "%"
    )


def _candidate_pattern(units: list[tuple[str, str]]) -> re.Pattern[str]:
    source = (
        rf"(?P<num>{NUMBER})"
        rf"(?:{SPACE}*/{SPACE}*(?P<whole>{NUMBER_BODY})"
        rf"|{SPACE}+trên{SPACE}+(?:tổng{SPACE}+số{SPACE}+)?(?P<whole2>{NUMBER_BODY}))?"
        rf"(?:{SPACE}+(?P<mult>{MULTIPLIER})(?!\w))?"
        rf"(?:{SPACE}*(?P<u_percent>%)|{SPACE}+(?i:{_unit_groups(units)})(?!\w))"
    )
    return re.compile(source)


def _worded_pattern(units: list[tuple[str, str]]) -> re.Pattern[str]:
    """A number written in words before its unit ("tổ chức hai hội nghị", "hơn một triệu yêu
    cầu"), with the candidate pattern's groups (the part/whole ones never match)."""
    source = (
        rf"(?<!\w)(?P<num>(?i:{WORD_NUMBER}))(?P<whole>(?!))?(?P<whole2>(?!))?"
        rf"(?:{SPACE}+(?P<mult>{MULTIPLIER})(?!\w))?"
        rf"{SPACE}+(?i:{_unit_groups(units)})(?!\w)"
    )
    return re.compile(source)


# Between a label's unit and its number: the label's words, then "là", "đạt" or a colon.
_LABEL_GAP = r"[^\d;.!?\n:]{0,60}?(?:\s(?:là|đạt|có)|\s*:)\s*"


def _labelled_pattern(units: list[tuple[str, str]]) -> re.Pattern[str]:
    """A count whose unit heads a label before it, as flattened tables and reports write it:
    "số vụ việc hòa giải thành là 712", "Số cuộc tuyên truyền: 1.234". Matched on the view."""
    source = (
        rf"số(?<!\wsố){SPACE}+(?P<label>(?:{_unit_groups(units, lower=True)})(?!\w){_LABEL_GAP})"
        rf"(?P<num>{NUMBER})(?:{SPACE}*/{SPACE}*(?P<whole>{NUMBER_BODY}))?"
        rf"(?:{SPACE}+(?P<mult>{MULTIPLIER})(?!\w))?(?!{SPACE}*%)"
    )
    return re.compile(source)


def _unit_word_pattern(units: list[tuple[str, str]]) -> re.Pattern[str]:
    """A unit word (after a multiplier: "nghìn lượt người") as the candidate pattern reads it."""
    source = (
        rf"(?:(?P<mult>{MULTIPLIER})(?!\w){SPACE}+)?"
        rf"(?:(?P<u_percent>%)|(?i:{_unit_groups(units)})(?!\w))"
    )
    return re.compile(source)


def _label_unit_pattern(units: list[tuple[str, str]]) -> re.Pattern[str]:
    """A label whose unit follows "số" and whose words then run to its end, as the labelled
    pattern reads them before a colon and a number."""
    source = rf"số(?<!\wsố){SPACE}+(?:{_unit_groups(units, lower=True)})(?!\w)[^\d;.!?\n:]{{0,60}}$"
    return re.compile(source)


def _load_from(base: Path) -> CueTables:
    units_path, cues_path, levels_path = (base / f for f in (UNITS_FILE, CUES_FILE, LEVELS_FILE))
    units = [
        (r["unit"].strip(), r["pattern"].strip()) for r in _read(units_path, ("unit", "pattern"))
    ]
    unit_names = {u for u, _ in units}
    problems: list[Problem] = []
    cue_rows: dict[tuple[str, str], list[tuple[Cue, str]]] = {}
    for i, r in enumerate(_read(cues_path, ("indicator", "units", "side", "pattern")), start=2):
        names = {u.strip() for u in r["units"].split("|") if u.strip()}
        side = r["side"].strip()
        unknown = sorted(names - unit_names)
        if unknown or side not in SIDES or not names:
            what = (
                f"unknown units {unknown}"
                if unknown or not names
                else f"side must be one of {SIDES}"
            )
            problems.append(Problem(str(cues_path), what, "cue-table", line=i))
            continue
        if not _check_pattern(cues_path, i, r["pattern"], problems):
            continue
        cue = Cue(r["indicator"].strip(), side, i)
        for unit in sorted(names):
            cue_rows.setdefault((unit, side), []).append((cue, r["pattern"]))
    level_rows: dict[str, list[tuple[Cue, str]]] = {}
    for i, r in enumerate(_read(levels_path, ("level", "side", "pattern")), start=2):
        side = r["side"].strip()
        if side not in SIDES:
            problems.append(
                Problem(str(levels_path), f"side must be one of {SIDES}", "cue-table", line=i)
            )
            continue
        if _check_pattern(levels_path, i, r["pattern"], problems):
            level_rows.setdefault(side, []).append((Cue(r["level"].strip(), side, i), r["pattern"]))
    words = _word_lists(base / WORDS_FILE, problems)
    scope_rows = _scope_rows(base / SCOPE_FILE, problems)
    periods = None
    try:
        periods = compile_period_words(base / PERIODS_FILE)
    except DataError as error:
        problems.extend(error.problems)
    if problems:
        raise DataError(problems)
    cues = {k: _cue_set(v) for k, v in cue_rows.items()}
    wholes, documents = catalog_links(base / CATALOG_FILE)
    return CueTables(
        candidate=_candidate_pattern(units),
        units=tuple(u for u, _ in units),
        cues=cues,
        levels={k: _cue_set(v) for k, v in level_rows.items()},
        labelled=_labelled_pattern(units),
        worded=_worded_pattern(units),
        unit_word=_unit_word_pattern(units),
        label_unit=_label_unit_pattern(units),
        wholes=wholes,
        documents=documents,
        by_unit={u: tuple(cues.get((u, side)) for side in SIDES) for u, _ in units},
        words=words,
        periods=periods,
        scopes={side: _cue_set(rows) for side, rows in scope_rows.items()},
    )


def _scope_rows(path: Path, problems: list[Problem]) -> dict[str, list[tuple[Cue, str]]]:
    """extract_scope.csv's rows by side, each a Cue saying "<scope>:<kind>"."""
    rows: dict[str, list[tuple[Cue, str]]] = {}
    columns = ("scope", "kind", "side", "pattern")
    for i, r in enumerate(_read(path, columns), start=2):
        scope, kind, side = (r[c].strip() for c in columns[:3])
        if scope not in ("total", "part") or side not in SCOPE_SIDES or not kind:
            what = f"scope must be total or part, side one of {SCOPE_SIDES}, kind given"
            problems.append(Problem(str(path), what, "cue-table", line=i))
        elif _check_pattern(path, i, r["pattern"], problems):
            rows.setdefault(side, []).append((Cue(f"{scope}:{kind}", side, i), r["pattern"]))
    return rows


@lru_cache(maxsize=4)
def _load(folder: str, versions: tuple[int, ...]) -> CueTables:
    return _load_from(Path(folder))


@lru_cache(maxsize=4)
def _table_paths(data_dir_setting: str | None) -> tuple[str, tuple[str, ...]]:
    base = reference_dir()
    names = (UNITS_FILE, CUES_FILE, LEVELS_FILE, CATALOG_FILE, WORDS_FILE, SCOPE_FILE, PERIODS_FILE)
    return str(base), tuple(str(base / name) for name in names)


# The table files are looked at again at most this often: an edit takes effect within it, and a
# corpus of short articles does not pay four `stat` calls for each.
RECHECK_SECONDS = 1.0
_last_check: dict[str | None, tuple[float, CueTables]] = {}


def load_cue_tables() -> CueTables:
    """The compiled cue tables of the reference folder in force, cached per folder and
    reloaded when a table file changes (an analyst's edit takes effect in a running session,
    within RECHECK_SECONDS)."""
    setting = os.environ.get(DATA_DIR_ENV)
    now = time.monotonic()
    checked = _last_check.get(setting)
    if checked is not None and now - checked[0] < RECHECK_SECONDS:
        return checked[1]
    folder, paths = _table_paths(setting)
    versions = []
    for path in paths:
        try:
            versions.append(os.stat(path).st_mtime_ns)
        except OSError:
            versions.append(-1)
    tables = _load(folder, tuple(versions))
    _last_check[setting] = (now, tables)
    return tables
