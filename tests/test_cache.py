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


def test_a_same_length_edit_with_the_mtime_restored_is_seen(tmp_path, monkeypatch):
    import os

    from analysis.records.cache import content_key

    monkeypatch.setenv(CACHE_DIR_ENV, str(tmp_path / "cache"))
    data = tmp_path / "records.csv"
    data.write_bytes(b"a,b\n1,2\n")
    old = 1_600_000_000
    os.utime(data, (old, old))
    first = content_key([data])
    data.write_bytes(b"a,b\n1,3\n")  # same size; the mtime put back as it was
    os.utime(data, (old, old))
    assert content_key([data]) != first, "a same-length edit with the mtime restored was missed"


@pytest.mark.integration  # a fresh interpreter: nothing of this process's state can serve it
def test_the_edit_is_seen_by_a_new_process_too(data_copy, tmp_path, monkeypatch):
    import os
    import subprocess
    import sys

    monkeypatch.setenv(CACHE_DIR_ENV, str(tmp_path / "cache"))
    load_records()
    path = data_copy / "records" / "records.csv"
    stat = path.stat()
    text = path.read_text(encoding="utf-8")
    edited = text.replace(",Lạng Sơn,2020,", ",Lạng Sơn,2021,", 1)
    assert len(edited) == len(text)
    path.write_text(edited, encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    code = (
        "from analysis.records.load import load_records\n"
        "r = load_records()\n"
        "print(sorted(set(r['period'].astype(str))))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=os.environ, check=True
    )
    assert "'2021'" in out.stdout, f"the old table was served: {out.stdout} {out.stderr}"


def test_a_file_unchanged_since_it_was_hashed_is_not_read_again(tmp_path, monkeypatch):
    from pathlib import Path

    import analysis.records.cache as cache

    monkeypatch.setattr(cache, "_SAFETY_NS", 0)
    data = tmp_path / "records.csv"
    data.write_bytes(b"a,b\n1,2\n")
    first = cache.content_key([data])

    def no_reading(self, *args, **kwargs):
        raise AssertionError(f"{self} was read again although unchanged")

    monkeypatch.setattr(Path, "open", no_reading)
    assert cache.content_key([data]) == first


def test_zeros_written_into_a_cached_entry_are_rebuilt_not_served(data_copy, tmp_path, monkeypatch):
    monkeypatch.setenv(CACHE_DIR_ENV, str(tmp_path / "cache"))
    first = load_records()
    (entry,) = cache_dir().glob("*.arrow")
    data = bytearray(entry.read_bytes())
    middle = len(data) // 2
    data[middle : middle + 64] = bytes(64)
    entry.write_bytes(bytes(data))
    runs = []
    validate = records_module.validate_records

    def counted(*args, **kwargs):
        runs.append(1)
        return validate(*args, **kwargs)

    monkeypatch.setattr(records_module, "validate_records", counted)
    pd.testing.assert_frame_equal(load_records(), first)
    assert runs == [1], "the damaged entry was served instead of being rebuilt and validated"
    pd.testing.assert_frame_equal(load_records(), first)
    assert runs == [1], "the rebuilt entry was not stored again"


def test_a_file_written_just_now_is_always_read(tmp_path, monkeypatch):
    from analysis.records.cache import content_key

    monkeypatch.setenv(CACHE_DIR_ENV, str(tmp_path / "cache"))
    data = tmp_path / "records.csv"
    data.write_bytes(b"a,b\n1,2\n")
    first = content_key([data])
    data.write_bytes(b"a,b\n1,3\n")  # same size, maybe the same mtime tick: still seen
    assert content_key([data]) != first
