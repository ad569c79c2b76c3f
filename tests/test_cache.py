"""The validated-table cache: same bytes load without re-validation; any change validates again."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import read_rows

import analysis.records.load as records_module
from analysis.errors import DataError
from analysis.records.cache import CACHE_DIR_ENV, cache_dir
from analysis.records.load import load_records


def refuse(*_args, **_kwargs):
    raise AssertionError("validation ran although these bytes were validated before")


def test_second_load_of_same_bytes_skips_validation(data_copy, tmp_path, monkeypatch):
    monkeypatch.setenv(CACHE_DIR_ENV, str(tmp_path / "cache"))
    first = load_records()
    monkeypatch.setattr(records_module, "validate_records", refuse)
    again = load_records()
    pd.testing.assert_frame_equal(first, again)
    assert len(list(cache_dir().glob("*.arrow"))) == 1


def test_changed_bytes_are_validated_again(data_copy, tmp_path, monkeypatch):
    monkeypatch.setenv(CACHE_DIR_ENV, str(tmp_path / "cache"))
    load_records()
    path = data_copy / "records" / "records.csv"
    path.write_text(
        path.read_text(encoding="utf-8").replace(",Lạng Sơn,2020,", ",Lang Son,2020,", 1),
        encoding="utf-8",
    )
    with pytest.raises(DataError, match="jurisdiction 'Lang Son' is not a province"):
        load_records()


def test_a_corrupt_entry_is_rebuilt(data_copy, tmp_path, monkeypatch):
    monkeypatch.setenv(CACHE_DIR_ENV, str(tmp_path / "cache"))
    first = load_records()
    (entry,) = cache_dir().glob("*.arrow")
    entry.write_bytes(b"not arrow")
    pd.testing.assert_frame_equal(load_records(), first)


def test_cache_can_be_switched_off(data_copy, monkeypatch):
    monkeypatch.setenv(CACHE_DIR_ENV, "off")
    assert cache_dir() is None
    reviewed = [
        r
        for path in sorted((data_copy / "records").glob("*.csv"))
        for r in read_rows(path)
        if r["status"] == "reviewed"
    ]
    assert list(load_records()["record_id"]) == [r["record_id"] for r in reviewed]


def test_unchanged_files_are_not_read_again_changed_ones_are(tmp_path, monkeypatch):
    import os

    from analysis.records.cache import content_key

    monkeypatch.setenv(CACHE_DIR_ENV, str(tmp_path / "cache"))
    data = tmp_path / "records.csv"
    data.write_bytes(b"a,b\n1,2\n")
    old = 1_600_000_000
    os.utime(data, (old, old))
    first = content_key([data])
    # Same size, same mtime and inode: taken as unchanged without reading (as git's index does).
    data.write_bytes(b"a,b\n1,3\n")
    os.utime(data, (old, old))
    assert content_key([data]) == first
    data.write_bytes(b"a,b\n1,33\n")  # any real edit moves size or mtime
    assert content_key([data]) != first


def test_a_file_written_just_now_is_always_read(tmp_path, monkeypatch):
    from analysis.records.cache import content_key

    monkeypatch.setenv(CACHE_DIR_ENV, str(tmp_path / "cache"))
    data = tmp_path / "records.csv"
    data.write_bytes(b"a,b\n1,2\n")
    first = content_key([data])
    data.write_bytes(b"a,b\n1,3\n")  # same size, maybe the same mtime tick: still seen
    assert content_key([data]) != first
