"""`python -m analysis ingest`: web pages, PDF and Word reports by address and from files.

A local HTTP server (127.0.0.1, in a thread) serves the fixture documents; ingest runs with
`--allow-private`, as it must for such an address. Each test checks what was stored (raw
bytes, text, front matter, registry row) and that the figures found trace to the stored text.
"""

from __future__ import annotations

import csv
import io
import ipaddress
import shutil
import socket
import time
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner
from ingest_docs import FIGURES, HTML_PAGE, make_docx, make_pdf, make_scanned_pdf
from local_server import serve

from analysis.cli import main
from analysis.errors import DataError
from analysis.paths import articles_dir, candidates_dir, data_dir
from analysis.sources.articles import read_article
from analysis.sources.fetch import USER_AGENT, FetchError, check_address, fetch
from analysis.sources.ingest import address_slug, slug
from analysis.sources.registry import read_registry, register, registry_path

NAMES = {"html": "tin-hoa-giai.html", "pdf": "bao-cao-2023.pdf", "docx": "bao-cao-9-thang.docx"}


def run(*args: object) -> object:
    return CliRunner().invoke(main, [*map(str, args)])


@pytest.fixture(scope="module")
def served(tmp_path_factory) -> Iterator[tuple[str, Path, list[str]]]:
    """(base address, folder served, User-Agents seen) of a local server of the fixtures."""
    root = tmp_path_factory.mktemp("site")
    shutil.copy(HTML_PAGE, root / NAMES["html"])
    make_pdf(root / NAMES["pdf"])
    make_docx(root / NAMES["docx"])
    agents: list[str] = []

    class Handler(SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(root), **kwargs)

        def do_GET(self):
            agents.append(self.headers.get("User-Agent", ""))
            if self.path.startswith("/hop/"):  # /hop/N redirects to /hop/N-1, /hop/0 to the page
                n = int(self.path.rsplit("/", 1)[1])
                target = f"/hop/{n - 1}" if n else f"/{NAMES['html']}"
                return self._redirect(target)
            if self.path == "/to-file":
                return self._redirect("file:///etc/passwd")
            if self.path == "/slow":
                time.sleep(1.5)
            return super().do_GET()

        def _redirect(self, location: str) -> None:
            self.send_response(302)
            self.send_header("Location", location)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args):
            pass

    with serve(Handler) as base:
        yield base, root, agents


def registry_rows() -> list[dict[str, str]]:
    rows, problems = read_registry(registry_path())
    assert not problems, problems
    return rows


def test_three_kinds_by_address_are_stored_registered_and_their_figures_trace_to_the_text(
    served, data_copy
):
    base, root, agents = served
    registry_before = registry_path().read_bytes()
    urls = {kind: f"{base}/{name}" for kind, name in NAMES.items()}
    result = run("ingest", *urls.values(), "--allow-private")
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[-1] == "ingest: 3 stored, 0 skipped, 0 failed"
    assert any(a == USER_AGENT for a in agents), f"User-Agent sent: {set(agents)}"

    after = registry_path().read_bytes()
    assert after.startswith(registry_before), "an existing registry row was rewritten"
    new_rows = {r["url"]: r for r in registry_rows()[-3:]}
    stored = [Path(line) for line in result.stdout.splitlines()]
    assert len(stored) == 3 and all(p.parent == articles_dir() for p in stored), result.stdout
    for kind, url in urls.items():
        row = new_rows[url]
        sid = row["source_id"]
        assert sid.startswith(Path(NAMES[kind]).stem + "_"), sid
        assert (row["bundled"], row["obtained"]) == ("true", kind)
        raw = data_dir() / "raw" / f"{sid}{Path(NAMES[kind]).suffix}"
        assert raw.read_bytes() == (root / NAMES[kind]).read_bytes(), f"{raw}: raw bytes changed"
        article = read_article(articles_dir() / f"{sid}.txt")
        meta = article.meta
        assert (meta["url"], meta["obtained"], meta["body_sha256"]) == (url, kind, row["sha256"])
        assert meta["title"] and meta["retrieved"], meta
        if kind == "pdf":
            assert meta["pages"] == 2 and meta["page_starts"][0] == 0, meta
    html_row = new_rows[urls["html"]]
    assert (html_row["published"], html_row["outlet"]) == ("2024-07-16", "Báo Thử Nghiệm")

    out = data_copy / "found.csv"
    result = run("extract", *stored, "-o", out)
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(out.read_text("utf-8"), newline="")))
    for kind, url in urls.items():
        sid = new_rows[url]["source_id"]
        text = read_article(articles_dir() / f"{sid}.txt").text
        mine = [r for r in rows if r["doc_id"] == sid]
        missing = FIGURES[kind] - {(r["indicator"], r["value"]) for r in mine}
        assert not missing, f"{kind}: figures not found: {sorted(missing)}"
        for r in mine:
            assert text[int(r["start"]) : int(r["end"])] == r["evidence"], r

    result = run("extract", *stored, "--into", candidates_dir())
    assert result.exit_code == 0, result.output
    assert run("validate").exit_code == 0, "records of ingested sources do not validate"


def test_the_same_bytes_again_add_nothing(served, data_copy):
    base, _root, _agents = served
    url = f"{base}/{NAMES['docx']}"
    first = run("ingest", url, "--allow-private")
    assert first.exit_code == 0, first.output
    snapshot = {p: p.read_bytes() for p in data_copy.rglob("*") if p.is_file()}
    again = run("ingest", url, "--allow-private")
    assert again.exit_code == 0, again.output
    assert "already stored as bao-cao-9-thang_" in again.stderr
    assert again.stderr.splitlines()[-1] == "ingest: 0 stored, 1 skipped, 0 failed"
    assert again.stdout == first.stdout, "the stored article is not named again"
    now = {p: p.read_bytes() for p in data_copy.rglob("*") if p.is_file()}
    assert now == snapshot, "a second ingest of the same bytes changed the data folder"


def ingest_twice(served, name: str, old: bytes, new: bytes):
    """Serve the fixture page at `name`, ingest it, replace `old` by `new` in its bytes and
    ingest the same address again: (address, first run, article stored first, its bytes then,
    second run)."""
    base, root, _agents = served
    page = root / name
    page.write_bytes(HTML_PAGE.read_bytes())
    url = f"{base}/{name}"
    first = run("ingest", url, "--allow-private")
    assert first.exit_code == 0, first.output
    stored = Path(first.stdout.strip())
    stored_bytes = stored.read_bytes()
    page.write_bytes(HTML_PAGE.read_bytes().replace(old, new))
    second = run("ingest", url, "--allow-private")
    assert second.exit_code == 0, second.output
    return url, first, stored, stored_bytes, second


def test_changed_bytes_at_one_address_are_a_new_version_and_the_old_is_kept(served, data_copy):
    url, _first, old, old_bytes, second = ingest_twice(served, "thay-doi.html", b"1.245", b"1.246")
    new = Path(second.stdout.strip())
    assert new != old and old.read_bytes() == old_bytes, "the earlier version was overwritten"
    assert f"new version of {old.stem}" in second.stderr
    assert "1.246 vụ việc" in read_article(new).text
    assert [r["source_id"] for r in registry_rows() if r["url"] == url] == [old.stem, new.stem]


def test_a_page_whose_bytes_change_around_the_same_text_is_not_stored_again(served, data_copy):
    """Pages change on every visit (adverts, counters): the same main text is one source."""
    url, first, stored, _bytes, again = ingest_twice(
        served, "quang-cao.html", b"Mua 2 t", b"Mua 3 t"
    )
    sid = stored.stem
    assert f"skipped {url}: same text as {sid}, already stored" in again.stderr
    assert again.stdout == first.stdout
    assert [r["source_id"] for r in registry_rows() if r["url"] == url] == [sid]


def test_a_redirect_is_followed_and_the_final_address_recorded(served, data_copy):
    base, _root, _agents = served
    result = run("ingest", f"{base}/hop/2", "--allow-private")
    assert result.exit_code == 0, result.output
    meta = read_article(Path(result.stdout.strip())).meta
    assert (meta["url"], meta["requested_url"]) == (f"{base}/{NAMES['html']}", f"{base}/hop/2")


@pytest.mark.parametrize(
    ("path", "options", "message"),
    [
        ("/hop/9", ["--allow-private"], "more than 5 redirects"),
        ("/to-file", ["--allow-private"], "file:///etc/passwd: only http and https"),
        (f"/{NAMES['pdf']}", ["--allow-private", "--max-bytes", "1000"], "over the limit"),
        ("/nothing-here.html", ["--allow-private"], "HTTP 404"),
        ("/slow", ["--allow-private", "--timeout", "0.3"], "did not finish within 0.3 s"),
        (f"/{NAMES['html']}", [], "resolves to 127.0.0.1, a private, loopback or link-local"),
    ],
)
def test_refused_fetches_fail_with_a_message_and_store_nothing(
    served, data_copy, path, options, message
):
    base, _root, _agents = served
    before = registry_path().read_bytes()
    result = run("ingest", base + path, *options)
    assert result.exit_code == 1, result.output
    assert message in result.stderr, result.stderr
    assert result.stderr.splitlines()[-1] == "ingest: 0 stored, 0 skipped, 1 failed"
    assert registry_path().read_bytes() == before
    assert not (data_copy / "raw").exists()


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/",
        "http://10.1.2.3/x",
        "http://192.168.1.1/",
        "http://169.254.169.254/latest/meta-data",
        "http://[::1]:8080/",
        "http://[fe80::1]/",
        "http://0.0.0.0/",
    ],
)
def test_private_loopback_and_link_local_addresses_are_refused(url):
    with pytest.raises(FetchError, match="private, loopback or link-local"):
        check_address(url)
    check_address(url, allow_private=True)


def test_every_redirect_hop_is_checked(monkeypatch):
    """A public address that redirects to a loopback one is refused at the second hop."""
    public = "203.0.113.7"  # never contacted: the transport below answers instead

    def resolve(host, *args, **kwargs):
        address = public if host == "news.example" else host
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, 80))]

    monkeypatch.setattr(socket, "getaddrinfo", resolve)
    monkeypatch.setattr(ipaddress.IPv4Address, "is_global", property(lambda a: str(a) == public))
    asked: list[tuple[str, str, object]] = []

    def answer(request: httpx.Request) -> httpx.Response:
        sni = request.extensions.get("sni_hostname")
        asked.append((str(request.url), request.headers["host"], sni))
        return httpx.Response(302, headers={"Location": "http://127.0.0.1:8000/admin"})

    refused = pytest.raises(FetchError, match=r"127\.0\.0\.1:8000/admin: host '127.0.0.1' resolves")
    with httpx.Client(transport=httpx.MockTransport(answer)) as client, refused:
        fetch("http://news.example/tin.html", client=client)
    # sent to the address checked (no second lookup), under the host's own name
    assert asked == [(f"http://{public}/tin.html", "news.example", "news.example")], asked


def test_a_named_host_is_fetched_from_the_address_checked(served, monkeypatch):
    """End to end on the local server: the name resolves once, the connection goes to the
    address checked, and the server sees the name in the Host header."""
    base, root, _agents = served
    port = base.rsplit(":", 1)[1]
    real = socket.getaddrinfo
    lookups: list[str] = []

    def resolve(host, *args, **kwargs):
        lookups.append(host)
        return real("127.0.0.1" if host == "tin.test" else host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", resolve)
    monkeypatch.setattr(
        ipaddress.IPv4Address, "is_global", property(lambda a: str(a) == "127.0.0.1")
    )
    got = fetch(f"http://tin.test:{port}/{NAMES['html']}")
    assert got.content == (root / NAMES["html"]).read_bytes()
    assert got.url == f"http://tin.test:{port}/{NAMES['html']}"
    assert lookups.count("tin.test") == 1, f"looked up again: {lookups}"


@pytest.mark.parametrize("url", ["ftp://example.org/a.pdf", "file:///etc/passwd", "http:///x"])
def test_only_http_addresses_with_a_host(url):
    with pytest.raises(FetchError):
        check_address(url, allow_private=True)


def test_files_and_folders_are_ingested_and_others_skipped_with_the_reason(tmp_path, data_copy):
    folder = tmp_path / "reports"
    folder.mkdir()
    make_docx(folder / "phong-tu-phap.docx")
    (folder / "bang.csv").write_text("a,b\n", "utf-8")
    (folder / ".hidden.txt").write_text("Năm 2023 tiếp nhận 5 vụ việc.\n", "utf-8")
    result = run("ingest", folder)
    assert result.exit_code == 0, result.output
    lines = result.stderr.splitlines()
    assert lines[0] == (
        f"skipped {folder / 'bang.csv'}: '.csv' is not a kind read here "
        "(.txt, .md, .html, .htm, .pdf, .docx)"
    )
    assert lines[1].startswith("stored phong-tu-phap_") and lines[1].endswith("(docx)")
    assert lines[-1] == "ingest: 1 stored, 1 skipped, 0 failed"
    row = registry_rows()[-1]
    assert (row["url"], row["obtained"]) == ("", "docx")


def test_a_scanned_pdf_gets_a_clear_message(tmp_path, data_copy, monkeypatch):
    scan = make_scanned_pdf(tmp_path / "scan.pdf")  # a black square: no word to read
    monkeypatch.setattr("analysis.sources.ocr.missing", lambda: "Tesseract is not installed")
    result = run("ingest", scan)
    assert result.exit_code == 1
    assert (
        f"error: {scan}: scanned PDF (no text layer): OCR needed, but Tesseract is not installed"
        in result.stderr
    )
    monkeypatch.undo()
    from analysis.sources.ocr import missing

    if missing() is None:  # with OCR: it reads the page and finds nothing
        result = run("ingest", scan)
        assert result.exit_code == 1
        assert f"error: {scan}: PDF of 1 page(s) has no text layer, and OCR found no text" in (
            result.stderr
        )
    assert not list(articles_dir().glob("scan_*"))


def test_a_missing_name_fails_and_the_rest_goes_on(tmp_path, data_copy):
    page = tmp_path / "trang.html"
    page.write_bytes(HTML_PAGE.read_bytes())
    result = run("ingest", tmp_path / "no-such.pdf", page)
    assert result.exit_code == 1
    assert f"error: {tmp_path / 'no-such.pdf'}: no such file or folder" in result.stderr
    assert result.stderr.splitlines()[-1] == "ingest: 1 stored, 0 skipped, 1 failed"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Báo cáo Đà Nẵng 2024", "bao-cao-da-nang-2024"),
        ("tin_tức--mới.HTML", "tin-tuc-moi-html"),
        ("...", "source"),
    ],
)
def test_slug(text, expected):
    assert slug(text) == expected


def test_address_slug_uses_the_last_path_segment_else_the_host():
    assert address_slug("https://stp.example.vn/tin-tuc/hoa-giai-2024.html?id=3") == (
        "hoa-giai-2024"
    )
    assert address_slug("https://stp.example.vn/") == "stp-example-vn"


def test_register_appends_once_and_never_rewrites(tmp_path):
    data = tmp_path
    (data / "sources.csv").write_bytes(
        b"source_id,url,outlet,title,published,retrieved,jurisdiction,bundled,sha256,obtained\n"
        b"a,https://x.example/a,,,,,,false,,copied"  # no final newline
    )
    row = {"source_id": "b_0123", "bundled": True, "sha256": "0" * 64, "obtained": "pdf"}
    assert register(row, data) is True
    assert register(row, data) is False, "the same source_id was registered twice"
    assert (
        (data / "sources.csv")
        .read_bytes()
        .endswith(b"false,,copied\nb_0123,,,,,,,true," + b"0" * 64 + b",pdf\n")
    )
    with pytest.raises(DataError, match="bad-obtained"):
        register({**row, "source_id": "c", "obtained": "scanned"}, data)


def test_register_refuses_to_append_to_a_broken_registry(tmp_path):
    broken = (
        b"source_id,url,outlet,title,published,retrieved,jurisdiction,bundled,sha256,obtained\n"
        b'a,,,"never closed,,,,true,' + b"0" * 64 + b",copied\n"
    )
    (tmp_path / "sources.csv").write_bytes(broken)
    with pytest.raises(DataError, match="nothing appended"):
        register({"source_id": "b", "bundled": True, "sha256": "0" * 64}, tmp_path)
    assert (tmp_path / "sources.csv").read_bytes() == broken


def _register_many(args: tuple[str, int]) -> None:
    folder, start = args
    for i in range(start, start + 25):
        register({"source_id": f"s{i}", "bundled": True, "sha256": "1" * 64}, Path(folder))


def test_registers_from_two_processes_at_once_lose_no_row(tmp_path):
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(2) as pool:
        list(pool.map(_register_many, [(str(tmp_path), 0), (str(tmp_path), 100)]))
    rows, problems = read_registry(tmp_path / "sources.csv")
    assert not problems, problems
    assert sorted(r["source_id"] for r in rows) == sorted(
        [f"s{i}" for i in range(25)] + [f"s{i}" for i in range(100, 125)]
    )
