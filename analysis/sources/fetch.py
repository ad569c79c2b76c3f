"""Fetching an address for `ingest`: a careful HTTP client (httpx).

Only `http`/`https`, a deadline for the whole download (redirects and every read included: a
server that trickles a byte a second is cut off at the deadline, not kept alive by each byte), a
size limit that stops reading at the limit, a User-Agent naming the project, a few redirects,
each followed by hand so that every hop is checked, and no private, loopback or link-local
address (the host is resolved and every address checked, at each hop, and the connection
made to the address checked) unless allowed. A user name and password in the address are sent
to that host only and never returned: what `fetch` gives back is the address without them.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import socket
import time
from contextlib import closing
from dataclasses import dataclass
from urllib.parse import unquote, urljoin, urlsplit, urlunsplit

import httpx

USER_AGENT = "vn-justice-stats/0.1 (source ingest for justice-sector statistics)"
TIMEOUT_SECONDS = 30.0
MAX_BYTES = 50 * 1024 * 1024
MAX_REDIRECTS = 5
REDIRECTS = (301, 302, 303, 307, 308)


class FetchError(Exception):
    """An address that could not or must not be fetched; the message says which and why."""


@dataclass(frozen=True)
class Fetched:
    """What an address gave: the final address after redirects, the bytes, the media type."""

    url: str
    requested: str
    content: bytes
    media_type: str | None
    retrieved: dt.date


def check_address(url: str, *, allow_private: bool = False) -> str | None:
    """Refuse what is not http(s) with a host, and a host that resolves to any private,
    loopback, link-local, multicast or reserved address (unless `allow_private`).

    Returns the checked address to connect to (None with `allow_private`), so that a second
    name lookup cannot bring a different answer."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise FetchError(f"{url}: only http and https addresses are fetched")
    host = parts.hostname
    if not host:
        raise FetchError(f"{url}: the address has no host")
    if allow_private:
        return None
    try:
        infos = socket.getaddrinfo(host, parts.port or None, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(f"{url}: cannot resolve host {host!r}: {exc}") from None
    for info in infos:
        address = ipaddress.ip_address(info[4][0].split("%")[0])
        if not address.is_global or address.is_multicast:
            raise FetchError(
                f"{url}: host {host!r} resolves to {address}, a private, loopback or "
                "link-local address: not fetched (--allow-private allows it)"
            )
    return infos[0][4][0].split("%")[0]


def split_credentials(url: str) -> tuple[str, tuple[str, str] | None]:
    """The address without `user:password@`, and the (user, password) it held, if any."""
    parts = urlsplit(url)
    if parts.username is None and parts.password is None:
        return url, None
    netloc = parts.netloc.rpartition("@")[2]
    credentials = (unquote(parts.username or ""), unquote(parts.password or ""))
    return urlunsplit(parts._replace(netloc=netloc)), credentials


def _origin(url: str) -> tuple[str, str | None, int | None]:
    parts = urlsplit(url)
    return parts.scheme, parts.hostname, parts.port


def _left(deadline: float, url: str, timeout: float) -> float:
    """Seconds left before the deadline; FetchError once it has passed."""
    left = deadline - time.monotonic()
    if left <= 0:
        raise FetchError(_late(url, timeout))
    return left


def _late(url: str, timeout: float) -> str:
    return (
        f"{url}: the download did not finish within {timeout:g} s (--timeout is for the whole "
        "download, redirects included)"
    )


def _request(client: httpx.Client, url: str, address: str | None, timeout: float) -> httpx.Request:
    """A GET of `url`, sent to `address` when one is given, with the host's own name in the
    Host header and for TLS (server name and certificate check); every wait (connect, each
    read) at most `timeout` seconds, the time left before the deadline."""
    if address is None:
        return client.build_request("GET", url, timeout=timeout)
    parts = urlsplit(url)
    port = f":{parts.port}" if parts.port else ""
    host = parts.hostname or ""
    literal = f"[{address}]" if ":" in address else address
    name = f"[{host}]" if ":" in host else host
    return client.build_request(
        "GET",
        urlunsplit(parts._replace(netloc=literal + port)),
        headers={"Host": name + port},
        extensions={"sni_hostname": host},
        timeout=timeout,
    )


def fetch(
    url: str,
    *,
    allow_private: bool = False,
    timeout: float = TIMEOUT_SECONDS,
    max_bytes: int = MAX_BYTES,
    max_redirects: int = MAX_REDIRECTS,
    client: httpx.Client | None = None,
) -> Fetched:
    """The body of `url` (GET), following at most `max_redirects` redirects, each checked, all
    within `timeout` seconds. Credentials in `url` are sent as HTTP Basic authentication to its
    own host (not to a host a redirect leads to) and left out of every address returned."""
    deadline = time.monotonic() + timeout
    url, credentials = split_credentials(url)
    own = client is None
    client = client or httpx.Client(
        timeout=timeout,
        follow_redirects=False,
        headers={"User-Agent": USER_AGENT, "Accept": "*/*"},
        trust_env=False,  # a proxy from the environment would hide the address being checked
    )
    try:
        current = url
        for _hop in range(max_redirects + 1):
            address = check_address(current, allow_private=allow_private)
            request = _request(client, current, address, _left(deadline, url, timeout))
            auth = (
                httpx.BasicAuth(*credentials)
                if credentials and _origin(current) == _origin(url)
                else None
            )
            with closing(client.send(request, stream=True, auth=auth)) as response:
                if response.status_code in REDIRECTS and "location" in response.headers:
                    current = split_credentials(urljoin(current, response.headers["location"]))[0]
                    continue
                if response.status_code != 200:
                    raise FetchError(
                        f"{current}: HTTP {response.status_code} {response.reason_phrase}"
                    )
                content = _read_limited(response, current, max_bytes, deadline, timeout)
                media = response.headers.get("content-type")
                return Fetched(current, url, content, media, dt.date.today())
        raise FetchError(f"{url}: more than {max_redirects} redirects")
    except httpx.TimeoutException:
        raise FetchError(_late(url, timeout)) from None
    except httpx.HTTPError as exc:
        raise FetchError(f"{url}: {type(exc).__name__}: {exc}") from None
    finally:
        if own:
            client.close()


def _read_limited(
    response: httpx.Response, url: str, max_bytes: int, deadline: float, timeout: float
) -> bytes:
    """The body, read until `max_bytes` (FetchError past it: nothing beyond is read) or the
    deadline (FetchError: checked after every chunk, however slowly they come)."""
    declared = response.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > max_bytes:
        raise FetchError(f"{url}: {int(declared):,} bytes is over the limit of {max_bytes:,}")
    chunks, size = [], 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > max_bytes:
            raise FetchError(f"{url}: more than {max_bytes:,} bytes: over the limit")
        chunks.append(chunk)
        _left(deadline, url, timeout)
    return b"".join(chunks)
