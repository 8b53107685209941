"""PostgreSQL: the newest matches of a phrase whose words are rare enough to list first.

``newest`` reads matches in index order (the newest first) and stops at the limit, checking
each document it passes. A phrase needs the positions of its tokens, so checking one reads the
document's large, TOASTed vector, and the planner does not count that cost: for a phrase of a
rare token and common ones (``891亿美元``: 891 is in 4% of articles) it walks tens of thousands
of documents to find a thousand matches. When a query has a phrase or an exclusion and the
statistics say one of its tokens is rare, this asks the GIN index instead for the documents
holding every token (exact, no vector read), then checks the query on those, the newest
first, until it has enough; sorted by date, the same documents are checked in date order
(one statement: ``PostgresBackend._first_matches``). The statistics are read once every
STATS_SECONDS per process.
"""

import time

from django.db import connection

from .query import Query

# At most this many documents holding every token are listed; more, and the walk is cheaper.
SPARSE = 10_000
STATS_SECONDS = 600.0
_STATS: dict = {}


def _statistics(table: str) -> tuple[dict[str, float], float, float]:
    """(frequency of each common lexeme, frequency below which the rest are, row count)."""
    now = time.monotonic()
    if _STATS.get("until", 0) > now:
        return _STATS["value"]
    sql = (
        "SELECT s.most_common_elems::text::text[], s.most_common_elem_freqs, c.reltuples"
        " FROM pg_class c LEFT JOIN pg_stats s ON s.tablename = c.relname"
        " AND s.attname = 'vector' AND s.schemaname = current_schema()"
        " WHERE c.oid = %s::regclass"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [table])
        elements, frequencies, rows = cursor.fetchone() or (None, None, 0)
    if elements and frequencies:
        value = (dict(zip(elements, frequencies, strict=False)), frequencies[len(elements)], rows)
    else:  # never analysed: nothing is known to be rare
        value = ({}, 1.0, 0.0)
    _STATS.update(until=now + STATS_SECONDS, value=value)
    return value


def holders(query: Query, table: str) -> float:
    """An upper estimate of how many documents hold every token of the query's phrases."""
    common, floor, rows = _statistics(table)
    if rows <= 0:
        return float("inf")
    # A prefix's frequency is not a lexeme's: the last token of such a phrase says nothing.
    tokens = [t for p in query.phrases for t in (p.tokens[:-1] if p.prefix else p.tokens)]
    if not tokens:
        return float("inf")
    return rows * min(common.get(token, floor) for token in tokens)


def every_token(query: Query, lexeme) -> str:
    """A tsquery of every token of the phrases, without order: what the GIN index answers."""
    lexemes = []
    for phrase in query.phrases:
        last = len(phrase.tokens) - 1
        lexemes += [lexeme(t, "", phrase.prefix and i == last) for i, t in enumerate(phrase.tokens)]
    return " & ".join(dict.fromkeys(lexemes))


def needs_check(query: Query) -> bool:
    """Whether holding every token is not yet a match: a phrase of several, or an exclusion."""
    return bool(query.excluded) or any(len(p.tokens) > 1 for p in query.phrases)
