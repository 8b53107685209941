"""A reader's public annotations as an Atom feed: never a private one, never a private thread's
reply."""

from django.contrib.auth import get_user_model
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from archive.models import Article

from .models import Annotation, Visibility

FEED_LENGTH = 30


def public_annotations_of(user):
    """The reader's public top-level annotations, newest first, with their article."""
    return (
        Annotation.objects.filter(owner=user, parent__isnull=True, visibility=Visibility.PUBLIC)
        .select_related("article", "owner")
        .defer(*(f"article__{name}" for name in Article.HEAVY_FIELDS))
        .order_by("-created", "-pk")
    )


class ReaderAnnotationsAtom(Feed):
    feed_type = Atom1Feed

    def get_object(self, request, username):
        return get_object_or_404(get_user_model(), username=username, is_active=True)

    def title(self, obj) -> str:
        return _("Glossa: public annotations by %(name)s") % {"name": obj.get_username()}

    subtitle = title

    def link(self, obj) -> str:
        return reverse("annotations:reader", kwargs={"username": obj.get_username()})

    def items(self, obj):
        return public_annotations_of(obj)[:FEED_LENGTH]

    def item_title(self, item) -> str:
        quote = Truncator(item.exact or item.note).chars(80)
        return f"{item.article.title}: {quote}"

    def item_description(self, item) -> str:
        # note_html is the sanitised rendering of the note (annotations.notes); the raw
        # Markdown never reaches a feed reader.
        return item.note_html

    def item_link(self, item) -> str:
        return item.get_absolute_url()

    def item_guid(self, item) -> str:
        return f"urn:uuid:{item.uuid}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.created

    def item_updateddate(self, item):
        return item.modified

    def item_author_name(self, item) -> str:
        return item.owner.get_username()
