"""Reference tables: the indicator catalog, the provinces before and after the 2025 merger, the
ceilings of counts and the squares of the tile-grid map, each read and checked as declared
(analysis.schema.tables).

Each table is kept for as long as its files' bytes are the same (a hash of them is the key),
so a kernel that loaded them sees an edit of provinces.csv on the next call.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

import pandas as pd

from analysis.contract import NATIONAL
from analysis.errors import DataError
from analysis.fileio import read_bytes
from analysis.paths import reference_dir
from analysis.schema.fields import CATALOG, PROVINCES, PROVINCES_2025
from analysis.schema.read import Read, check_text, read_text
from analysis.schema.rules import Rule
from analysis.schema.table import Table
from analysis.schema.tables import (
    CEILINGS,
    INDICATORS,
    OFFICIAL_INDICATORS,
    PROVINCES_2025_TABLE,
    PROVINCES_TABLE,
    TILE_GRID,
    TILE_GRID_2025,
)

# Resolution 202/2025/QH15: the 34 units govern from this day; earlier periods use the 63.
MERGER_DATE = pd.Timestamp("2025-07-01")
CEILINGS_FILE = "ceilings.csv"
# The tile-grid map's squares (analysis.report.maps): one file per era, reviewed by hand.
GRID_TABLES = {False: TILE_GRID, True: TILE_GRID_2025}
GRID_FILES = {era: Path(t.path).name for era, t in GRID_TABLES.items()}


def _file(table: Table, directory: Path | None) -> Path:
    return (directory or reference_dir()) / Path(table.path).name


def _read(table: Table, directory: Path | None) -> Read:
    """A reference table's cells as text; DataError naming the file when it is missing, cannot
    be read, or its form (encoding, header, rows) is broken."""
    path = _file(table, directory)
    if not path.exists():
        raise DataError.single(str(path), "reference table is missing", Rule.MISSING_FILE)
    read = read_text(read_bytes(path), str(path), table)
    if read.problems:
        raise DataError(read.problems)
    return read


def _checked(table: Table, read: Read, directory: Path | None, ctx: dict) -> pd.DataFrame:
    """The table typed and checked as declared; DataError lists every problem at its line."""
    check_text(read, str(_file(table, directory)), table, ctx)
    if read.problems:
        raise DataError(read.problems)
    return read.frame


def _load(table: Table, directory: Path | None, ctx: dict | None = None) -> pd.DataFrame:
    return _checked(table, _read(table, directory), directory, ctx or {})


@lru_cache(maxsize=64)
def _built(build: Callable[[Path], pd.DataFrame], directory: Path, _digest: str) -> pd.DataFrame:
    return build(directory)


def _by_content(
    build: Callable[[Path], pd.DataFrame], directory: Path | None, *tables: Table
) -> pd.DataFrame:
    """`build(directory)`, kept while the bytes of the tables' files are those it was built
    from: the key is their SHA-256, so an edited file is read again (a copy is returned, so
    a caller may change it)."""
    folder = (directory or reference_dir()).resolve()
    digest = hashlib.sha256()
    for table in tables:
        path = _file(table, folder)
        digest.update(path.name.encode() + b"\0")
        digest.update(read_bytes(path) if path.exists() else b"<missing>")
    return _built(build, folder, digest.hexdigest()).copy()


def _catalog(directory: Path) -> pd.DataFrame:
    ours = _read(INDICATORS, directory)
    codes = list(ours.text["code"].dropna())
    ours = _checked(INDICATORS, ours, directory, {CATALOG.name: codes})
    official = _load(OFFICIAL_INDICATORS, directory, {CATALOG.name: codes}).rename(
        columns={"source_url": "official_source_url", "note": "official_note"}
    )
    catalog = ours.assign(code=ours["code"].astype(str)).merge(
        official.assign(code=official["code"].astype(str)), on="code", how="left"
    )
    catalog["code"] = pd.Categorical(catalog["code"], categories=codes)
    return catalog


def load_catalog(directory: Path | None = None) -> pd.DataFrame:
    """The indicator catalog, one row per code, with the official indicator it corresponds to."""
    return _by_content(_catalog, directory, INDICATORS, OFFICIAL_INDICATORS)


def _provinces(directory: Path) -> pd.DataFrame:
    return _load(PROVINCES_TABLE, directory)


def load_provinces(directory: Path | None = None) -> pd.DataFrame:
    """The 63 provincial units in force until 30 June 2025, with their 2025 unit."""
    return _by_content(_provinces, directory, PROVINCES_TABLE)


def _provinces_2025(directory: Path) -> pd.DataFrame:
    old = _provinces(directory)
    mapped = old.groupby("province_2025", observed=True)["province"].agg(
        lambda names: sorted(map(str, names))
    )
    new = _load(PROVINCES_2025_TABLE, directory, {"merged": mapped.to_dict()})
    grouped = old.groupby("province_2025", observed=True)
    regions = grouped["region"].agg(lambda r: r.iloc[0] if r.nunique() == 1 else pd.NA)
    units = new["province_2025"].astype(str)
    return new.assign(
        population_2019=units.map(grouped["population_2019"].sum()).astype("Int64"),
        region=units.map(regions).astype("category"),
        n_merged=new["merged_from"].str.count(";").add(1).astype("Int8"),
    )


def load_provinces_2025(directory: Path | None = None) -> pd.DataFrame:
    """The 34 units in force from 1 July 2025, with population and region summed from their parts."""
    return _by_content(_provinces_2025, directory, PROVINCES_TABLE, PROVINCES_2025_TABLE)


def _ceilings(directory: Path) -> pd.DataFrame:
    read = _read(CEILINGS, directory)
    catalog = load_catalog(directory)
    table = _checked(CEILINGS, read, directory, {CATALOG.name: list(catalog["code"])})
    return table.assign(
        per_resident_per_year=table["per_resident_per_year"].astype(float), line=read.lines
    )


def load_ceilings(directory: Path | None = None) -> pd.DataFrame | None:
    """The stated ceiling of each count indicator, per resident of the jurisdiction and year,
    with the reason for it (`reference/ceilings.csv`), and the line each is on; None when the
    folder has no such table. DataError names every row that is not a catalog code, a positive
    number and a reason."""
    if not _file(CEILINGS, directory).exists():
        return None
    return _by_content(_ceilings, directory, CEILINGS, INDICATORS, OFFICIAL_INDICATORS)


def _jurisdictions(directory: Path) -> pd.DataFrame:
    old = _provinces(directory)
    new = _provinces_2025(directory)
    national = {
        "province_2025": NATIONAL,
        "region": pd.NA,
        "population": int(old["population_2019"].sum()),
        "is_national": True,
    }
    rows = [
        {"jurisdiction": NATIONAL, "after_merger": after, **national} for after in (False, True)
    ]
    for r in old.itertuples():
        rows.append(
            {
                "jurisdiction": r.province,
                "after_merger": False,
                "province_2025": r.province_2025,
                "region": r.region,
                "population": r.population_2019,
                "is_national": False,
            }
        )
    for r in new.itertuples():
        rows.append(
            {
                "jurisdiction": r.province_2025,
                "after_merger": True,
                "province_2025": r.province_2025,
                "region": r.region,
                "population": r.population_2019,
                "is_national": False,
            }
        )
    table = pd.DataFrame(rows)
    # A pre-2025 name reported for a later period (or a 2025 name for an earlier one) still maps:
    # the other era's row stands in where the name has none of its own.
    fill = table.assign(after_merger=~table["after_merger"])
    table = pd.concat([table, fill]).drop_duplicates(["jurisdiction", "after_merger"], keep="first")
    return table.reset_index(drop=True)


def jurisdictions(directory: Path | None = None) -> pd.DataFrame:
    """Every name a record may give as jurisdiction, per era (before/after the 2025 merger).

    Columns: jurisdiction, after_merger, province_2025, region, population, is_national.
    """
    return _by_content(_jurisdictions, directory, PROVINCES_TABLE, PROVINCES_2025_TABLE)


def reference_lists(directory: Path | None = None) -> dict[str, list[str]]:
    """The values of each reference list a field's allowed values may be (the lookups of
    analysis.schema.fields), by the list's name: what the loader checks and the data
    dictionary lists."""
    return {
        CATALOG.name: list(load_catalog(directory)["code"].astype(str)),
        PROVINCES.name: list(dict.fromkeys(jurisdictions(directory)["jurisdiction"].astype(str))),
        PROVINCES_2025.name: list(load_provinces_2025(directory)["province_2025"].astype(str)),
    }


def jurisdiction_names(directory: Path | None = None) -> frozenset[str]:
    return frozenset(jurisdictions(directory)["jurisdiction"])


def tile_grid_names(after_merger: bool, directory: Path | None = None) -> list[str]:
    """The units a tile grid must place: the 63 before the merger or the 34 after."""
    if after_merger:
        return list(load_provinces_2025(directory)["province_2025"].astype(str))
    return list(load_provinces(directory)["province"].astype(str))


def load_tile_grid(after_merger: bool = False, directory: Path | None = None) -> pd.DataFrame:
    """province, row, col, label of each square; DataError lists every problem of the file."""
    table = GRID_TABLES[after_merger]
    ctx = {"units": tile_grid_names(after_merger, directory)}
    grid = _load(table, directory, ctx)
    return grid.astype({"row": int, "col": int})[list(table.columns)]
