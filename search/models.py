from django.db import models
from django.utils.translation import gettext_lazy as _

from archive.models import Article


class SearchDocument(models.Model):
    """The indexed state of one article; the engine's own data lives beside it.

    ``fingerprint`` is a hash of the tokens indexed for the article, so that search can tell
    whether an article changed since it was indexed, and whether the tokens it is about to
    remove are the ones indexed. On SQLite, ``fts_rowid`` names the article's row of the
    contentless FTS5 table ``search_fts``: such a table can only delete a row when given the
    exact tokens it indexed, so a row whose old tokens are not known (fingerprint differs) is
    retired instead (a new row is added, this pointer moves to it; searches only accept rows a
    document points to) until the next rebuild.
    On PostgreSQL, the migration adds a ``vector`` column (tsvector, GIN-indexed) to this table,
    and a later one the table ``search_title`` (the title's vector alone, by article id);
    Django never reads them, ``search.backends`` writes and queries them. See ``search.index``.
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

    fingerprint = models.CharField(
        _("fingerprint"),
        max_length=32,
        blank=True,
        help_text=_("A hash of the indexed title and text tokens; empty if unknown."),
    )

    class Meta:
        ordering = ["article"]
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")

    def __str__(self) -> str:
        return str(self.article_id)

    def get_absolute_url(self) -> str:
        return self.article.get_absolute_url()
