"""Shared set-up for tests that drive a real Chromium through Playwright."""

import os
import shutil
from urllib.parse import urlsplit

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str:
    path = os.environ.get("GLOSSA_CHROMIUM") or shutil.which("chromium")
    if not path:
        raise RuntimeError(
            "Chromium not found: install Debian's 'chromium' (scripts/ensure-chromium does)"
        )
    return path


def keep_offline(context, live_server_url: str) -> list[str]:
    """Refuse every request that leaves the test server, as if the reader were offline.

    Returns the list that collects the refused URLs.
    """
    refused: list[str] = []
    local = urlsplit(live_server_url).netloc

    def handle(route):
        url = route.request.url
        if urlsplit(url).netloc == local:
            route.continue_()
        else:
            refused.append(url)
            route.abort("internetdisconnected")

    context.route("**/*", handle)
    return refused
