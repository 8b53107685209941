"""What both engines share: finding, counting and ordering matches (see ``search.backends``)."""

import datetime
import hashlib

from django.db import connection

from ..models import SearchDocument
from ..query import Query

DOCUMENTS = SearchDocument._meta.db_table
BY_DATE = "d.date DESC NULLS LAST, d.article_id DESC"
Row = tuple[int, datetime.date | None, str, str]


def fingerprint(title: str, body: str) -> str:
    """A hash of an article's title and body tokens: tells whether they are the indexed ones."""
    return hashlib.blake2b(f"{title}\x1f{body}".encode(), digest_size=16).hexdigest()


class Backend:
    """What both engines share: finding, counting and ordering matches.

    ``within`` is SQL and parameters selecting article ids (the filters), or None for all.
    Each engine names a ``position``: a number that grows with each (re-)indexed document, so
    that "the newest matches" can be read in index order, without ranking every match.
    """

    position = ""  # SQL: the document's place in index order
    relevance = ""  # ORDER BY clause, best match first
    ranks_among = False  # whether ``ranked`` uses the matches' ids when it is given them

    def _among(self, columns: str, query: Query, ids: list[int]) -> tuple[str, list]:
        """SELECT of the documents ``ids`` (known to match ``query``), for ranking them."""
        raise NotImplementedError

    def _match(self, query: Query, title_only: bool) -> tuple[str, str, list]:
        """(FROM tables, WHERE condition, parameters) for the matching documents ``d``."""
        raise NotImplementedError

    def _select(
        self, columns: str, query: Query, within, *, title_only=False, floor=None, among=None
    ):
        if among is not None and self.ranks_among:
            return self._among(columns, query, among)
        tables, condition, params = self._match(query, title_only)
        if within:
            condition += f" AND d.article_id IN ({within[0]})"
            params = [*params, *within[1]]
        if floor is not None:
            condition += f" AND {self.position} >= %s"
            params = [*params, floor]
        return f"SELECT {columns} FROM {tables} WHERE {condition}", params

    def _indexed(self, article_id: int) -> tuple[int | None, str, datetime.date | None] | None:
        """(FTS row id, fingerprint, date) of the article's document, None if not indexed."""
        documents = SearchDocument.objects.filter(article_id=article_id)
        return documents.values_list("fts_rowid", "fingerprint", "date").first()

    def _fetch(self, sql: str, params: list) -> list[tuple]:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    def newest(self, query: Query, *, within=None, limit: int) -> list[tuple[int, int]]:
        """(article id, position) of up to ``limit`` matches, the last indexed first.

        Cheap however many articles match: the engines read matches in index order and stop.
        """
        sql, params = self._select(f"d.article_id, {self.position}", query, within)
        return self._fetch(f"{sql} ORDER BY {self.position} DESC LIMIT %s", [*params, limit])

    def ranked(
        self,
        query: Query,
        *,
        within=None,
        by_date=False,
        title_only=False,
        floor=None,
        among=None,
        **page,
    ) -> list[int]:
        """Ids of one page of matches (``limit``, ``offset``), best or newest first.

        ``floor``: only the matches at or after this position (see ``newest``), title matches
        first and then the newest: the engines' relevance needs statistics over every match
        (bm25 counts each phrase's documents), which costs as much as the archive is large.
        ``among``: the ids of the very matches meant (``newest`` found them), for an engine
        that ranks them faster than it finds them again.
        """
        sql, params = self._select(
            "d.article_id", query, within, title_only=title_only, floor=floor, among=among
        )
        if by_date:
            order, order_params = BY_DATE, []
        elif floor is not None:
            order, order_params = self._title_first(query, floor)
        else:
            order, order_params = self.relevance, []
        limit, offset = page.get("limit", 20), page.get("offset", 0)
        rows = self._fetch(
            f"{sql} ORDER BY {order} LIMIT %s OFFSET %s", [*params, *order_params, limit, offset]
        )
        return [row[0] for row in rows]

    def _title_first(self, query: Query, floor: int) -> tuple[str, list]:
        """ORDER BY clause and parameters: documents whose title matches, then the newest."""
        raise NotImplementedError

    def by_date_among(self, ids: list[int], *, limit: int, offset: int) -> list[int]:
        """One page of ``ids`` (matches found already), newest first, through the documents."""
        if not ids:
            return []
        marks = ", ".join(["%s"] * len(ids))
        sql = (
            f"SELECT d.article_id FROM {DOCUMENTS} d WHERE d.article_id IN ({marks})"
            f" ORDER BY {BY_DATE} LIMIT %s OFFSET %s"
        )
        return [row[0] for row in self._fetch(sql, [*ids, limit, offset])]
