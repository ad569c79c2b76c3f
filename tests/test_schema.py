"""Each table is declared once (analysis.schema): an allowed value added there is accepted by the
loader, listed in the data dictionary and named in the message for a wrong value; rule names are
constants; reference tables and the source registry are kept by content, so an edit is seen by
a running kernel; docs/tables.md's dictionary is the declarations'."""

from __future__ import annotations

import ast
import dataclasses
import shutil
from pathlib import Path

import pytest
from conftest import read_rows, write_rows

import analysis
from analysis.errors import DataError
from analysis.paths import reference_dir
from analysis.records.cache import CACHE_DIR_ENV
from analysis.records.export import data_dictionary
from analysis.records.load import load_records
from analysis.reference import load_catalog, load_provinces
from analysis.schema import dictionary
from analysis.schema.fields import FIELDS
from analysis.schema.read import check_text, read_text
from analysis.schema.rules import Rule
from analysis.schema.tables import TABLES
from analysis.sources.registry import load_sources

ALL = ("reviewed", "candidate", "rejected")
PACKAGE = Path(analysis.__file__).parent


def test_an_allowed_value_added_in_one_place_is_accepted_listed_and_named(data_copy, monkeypatch):
    monkeypatch.setenv(CACHE_DIR_ENV, "off")
    field = FIELDS["qualifier"]
    monkeypatch.setitem(
        FIELDS, "qualifier", dataclasses.replace(field, values=(*field.values, "about"))
    )
    path = data_copy / "records" / "records.csv"
    rows = read_rows(path)
    rows[0]["qualifier"] = "about"
    write_rows(path, rows)

    loaded = load_records(ALL).set_index("record_id")
    assert loaded.at[rows[0]["record_id"], "qualifier"] == "about"
    assert list(loaded["qualifier"].cat.categories) == [*field.values, "about"]
    listed = data_dictionary({"records": loaded.reset_index()}).set_index("name")
    assert listed.at["qualifier", "allowed_values"] == "exact, at_least, approx, at_most, about"
    assert "| qualifier | category |  | exact, at_least, approx, at_most, about |" in (
        dictionary.markdown()
    )

    rows[1]["qualifier"] = "roughly"
    write_rows(path, rows)
    with pytest.raises(DataError) as caught:
        load_records(ALL)
    assert [str(p) for p in caught.value.problems] == [
        f"{path}:3: record {rows[1]['record_id']}: qualifier 'roughly' is not one of exact, "
        "at_least, approx, at_most, about [bad-qualifier]"
    ]


def test_rule_names_are_distinct_constants_and_bad_type_is_gone():
    values = [member.value for member in Rule.__members__.values()]  # aliases included
    assert len(values) == len(set(values)), "two Rule names share a value"
    assert "bad-type" not in values
    assert {Rule.WRONG_DTYPE, Rule.BAD_PROVINCE_TYPE} <= set(Rule)


def _bare_rule_names(folder: Path) -> list[str]:
    """`file:line "rule"` for each string literal spelling a rule name outside rules.py."""
    names = {r.value for r in Rule}
    found = []
    for path in sorted(folder.rglob("*.py")):
        if path.name == "rules.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and node.value in names:
                found.append(f"{path.relative_to(PACKAGE.parent)}:{node.lineno} {node.value!r}")
    return found


@pytest.mark.parametrize(
    "stage", ["schema", "records", "sources", "reference.py", "fileio.py", "guard.py"]
)
def test_problems_name_their_rule_by_its_constant(stage):
    where = PACKAGE / stage
    found = (
        _bare_rule_names(where)
        if where.is_dir()
        else [f for f in _bare_rule_names(PACKAGE) if f.startswith(f"analysis/{stage}:")]
    )
    assert not found, "write Rule.<NAME>, not the rule's text:\n" + "\n".join(found)


def test_every_table_column_is_declared_with_a_type_and_a_meaning():
    for table in TABLES.values():
        for name in table.columns:
            f = table.field(name)
            assert f.dtype and f.description, f"{table.name}.{name} lacks a type or a meaning"


def test_the_data_dictionary_in_the_docs_is_the_declarations():
    doc = dictionary.DOC.read_text(encoding="utf-8")
    assert dictionary.current(doc) == dictionary.markdown(), (
        "docs/tables.md differs from the declarations: run "
        "`python -m analysis.schema.dictionary --write`"
    )


def _copy_reference(tmp_path: Path) -> Path:
    folder = tmp_path / "reference"
    shutil.copytree(reference_dir(), folder)
    return folder


def test_an_edited_reference_table_is_read_again(tmp_path):
    folder = _copy_reference(tmp_path)
    first = load_provinces(folder)
    first.loc[0, "population_2019"] = -1  # a copy: the kept table is not changed
    assert load_provinces(folder).loc[0, "population_2019"] > 0

    path = folder / "provinces.csv"
    lines = path.read_text(encoding="utf-8").split("\n")
    cells = lines[1].split(",")
    at = lines[0].split(",").index("population_2019")
    cells[at] = str(int(cells[at]) + 1)
    path.write_text("\n".join([lines[0], ",".join(cells), *lines[2:]]), encoding="utf-8")
    assert load_provinces(folder).loc[0, "population_2019"] == int(cells[at])


def test_an_edited_catalog_is_checked_again(tmp_path):
    folder = _copy_reference(tmp_path)
    assert len(load_catalog(folder))
    path = folder / "indicators.csv"
    lines = path.read_text(encoding="utf-8").split("\n")
    path.write_text("\n".join([lines[0], lines[1], *lines[1:]]), encoding="utf-8")
    with pytest.raises(DataError, match=r"listed again \(first on line 2\)"):
        load_catalog(folder)


def test_an_edited_source_registry_is_read_again(cited_data):
    path = cited_data / "sources.csv"
    rows = read_rows(path)
    before = load_sources().set_index("source_id")
    assert before.at[rows[0]["source_id"], "title"] == rows[0]["title"]
    rows[0]["title"] = "Another title"
    write_rows(path, rows)
    assert load_sources().set_index("source_id").at[rows[0]["source_id"], "title"] == (
        "Another title"
    )


@pytest.mark.parametrize(
    "table",
    [t for t in TABLES.values() if t.name.startswith("extract_") or t.name == "province_aliases"],
    ids=lambda t: t.name,
)
def test_the_extractors_tables_hold_their_declarations(table):
    """The extractor reads and checks its rule tables itself; their declarations (what the
    data dictionary says of them) must still be what the files hold."""
    path = reference_dir() / Path(table.path).name
    read = read_text(path.read_bytes(), str(path), table)
    if not read.problems:
        check_text(read, str(path), table, {})
    assert not read.problems, "\n".join(map(str, read.problems))
