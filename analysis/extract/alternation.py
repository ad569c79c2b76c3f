"""An ordered regex alternation rewritten as a prefix tree the regex engine runs fast.

`re` tries the alternatives of `a|b|c` one after another at every position; with a hundred cue
phrases that is a hundred tries at each word. Alternatives that start with different
characters can never match at the same position, so they may be grouped by their first
character and the shared first character factored out (`thẩm định|tham gia|hòa giải` ->
`th(?:ẩm định|am gia)|hòa giải`): the engine then rejects a position after one comparison per
distinct first character. The rewrite keeps the order in which the engine meets the matches,
so it finds exactly what the plain alternation finds:

- alternatives are only moved past others that start with a different literal character;
- a leading group is spread over the rest of its alternative first (`(?:được |đã )?thẩm định`
  -> `được thẩm định|đã thẩm định|thẩm định`), which is the order `re` tries them in;
- an alternative whose first character is not a plain literal (a class, a lookaround, an
  escape) stays where it is, and nothing moves across it.
"""

from __future__ import annotations

from collections.abc import Iterator

_SPECIAL = set("\\.^$*+?{}[]()|")
_QUANTIFIERS = set("*+?{")
# Spreading a leading group stops at this many alternatives (the pattern is kept as written).
MAX_SPREAD = 64


def _structure(source: str) -> Iterator[tuple[int, str, int]]:
    """(index, character, group depth after it) of each character of `source` that is neither
    escaped nor inside a character class."""
    depth, in_class, escaped = 0, False, False
    for i, ch in enumerate(source):
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif in_class:
            in_class = ch != "]" or source[i - 1] == "["
        elif ch == "[":
            in_class = True
        else:
            depth += (ch == "(") - (ch == ")")
            yield i, ch, depth


def split_alternatives(source: str) -> list[str]:
    """`source` split at its top-level `|` (empty alternatives kept)."""
    cuts = [i for i, ch, depth in _structure(source) if ch == "|" and depth == 0]
    bounds = zip([-1, *cuts], [*cuts, len(source)], strict=True)
    return [source[start + 1 : end] for start, end in bounds]


def _group_end(source: str) -> int:
    """The index of the `)` closing the group that opens `source`, or -1."""
    return next((i for i, ch, depth in _structure(source) if ch == ")" and depth == 0), -1)


def _spread(source: str) -> list[str]:
    """`source` as alternatives that start with a literal where a leading non-capturing group
    (plain or greedy-optional) can be spread over the rest, in the order `re` tries them."""
    if not source.startswith("(?:"):
        return [source]
    end = _group_end(source)
    if end < 0:
        return [source]
    body, rest = source[3:end], source[end + 1 :]
    optional = rest.startswith("?") and not rest.startswith(("??", "?+"))
    if optional:
        rest = rest[1:]
    elif rest[:1] in _QUANTIFIERS:
        return [source]
    spread = [a + rest for a in split_alternatives(body)]
    if optional:
        spread.append(rest)
    out: list[str] = []
    for alternative in spread:
        out.extend(_spread(alternative))
        if len(out) > MAX_SPREAD:
            return [source]
    return out


def _first_literal(source: str) -> str | None:
    """The plain character `source` must start with, or None (a class, group, escape, ...)."""
    if not source or source[0] in _SPECIAL or source[1:2] in _QUANTIFIERS:
        return None
    return source[0]


def prefix_tree(alternatives: list[str]) -> str:
    """Regex source equivalent to `(?:a|b|...)` over the ordered `alternatives`, as a tree."""
    items: list[str] = []
    for alternative in alternatives:
        items.extend(_spread(alternative))
    return _tree(items)


def _tree(items: list[str]) -> str:
    out: list[str] = []
    run: dict[str, list[str]] = {}  # first char -> the rests, in order, of the current run
    for item in items:
        first = _first_literal(item)
        if first is None:
            out.extend(_flush(run))
            run = {}
            out.append(item)
        else:
            run.setdefault(first, []).append(item[1:])
    out.extend(_flush(run))
    return out[0] if len(out) == 1 and _is_atom(out[0]) else "(?:" + "|".join(out) + ")"


def _flush(run: dict[str, list[str]]) -> list[str]:
    out = []
    for first, rests in run.items():
        if len(rests) == 1:
            out.append(first + rests[0])
        else:
            out.append(first + _tree([r for rest in rests for r in _spread(rest)]))
    return out


def _is_atom(source: str) -> bool:
    """Whether `source` needs no group to be followed by more pattern inside an alternation:
    it has no top-level `|`."""
    return len(split_alternatives(source)) == 1
