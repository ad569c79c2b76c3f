"""Faults that lost data, read outside the data folder, never ended, raised a traceback, gave a
wrong result or passed in silence (issue 17): one case per kind, each listed in
tests/bad_inputs/README.md with its outcome.

People-only files (records/, reviews/, articles/, raw/, reference/, sources.csv) are hashed
before and after every command that must not touch them. Commands that never ended run in a
subprocess killed at its deadline plus a margin, against servers on 127.0.0.1 in threads here.
Read-only folders are made read-only for the command itself: as root, it runs without the
capability that overrides file permissions (setpriv), as anyone else with chmod alone.
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import shutil
import subprocess
import sys
import time
import zipfile
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import ClassVar

import pytest
from click.testing import CliRunner
from conftest import read_rows, write_rows
from ingest_docs import HTML_PAGE, make_docx
from local_server import serve

from analysis.cli import main
from analysis.errors import DataError
from analysis.paths import DATA_DIR_ENV, PROJECT_ROOT
from analysis.records.cache import CACHE_DIR_ENV

CORPUS = Path(__file__).parent / "bad_inputs"
SEED = "000_dad9108531b79d33"
SEED_RECORD = (
    "r63fb7d211b88"  # appraisal_drafts 62, Lạng Sơn 2020, in the seed published 2021-01-27
)
NEW_ARTICLE = "Năm 2020, Sở Tư pháp tỉnh Lạng Sơn đã thẩm định 12 văn bản quy phạm pháp luật.\n"
PEOPLE_ONLY = ("records", "reviews", "articles", "raw", "reference", "sources.csv")
# Kind -> the test that shows it, by the six groups (README table: same names).
KINDS = {
    "extract -o data/records/records.csv": "test_extract_output_onto_people_files_is_refused",
    "extract -o data/sources.csv": "test_extract_output_onto_people_files_is_refused",
    "export --format csv -o data/records/": "test_export_onto_people_files_is_refused",
    "export -o data/": "test_export_onto_people_files_is_refused",
    "symlink in articles/ to a file elsewhere": "test_a_linked_article_is_named_and_not_read",
    "symlink in records/ to an outside CSV": "test_a_linked_records_file_is_named_and_not_loaded",
    "ingest --timeout of a trickling server": "test_timeout_covers_the_whole_download",
    "50 MB web page under the size limit": "test_a_large_page_is_refused_before_it_is_parsed",
    "CR-only line ends in records": "test_cr_only_records_are_read",
    "CR-only line ends in candidates": "test_cr_only_candidates_are_read_and_appended_to",
    "corrupt entry in a read-only cache": "test_a_corrupt_entry_in_a_read_only_cache_warns_once",
    "cache folder setting names a file": "test_a_cache_setting_naming_a_file_warns_once",
    "vertical tab in a reviewer's reason": "test_a_vertical_tab_in_a_reason_is_named_and_export_ends",
    "read-only reports/": "test_a_read_only_reports_folder_is_named_before_any_notebook_runs",
    "indicator code listed twice": "test_a_reference_key_listed_twice_is_named",
    "stray quote in the registry's last row": "test_a_stray_quote_in_the_registry_is_named",
    "upper-case .TXT article ignored by validate": "test_an_upper_case_suffix_is_an_article",
    "upper-case .TXT article refused by --into": "test_an_upper_case_suffix_is_an_article",
    "0.4 MB .docx zip bomb": "test_a_zip_bomb_is_refused_before_it_is_unpacked",
    "extract --into data/records/batch2/": "test_into_a_people_folder_at_any_depth_is_refused",
    "period in the future of its page (2099)": "test_a_period_not_begun_at_publication_is_named",
    "count of 1e20": "test_a_count_above_its_ceiling_is_named_unless_accepted",
    "NUL byte in a note": "test_control_characters_in_records_are_named",
    "record id differing by a zero-width space": "test_an_invisible_character_in_an_id_is_named",
    ".CSV records file": "test_upper_case_csv_records_are_loaded",
    ".xlsx in records/": "test_skipped_files_are_named_with_why",
    "review dated 2099": "test_a_review_dated_in_the_future_is_named",
    "registry sha256 not the bundled body's": "test_a_registry_hash_mismatch_is_named",
    "bundled source without its article": "test_a_bundled_source_without_its_file_is_named",
    "symlinked folder left out": "test_a_linked_folder_is_named",
    "user:password@ in an ingested address": "test_credentials_never_reach_a_file",
    "extract --into data/": "test_into_outside_the_candidates_is_refused",
}


# ---------------------------------------------------------------- helpers


def invoke(*args: object) -> object:
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert "Traceback" not in result.output, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    return result


def people_hashes(data: Path) -> dict[str, str]:
    """SHA-256 of every people-only file of a data folder, by path."""
    found = {}
    for name in PEOPLE_ONLY:
        place = data / name
        files = [place] if place.is_file() else sorted(p for p in place.rglob("*") if p.is_file())
        for f in files:
            found[str(f.relative_to(data))] = hashlib.sha256(f.read_bytes()).hexdigest()
    return found


def with_row(data: Path, name: str, **changes: str) -> Path:
    """A records file `name` holding the seed's first record with `changes` (a new id unless
    given), so that only what changed can be wrong."""
    rows = read_rows(data / "records" / "records.csv")
    row = {**rows[0], "record_id": "rfault0000001", **changes}
    path = data / "records" / name
    write_rows(path, [row])
    return path


def run_cli(
    args: list[str], deadline: float, env: dict[str, str] | None = None, prefix=()
) -> tuple[subprocess.CompletedProcess | None, float]:
    """`python -m analysis ARGS` in a subprocess, killed after `deadline` seconds: (the run, or
    None if it had to be killed, and the seconds it took)."""
    started = time.monotonic()
    try:
        done = subprocess.run(
            [*prefix, sys.executable, "-m", "analysis", *args],
            capture_output=True,
            text=True,
            timeout=deadline,
            env={**os.environ, **(env or {})},
            cwd=PROJECT_ROOT,
        )
    except subprocess.TimeoutExpired:
        return None, time.monotonic() - started
    assert "Traceback" not in done.stderr, done.stderr
    return done, time.monotonic() - started


@pytest.fixture(scope="module")
def startup(tmp_path_factory) -> float:
    """Seconds `python -m analysis ingest` takes to start and fail on a missing file: what every
    deadline below is measured on top of (the machine may be busy)."""
    data = tmp_path_factory.mktemp("startup")
    done, took = run_cli(["ingest", str(data / "missing.html")], 120)
    assert done is not None and done.returncode == 1, done
    return took


def without_permission_override() -> list[str]:
    """A command prefix under which file permissions hold: none for a user, setpriv dropping
    CAP_DAC_OVERRIDE for root (who would otherwise write into a read-only folder)."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    prefix = [setpriv or "setpriv", "--bounding-set", "-dac_override,-dac_read_search"]
    if setpriv is None or subprocess.run([*prefix, "true"], check=False).returncode != 0:
        pytest.skip("root without setpriv (or CAP_SETPCAP): a folder cannot be made read-only")
    return prefix


# ---------------------------------------------------------------- 4 data losses


@pytest.mark.parametrize(
    "target",
    [
        "records/records.csv",
        "sources.csv",
        "candidates/../records/records.csv",  # `..` resolved
        "link-to-records/records.csv",  # a link to the people's folder
        "articles/new.csv",
        "reviews/new.csv",
        "reference/indicators.csv",
    ],
)
def test_extract_output_onto_people_files_is_refused(data_copy, target):
    (data_copy / "candidates").mkdir()
    (data_copy / "link-to-records").symlink_to(data_copy / "records")
    before = people_hashes(data_copy)
    result = invoke("extract", data_copy / "articles" / f"{SEED}.txt", "-o", data_copy / target)
    assert result.exit_code == 1
    assert result.stderr.rstrip().endswith("[people-only]"), result.stderr
    assert "nothing was written" in result.stderr
    assert people_hashes(data_copy) == before


@pytest.mark.parametrize(
    ("fmt", "target", "named"),
    [
        ("csv", "records", "records/records.csv"),
        ("csv", ".", "sources.csv"),
        ("xlsx", "reviews/exports", "reviews"),
        ("parquet", "raw", "raw"),
    ],
)
def test_export_onto_people_files_is_refused(data_copy, fmt, target, named):
    before = people_hashes(data_copy)
    result = invoke("export", "--format", fmt, "-o", data_copy / target)
    assert result.exit_code == 1
    assert f"{data_copy / named}" in result.stderr and "[people-only]" in result.stderr, (
        result.stderr
    )
    assert people_hashes(data_copy) == before
    assert not (data_copy / "reviews").exists()


@pytest.mark.parametrize(
    ("command", "target"),
    [
        (["report", "--out"], "reviews"),
        (["report", "--out"], "reference/figures"),
        (["ingest", str(HTML_PAGE), "--into"], "records/pages"),
        (["ingest", str(HTML_PAGE), "--into"], "candidates"),
    ],
)
def test_report_and_ingest_into_people_folders_are_refused(data_copy, command, target):
    before = people_hashes(data_copy)
    result = invoke(*command, data_copy / target)
    assert result.exit_code == 1
    assert "[people-only]" in result.stderr, result.stderr
    assert people_hashes(data_copy) == before
    assert not (data_copy / target).exists()


# ---------------------------------------------------------------- 2 reads outside the data folder


def outside_copy(tmp_path: Path, source: Path, name: str) -> Path:
    outside = tmp_path / "elsewhere" / name
    outside.parent.mkdir(exist_ok=True)
    shutil.copy(source, outside)
    return outside


def test_a_linked_article_is_named_and_not_read(data_copy, tmp_path):
    outside = outside_copy(tmp_path, data_copy / "articles" / f"{SEED}.txt", "outside.txt")
    link = data_copy / "articles" / "outside.txt"
    link.symlink_to(outside)
    result = invoke("validate")
    assert result.exit_code == 1
    assert f"{link}: a symbolic link to {outside}:" in result.output, result.output
    extracted = invoke("extract", data_copy / "articles")
    assert "outside" not in {r["doc_id"] for r in csv.DictReader(io.StringIO(extracted.stdout))}
    assert f"{link}: a symbolic link to {outside}:" in extracted.stderr


def test_a_linked_records_file_is_named_and_not_loaded(data_copy, tmp_path):
    from analysis.records.load import load_records

    outside = tmp_path / "elsewhere" / "more.csv"
    outside.parent.mkdir()
    rows = read_rows(data_copy / "records" / "records.csv")[:1]
    write_rows(outside, [{**rows[0], "record_id": "routside00001"}])
    link = data_copy / "records" / "more.csv"
    link.symlink_to(outside)
    with pytest.raises(DataError) as caught:
        load_records()
    assert any(
        p.file == str(link) and p.rule == "symlink" and str(outside) in p.message
        for p in caught.value.problems
    ), caught.value
    result = invoke("validate")
    assert result.exit_code == 1 and "[symlink]" in result.output


def test_a_linked_folder_is_named(data_copy, tmp_path):
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    shutil.copy(data_copy / "records" / "records.csv", outside / "batch.csv")
    link = data_copy / "records" / "linked"
    link.symlink_to(outside, target_is_directory=True)
    result = invoke("validate")
    assert result.exit_code == 1
    assert f"{link}: a symbolic link to {outside}:" in result.output, result.output


# ---------------------------------------------------------------- 2 commands that never ended


class Site(BaseHTTPRequestHandler):
    """Pages for the deadline tests: a trickle, endless bytes, 50 MB pages, one behind a password."""

    pages: ClassVar[dict[str, bytes]] = {}
    seen_auth: ClassVar[list[str]] = []

    def do_GET(self):
        if self.path == "/trickle":  # a byte every 50 ms, for up to 20 s
            return self._stream(b"<", 0.05, 400, length=10_000)
        if self.path == "/endless":  # 64 KiB at a time with no declared length, for up to 20 s
            return self._stream(b"x" * 65536, 0.0, 20 * 1024 * 5, length=None)
        self.seen_auth.append(self.headers.get("Authorization", ""))
        body = self.pages.get(self.path)
        if body is None:
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _stream(self, chunk: bytes, pause: float, times: int, length: int | None) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        if length is not None:
            self.send_header("Content-Length", str(length))
        self.end_headers()
        started = time.monotonic()
        try:
            for _ in range(times):
                self.wfile.write(chunk)
                self.wfile.flush()
                time.sleep(pause)
                if time.monotonic() - started > 20:
                    break
        except OSError:
            pass

    def log_message(self, *args):
        pass


def large_page(size: int, bloat: bool) -> bytes:
    """A web page of `size` bytes: the fixture page with short paragraphs (up to 1.5 MB of
    distinct ones, then the same again), or with the bulk in a script and an inline image (as
    pages with everything inlined have)."""
    page = HTML_PAGE.read_bytes()
    head, _, rest = page.partition(b"</body>")
    if bloat:
        filler = b"<script>var data='" + b"A" * (size // 2) + b"';</script>"
        filler += b'<img src="data:image/png;base64,' + b"B" * (size // 2 - len(page)) + b'">'
        return head + filler + b"</body>" + rest
    paragraphs, n = [], 0
    while n < min(size - len(page), 1_500_000):  # distinct paragraphs, then the block again
        p = f"<p>Đoạn {len(paragraphs)}: Sở Tư pháp đã thẩm định {len(paragraphs)} dự thảo.</p>\n"
        paragraphs.append(p.encode())
        n += len(paragraphs[-1])
    block = b"".join(paragraphs)
    body = (block * (1 + (size - len(page)) // len(block)))[: size - len(page)]
    return head + body + b"</body>" + rest


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    Site.pages = {
        "/page.html": HTML_PAGE.read_bytes(),
        "/large.html": large_page(50_000_000, bloat=False),
        "/bloated.html": large_page(50_000_000, bloat=True),
        "/many.html": large_page(1_500_000, bloat=False),
    }
    try:
        with serve(Site) as base:
            yield base
    finally:
        Site.pages = {}


def data_env(data: Path) -> dict[str, str]:
    return {DATA_DIR_ENV: str(data), CACHE_DIR_ENV: "off"}


@pytest.mark.integration  # a command that may never end: run in a process killed at its deadline
def test_timeout_covers_the_whole_download(site, data_copy, startup):
    before = people_hashes(data_copy)
    args = ["ingest", f"{site}/trickle", "--allow-private", "--timeout", "1"]
    done, took = run_cli(args, startup + 1 + 10, data_env(data_copy))
    assert done is not None, f"ingest --timeout 1 was still running after {took:.0f} s"
    assert took < startup + 1 + 2, f"ingest --timeout 1 ended {took - startup:.1f} s after start"
    assert done.returncode == 1
    assert "did not finish within 1 s" in done.stderr, done.stderr
    assert people_hashes(data_copy) == before


@pytest.mark.integration  # a command that may never end: run in a process killed at its deadline
def test_a_size_limit_stops_reading_at_the_limit(site, data_copy, startup):
    args = ["ingest", f"{site}/endless", "--allow-private", "--max-bytes", "1000000"]
    done, took = run_cli(args, startup + 15, data_env(data_copy))
    assert done is not None and took < startup + 3, f"still reading {took - startup:.0f} s on"
    assert "more than 1,000,000 bytes" in done.stderr, done.stderr


@pytest.mark.integration  # a time bound: run in a process killed at its deadline
def test_a_large_page_is_refused_before_it_is_parsed(site, data_copy, startup):
    before = people_hashes(data_copy)
    args = ["ingest", f"{site}/large.html", "--allow-private"]
    done, took = run_cli(args, startup + 30, data_env(data_copy))
    assert done is not None, f"a 50 MB page was still being read after {took:.0f} s"
    assert took < startup + 10, f"a 50 MB page took {took - startup:.0f} s to refuse"
    assert done.returncode == 1
    assert "[too-large]" in done.stderr and "50.0 MB" in done.stderr, done.stderr
    assert people_hashes(data_copy) == before


@pytest.mark.integration  # a time bound: run in a process killed at its deadline
def test_a_page_of_many_short_paragraphs_is_read_within_bounds(site, data_copy, startup):
    args = ["ingest", f"{site}/many.html", "--allow-private"]
    done, took = run_cli(args, startup + 60, data_env(data_copy))
    assert done is not None and took < startup + 15, (
        f"a 1.5 MB page of 20,000 paragraphs took {took - startup:.0f} s"
    )
    assert done.returncode == 0, done.stderr


@pytest.mark.integration  # a time bound: run in a process killed at its deadline
def test_a_large_page_of_inlined_scripts_and_images_is_read_within_bounds(site, data_copy, startup):
    args = ["ingest", f"{site}/bloated.html", "--allow-private"]
    done, took = run_cli(args, startup + 40, data_env(data_copy))
    assert done is not None and took < startup + 15, (
        f"a 50 MB page of scripts took {took - startup:.0f} s"
    )
    assert done.returncode == 0, done.stderr
    article = Path(done.stdout.strip())
    assert "thẩm định" in article.read_text("utf-8") or "hòa giải" in article.read_text("utf-8")


# ---------------------------------------------------------------- 7 tracebacks


def test_cr_only_records_are_read(data_copy):
    path = data_copy / "records" / "records.csv"
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r"))
    result = invoke("validate")
    assert result.exit_code == 0, result.output
    assert "records reviewed: 35" in result.output


def test_cr_only_candidates_are_read_and_appended_to(data_copy):
    from analysis.records.load import load_records

    candidates = data_copy / "candidates"
    article = data_copy / "articles" / "bao-cao-moi.txt"
    article.write_text(NEW_ARTICLE, "utf-8")
    first = invoke("extract", article, "--into", candidates)
    assert first.exit_code == 0, first.output
    store = candidates / "candidates.csv"
    store.write_bytes(store.read_bytes().replace(b"\n", b"\r"))
    found = set(load_records("candidate")["record_id"])
    assert found
    again = invoke("extract", data_copy / "articles", "--into", candidates)
    assert again.exit_code == 0, again.output
    assert found <= set(load_records("candidate")["record_id"])


@pytest.mark.integration  # a process without the right to override file permissions
def test_a_corrupt_entry_in_a_read_only_cache_warns_once(data_copy, tmp_path, monkeypatch):
    from analysis.records.load import load_records

    prefix = without_permission_override()
    cache = tmp_path / "cache"
    code = "from analysis.records.load import load_records; print(len(load_records()))"
    env = {DATA_DIR_ENV: str(data_copy), CACHE_DIR_ENV: str(cache)}
    monkeypatch.setenv(CACHE_DIR_ENV, str(cache))
    load_records()  # the entry, written by this process
    (entry,) = cache.glob("*.arrow")
    entry.write_bytes(b"not arrow")
    cache.chmod(0o555)
    try:
        done = subprocess.run(
            [*prefix, sys.executable, "-c", code],
            env={**os.environ, **env},
            capture_output=True,
            text=True,
        )
    finally:
        cache.chmod(0o755)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "35"
    assert len(done.stderr.splitlines()) == 1 and done.stderr.startswith("warning: "), done.stderr
    assert str(cache) in done.stderr and "without a cache" in done.stderr


def test_a_cache_setting_naming_a_file_warns_once(data_copy, tmp_path, monkeypatch, capsys):
    from analysis.records.load import load_records

    not_a_folder = tmp_path / "cache.txt"
    not_a_folder.write_text("a file\n")
    monkeypatch.setenv(CACHE_DIR_ENV, str(not_a_folder))
    assert len(load_records()) == 35
    assert len(load_records()) == 35
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1 and str(not_a_folder) in err, err
    assert "not a folder" in err


def reviewed_candidate(data: Path, **review: str) -> Path:
    """A new article's figure extracted into the candidates, and a review of it with `review`."""
    article = data / "articles" / "bao-cao-moi.txt"
    article.write_text(NEW_ARTICLE, "utf-8")
    invoke("extract", article, "--into", data / "candidates")
    first = read_rows(data / "candidates" / "candidates.csv")[0]
    path = data / "reviews" / "review.csv"
    path.parent.mkdir()
    row = {
        "record_id": first["record_id"],
        "decision": "reviewed",
        **{c: "" for c in ("indicator", "value", "qualifier", "jurisdiction", "period", "level")},
        "reason": "",
        "reviewer": "Lan",
        "reviewed_at": "2024-05-02",
        **review,
    }
    write_rows(path, [row])
    return path


def test_a_vertical_tab_in_a_reason_is_named_and_export_ends(data_copy, tmp_path):
    review = reviewed_candidate(data_copy, decision="rejected", reason="sai số\x0bđã kiểm tra")
    result = invoke("validate")
    assert result.exit_code == 1
    assert f"{review}:2: " in result.output and "U+000B" in result.output, result.output
    assert "[control-char]" in result.output
    exported = invoke("export", "--format", "xlsx", "-o", tmp_path / "out")
    assert exported.exit_code == 1 and "[control-char]" in exported.stderr


def test_xlsx_export_escapes_control_characters_it_is_given(tmp_path):
    import pandas as pd
    from openpyxl import load_workbook

    from analysis.records.export import write_xlsx

    frame = pd.DataFrame({"title": ["Báo cáo\x0bnăm 2024", "a\x00b"]})
    (path,) = write_xlsx({"sources": frame}, tmp_path)
    cells = [c.value for c in load_workbook(path)["sources"]["A"]][2:]  # under the two headers
    assert cells == ["Báo cáo\u240bnăm 2024", "a\u2400b"]


@pytest.mark.integration  # a process without the right to override file permissions
def test_a_read_only_reports_folder_is_named_before_any_notebook_runs(data_copy, tmp_path, startup):
    prefix = without_permission_override()
    out = tmp_path / "reports"
    out.mkdir()
    out.chmod(0o555)
    try:
        done, took = run_cli(
            ["report", "--out", str(out)], startup + 60, data_env(data_copy), prefix
        )
    finally:
        out.chmod(0o755)
    assert done is not None, f"report into a read-only folder still running after {took:.0f} s"
    assert done.returncode == 1
    assert f"error: {out}: cannot write here" in done.stderr and "[not-writable]" in done.stderr
    assert took < startup + 20, (
        f"the folder was named {took - startup:.0f} s after start (after the notebooks ran?)"
    )


def test_a_reports_folder_under_a_file_is_named(data_copy, tmp_path):
    blocked = tmp_path / "reports"
    blocked.write_text("not a folder\n")
    out = blocked / "2024"
    result = invoke("report", "--out", out)
    assert result.exit_code == 1
    assert f"{out}: cannot write here: {blocked} is a file" in result.stderr, result.stderr


def test_a_reference_key_listed_twice_is_named(data_copy):
    path = data_copy / "reference" / "indicators.csv"
    lines = path.read_text("utf-8").splitlines(keepends=True)
    path.write_text("".join([*lines, lines[1]]), "utf-8")
    code = lines[1].split(",")[0]
    result = invoke("validate")
    assert result.exit_code == 1
    assert (
        f"{path}:{len(lines) + 1}: code {code!r} is listed again (first on line 2): "
        in result.output
    ), result.output
    assert "[duplicate-key]" in result.output


# ---------------------------------------------------------------- 5 wrong results


def test_a_stray_quote_in_the_registry_is_named(data_copy):
    path = data_copy / "sources.csv"
    text = path.read_text("utf-8")
    path.write_text(text + 'late,https://x.vn/a,"Báo,Tin,2024-01-01,,,false,,\n', "utf-8")
    line = text.count("\n") + 1
    result = invoke("validate")
    assert result.exit_code == 1
    assert f"{path}:{line}: a quote opened in this row is never closed" in result.output, (
        result.output
    )
    assert "fields where the header has 10" not in result.output


def test_an_upper_case_suffix_is_an_article(data_copy):
    (data_copy / "articles" / "BAO-CAO.TXT").write_text(NEW_ARTICLE, "utf-8")
    result = invoke("validate")
    assert "  articles: 6\n" in result.output, result.output
    into = invoke("extract", data_copy / "articles", "--into", data_copy / "candidates")
    assert into.exit_code == 0, into.output
    stored = {r["doc_id"] for r in read_rows(data_copy / "candidates" / "candidates.csv")}
    assert "BAO-CAO" in stored


def zip_bomb(path: Path, unpacked: int = 100_000_000) -> Path:
    """A real Word file whose document part unpacks to `unpacked` bytes of repeated paragraphs."""
    small = make_docx(path.with_name("small.docx"))
    paragraph = (
        b"<w:p><w:r><w:t>S\xe1\xbb\x9f T\xc6\xb0 ph\xc3\xa1p \xc4\x91\xc3\xa3 th\xe1\xba\xa9m "
        b"\xc4\x91\xe1\xbb\x8bnh 63 d\xe1\xbb\xb1 th\xe1\xba\xa3o.</w:t></w:r></w:p>"
    )
    with zipfile.ZipFile(small) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            data = src.read(info)
            if info.filename != "word/document.xml":
                out.writestr(info, data)
                continue
            head, _, tail = data.partition(b"<w:body>")
            part = zipfile.ZipInfo(info.filename)
            part.compress_type = zipfile.ZIP_DEFLATED
            with out.open(part, "w", force_zip64=True) as fh:
                fh.write(head + b"<w:body>")
                block = paragraph * 10_000
                for _ in range(unpacked // len(block)):
                    fh.write(block)
                fh.write(tail)
    return path


@pytest.mark.integration  # a time bound: run in a process killed at its deadline
def test_a_zip_bomb_is_refused_before_it_is_unpacked(data_copy, tmp_path, startup):
    bomb = zip_bomb(tmp_path / "bao-cao.docx")
    assert bomb.stat().st_size < 1_000_000
    before = people_hashes(data_copy)
    done, took = run_cli(["ingest", str(bomb)], startup + 30, data_env(data_copy))
    assert done is not None, f"ingest of a zip bomb still running after {took:.0f} s"
    assert done.returncode == 1 and took < startup + 5, (took - startup, done.stderr)
    assert "[zip-bomb]" in done.stderr and "word/document.xml" in done.stderr, done.stderr
    assert people_hashes(data_copy) == before
    result = invoke("extract", bomb)
    assert result.exit_code == 1 and "[zip-bomb]" in result.stderr


def test_into_a_people_folder_at_any_depth_is_refused(data_copy):
    before = people_hashes(data_copy)
    for target in ("records/batch2", "reviews/x/candidates.csv", "articles/c"):
        result = invoke("extract", data_copy / "articles", "--into", data_copy / target)
        assert result.exit_code == 1
        assert "[people-only]" in result.stderr, result.stderr
        assert not (data_copy / target).exists(), f"{target} was created"
    assert people_hashes(data_copy) == before


# ---------------------------------------------------------------- 12 silent


def test_a_period_not_begun_at_publication_is_named(data_copy):
    path = with_row(data_copy, "future.csv", period="2099")
    result = invoke("validate")
    assert result.exit_code == 1
    assert f"{path}:2: record rfault0000001: period 2099 begins on 2099-01-01" in result.output, (
        result.output
    )
    assert "published on 2021-01-27" in result.output and "[period-not-begun]" in result.output


def test_a_period_unfinished_at_publication_is_a_warning_that_can_be_accepted(data_copy):
    path = with_row(data_copy, "unfinished.csv", period="2021")  # published 2021-01-27
    result = invoke("validate")
    assert result.exit_code == 0, result.output
    assert f"warning: {path}:2: record rfault0000001: " in result.output, result.output
    assert "[period-unfinished]" in result.output
    with_row(data_copy, "unfinished.csv", period="2021", note="accept: period-unfinished")
    again = invoke("validate")
    assert "[period-unfinished]" not in again.output and "1 accepted" in again.output, again.output


def test_a_count_above_its_ceiling_is_named_unless_accepted(data_copy):
    path = with_row(data_copy, "huge.csv", value="100000000000000000000")
    result = invoke("validate")
    assert result.exit_code == 1
    assert f"{path}:2: record rfault0000001: appraisal_drafts 1e+20 for Lạng Sơn 2020 is above" in (
        result.output
    ), result.output
    assert "ceilings.csv" in result.output and "[above-ceiling]" in result.output
    with_row(data_copy, "huge.csv", value="100000000000000000000", note="accept: above-ceiling")
    accepted = invoke("validate")
    assert accepted.exit_code == 0, accepted.output


@pytest.mark.parametrize(("column", "cell"), [("note", "ghi\x00chú"), ("evidence", "x\x0by")])
def test_control_characters_in_records_are_named(data_copy, column, cell):
    path = with_row(data_copy, "control.csv", **{column: cell})
    result = invoke("validate")
    assert result.exit_code == 1
    assert f"{path}:2: {column} has a control character U+" in result.output, result.output
    assert "[control-char]" in result.output


def test_an_invisible_character_in_an_id_is_named(data_copy):
    path = with_row(data_copy, "twin.csv", record_id=SEED_RECORD + "\u200b")
    result = invoke("validate")
    assert result.exit_code == 1
    assert f"{path}:2: record_id " in result.output and "U+200B" in result.output, result.output
    assert "[invisible-char]" in result.output


def test_upper_case_csv_records_are_loaded(data_copy):
    from analysis.records.load import load_records

    with_row(data_copy, "BATCH.CSV", record_id="rupper0000001", note="from an upper-case file")
    assert "rupper0000001" in set(load_records()["record_id"])


def test_skipped_files_are_named_with_why(data_copy):
    (data_copy / "records" / "batch.xlsx").write_bytes(b"PK\x03\x04 a workbook")
    (data_copy / "articles" / "bao-cao.pdf").write_bytes(b"%PDF-1.4")
    result = invoke("validate")
    assert result.exit_code == 0, result.output
    assert f"warning: {data_copy / 'records' / 'batch.xlsx'}: " in result.output, result.output
    assert "save it as CSV" in result.output and "[skipped-file]" in result.output
    assert f"warning: {data_copy / 'articles' / 'bao-cao.pdf'}: " in result.output
    assert "python -m analysis ingest" in result.output


def test_a_review_dated_in_the_future_is_named(data_copy):
    review = reviewed_candidate(data_copy, reviewed_at="2099-01-01")
    result = invoke("validate")
    assert result.exit_code == 1
    assert f"{review}:2: " in result.output and "2099-01-01 is in the future" in result.output, (
        result.output
    )
    assert "[future-date]" in result.output


def test_a_registry_hash_mismatch_is_named(data_copy):
    path = data_copy / "sources.csv"
    rows = read_rows(path)
    rows[0]["sha256"] = "0" * 64
    write_rows(path, rows)
    result = invoke("validate")
    assert result.exit_code == 1
    assert f"{path}:2: source {SEED}: sha256 0000000000" in result.output, result.output
    assert "[sha256-mismatch]" in result.output


def test_a_bundled_source_without_its_file_is_named(data_copy):
    (data_copy / "articles" / "004_fde860132eda4694.txt").unlink()
    result = invoke("validate")
    assert result.exit_code == 1
    assert f"{data_copy / 'sources.csv'}:6: source 004_fde860132eda4694: bundled" in (
        result.output
    ), result.output
    assert "[missing-article]" in result.output


def test_credentials_never_reach_a_file(site, data_copy):
    Site.seen_auth.clear()
    address = site.replace("http://", "http://lan:mat-khau-9@") + "/page.html"
    result = invoke("ingest", address, "--allow-private")
    assert result.exit_code == 0, result.output
    assert "user name and password" in result.stderr and "mat-khau-9" not in result.output
    assert Site.seen_auth and Site.seen_auth[-1].startswith("Basic "), "credentials not used"
    for f in data_copy.rglob("*"):
        assert "mat-khau-9" not in f.name and "lan:" not in f.name
        if f.is_file():
            assert b"mat-khau-9" not in f.read_bytes(), f"the password was written into {f}"
    assert f"{site}/page.html" in (data_copy / "sources.csv").read_text("utf-8")


def test_into_outside_the_candidates_is_refused(data_copy, tmp_path):
    for target in (data_copy, data_copy / "store.csv", tmp_path / "elsewhere"):
        result = invoke("extract", data_copy / "articles", "--into", target)
        assert result.exit_code == 1
        assert "[not-candidates]" in result.stderr, result.stderr
    assert not (data_copy / "candidates.csv").exists()
    assert not (tmp_path / "elsewhere").exists()
    txt = invoke("extract", data_copy / "articles", "--into", data_copy / "candidates" / "c.txt")
    assert txt.exit_code == 1 and "[not-candidates]" in txt.stderr


# ---------------------------------------------------------------- the table


def test_the_readme_table_lists_every_kind_and_each_has_its_test():
    readme = (CORPUS / "README.md").read_text("utf-8")
    missing = [k for k in KINDS if f"| {k} |" not in readme]
    assert not missing, f"kinds missing from tests/bad_inputs/README.md: {missing}"
    absent = [t for t in KINDS.values() if t not in globals()]
    assert not absent, f"tests named in KINDS that do not exist: {absent}"
    assert len(KINDS) == 32
