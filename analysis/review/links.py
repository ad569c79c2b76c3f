"""Links a reviewer can open from the view: a source's address, or its raw file through the
Jupyter server the kernel runs under.

The kernel knows the file's path; the browser needs its place under the server's root. The
server this kernel belongs to is found in Jupyter's runtime folder (`jpserver-<pid>.json`,
which every running Jupyter server writes): the one that started this kernel, else the one
whose root holds the kernel's folder. Outside a Jupyter server there is no such link.
"""

from __future__ import annotations

import json
import os
from functools import cache
from pathlib import Path
from urllib.parse import quote

# Raw kinds JupyterLab shows itself (its PDF viewer, its sandboxed HTML viewer); other files
# are offered as a download (the server's /files/, served with a sandboxing CSP).
OPENED_IN_LAB = (".pdf", ".html", ".htm", ".txt", ".md")


@cache
def server_info(cwd: str | None = None) -> dict[str, str] | None:
    """The running Jupyter server of this kernel ({base_url, root_dir, ...}), or None."""
    try:
        from jupyter_core.paths import jupyter_runtime_dir
    except ImportError:
        return None
    folder = Path(jupyter_runtime_dir())
    here = Path(cwd or os.getcwd()).resolve()
    found = []
    for path in sorted(folder.glob("jpserver-*.json")) if folder.is_dir() else []:
        try:
            info = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        root = info.get("root_dir")
        if not root:
            continue
        if info.get("pid") == os.getppid():
            return info
        if here.is_relative_to(Path(root).resolve()):
            found.append(info)
    return max(found, key=lambda i: len(i["root_dir"])) if found else None


def file_link(path: Path, info: dict[str, str] | None = None) -> str | None:
    """An address (absolute path on the server) that opens `path` in the browser: JupyterLab's
    viewer for PDF, web pages and text, a download otherwise; None when `path` is outside the
    server's root or no server is known."""
    info = info if info is not None else server_info()
    if not info:
        return None
    root = Path(info["root_dir"]).resolve()
    target = path.resolve()
    if not target.is_relative_to(root):
        return None
    rel = quote(target.relative_to(root).as_posix())
    base = info.get("base_url") or "/"
    kind = "lab/tree" if target.suffix.lower() in OPENED_IN_LAB else "files"
    return f"{base}{kind}/{rel}"
