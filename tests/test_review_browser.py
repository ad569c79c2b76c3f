"""The review view in a real JupyterLab, driven by keystrokes in Debian's headless Chromium.

JupyterLab runs as a subprocess on a free loopback port with a token, on a temporary data
folder holding the sample documents' candidates, with its HOME and Jupyter folders in a
temporary folder. The test opens notebooks/review/review.ipynb, runs it, accepts one candidate
with `a`, corrects the next one's value with `e`, typing and Enter (the reason asked for, typed,
Enter), then checks the reviewer's file (two new lines, reviewer and date filled in), what
`load_records()` makes of them, that opening the view again resumes after the last decision,
and rejects that one with `x`, its reason and Enter.
Screenshots go to build/review-browser/ (not committed) for a person to look at.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import shutil
from pathlib import Path

import pytest
from conftest import CITED, copy_fixture_data, read_rows
from lab_browser import browser_missing, chromium, copy_notebook, lab_server
from review_data import with_samples

from analysis.paths import DATA_DIR_ENV, PROJECT_ROOT

pytestmark = pytest.mark.skipif(bool(browser_missing()), reason=browser_missing() or "")

NOTEBOOK = PROJECT_ROOT / "notebooks" / "review" / "review.ipynb"
SHOTS = PROJECT_ROOT / "build" / "review-browser"
REVIEWER = "lan"
WAIT_MS = 120_000


def left(page) -> str:
    return page.inner_text(".vnr-left")


def wait_left(page, text: str) -> None:
    page.wait_for_function(
        "t => document.querySelector('.vnr-left')?.textContent === t", arg=text, timeout=WAIT_MS
    )


def shown_id(page) -> str:
    return page.inner_text(".vnr-where").split(" · ")[0]


def run_notebook(
    page, lab, path: str = "notebooks/review/review.ipynb", cells: int = 3, ready: str = ".vnr-root"
) -> None:
    """Open a notebook and run its cells, as a person does (Shift+Enter each), until `ready`
    shows."""
    page.goto(lab.address(f"lab/tree/{path}"))
    page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=WAIT_MS)
    page.wait_for_function(  # the kernel has started: the status bar says so
        "() => /\\| Idle/.test(document.querySelector('#jp-main-statusbar')?.textContent || '')",
        timeout=WAIT_MS,
    )
    page.click(".jp-Notebook .jp-Cell >> nth=0")
    page.keyboard.press("Escape")
    for _ in range(cells):
        page.keyboard.press("Shift+Enter")
    page.wait_for_selector(ready, timeout=WAIT_MS)


@pytest.fixture
def review_data(tmp_path, monkeypatch) -> Path:
    root = tmp_path / "project"
    data = copy_fixture_data(root / "data")
    monkeypatch.setenv(DATA_DIR_ENV, str(data))
    with_samples(data)
    copy_notebook(NOTEBOOK, root)
    return data


def test_accept_and_correct_by_keystrokes(review_data, tmp_path):
    shutil.rmtree(SHOTS, ignore_errors=True)
    SHOTS.mkdir(parents=True)
    data = review_data
    total = len(read_rows(data / "candidates" / "candidates.csv"))
    file = data / "reviews" / f"{REVIEWER}.csv"
    env = {DATA_DIR_ENV: str(data), "VN_JUSTICE_REVIEWER": REVIEWER}
    with lab_server(data.parent, tmp_path / "home", env) as lab, chromium() as page:
        run_notebook(page, lab)
        wait_left(page, f"{total} of {total} left")
        page.screenshot(path=SHOTS / "1-opened.png", full_page=True)
        first = shown_id(page)
        assert page.inner_text("mark.vnr-number"), "the figure's number is not highlighted"
        link = page.get_attribute(".vnr-open", "href") or ""
        raw = re.sub(r"^/(lab/tree|files)/", "", link)
        assert raw.startswith("data/raw/") and (data.parent / raw).is_file(), link

        page.wait_for_function(  # the view took the focus when it was drawn
            "() => document.activeElement?.classList.contains('vnr-root')", timeout=WAIT_MS
        )
        page.keyboard.press("a")  # its key, not the notebook's (a: insert a cell above)
        wait_left(page, f"{total - 1} of {total} left")
        second = shown_id(page)
        assert second != first
        value = page.input_value("[data-field=value]")
        corrected = str(int(value) + 1000)

        page.keyboard.press("e")
        page.keyboard.press("Control+a")
        page.keyboard.type(corrected)
        page.keyboard.press("Enter")  # a correction needs its reason: the view asks for it
        page.wait_for_selector(".vnr-error", timeout=WAIT_MS)
        assert "needs its reason" in page.inner_text(".vnr-error")
        page.keyboard.type("the table on page 2 gives the total")
        page.screenshot(path=SHOTS / "2-correcting.png", full_page=True)
        page.keyboard.press("Enter")
        wait_left(page, f"{total - 2} of {total} left")
        third = shown_id(page)
        page.screenshot(path=SHOTS / "3-saved.png", full_page=True)
        assert "corrected" in page.inner_text(".vnr-ok")

        rows = read_rows(file)
        assert [r["record_id"] for r in rows] == [first, second], "two new lines, in order"
        today = dt.date.today().isoformat()
        assert {(r["reviewer"], r["reviewed_at"], r["decision"]) for r in rows} == {
            (REVIEWER, today, "reviewed")
        }
        assert rows[0]["value"] == "" and rows[0]["reason"] == ""
        assert (rows[1]["value"], rows[1]["reason"]) == (
            corrected,
            "the table on page 2 gives the total",
        )

        page.reload()  # the browser closed and opened again: the view resumes after them
        run_notebook(page, lab)
        wait_left(page, f"{total - 2} of {total} left")
        assert shown_id(page) == third
        page.wait_for_function(
            "() => document.activeElement?.classList.contains('vnr-root')", timeout=WAIT_MS
        )
        page.keyboard.press("?")
        page.wait_for_selector(".vnr-help")
        page.screenshot(path=SHOTS / "4-reopened.png", full_page=True)

        page.keyboard.press("x")  # a rejection asks for its reason, Enter rejects
        page.wait_for_function(
            "() => document.activeElement?.dataset?.field === 'reason'", timeout=WAIT_MS
        )
        page.keyboard.type("a target, not a result")
        page.keyboard.press("Enter")
        wait_left(page, f"{total - 3} of {total} left")
        rejected = read_rows(file)[2]
        assert (rejected["record_id"], rejected["decision"], rejected["reason"]) == (
            third,
            "rejected",
            "a target, not a result",
        )

    from analysis.records.load import load_records

    records = load_records().set_index("record_id")
    assert {first, second} <= set(records.index.astype(str))
    assert records.loc[first, "corrected"] == ""
    got = records.loc[second]
    assert got["value"] == float(corrected) and got["extracted_value"] == float(value)
    assert got["corrected"] == "value" and got["note"] == "the table on page 2 gives the total"
    assert third not in set(records.index.astype(str))
    assert re.fullmatch(r"r[0-9a-f]{12}", first)


# The explorer (notebooks/explore/explore.ipynb) in the same real JupyterLab and browser.
EXPLORER = PROJECT_ROOT / "notebooks" / "explore" / "explore.ipynb"
EXPLORER_SHOTS = PROJECT_ROOT / "build" / "explore-browser"
# What the series chart draws, read from Plotly's own data on the page: each trace's name and
# its points (x, y, the label written at the point, the marker's symbol).
DRAWN = """() => Array.from(document.querySelectorAll('.vnx-series .js-plotly-plot'))
    .flatMap(gd => gd.data.map(t => ({name: t.name, x: t.x, y: t.y, text: t.text,
                                      symbol: t.marker.symbol})))"""


FIRST_VIEW = [  # drafts appraised, yearly, of the first three places (fixtures + cited)
    ("Hậu Giang — cấp tỉnh", "Năm 2023", 42, "42", "circle"),
    ("Lạng Sơn", "Năm 2020", 62, "62", "circle"),
    ("Việt Nam", "Năm 2019", 6606, "6.606", "circle"),
    ("Việt Nam", "Năm 2020", 5800, "5.800", "circle"),
]


@pytest.fixture
def explore_data(tmp_path, monkeypatch) -> Path:
    """The fixture data with the cited sources' figures (several national periods), the
    explorer notebook at its place."""
    root = tmp_path / "project"
    data = copy_fixture_data(root / "data")
    registry = data / "sources.csv"
    cited = (CITED / "sources.csv").read_text(encoding="utf-8").split("\n", 1)[1]
    registry.write_text(registry.read_text(encoding="utf-8") + cited, encoding="utf-8")
    shutil.copy(CITED / "records" / "corpus.csv", data / "records" / "corpus.csv")
    monkeypatch.setenv(DATA_DIR_ENV, str(data))
    copy_notebook(EXPLORER, root)
    return data


def drawn_points(page) -> list[tuple[str, str, float, str, str]]:
    """(trace, period, value, label, marker) of every point the series chart draws."""
    points = []
    for trace in page.evaluate(DRAWN):
        symbols = (
            trace["symbol"]
            if isinstance(trace["symbol"], list)
            else [trace["symbol"]] * len(trace["x"])
        )
        for x, y, text, symbol in zip(trace["x"], trace["y"], trace["text"], symbols, strict=True):
            points.append((trace["name"], x, y, text, symbol))
    return sorted(points)


def wait_drawn(page, expected: list) -> None:
    deadline = dt.datetime.now() + dt.timedelta(milliseconds=WAIT_MS)
    while drawn_points(page) != expected:
        if dt.datetime.now() > deadline:
            raise AssertionError(f"the series drawn {drawn_points(page)} are not {expected}")
        page.wait_for_timeout(250)


def test_explorer_redraws_on_a_selection_and_downloads_what_it_shows(explore_data, tmp_path):
    shutil.rmtree(EXPLORER_SHOTS, ignore_errors=True)
    EXPLORER_SHOTS.mkdir(parents=True)
    data = explore_data
    with (
        lab_server(data.parent, tmp_path / "home", {DATA_DIR_ENV: str(data)}) as lab,
        chromium(1400, 1200) as page,
    ):
        run_notebook(page, lab, "notebooks/explore/explore.ipynb", 2, ".vnx-root")
        try:
            page.wait_for_function(f"() => ({DRAWN})().length > 0", timeout=WAIT_MS)
        except Exception:
            page.screenshot(path=EXPLORER_SHOTS / "0-failed.png", full_page=True)
            raise
        page.wait_for_timeout(500)
        page.screenshot(path=EXPLORER_SHOTS / "1-opened.png", full_page=True)
        assert drawn_points(page) == FIRST_VIEW, "the first view: drafts appraised, yearly"

        page.select_option(
            ".vnx-indicator select", label="Số cuộc phổ biến, giáo dục pháp luật trực tiếp"
        )
        wait_drawn(page, [("Hậu Giang", "Năm 2023", 2536, "2.536", "circle")])
        page.select_option(".vnx-kind select", label="6 tháng")
        expected = [
            ("Lạng Sơn", "6 tháng đầu năm 2024", 5000, "≥ 5.000", "triangle-up"),
            ("Việt Nam", "6 tháng đầu năm 2024", 300000, "≥ 300.000", "triangle-up"),
            ("Việt Nam", "6 tháng đầu năm 2025", 216584, "216.584", "circle"),
        ]
        wait_drawn(page, expected)
        page.wait_for_timeout(500)
        page.screenshot(path=EXPLORER_SHOTS / "2-changed.png", full_page=True)

        with page.expect_download(timeout=WAIT_MS) as download:
            page.click(".vnx-download")
        saved = tmp_path / "download.csv"
        download.value.save_as(saved)
        text = saved.read_text(encoding="utf-8")
        assert text.startswith("\ufeff"), "the CSV has no BOM: a spreadsheet misreads its letters"
        rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
        table = page.eval_on_selector_all(
            ".vnx-table tbody tr",
            "trs => trs.map(tr => Array.from(tr.cells).map(td => td.innerText.trim()))",
        )
        assert [(r["jurisdiction"], r["period_vi"], r["text"]) for r in rows] == [
            (t[0], t[1], t[4]) for t in table
        ], "the CSV's rows are not the table's"
        series_rows = sorted(
            (r["jurisdiction"], r["period_vi"], float(r["value"]), r["text"])
            for r in rows
            if r["in_series"] == "true"
        )
        assert series_rows == [p[:4] for p in expected], "the CSV's series are not those drawn"
        mapped = [r for r in rows if r["in_map"] == "true"]
        assert mapped and {r["period"] for r in mapped} == {"2024-H1"}, mapped
        assert all(r["sources"] for r in rows), "a figure without its sources"
        links = page.eval_on_selector_all(".vnx-table a.vnx-source", "as => as.map(a => a.href)")
        assert links and all("/lab/tree/data/" in h or h.startswith("http") for h in links), links

        # The same notebook as a page: Voilà, in the same Jupyter server, shows its widgets only.
        page.goto(lab.address("voila/render/notebooks/explore/explore.ipynb"), timeout=WAIT_MS)
        page.wait_for_function(f"() => ({DRAWN})().length > 0", timeout=WAIT_MS * 2)
        page.wait_for_timeout(500)
        page.screenshot(path=EXPLORER_SHOTS / "3-voila-page.png", full_page=True)
        assert drawn_points(page) == FIRST_VIEW, "the Voilà page draws another first view"
        assert "import explorer" not in page.inner_text("body"), "the page shows code"
