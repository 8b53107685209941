"""The two engines behind ``search.index``: SQLite FTS5 and PostgreSQL tsvector.

Both receive text already tokenised (``search.tokens``) as space-separated tokens, and both
get their query strings from ``Phrase`` objects, never from what a reader typed. Rows to index
are ``(article_id, date, title_tokens, body_tokens)``; the date is kept beside the index so
that sorting by it does not read the (large) article rows. Re-indexing an article is given the
tokens it was indexed with, when known (``previous``): SQLite needs them to delete its row.
"""

from .base import Backend, Row, fingerprint
from .postgresql import PostgresBackend, tsquery
from .sqlite import SQLiteBackend, fts_match

__all__ = [
    "Backend",
    "PostgresBackend",
    "Row",
    "SQLiteBackend",
    "fingerprint",
    "fts_match",
    "tsquery",
]
