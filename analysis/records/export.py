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


# Headers of the dictionary sheet for a Vietnamese reader (its columns are not data fields).
DICTIONARY_LABELS_VI = {
    "table": "Bảng",
    "name": "Tên cột",
    "type": "Kiểu",
    "unit": "Đơn vị",
    "description": "Mô tả",
    "allowed_values": "Giá trị cho phép",
}
INDICATOR_COLUMNS = ["code", "name_vi", "name_en", "unit_vi", "unit", "domain"]
DATE_FORMAT = "DD/MM/YYYY"


def _labels_vi(table: str, columns: Iterable[str], names_vi: dict[str, str]) -> list[str]:
    """A Vietnamese name for each column: the field's, an indicator's from the catalog (a wide
    table's columns), or the code itself where the project has none."""
    labels = []
    for name in columns:
        code = name.split("[")[0].removesuffix(QUALIFIER_SUFFIX)
        if table == "dictionary":
            labels.append(DICTIONARY_LABELS_VI.get(name, name))
        elif name == "indicator_vi":
            labels.append("Tên chỉ tiêu")
        elif table == "wide" and code in names_vi:
            tier = name[len(code) :].split("]")[0].lstrip("[")
            label = names_vi[code] + (f" (cấp {tier})" if tier else "")
            labels.append(label + (" — dấu" if name.endswith(QUALIFIER_SUFFIX) else ""))
        elif name in FIELDS and FIELDS[name].label_vi:
            labels.append(FIELDS[name].label_vi)
        else:
            labels.append(name)
    return labels


def workbook_tables(tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """The sheets of the workbook: the tables, the records with each indicator's Vietnamese
    name beside its code, and the indicator catalog (codes, Vietnamese and English names, units)."""
    catalog = load_catalog()
    names_vi = dict(zip(catalog["code"].astype(str), catalog["name_vi"].astype(str), strict=True))
    sheets = dict(tables)
    records = tables.get("records")
    if records is not None and "indicator" in records.columns:
        where = records.columns.get_loc("indicator") + 1
        records = records.copy()
        records.insert(where, "indicator_vi", records["indicator"].astype(str).map(names_vi))
        sheets["records"] = records
    sheets["indicators"] = catalog[INDICATOR_COLUMNS].astype(str).reset_index(drop=True)
    return sheets


def write_xlsx(tables: dict[str, pd.DataFrame], folder: Path) -> list[Path]:
    """One workbook, a sheet per table and one of the indicators: a Vietnamese header row above
    the codes (read back with `pandas.read_excel(path, sheet_name=..., header=1)`), both frozen,
    filters on, dates as date cells, formula-like text as text."""
    from openpyxl import Workbook  # only here: the other formats need not load it
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    catalog = load_catalog()
    names_vi = dict(zip(catalog["code"].astype(str), catalog["name_vi"].astype(str), strict=True))
    book = Workbook()
    book.remove(book.active)
    for name, frame in workbook_tables(tables).items():
        sheet = book.create_sheet(name)
        labels = _labels_vi(name, frame.columns, names_vi)
        sheet.append([spreadsheet_safe(label) for label in labels])
        sheet.append([spreadsheet_safe(str(c)) for c in frame.columns])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for cell in sheet[2]:
            cell.font = Font(italic=True, color="666666")
        for values in frame.astype(object).itertuples(index=False):
            sheet.append([_cell(v) for v in values])
        dates = {
            i
            for i, c in enumerate(frame.columns, 1)
            if pd.api.types.is_datetime64_any_dtype(frame[c])
        }
        for row in sheet.iter_rows(min_row=3):
            for cell in row:
                text = cell.value
                if cell.column in dates and text is not None:
                    cell.number_format = DATE_FORMAT
                elif isinstance(text, str) and (
                    cell.data_type == "f" or formula_safe(text) != text
                ):
                    cell.data_type = "s"  # stored as a string, never evaluated
                    cell.quotePrefix = True  # and kept as text if someone edits it
        sheet.freeze_panes = "A3"
        sheet.auto_filter.ref = f"A2:{get_column_letter(max(len(frame.columns), 1))}{sheet.max_row}"
        for i, column in enumerate(frame.columns, start=1):
            sample = [len(str(column)), len(labels[i - 1])]
            sample += [len(str(v)) for v in frame[column].head(200)]
            sheet.column_dimensions[get_column_letter(i)].width = min(max(sample) + 2, MAX_WIDTH)
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
    fmt = fmt.lower()
    if fmt not in WRITERS:
        raise ValueError(f"unknown format {fmt!r}: choose from {', '.join(FORMATS)}")
    check_output_folder(folder, output_names(fmt), "export")
    tables = export_tables(status)
    folder.mkdir(parents=True, exist_ok=True)
    return WRITERS[fmt](tables, folder)
