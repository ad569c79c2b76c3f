"""`python -m analysis export`: the data as files for people who work in spreadsheets or in R.

Four tables: the tidy records (one row per figure), the wide table (one row per place and
period), the sources, and a data dictionary generated from the field registry
(`analysis.schema.fields.FIELDS`) and the indicator catalog. CSV files are UTF-8 with a byte
order mark: Excel on Windows reads a CSV without one in the ANSI code page and garbles every
Vietnamese letter (`Lạng Sơn` → `Láº¡ng SÆ¡n`), while pandas, R and LibreOffice all skip the mark.
Text that a spreadsheet would run as a formula is written as text (`analysis.fileio.formula_safe`).
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable
from pathlib import Path

import pandas as pd

from analysis.fileio import atomic_output, atomic_write_bytes, formula_safe
from analysis.guard import check_output_folder
from analysis.records.load import load_records
from analysis.records.wide import QUALIFIER_SUFFIX, to_wide
from analysis.reference import load_catalog, reference_lists
from analysis.schema.cells import spreadsheet_safe
from analysis.schema.fields import FIELDS
from analysis.sources.articles import load_articles
from analysis.sources.registry import load_sources, registry_path

FORMATS = ("csv", "xlsx", "parquet")
TABLES = ("records", "wide", "sources", "dictionary")
WORKBOOK = "vn-justice-stats.xlsx"
DICTIONARY_COLUMNS = ["table", "name", "type", "unit", "description", "allowed_values"]
# Columns of the sources that only make sense on the machine that exported them.
LOCAL_COLUMNS = ("path",)
MAX_WIDTH = 60


def sources_table() -> pd.DataFrame:
    """The sources the records cite: the source registry (`data/sources.csv`) where the data
    folder has one and the package reads it, else the articles and their front matter."""
    if registry_path().exists():
        return load_sources()
    return load_articles().drop(columns=list(LOCAL_COLUMNS), errors="ignore")


def _indicator_row(name: str, catalog: pd.DataFrame) -> tuple[str, str, str]:
    """unit, description, allowed values of a wide column named after an indicator."""
    code, _, level = name.partition("[")
    if name.endswith(QUALIFIER_SUFFIX):
        base = name.removesuffix(QUALIFIER_SUFFIX)
        return "", f"qualifier of {base}: is the cell a bound?", FIELDS["qualifier"].allowed_text()
    entry = catalog.set_index(catalog["code"].astype(str)).loc[code]
    tier = f" (documents of the {level.rstrip(']')} tier)" if level else ""
    allowed = "0-100" if entry["unit"] == "percent" else "≥ 0"
    return str(entry["unit_vi"]), f"{entry['name_en']}{tier}", allowed


def data_dictionary(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """One row per column of each table: its type as exported, unit, meaning and allowed values.

    Columns come from the field registry; the wide table's indicator columns from the catalog.
    """
    catalog = load_catalog()
    codes = set(catalog["code"].astype(str))
    lists = reference_lists()
    rows = []
    for table, frame in tables.items():
        for name in frame.columns:
            kind = str(frame[name].dtype)
            if name.split("[")[0].removesuffix(QUALIFIER_SUFFIX) in codes and table == "wide":
                unit, description, allowed = _indicator_row(name, catalog)
            elif name in FIELDS:
                field = FIELDS[name]
                unit, description = field.unit, field.description
                allowed = field.allowed_text(lists)
            else:
                unit, description, allowed = "", "(not in the field registry)", ""
            rows.append([table, name, kind, unit, description, allowed])
    return pd.DataFrame(rows, columns=DICTIONARY_COLUMNS)


def export_tables(status: Iterable[str] = ("reviewed",)) -> dict[str, pd.DataFrame]:
    """The four exported tables, by name; DataError lists every data problem at once."""
    records = load_records(tuple(status))
    tables = {"records": records, "wide": to_wide(records), "sources": sources_table()}
    tables["dictionary"] = data_dictionary(tables)
    return tables


def _text_cells(frame: pd.DataFrame, protect: Callable[[str], str]) -> pd.DataFrame:
    """Every text or category cell through `protect`; numbers, dates and booleans untouched."""
    out = frame.copy()
    for name in out.columns:
        column = out[name]
        if isinstance(column.dtype, pd.CategoricalDtype):
            cats = column.cat.categories
            if pd.api.types.is_string_dtype(cats.dtype) or cats.dtype == object:
                out[name] = column.cat.rename_categories([protect(str(c)) for c in cats])
        elif pd.api.types.is_string_dtype(column.dtype) or column.dtype == object:
            out[name] = column.map(lambda v: protect(v) if isinstance(v, str) else v)
    return out


def write_csv(tables: dict[str, pd.DataFrame], folder: Path) -> list[Path]:
    """One UTF-8 CSV with BOM per table, formula-like text quoted as text."""
    paths = []
    for name, frame in tables.items():
        path = folder / f"{name}.csv"
        with atomic_output(path) as fh:
            fh.write("\ufeff")
            _text_cells(frame, formula_safe).to_csv(fh, index=False, lineterminator="\n")
        paths.append(path)
    return paths


def write_parquet(tables: dict[str, pd.DataFrame], folder: Path) -> list[Path]:
    """One Parquet file per table, dtypes kept (categoricals, nullable numbers, dates)."""
    paths = []
    for name, frame in tables.items():
        buffer = io.BytesIO()
        _text_categories(frame).to_parquet(buffer, index=False, engine="pyarrow")
        path = folder / f"{name}.parquet"
        atomic_write_bytes(path, buffer.getvalue())
        paths.append(path)
    return paths


def _text_categories(frame: pd.DataFrame) -> pd.DataFrame:
    """A category column with no categories at all (e.g. `extracted_*` where nothing was
    reviewed) given text ones, so that Parquet stores it as a category of text, not of nulls."""
    empty = [
        c
        for c in frame.columns
        if isinstance(frame[c].dtype, pd.CategoricalDtype) and len(frame[c].cat.categories) == 0
    ]
    if not empty:
        return frame
    return frame.assign(
        **{
            c: pd.Categorical.from_codes(
                frame[c].cat.codes, categories=pd.Index([], dtype="string")
            )
            for c in empty
        }
    )


def _cell(value: object) -> object:
    """A value as a worksheet cell takes it: text with its control characters shown as signs
    (`analysis.schema.cells.spreadsheet_safe`: openpyxl refuses them, and validate names them
    in the files people write, but a title or an outlet may still carry one)."""
    if isinstance(value, str):
        return spreadsheet_safe(value)
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and value != value:
        return None
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return value


def write_xlsx(tables: dict[str, pd.DataFrame], folder: Path) -> list[Path]:
    """One workbook, a sheet per table: header frozen, filters on, formula-like text as text."""
    from openpyxl import Workbook  # only here: the other formats need not load it
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    book.remove(book.active)
    for name, frame in tables.items():
        sheet = book.create_sheet(name)
        sheet.append([spreadsheet_safe(str(c)) for c in frame.columns])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for values in frame.astype(object).itertuples(index=False):
            sheet.append([_cell(v) for v in values])
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                text = cell.value
                if isinstance(text, str) and (cell.data_type == "f" or formula_safe(text) != text):
                    cell.data_type = "s"  # stored as a string, never evaluated
                    cell.quotePrefix = True  # and kept as text if someone edits it
        sheet.freeze_panes = "A2"
        sheet.auto_filter.ref = sheet.dimensions
        for i, column in enumerate(frame.columns, start=1):
            longest = max([len(str(column)), *(len(str(v)) for v in frame[column].head(200))])
            sheet.column_dimensions[get_column_letter(i)].width = min(longest + 2, MAX_WIDTH)
    buffer = io.BytesIO()
    book.save(buffer)
    path = folder / WORKBOOK
    atomic_write_bytes(path, buffer.getvalue())
    return [path]


WRITERS = {"csv": write_csv, "xlsx": write_xlsx, "parquet": write_parquet}


def output_names(fmt: str) -> list[str]:
    """The names of the files `export` writes in `fmt`, for the guard to check first."""
    if fmt == "xlsx":
        return [WORKBOOK]
    return [f"{table}.{fmt}" for table in TABLES]


def export(fmt: str, folder: Path, status: Iterable[str] = ("reviewed",)) -> list[Path]:
    """Write the four tables in `fmt` into `folder` (created if needed); the paths written."""
    if fmt not in WRITERS:
        raise ValueError(f"unknown format {fmt!r}: choose from {', '.join(FORMATS)}")
    check_output_folder(folder, output_names(fmt), "export")
    tables = export_tables(status)
    folder.mkdir(parents=True, exist_ok=True)
    return WRITERS[fmt](tables, folder)
