"""The prefix tree of an alternation finds exactly what the plain alternation finds: the same
matches at the same places, with the same words, in the order the regex engine meets them."""

from __future__ import annotations

import random
import re

import pytest

from analysis.extract.alternation import prefix_tree, split_alternatives
from analysis.extract.cues import cue_set_source, load_cue_tables
from analysis.paths import PROJECT_ROOT, articles_dir
from analysis.sources.articles import article_paths, read_article


def _found(source: str, text: str) -> list[tuple[int, str]]:
    """Overlapping matches, each the first alternative that ends a word, as cue sets find them."""
    return [(m.start(), m.group(1)) for m in re.finditer(cue_set_source(source), text)]


def test_shared_first_letters_are_factored_out() -> None:
    tree = prefix_tree(["thẩm định", "tham gia", "hòa giải"])
    assert tree == "(?:th(?:ẩm định|am gia)|hòa giải)"


def test_a_leading_optional_group_is_spread_in_the_engine_order() -> None:
    tree = prefix_tree(["(?:được |đã )?thẩm định"])
    assert tree == "(?:đ(?:ược thẩm định|ã thẩm định)|thẩm định)"


def test_an_alternative_not_starting_with_a_letter_stays_in_place() -> None:
    alternatives = ["tăng", r"[^.;\d]{0,5}?dự", "tham dự"]
    tree = prefix_tree(alternatives)
    assert tree.index("tăng") < tree.index("[^.;") < tree.index("tham dự"), tree


def test_split_keeps_groups_and_classes_whole() -> None:
    assert split_alternatives(r"a(?:b|c)|[|x]|d\|e") == ["a(?:b|c)", "[|x]", r"d\|e"]


@pytest.mark.parametrize("seed", range(40))
def test_random_alternations_match_the_same(seed: int) -> None:
    rng = random.Random(seed)
    letters = "abcà "

    def word() -> str:
        return "".join(rng.choice(letters) for _ in range(rng.randint(1, 4))).strip() or "a"

    alternatives = []
    for _ in range(rng.randint(2, 12)):
        shape = rng.random()
        if shape < 0.2:
            alternatives.append(f"(?:{word()}|{word()})?{word()}")
        elif shape < 0.3:
            alternatives.append(f"{word()}(?! {word()})")
        elif shape < 0.35:
            alternatives.append(f"[bc]{word()}")
        else:
            alternatives.append(word())
    plain = "(?:" + "|".join(alternatives) + ")"
    tree = prefix_tree(alternatives)
    for _ in range(20):
        text = "".join(rng.choice(letters + ".,") for _ in range(60))
        assert _found(tree, text) == _found(plain, text), (alternatives, tree, text)


def test_the_cue_tables_find_the_same_cues_as_plain_alternations() -> None:
    """Every compiled cue set against its plain alternation, over every article we have."""
    texts = [
        read_article(p).text.lower()
        for folder in (articles_dir(), PROJECT_ROOT / "tests" / "articles")
        for p in article_paths(folder)
    ]
    tables = load_cue_tables()
    sets = {**tables.cues, **{("level", side): s for side, s in tables.levels.items()}}
    assert len(sets) >= 20, sorted(sets)
    for key, cue_set in sets.items():
        plain = re.compile(cue_set_source("(?:" + "|".join(cue_set.sources) + ")"))
        for text in texts:
            tree_found = [(m.start(), m.group(1)) for m in cue_set.regex.finditer(text)]
            plain_found = [(m.start(), m.group(1)) for m in plain.finditer(text)]
            assert tree_found == plain_found, f"cue set {key} differs from its alternation"
