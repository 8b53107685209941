"""Counting the SQL queries of a block or a page: the one helper every test file uses."""

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection
from django.test.utils import CaptureQueriesContext


@contextmanager
def queries() -> Iterator[CaptureQueriesContext]:
    """Capture the queries run inside the block; ``len()`` of the result is their number."""
    with CaptureQueriesContext(connection) as captured:
        yield captured


def page_queries(client, url: str, params: dict | None = None) -> int:
    """How many queries a GET of ``url`` runs; the page must answer 200."""
    with queries() as captured:
        response = client.get(url, params or {})
    assert response.status_code == 200, f"{url} answered {response.status_code}"
    return len(captured)
