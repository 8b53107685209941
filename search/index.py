"""Full-text search of articles in Chinese and English, on SQLite and on PostgreSQL.

How it works
------------
Text is tokenised in Python, the same way for articles and for queries (``search.tokens``):
runs of CJK characters become overlapping bigrams (首席科学家 -> 首席 席科 科学 学家, as
Lucene's CJKAnalyzer does), other letters and digits become case-folded words with full-width
forms and accents folded away. The engines index these tokens as space-separated words, so
neither needs to know Chinese, and a query is a conjunction of PHRASES of tokens
(``search.query``): 安全 matches where 安 and 全 are adjacent, not in 安心全面. Queries are
built from tokens only (quoted FTS5 strings, quoted tsquery lexemes), never from typed text.

SQLite: a contentless FTS5 table ``search_fts`` (title, body) holds the index without a
second copy of the text. Such a table deletes a row only when given the very tokens it indexed
(``'delete'`` with the old title and body): re-indexing or deleting an article passes the
tokens of its previous title and text, checked against the hash of the indexed tokens kept on
its ``SearchDocument`` (``fingerprint``), since wrong tokens would corrupt the index. When
they are not known (an article saved without its old values loaded, or indexed by an older
tokeniser), the old row is retired instead: a new row is inserted and the document's
``fts_rowid`` moves to it; searches join through the documents, so a retired row is never
returned, though it still counts in bm25's statistics until ``rebuild()`` recreates the table.
Ranking is bm25 with the title weighted above the body.

PostgreSQL: ``search_searchdocument.vector`` (a tsvector, GIN-indexed, added by the migration)
holds ``to_tsvector('simple', tokens)`` with the title weighted 'A' and the body 'B', a gap of
one position between them so that no phrase runs from the title into the body; phrases use
``<->`` and ranking is ``ts_rank_cd``. Only the first 16,383 tokens of a field are indexed
there: tsvector positions stop at 16,383. The table ``search_title`` (migration 0004) holds the
title's part of each vector again, small enough to sit in its row: whether a match's title
matches is asked of it, since asking the document's vector reads it whole.

Both engines read matches cheaply in index order (FTS5 rowid, article id) and can stop early,
but relevance costs time for every match (bm25 counts each phrase's documents over the whole
index first), and a word such as OpenAI is in most articles. So a search first reads the
newest CANDIDATES + 1 matches: that is the count shown ("more than 1,000" beyond it). Up to
1,000 matches are ranked by relevance (bm25, ts_rank_cd); beyond that, the 1,000 most recently
indexed are shown, those whose title matches first: the time a search takes then no longer
grows with the archive. Sorting by date uses the date kept on each ``SearchDocument``, so it
never reads the large article rows.

A lone CJK character at the end of a query's phrase is searched as a prefix (安 finds the
bigrams 安全, 安心...; 5月 finds 5 月离): the index holds no unigrams inside runs, so an
occurrence at the very end of a run (平安。), or a phrase starting with a lone CJK character
next to a run (的AI in 他的AI), is missed: indexing every character as a unigram too would
double the index.

The index changes in the same transaction as the article: ``search.receivers`` indexes an
article when it is saved (``post_save``: the importer, the admin, the shell) and its title,
text or date changed, so a failed import leaves both the article and its index as they were.
The publisher's boilerplate (``archive.boilerplate``) is left out of the index and of snippets.
People, organisations and annotations are searched live, their text folded like the index's
(``search.entities``).
"""

from collections.abc import Callable

from django.db import connection
from django.db.models import QuerySet

from archive.boilerplate import without
from archive.models import Article

from .backends import Backend, PostgresBackend, Row, SQLiteBackend
from .query import Query
from .tokens import token_text

BACKENDS = {"sqlite": SQLiteBackend, "postgresql": PostgresBackend}
CANDIDATES = 1000  # most matches counted, paged through and ranked by relevance


def backend() -> Backend:
    return BACKENDS[connection.vendor]()


def index_article(
    article: Article, *, previous: tuple[str, str] | None = None, created: bool = False
) -> None:
    """Index (or index again) one article; call inside the transaction that saved it.

    ``previous``: the title and text it had when last indexed, if known (see above);
    ``created``: it was never indexed, so there is nothing to look up or replace.
    """
    backend().index(_row_of(article), previous=previous and _tokens(*previous), created=created)


def unindex_article(article_id: int, *, previous: tuple[str, str] | None) -> None:
    """Remove an article's row from the engine, before the article (and document) go."""
    backend().delete(article_id, previous=previous and _tokens(*previous))


def rebuild(*, batch_size: int = 500, on_batch: Callable[[int], None] | None = None) -> int:
    """Index every article from scratch, in batches; return how many. Call in a transaction."""
    engine = backend()
    engine.reset()
    done, last = 0, 0
    articles = Article.objects.order_by("pk").values_list(
        "pk", "date", "title", "text", "boilerplate"
    )
    while batch := list(articles.filter(pk__gt=last)[:batch_size]):
        engine.load([index_row(*row) for row in batch])
        done, last = done + len(batch), batch[-1][0]
        if on_batch:
            on_batch(done)
    engine.finish()
    return done


def indexed_text(text: str, boilerplate: list) -> str:
    """What is searched and shown in snippets: the text without the publisher's boilerplate,
    which every article of theirs shares, so it would match (and rank) them all alike."""
    return without(text, boilerplate)


def _row_of(article: Article) -> Row:
    """The article's row, with the tokens its import's parsing computed if they still fit
    (``tokens.article_tokens``): the same title and text, boilerplate on the pieces' edges."""
    known = article.derived.get("search")
    if known and (article.title, article.text) == known[:2]:
        body = _tokens_without(known[3], article.boilerplate)
        if body is not None:
            return article.pk, article.date, known[2], body
    return index_row(article.pk, article.date, article.title, article.text, article.boilerplate)


def _tokens_without(pieces: list[tuple[int, int, str]], boilerplate: list) -> str | None:
    """The tokens of ``indexed_text``, from those of the text's pieces; None if a boilerplate
    range does not begin and end on the pieces' edges."""
    edges = {edge for start, end, _ in pieces for edge in (start, end)}
    if any(start not in edges or end not in edges for start, end in boilerplate):
        return None
    return " ".join(
        tokens
        for start, end, tokens in pieces
        if tokens and not any(low <= start and end <= high for low, high in boilerplate)
    )


def index_row(pk: int, date, title: str, text: str, boilerplate: list) -> Row:
    """An article's row for the engines, from its stored fields."""
    return pk, date, token_text(title), token_text(indexed_text(text, boilerplate))


def _tokens(title: str, text: str) -> tuple[str, str]:
    return token_text(title), token_text(text)


class Results:
    """The articles matching a query, as ids, best (or newest) first.

    Enough of a sequence for Django's Paginator. ``count()`` reads the newest CANDIDATES + 1
    matches in index order (cheap, however many match); a page is one more query. When more
    than CANDIDATES articles match, only the newest CANDIDATES are offered, title matches
    first: ranking every match of a word found in nearly every article would cost time in
    proportion to the archive, for pages nobody reads.
    """

    def __init__(self, query: Query, *, within: QuerySet | None = None, by_date: bool = False):
        self.query, self.by_date, self.within = query, by_date, None
        self.empty = not query or (within is not None and within.query.is_empty())
        if within is not None and not self.empty:
            # The filters become a subquery inside the engine's SQL, so a page is one query.
            self.within = within.order_by().values("pk").query.sql_with_params()
        self._newest: list[tuple[int, int]] | None = None

    def _window(self) -> list[tuple[int, int]]:
        if self._newest is None:
            self._newest = (
                []
                if self.empty
                else backend().newest(self.query, within=self.within, limit=CANDIDATES + 1)
            )
        return self._newest

    @property
    def more(self) -> bool:
        """Whether more than CANDIDATES articles match (the count shown is then a floor)."""
        return len(self._window()) > CANDIDATES

    def count(self) -> int:
        return min(len(self._window()), CANDIDATES)

    def __getitem__(self, page: slice) -> list[int]:
        start, stop = page.start or 0, page.stop
        if self.empty or stop <= start:
            return []
        if self.by_date and not self.more:
            # Every match is known already (the count read them): sort just those by date,
            # rather than finding them again and sorting.
            ids = [pk for pk, _position in self._window()]
            return backend().by_date_among(ids, limit=stop - start, offset=start)
        floor = self._window()[CANDIDATES - 1][1] if self.more and not self.by_date else None
        # The matches offered when ranking: the newest CANDIDATES the count read.
        among = None if self.by_date else [pk for pk, _ in self._window()[:CANDIDATES]]
        return backend().ranked(
            self.query,
            within=self.within,
            by_date=self.by_date,
            floor=floor,
            among=among,
            limit=stop - start,
            offset=start,
        )


def matching_titles(query: Query, *, limit: int) -> list[int]:
    """Ids of articles whose TITLE matches, the last phrase completed as typed; best first."""
    if not query or limit <= 0:
        return []
    return backend().ranked(query.as_you_type(), title_only=True, limit=limit)
