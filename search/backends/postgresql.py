"""PostgreSQL: a weighted tsvector per article in a GIN-indexed column, and the titles'."""

from django.db import connection

from .. import pg_sparse
from ..query import Phrase, Query
from ..tokens import MAX_WORD
from .base import DOCUMENTS, Backend, Row, fingerprint

# A tsvector counts positions up to 16,383 and holds at most 1 MB: an overlong article would
# make the import fail, so PostgreSQL indexes the first 16,383 tokens of each field, and no
# more than 300,000 characters of them (long Latin words use more bytes than bigrams).
PG_MAX_TOKENS, PG_MAX_CHARS = 16383, 300_000
# `||` numbers the body's positions on from the title's, so a phrase could run from the end of
# the title into the body. The body starts with a filler word, longer than any token can be
# (MAX_WORD), that is deleted again: it leaves a gap of one position between the two.
PG_GAP = "g" * (MAX_WORD + 1)
PG_VECTOR = (
    "setweight(to_tsvector('simple', %s), 'A') || "
    f"ts_delete(setweight(to_tsvector('simple', '{PG_GAP} ' || %s), 'B'), '{PG_GAP}')"
)
# The title alone, as the vector holds it (weight 'A', same positions): see migration 0004.
PG_TITLE_VECTOR = "setweight(to_tsvector('simple', %s), 'A')"
PG_TITLES = "search_title"
PG_INDEX = "search_document_vector_gin"
CREATE_PG_INDEX = f"CREATE INDEX {PG_INDEX} ON {DOCUMENTS} USING gin (vector)"


def _lexeme(token: str, weight: str = "", prefix: bool = False) -> str:
    """A quoted tsquery lexeme: ``'token'``, ``'token':*`` (prefix) or ``'token':A`` (title)."""
    quoted = "'" + token.replace("\\", "\\\\").replace("'", "''") + "'"
    label = ("*" if prefix else "") + weight
    return f"{quoted}:{label}" if label else quoted


def _pg_phrase(phrase: Phrase, weight: str = "") -> str:
    last = len(phrase.tokens) - 1
    lexemes = [
        _lexeme(token, weight, phrase.prefix and i == last) for i, token in enumerate(phrase.tokens)
    ]
    return "(" + " <-> ".join(lexemes) + ")"


def tsquery(query: Query, *, title_only: bool = False) -> str:
    """``('a' <-> 'b') & ('c') & !(('d'))``, every lexeme quoted; title-only lexemes are :A."""
    weight = "A" if title_only else ""
    expression = " & ".join(_pg_phrase(p, weight) for p in query.phrases)
    if query.excluded:
        expression += " & !(" + " | ".join(_pg_phrase(p) for p in query.excluded) + ")"
    return expression


class PostgresBackend(Backend):
    """A weighted tsvector per article (title 'A', body 'B') in a GIN-indexed column."""

    position = "d.article_id"
    relevance = "ts_rank_cd(d.vector, q) DESC, d.article_id DESC"
    # Checking a phrase reads each candidate's (large, TOASTed) vector, as ranking it does: a
    # page ranks the matches the count found by their ids instead of checking them again.
    ranks_among = True

    def _among(self, columns: str, query: Query, ids: list[int]) -> tuple[str, list]:
        tables = f"{DOCUMENTS} d CROSS JOIN to_tsquery('simple', %s) q"
        sql = f"SELECT {columns} FROM {tables} WHERE d.article_id = ANY(%s)"
        return sql, [tsquery(query), list(ids)]

    def newest(self, query: Query, *, within=None, limit: int) -> list[tuple[int, int]]:
        """As the engines do, or through the documents holding every token (``pg_sparse``)."""
        if not self._sparse(query):
            return super().newest(query, within=within, limit=limit)
        found = self._first_matches(query, within, order="article_id DESC", limit=limit)
        return [(pk, pk) for pk in found]

    def ranked(self, query: Query, *, within=None, by_date=False, title_only=False, **options):
        """As the engines do; sorted by date, a sparse query's matches are found as ``newest``
        finds them, among the documents holding every token, taken in date order: walking
        the dates would check the vector of every document it passes."""
        if not by_date or title_only or not self._sparse(query):
            return super().ranked(
                query, within=within, by_date=by_date, title_only=title_only, **options
            )
        limit, offset = options.get("limit", 20), options.get("offset", 0)
        order = "date DESC NULLS LAST, article_id DESC"
        return self._first_matches(query, within, order=order, limit=offset + limit)[offset:]

    def _sparse(self, query: Query) -> bool:
        # Without a phrase or an exclusion the index answers exactly, and the planner's
        # estimate of a word's matches is good: it chooses well on its own.
        return (
            pg_sparse.needs_check(query) and pg_sparse.holders(query, DOCUMENTS) <= pg_sparse.SPARSE
        )

    def _first_matches(self, query: Query, within, *, order: str, limit: int) -> list[int]:
        """The first ``limit`` matches in ``order``, among the documents holding every token.

        One statement: the holders are listed from the GIN index (MATERIALIZED, then ordered:
        ordered, the planner would walk the documents again) and checked one by one in that
        order until ``limit`` match. The check is a scalar subquery so that it stays per row:
        as a join or EXISTS the planner checks every holder first (4,314 vectors read for
        ``447亿美元`` instead of 1,508), and a check reads a whole TOASTed vector.
        """
        condition = "d.vector @@ to_tsquery('simple', %s)"
        params = [pg_sparse.every_token(query, _lexeme)]
        if within:
            condition += f" AND d.article_id IN ({within[0]})"
            params = [*params, *within[1]]
        sql = (
            "WITH c AS MATERIALIZED"
            f" (SELECT d.article_id, d.date FROM {DOCUMENTS} d WHERE {condition})"
            f" SELECT s.article_id FROM (SELECT article_id FROM c ORDER BY {order}) s"
            f" WHERE (SELECT m.vector @@ to_tsquery('simple', %s) FROM {DOCUMENTS} m"
            " WHERE m.article_id = s.article_id) LIMIT %s"
        )
        return [row[0] for row in self._fetch(sql, [*params, tsquery(query), limit])]

    def _title_first(self, query: Query, floor: int) -> tuple[str, list]:
        # Asked of the title's own small vector: the document's would be read whole again.
        # A scalar subquery, looked up by key per match: as EXISTS, the planner may hash the
        # whole title table instead, which grows with the archive.
        titled = (
            f"COALESCE((SELECT t.vector @@ to_tsquery('simple', %s) FROM {PG_TITLES} t"
            " WHERE t.article_id = d.article_id), false)"
        )
        return f"{titled} DESC, {self.position} DESC", [tsquery(query, title_only=True)]

    def _match(self, query: Query, title_only: bool) -> tuple[str, str, list]:
        tables = f"{DOCUMENTS} d CROSS JOIN to_tsquery('simple', %s) q"
        return tables, "d.vector @@ q", [tsquery(query, title_only=title_only)]

    def index(self, row: Row, *, previous: tuple[str, str] | None, created: bool) -> None:
        """Write the article's vector, unless the same tokens and date are indexed already."""
        article_id, date, title, body = row
        new = fingerprint(title, body)
        indexed = None if created else self._indexed(article_id)
        if indexed is not None and indexed[1:] == (new, date):
            return
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {DOCUMENTS} (article_id, date, fingerprint, vector)"
                f" VALUES (%s, %s, %s, {PG_VECTOR})"
                " ON CONFLICT (article_id) DO UPDATE SET date = EXCLUDED.date,"
                " fingerprint = EXCLUDED.fingerprint, vector = EXCLUDED.vector",
                [article_id, date, new, _cap(title), _cap(body)],
            )
            cursor.execute(
                f"INSERT INTO {PG_TITLES} (article_id, vector) VALUES (%s, {PG_TITLE_VECTOR})"
                " ON CONFLICT (article_id) DO UPDATE SET vector = EXCLUDED.vector",
                [article_id, _cap(title)],
            )

    def delete(self, article_id: int, *, previous: tuple[str, str] | None) -> None:
        """The title's vector; the document's is a column of it, deleted with the article."""
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {PG_TITLES} WHERE article_id = %s", [article_id])

    def reset(self) -> None:
        """An empty index without its GIN index: building that once at the end is faster."""
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {PG_TITLES}")
            cursor.execute(f"DELETE FROM {DOCUMENTS}")
            cursor.execute(f"DROP INDEX IF EXISTS {PG_INDEX}")

    def load(self, rows: list[Row]) -> None:
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {DOCUMENTS} (article_id, date, fingerprint, vector)"
                f" VALUES (%s, %s, %s, {PG_VECTOR})",
                [
                    (pk, date, fingerprint(title, body), _cap(title), _cap(body))
                    for pk, date, title, body in rows
                ],
            )
            cursor.executemany(
                f"INSERT INTO {PG_TITLES} (article_id, vector) VALUES (%s, {PG_TITLE_VECTOR})"
                " ON CONFLICT (article_id) DO UPDATE SET vector = EXCLUDED.vector",
                [(pk, _cap(title)) for pk, _date, title, _body in rows],
            )

    def finish(self) -> None:
        # The rows' foreign-key checks are deferred to the commit, and PostgreSQL will not
        # index a table with checks pending: run them now.
        connection.check_constraints()
        with connection.cursor() as cursor:
            cursor.execute(CREATE_PG_INDEX)
            cursor.execute(f"ANALYZE {DOCUMENTS}")
            cursor.execute(f"ANALYZE {PG_TITLES}")


def _cap(token_text: str) -> str:
    """At most PG_MAX_TOKENS tokens and PG_MAX_CHARS characters, cut between tokens."""
    if len(token_text) <= PG_MAX_TOKENS * 2:  # a token is at least a character and a space
        return token_text
    capped = " ".join(token_text.split(" ", PG_MAX_TOKENS)[:PG_MAX_TOKENS])
    if len(capped) > PG_MAX_CHARS:
        capped = capped[: capped.rfind(" ", 0, PG_MAX_CHARS + 1)]
    return capped
