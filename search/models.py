from django.db import models
from django.utils.translation import gettext_lazy as _

from archive.models import Article


class SearchDocument(models.Model):
    """The indexed state of one article; the engine's own data lives beside it.

    On SQLite, ``fts_rowid`` names the article's current row of the FTS5 table ``search_fts``:
    a contentless FTS5 table cannot delete rows on SQLite 3.40, so re-indexing adds a new row
    and moves this pointer, and searches only accept rows that a document points to.
    On PostgreSQL, the migration adds a ``vector`` column (tsvector, GIN-indexed) to this table;
    Django never reads it, ``search.backends`` writes and queries it. See ``search.index``.
    """

    article = models.OneToOneField(
        Article,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="search_document",
        verbose_name=_("article"),
    )
    date = models.DateField(
        _("date"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_("The article's date, kept here so that sorting by it reads only this table."),
    )
    fts_rowid = models.BigIntegerField(
        _("FTS row id"),
        null=True,
        blank=True,
        unique=True,
        help_text=_("The article's current row in the SQLite full-text table; empty elsewhere."),
    )

    class Meta:
        ordering = ["article"]
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")

    def __str__(self) -> str:
        return str(self.article_id)

    def get_absolute_url(self) -> str:
        return self.article.get_absolute_url()
