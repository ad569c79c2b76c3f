"""`python -m analysis validate`: a summary and exit 0 on good data, the messages and exit 1 on bad."""

from __future__ import annotations

from conftest import read_rows, run_cli, write_rows


def test_valid_data_summary(data_copy):
    done = run_cli("validate", data=data_copy)
    assert done.exit_code == 0, done.stdout + done.stderr
    assert "  records reviewed: 35\n  records candidate: 0\n  records rejected: 2\n" in done.stdout
    assert "stated 81,2 % but 1259/1549 gives 81,28 %" in done.stdout
    assert done.stdout.rstrip().endswith("all data valid")


def test_bad_data_exits_1_with_every_message(data_copy):
    path = data_copy / "records" / "records.csv"
    rows = read_rows(path)
    rows[0]["indicator"] = "nope"
    rows[1]["period"] = "2020-13"
    write_rows(path, rows)
    done = run_cli("validate", data=data_copy)
    assert done.exit_code == 1
    assert "2 problems found:" in done.stdout
    assert f"{path}:2: record r63fb7d211b88: indicator 'nope' is not in the catalog" in done.stdout
    assert f"{path}:3: record r7bcabb11d3df: malformed period '2020-13'" in done.stdout
    assert isinstance(done.exception, SystemExit), f"a traceback, not messages: {done.exception!r}"
