"""A loopback HTTP server for the tests that fetch pages: it never writes to stderr.

`socketserver` prints a 40-dash block and a traceback to `sys.stderr` when a handler fails,
e.g. when a test's client times out and closes the connection before a slow page is sent.
The handler thread outlives the test, and the block lands in whatever output a later test is
capturing. A client that goes away is what these tests do on purpose, so it is not reported.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        """Ignore a client that closed its connection; anything else is a test's bug: raise."""
        error = sys.exc_info()[1]
        if isinstance(error, ConnectionError | TimeoutError):
            return
        super().handle_error(request, client_address)


@contextmanager
def serve(handler: type[BaseHTTPRequestHandler]) -> Iterator[str]:
    """Serve `handler` on a free loopback port for the block; yields the base address."""
    server = QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
