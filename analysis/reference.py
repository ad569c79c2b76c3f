"""Reference tables: the indicator catalog, the provinces before and after the 2025 merger, and
the squares of the tile-grid map."""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

import pandas as pd

from analysis.contract import NATIONAL
from analysis.errors import DataError, Problem
from analysis.paths import reference_dir

# Resolution 202/2025/QH15: the 34 units govern from this day; earlier periods use the 63.
MERGER_DATE = pd.Timestamp("2025-07-01")


def _read(name: str, directory: Path | None, key: str | None = None, **kwargs) -> pd.DataFrame:
    """A reference table; DataError naming the file when it is missing or not CSV, and each row
    whose `key` repeats an earlier row's (a second definition would be joined to every record
    or fail the join)."""
    path = (directory or reference_dir()) / name
    try:
        table = pd.read_csv(path, keep_default_na=False, na_values=[""], **kwargs)
    except FileNotFoundError:
        raise DataError.single(str(path), "reference table is missing", "missing-file") from None
    except (pd.errors.ParserError, UnicodeDecodeError, ValueError) as exc:
        why = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise DataError.single(str(path), f"not a readable CSV table: {why}", "bad-csv") from None
    if key is not None and key in table and table[key].duplicated().any():
        raise DataError(_repeated_keys(table, key, path))
    return table


def _repeated_keys(table: pd.DataFrame, key: str, path: Path) -> list[Problem]:
    """A Problem at the line of each row whose key an earlier row already has."""
    with path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.reader(fh)
        next(reader, None)
        lines, line = [], reader.line_num
        for _ in reader:
            lines.append(line + 1)
            line = reader.line_num
    first: dict[object, int] = {}
    problems = []
    for i, value in enumerate(table[key]):
        if value in first:
            problems.append(
                Problem(
                    str(path),
                    f"{key} {value!r} is listed again (first on line {first[value]}): one row "
                    f"per {key}",
                    "duplicate-key",
                    line=lines[i],
                )
            )
        first.setdefault(value, lines[i])
    return problems


def load_catalog(directory: Path | None = None) -> pd.DataFrame:
    """The indicator catalog, one row per code, with the official indicator it corresponds to."""
    ours = _read("indicators.csv", directory, key="code", dtype=str)
    official = _read("official-indicators.csv", directory, key="code", dtype=str).rename(
        columns={"source_url": "official_source_url", "note": "official_note"}
    )
    catalog = ours.merge(official, on="code", how="left", validate="one_to_one")
    from analysis.records.schemas import validate_catalog

    return validate_catalog(catalog, str((directory or reference_dir()) / "indicators.csv"))


def load_provinces(directory: Path | None = None) -> pd.DataFrame:
    """The 63 provincial units in force until 30 June 2025, with their 2025 unit."""
    provinces = _read("provinces.csv", directory, key="province", dtype={"gso_code": str})
    from analysis.records.schemas import validate_provinces

    return validate_provinces(provinces, str((directory or reference_dir()) / "provinces.csv"))


def load_provinces_2025(directory: Path | None = None) -> pd.DataFrame:
    """The 34 units in force from 1 July 2025, with population and region summed from their parts."""
    new = _read("provinces_2025.csv", directory, key="province_2025", dtype=str)
    old = load_provinces(directory)
    name = str((directory or reference_dir()) / "provinces_2025.csv")
    problems = []
    for line, (unit, merged) in enumerate(
        zip(new["province_2025"], new["merged_from"], strict=False), start=2
    ):
        parts = merged.split(";")
        mapped = set(old.loc[old["province_2025"] == unit, "province"])
        if set(parts) != mapped:
            problems.append(
                Problem(
                    name,
                    f"{unit} merges {sorted(parts)} but provinces.csv maps {sorted(mapped)} to it",
                    "mapping-mismatch",
                    line=line,
                )
            )
    if problems:
        raise DataError(problems)
    grouped = old.groupby("province_2025", observed=True)
    regions = grouped["region"].agg(lambda r: r.iloc[0] if r.nunique() == 1 else pd.NA)
    new = new.assign(
        province_2025=new["province_2025"].astype("category"),
        province_type=new["province_type"].astype("category"),
        population_2019=new["province_2025"].map(grouped["population_2019"].sum()).astype("Int64"),
        region=new["province_2025"].map(regions).astype("category"),
        n_merged=new["merged_from"].str.count(";").add(1).astype("Int8"),
    )
    return new


CEILINGS_FILE = "ceilings.csv"
CEILING_COLUMNS = ("indicator", "per_resident_per_year", "reason")


def load_ceilings(directory: Path | None = None) -> pd.DataFrame | None:
    """The stated ceiling of each count indicator, per resident of the jurisdiction and year,
    with the reason for it (`reference/ceilings.csv`); None when the folder has no such table.
    DataError names every row that is not a catalog code, a positive number and a reason."""
    path = (directory or reference_dir()) / CEILINGS_FILE
    if not path.exists():
        return None
    table = _read(CEILINGS_FILE, directory, key="indicator", dtype=str).fillna("")
    name = str(path)
    missing = [c for c in CEILING_COLUMNS if c not in table.columns]
    if missing:
        raise DataError.single(name, f"missing column(s) {', '.join(missing)}", "missing-column")
    codes = set(load_catalog(directory)["code"].astype(str))
    problems = []
    for i, row in table.iterrows():
        line = int(i) + 2
        if row["indicator"] not in codes:
            problems.append(
                Problem(
                    name,
                    f"{row['indicator']!r} is not in the catalog",
                    "unknown-indicator",
                    line=line,
                )
            )
        try:
            ok = float(row["per_resident_per_year"]) > 0
        except ValueError:
            ok = False
        if not ok:
            problems.append(
                Problem(
                    name,
                    f"per_resident_per_year {row['per_resident_per_year']!r} is not a number > 0",
                    "not-a-number",
                    line=line,
                )
            )
        if not row["reason"].strip():
            problems.append(Problem(name, "a ceiling needs its reason", "missing-value", line=line))
    if problems:
        raise DataError(problems)
    return table.assign(
        per_resident_per_year=table["per_resident_per_year"].astype(float), line=table.index + 2
    )


@cache
def _jurisdictions_cached(directory: Path) -> pd.DataFrame:
    old = load_provinces(directory)
    new = load_provinces_2025(directory)
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
    return _jurisdictions_cached((directory or reference_dir()).resolve()).copy()


def jurisdiction_names(directory: Path | None = None) -> frozenset[str]:
    return frozenset(jurisdictions(directory)["jurisdiction"])


# The tile-grid map's squares (analysis.report.maps): one file per era, reviewed by hand.
GRID_FILES = {False: "tile_grid.csv", True: "tile_grid_2025.csv"}
GRID_COLUMNS = ("province", "row", "col", "label")


def tile_grid_names(after_merger: bool, directory: Path | None = None) -> list[str]:
    """The units a tile grid must place: the 63 before the merger or the 34 after."""
    if after_merger:
        return list(load_provinces_2025(directory)["province_2025"].astype(str))
    return list(load_provinces(directory)["province"].astype(str))


def _grid_problems(grid: pd.DataFrame, known: list[str], file: str) -> list[Problem]:
    """Every way a tile grid can be wrong, each with its line: numbers, names, squares."""
    problems = []
    for column in ("row", "col"):
        bad = ~grid[column].astype(str).str.fullmatch(r"\d+")
        problems += [
            Problem(file, f"{column} {v!r} is not a whole number ≥ 0", "not-a-number", line=i + 2)
            for i, v in grid.loc[bad, column].items()
        ]
    for i, name in grid.loc[~grid["province"].isin(known), "province"].items():
        problems.append(
            Problem(file, f"{name!r} is not a province of this era", "unknown-province", line=i + 2)
        )
    for i, name in grid.loc[grid["province"].duplicated(), "province"].items():
        first = int(grid.index[grid["province"] == name][0]) + 2
        problems.append(
            Problem(
                file,
                f"{name} is placed again (first at line {first})",
                "duplicate-province",
                line=i + 2,
            )
        )
    for name in sorted(set(known) - set(grid["province"])):
        problems.append(Problem(file, f"{name} has no square", "missing-province"))
    for i in grid.index[grid["label"].fillna("").str.strip() == ""]:
        problems.append(Problem(file, "empty label", "missing-value", line=i + 2))
    if not any(p.rule == "not-a-number" for p in problems):
        square = grid["row"].astype(str) + "," + grid["col"].astype(str)
        for i in grid.index[square.duplicated()]:
            first = grid.index[square == square[i]][0]
            problems.append(
                Problem(
                    file,
                    f"{grid.at[i, 'province']} is on the square (row {grid.at[i, 'row']}, col "
                    f"{grid.at[i, 'col']}) of {grid.at[first, 'province']} (line {first + 2})",
                    "shared-square",
                    line=int(i) + 2,
                )
            )
    return problems


def load_tile_grid(after_merger: bool = False, directory: Path | None = None) -> pd.DataFrame:
    """province, row, col, label of each square; DataError lists every problem of the file."""
    path = (directory or reference_dir()) / GRID_FILES[after_merger]
    grid = _read(GRID_FILES[after_merger], directory, dtype=str).fillna("")
    missing = [c for c in GRID_COLUMNS if c not in grid.columns]
    if missing:
        raise DataError.single(
            str(path), f"missing column(s) {', '.join(missing)}", "missing-column", line=1
        )
    problems = _grid_problems(grid, tile_grid_names(after_merger, directory), str(path))
    if problems:
        raise DataError(problems)
    return grid.astype({"row": int, "col": int})[list(GRID_COLUMNS)]
