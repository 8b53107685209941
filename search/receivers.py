"""Keep the search index in step with the archive, inside the archive's own transaction."""

from django.dispatch import receiver

from archive.signals import article_saved

from . import index


@receiver(article_saved, dispatch_uid="search.index_saved_article")
def index_saved_article(sender, *, article, created: bool, **kwargs) -> None:
    # Sent inside the importer's per-file transaction: if anything later in that file fails,
    # the new index row rolls back with the article, and the old text stays findable.
    index.index_article(article)
