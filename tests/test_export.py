"""`python -m analysis export`: the tables as CSV, Excel and Parquet, readable and safe to open."""

from __future__ import annotations

import csv

import pandas as pd
import pytest
from conftest import read_rows, run_cli, write_rows
from openpyxl import load_workbook

from analysis.fileio import formula_safe
from analysis.records.export import TABLES, WORKBOOK, export, export_tables

HYPERLINK = '=HYPERLINK("http://x")'


@pytest.fixture
def data(data_copy):
    """The data copy with a reviewer's note that a spreadsheet would run as a formula."""
    path = data_copy / "records" / "records.csv"
    rows = read_rows(path)
    rows[0]["note"] = HYPERLINK
    rows[1]["note"] = "-5"
    rows[2]["note"] = "+ thêm 3 bản @Sở"
    write_rows(path, rows)
    return data_copy


def _plain(value: object) -> object:
    """A cell as a spreadsheet holds it: missing or empty text → None, numbers as float, dates
    as Timestamps (a spreadsheet has no empty text apart from an empty cell)."""
    if value is None or value is pd.NA or value is pd.NaT or value == "":
        return None
    if isinstance(value, float) and value != value:
        return None
    if isinstance(value, (bool,)) or type(value).__name__ == "bool_":
        return bool(value)
    if isinstance(value, (int, float)) or hasattr(value, "dtype"):
        return float(value)
    if hasattr(value, "to_pydatetime"):
        return pd.Timestamp(value)
    return value


def _cells(frame: pd.DataFrame) -> list[list[object]]:
    return [[_plain(v) for v in row] for row in frame.astype(object).itertuples(index=False)]


@pytest.mark.parametrize("table", TABLES)
def test_xlsx_round_trips_through_read_excel(data, tmp_path, table):
    export("xlsx", tmp_path)
    expected = export_tables()[table]
    back = pd.read_excel(
        tmp_path / WORKBOOK, sheet_name=table, header=1, keep_default_na=False, na_values=[""]
    ).drop(columns=["indicator_vi"], errors="ignore")  # the records' added Vietnamese name
    assert list(back.columns) == [str(c) for c in expected.columns]
    for got, want in zip(_cells(back), _cells(expected), strict=True):
        assert got == want, f"{table}: read back {got} but wrote {want}"


def test_formula_in_a_note_is_written_as_text(data, tmp_path):
    export("xlsx", tmp_path)
    sheet = load_workbook(tmp_path / WORKBOOK)["records"]
    column = [c.value for c in sheet[2]].index("note") + 1
    cell = sheet.cell(row=3, column=column)
    assert cell.value == HYPERLINK
    assert cell.data_type == "s", "the note would run as a formula"
    assert cell.quotePrefix, "editing the cell in Excel would turn it into a formula"
    notes = pd.read_excel(tmp_path / WORKBOOK, sheet_name="records", header=1)["note"]
    assert notes.iloc[0] == HYPERLINK and notes.iloc[1] == "-5"

    export("csv", tmp_path)
    with (tmp_path / "records.csv").open(encoding="utf-8-sig", newline="") as fh:
        notes = [row["note"] for row in csv.DictReader(fh)]
    assert notes[0] == "'" + HYPERLINK, "CSV cell not marked as text"
    assert "'+ thêm 3 bản @Sở" in notes and "-5" in notes


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        (HYPERLINK, "'" + HYPERLINK),
        ("+84 912", "'+84 912"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("\rcmd", "'\rcmd"),
        ("-5", "-5"),
        ("-2.5e3", "-2.5e3"),
        ("Lạng Sơn", "Lạng Sơn"),
        ("", ""),
    ],
)
def test_formula_safe(cell, expected):
    assert formula_safe(cell) == expected


def test_xlsx_header_frozen_and_filtered(data, tmp_path):
    export("xlsx", tmp_path)
    book = load_workbook(tmp_path / WORKBOOK)
    assert book.sheetnames == [*TABLES, "indicators"]
    for sheet in book.worksheets:
        assert sheet.freeze_panes == "A3", f"{sheet.title}: the two header rows not frozen"
        assert sheet.auto_filter.ref == f"A2:{sheet.dimensions.split(':')[1]}", (
            f"{sheet.title}: no filter on every column under the codes"
        )


def test_xlsx_speaks_vietnamese_and_holds_real_dates(data, tmp_path):
    """A manager's workbook: Vietnamese names above the codes, every indicator named in
    Vietnamese and English with its unit, dates as date cells shown day/month/year."""
    export("XLSX", tmp_path)  # --format is case-insensitive
    book = load_workbook(tmp_path / WORKBOOK)
    records = book["records"]
    header_vi = [c.value for c in records[1]]
    codes = [c.value for c in records[2]]
    assert header_vi[codes.index("value")] == "Giá trị", header_vi
    assert header_vi[codes.index("jurisdiction")] == "Tỉnh, thành phố", header_vi
    untranslated = [c for c, v in zip(codes, header_vi, strict=True) if c == v]
    assert not untranslated, f"records columns without a Vietnamese name: {untranslated}"
    catalog = pd.read_csv(data / "reference" / "indicators.csv")
    indicators = pd.read_excel(tmp_path / WORKBOOK, sheet_name="indicators", header=1)
    assert set(indicators["code"]) == set(catalog["code"]), "an indicator missing from the sheet"
    assert indicators[["name_vi", "name_en", "unit_vi"]].notna().all().all(), indicators
    names = dict(zip(catalog["code"], catalog["name_vi"], strict=True))
    shown = pd.read_excel(tmp_path / WORKBOOK, sheet_name="records", header=1)
    assert (shown["indicator_vi"] == shown["indicator"].map(names)).all(), "wrong Vietnamese name"
    wide_vi = [c.value for c in book["wide"][1]]
    wide_codes = [c.value for c in book["wide"][2]]
    for code, label in zip(wide_codes, wide_vi, strict=True):
        if code in names:
            assert label == names[code], f"wide column {code} headed {label!r}"
    column = codes.index("source_published") + 1
    dated = [r[column - 1] for r in records.iter_rows(min_row=3) if r[column - 1].value]
    assert dated, "no dated record in the fixture"
    for cell in dated:
        assert cell.is_date and cell.number_format == "DD/MM/YYYY", (
            f"{cell.coordinate}: {cell.value!r} shown as {cell.number_format}"
        )


def test_cli_format_is_case_insensitive(data, tmp_path):
    result = run_cli("export", "--format", "XLSX", "-o", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert (tmp_path / WORKBOOK).exists()


def test_parquet_keeps_dtypes(data, tmp_path):
    export("parquet", tmp_path)
    for name, frame in export_tables().items():
        back = pd.read_parquet(tmp_path / f"{name}.parquet")
        # Parquet has no timestamps in seconds: pyarrow stores them in milliseconds, same dates.
        wrote = frame.dtypes.astype(str).str.replace("datetime64[s]", "datetime64[ms]")
        assert dict(back.dtypes.astype(str)) == dict(wrote), name
        same_unit = frame.astype(dict(wrote[wrote != frame.dtypes.astype(str)]))
        pd.testing.assert_frame_equal(back, same_unit, check_categorical=False)


def test_csv_is_utf8_with_a_byte_order_mark(data, tmp_path):
    export("csv", tmp_path)
    raw = (tmp_path / "wide.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "Excel on Windows needs the BOM to read UTF-8"
    assert "Lạng Sơn" in raw.decode("utf-8-sig")
    back = pd.read_csv(tmp_path / "wide.csv", encoding="utf-8")
    assert back.columns[0] == "jurisdiction", "pandas reads the BOM as part of the first header"


def test_dictionary_describes_every_exported_column(data):
    tables = export_tables()
    dictionary = tables["dictionary"]
    for name, frame in tables.items():
        if name == "dictionary":
            continue
        described = dictionary[dictionary["table"] == name].set_index("name")
        assert list(described.index) == list(frame.columns), name
        unknown = described[described["description"] == "(not in the field registry)"]
        assert unknown.empty, (
            f"{name}: columns missing from the field registry: {list(unknown.index)}"
        )
        assert list(described["type"]) == [str(t) for t in frame.dtypes], name
    records = dictionary[dictionary["table"] == "records"].set_index("name")
    assert records.loc["qualifier", "allowed_values"] == "exact, at_least, approx, at_most"
    assert "mediation_success_rate" in records.loc["indicator", "allowed_values"]
    assert records.loc["start", "unit"] == "characters"
    wide = dictionary[dictionary["table"] == "wide"].set_index("name")
    assert wide.loc["mediation_success_rate", "allowed_values"] == "0-100"
    assert wide.loc["mediation_cases", "unit"] == "vụ việc"


def _run_export(data_dir, out):
    return run_cli("export", "--format", "csv", "-o", out, data=data_dir)


def test_cli_writes_the_four_tables(data, tmp_path):
    done = _run_export(data, tmp_path / "out")
    assert done.exit_code == 0, done.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(
        f"{t}.csv" for t in TABLES
    )


def test_cli_lists_every_data_problem_and_writes_nothing(data, tmp_path):
    path = data / "records" / "records.csv"
    rows = read_rows(path)
    rows[0]["indicator"] = "nope"
    rows[1]["period"] = "2020-13"
    write_rows(path, rows)
    done = _run_export(data, tmp_path / "out")
    assert done.exit_code == 1
    assert (
        f"error: {path}:2: record r63fb7d211b88: indicator 'nope' is not in the catalog"
        in done.stderr
    )
    assert f"error: {path}:3: record r7bcabb11d3df: malformed period '2020-13'" in done.stderr
    assert isinstance(done.exception, SystemExit), f"a traceback, not messages: {done.exception!r}"
    assert not (tmp_path / "out").exists()


def test_sources_come_from_the_registry_where_there_is_one(data, monkeypatch):
    from analysis.records import export as export_module

    registry = data / "sources.csv"
    registry.write_text("source_id,outlet\n000_a,Báo Lạng Sơn\n", encoding="utf-8")
    monkeypatch.setattr(export_module, "registry_path", lambda: registry)
    monkeypatch.setattr(
        export_module, "load_sources", lambda: pd.read_csv(registry, dtype="string")
    )
    assert list(export_module.sources_table()["outlet"]) == ["Báo Lạng Sơn"]
    registry.unlink()
    assert "doc_id" in export_module.sources_table().columns, (
        "without a registry the articles are the sources"
    )
