"""Keep the search index in step with the archive, inside the archive's own transaction.

Every write of an article goes through ``Article.save()`` (the importer, the admin, the shell),
so ``post_save`` is the one place that indexes; the backend skips the work when the tokens'
hash and the date are those indexed already. ``post_init`` remembers, without a query, the
title and text an article was loaded with: the previous ones, which SQLite needs to delete
the old row (checked against that hash first, so a wrong guess only retires the row).
What is indexed is the text without the publisher's boilerplate (``index.indexed_text``).
"""

from django.db.models.signals import post_init, post_save, pre_delete
from django.dispatch import receiver

from archive.models import Article

from . import index

INDEXED = {"title", "text", "date", "boilerplate"}
LOADED = "_search_loaded"  # (title, indexed text) as loaded from the database, or last indexed


@receiver(post_init, sender=Article, dispatch_uid="search.remember_loaded_article")
def remember_loaded_article(sender, instance: Article, **kwargs) -> None:
    # Read from __dict__: a deferred field must not cost a query per loaded article.
    fields = instance.__dict__
    loaded = (fields.get("title"), fields.get("text"), fields.get("boilerplate"))
    fields[LOADED] = None if None in loaded else (loaded[0], index.indexed_text(*loaded[1:]))


@receiver(post_save, sender=Article, dispatch_uid="search.index_saved_article")
def index_saved_article(sender, instance: Article, created: bool, update_fields, **kwargs):
    if update_fields is not None and not INDEXED & set(update_fields):
        return  # a moved file, say: nothing indexed changed
    previous = None if created else instance.__dict__.get(LOADED)
    index.index_article(instance, previous=previous, created=created)
    instance.__dict__[LOADED] = (
        instance.title,
        index.indexed_text(instance.text, instance.boilerplate),
    )


@receiver(pre_delete, sender=Article, dispatch_uid="search.unindex_deleted_article")
def unindex_deleted_article(sender, instance: Article, **kwargs) -> None:
    # Before the delete: the article's document (deleted with it) still names its FTS row.
    index.unindex_article(instance.pk, previous=instance.__dict__.get(LOADED))
