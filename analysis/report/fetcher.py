"""The PDF renderer's only way to load a resource: embedded `data:` URLs, nothing else.

A notebook output may carry text that came from an article; whatever it says, rendering the
report must not reach the network or read a file outside what the HTML itself embeds.
"""

from __future__ import annotations

import logging

from weasyprint.urls import URLFetcher, URLFetcherResponse

LOGGER = logging.getLogger(__name__)
ALLOWED_SCHEME = "data:"


class RefusedURL(ValueError):
    """Raised for any URL the report renderer will not load; the message names it."""


class EmbeddedOnlyFetcher(URLFetcher):
    """A WeasyPrint URL fetcher that serves `data:` URLs and refuses (and records) all others."""

    def __init__(self) -> None:
        super().__init__(allowed_protocols=("data",), allow_redirects=False)
        self.refused: list[str] = []

    def fetch(self, url: str, headers: dict | None = None) -> URLFetcherResponse:
        if url[: len(ALLOWED_SCHEME)].lower() != ALLOWED_SCHEME:
            shown = url if len(url) <= 120 else url[:117] + "..."
            self.refused.append(shown)
            LOGGER.warning("refused to load %s: reports embed every resource as a data: URL", shown)
            raise RefusedURL(
                f"refused to load {shown}: the report renderer loads only embedded data: URLs"
            )
        return super().fetch(url, headers)
