"""SQLite: a contentless FTS5 table, and the documents pointing at its rows."""

from django.db import connection

from ..query import Phrase, Query
from .base import DOCUMENTS, Backend, Row, fingerprint

FTS_TABLE = "search_fts"
# It is given our tokens (folded, joined by spaces): "ascii" splits on the spaces and keeps
# each token whole, bigrams such as 首席 included (migration 0005 says why not "unicode61").
CREATE_FTS = (
    f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5(title, body, content='', tokenize='ascii')"
)
TITLE_WEIGHT, BODY_WEIGHT = 10.0, 1.0


def _quote_fts(phrase: Phrase) -> str:
    """An FTS5 string: a phrase of the tokens, ``"`` doubled, ``*`` for a prefix."""
    text = '"' + " ".join(phrase.tokens).replace('"', '""') + '"'
    return text + "*" if phrase.prefix else text


def fts_match(query: Query, *, title_only: bool = False) -> str:
    """``("a b" AND "c") NOT ("d")``: every phrase quoted, so nothing typed is an operator."""
    expression = "(" + " AND ".join(_quote_fts(p) for p in query.phrases) + ")"
    if query.excluded:
        expression += " NOT (" + " OR ".join(_quote_fts(p) for p in query.excluded) + ")"
    return "{title} : " + expression if title_only else expression


class SQLiteBackend(Backend):
    """Contentless FTS5 (small: the text is not stored twice) with a pointer per article."""

    position = f"{FTS_TABLE}.rowid"
    relevance = f"bm25({FTS_TABLE}, {TITLE_WEIGHT}, {BODY_WEIGHT}), d.article_id DESC"

    def _title_first(self, query: Query, floor: int) -> tuple[str, list]:
        titled = f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s AND rowid >= %s"
        order = f"{self.position} IN ({titled}) DESC, {self.position} DESC"
        return order, [fts_match(query, title_only=True), floor]

    def _match(self, query: Query, title_only: bool) -> tuple[str, str, list]:
        # Retired rows have no document pointing at them, so the join drops them.
        tables = f"{FTS_TABLE} JOIN {DOCUMENTS} d ON d.fts_rowid = {FTS_TABLE}.rowid"
        return tables, f"{FTS_TABLE} MATCH %s", [fts_match(query, title_only=title_only)]

    def index(self, row: Row, *, previous: tuple[str, str] | None, created: bool) -> None:
        """Replace the article's FTS row: deleted when its old tokens are known, else retired."""
        article_id, date, title, body = row
        new = fingerprint(title, body)
        indexed = None if created else self._indexed(article_id)
        if indexed is not None:
            old_rowid, old, old_date = indexed
            if old == new and old_date == date:
                return
            # FTS5 trusts the tokens given with 'delete': wrong ones would corrupt the index.
            if old_rowid is not None and previous is not None and fingerprint(*previous) == old:
                self._delete_row(old_rowid, previous)
        # Plain SQL: an import indexes every article it writes, and the ORM's upsert compiled
        # per article cost as much as the index itself.
        with connection.cursor() as cursor:
            cursor.execute(f"INSERT INTO {FTS_TABLE} (title, body) VALUES (%s, %s)", [title, body])
            cursor.execute(
                f"INSERT INTO {DOCUMENTS} (article_id, date, fts_rowid, fingerprint)"
                " VALUES (%s, %s, %s, %s) ON CONFLICT (article_id) DO UPDATE SET"
                " date = excluded.date, fts_rowid = excluded.fts_rowid,"
                " fingerprint = excluded.fingerprint",
                [article_id, date, cursor.lastrowid, new],
            )

    def delete(self, article_id: int, *, previous: tuple[str, str] | None) -> None:
        """Delete the article's FTS row if its tokens are known; else it stays, retired."""
        indexed = self._indexed(article_id)
        if indexed and indexed[0] is not None and previous and fingerprint(*previous) == indexed[1]:
            self._delete_row(indexed[0], previous)

    def _delete_row(self, rowid: int, tokens: tuple[str, str]) -> None:
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {FTS_TABLE} ({FTS_TABLE}, rowid, title, body)"
                " VALUES ('delete', %s, %s, %s)",
                [rowid, *tokens],
            )

    def reset(self) -> None:
        """An empty index: the FTS table is recreated, so retired rows are gone too."""
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {DOCUMENTS}")
            cursor.execute(f"DROP TABLE IF EXISTS {FTS_TABLE}")
            cursor.execute(CREATE_FTS)

    def load(self, rows: list[Row]) -> None:
        """Bulk insert into a fresh index; the FTS row id is the article id."""
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {FTS_TABLE} (rowid, title, body) VALUES (%s, %s, %s)",
                [(article_id, title, body) for article_id, _, title, body in rows],
            )
            cursor.executemany(
                f"INSERT INTO {DOCUMENTS} (article_id, date, fts_rowid, fingerprint)"
                " VALUES (%s, %s, %s, %s)",
                [(pk, date, pk, fingerprint(title, body)) for pk, date, title, body in rows],
            )

    def finish(self) -> None:
        """Merge the index's segments into one: smaller, and faster to query."""
        with connection.cursor() as cursor:
            cursor.execute(f"INSERT INTO {FTS_TABLE} ({FTS_TABLE}) VALUES ('optimize')")
