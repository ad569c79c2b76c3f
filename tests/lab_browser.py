"""A real JupyterLab and a real browser for the tests of what runs in JupyterLab.

`lab_server` starts JupyterLab as a subprocess on a free loopback port with a random token, its
HOME and Jupyter folders in a temporary folder (nothing of the user's is read or written), and
the data folder the test gives (`VN_JUSTICE_DATA_DIR`). `chromium` is Debian's Chromium driven
by Playwright for Python: never a browser Playwright downloads itself. Where Chromium (or
Playwright) is missing, `browser_missing()` says so and how to install it, for a skip.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
START_SECONDS = 120


def browser_missing() -> str | None:
    """Why the browser tests cannot run here (and how to make them), or None."""
    if not CHROMIUM.is_file():
        return (
            f"no Chromium at {CHROMIUM}: the browser tests need Debian's package "
            "(`apt-get install -y chromium`, as .ci/run does)"
        )
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright for Python is not installed: run `make venv`"
    return None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Lab:
    url: str
    token: str
    root: Path
    log: Path

    def address(self, path: str) -> str:
        return f"{self.url}{path}?token={self.token}"


def _quiet_settings(settings: Path) -> None:
    """No 'news' or update pop-up over the page: the lab's own notification settings."""
    folder = settings / "@jupyterlab" / "apputils-extension"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "notification.jupyterlab-settings").write_text(
        json.dumps({"fetchNews": "false", "checkForUpdates": False}), encoding="utf-8"
    )


@contextmanager
def lab_server(root: Path, home: Path, env: dict[str, str]) -> Iterator[Lab]:
    """JupyterLab serving `root`, its state under `home`; stopped (and its kernels) on exit."""
    port, token = free_port(), secrets.token_hex(16)
    dirs = {
        "HOME": home,
        "JUPYTER_CONFIG_DIR": home / "jupyter-config",
        "JUPYTER_DATA_DIR": home / "jupyter-data",
        "JUPYTER_RUNTIME_DIR": home / "jupyter-runtime",
        "IPYTHONDIR": home / "ipython",
        "JUPYTERLAB_SETTINGS_DIR": home / "lab-settings",
        "JUPYTERLAB_WORKSPACES_DIR": home / "lab-workspaces",
        "MPLCONFIGDIR": home / "matplotlib",
    }
    for folder in dirs.values():
        folder.mkdir(parents=True, exist_ok=True)
    _quiet_settings(dirs["JUPYTERLAB_SETTINGS_DIR"])
    command = [
        sys.executable,
        "-m",
        "jupyter",
        "lab",
        "--no-browser",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={root}",
        "--LabApp.news_url=",
    ]
    if os.geteuid() == 0:
        command.append("--allow-root")
    log = home / "lab.log"
    full_env = {**os.environ, **{k: str(v) for k, v in dirs.items()}, **env}
    with log.open("wb") as out:
        process = subprocess.Popen(command, env=full_env, stdout=out, stderr=subprocess.STDOUT)
    lab = Lab(f"http://127.0.0.1:{port}/", token, root, log)
    try:
        deadline = time.monotonic() + START_SECONDS
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"JupyterLab stopped at start:\n{log.read_text()[-3000:]}")
            try:
                with urllib.request.urlopen(lab.address("api/status"), timeout=5):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError(
                        f"JupyterLab did not start:\n{log.read_text()[-3000:]}"
                    ) from None
                time.sleep(0.5)
        yield lab
    finally:
        process.terminate()
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(10)


@contextmanager
def chromium(width: int = 1400, height: int = 1000) -> Iterator[object]:
    """A page of Debian's Chromium, headless, on a private profile."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        try:
            page = browser.new_page(viewport={"width": width, "height": height})
            yield page
        finally:
            browser.close()


def copy_notebook(source: Path, root: Path) -> Path:
    """The notebook at the same place under `root` as under the project."""
    from analysis.paths import PROJECT_ROOT

    target = root / source.relative_to(PROJECT_ROOT)
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(source, target)
    return target
