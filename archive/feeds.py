"""Atom and RSS feeds of the newest articles: all of them, per person, organisation or tag."""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from .models import Article, Entity, Tag

FEED_LENGTH = 30


class LatestArticlesRss(Feed):
    """The newest articles; the summary is the plain-text excerpt, so nothing needs sanitising."""

    def title(self, obj=None) -> str:
        return _("Glossa: latest articles")

    def link(self, obj=None) -> str:
        return "/"

    def description(self, obj=None) -> str:
        return _("The newest articles in the archive.")

    def articles(self, obj):
        return Article.objects.all()

    def items(self, obj=None):
        return self.articles(obj).newest_first().defer(*Article.HEAVY_FIELDS)[:FEED_LENGTH]

    def item_title(self, item) -> str:
        return item.title

    def item_description(self, item) -> str:
        return item.description or item.excerpt

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at


class LatestArticlesAtom(LatestArticlesRss):
    feed_type = Atom1Feed
    subtitle = LatestArticlesRss.description


class EntityArticlesAtom(LatestArticlesAtom):
    """Articles that credit or mention one person or organisation."""

    kind = Entity.Kind.PERSON

    def get_object(self, request, slug):
        return get_object_or_404(Entity, kind=self.kind, slug=slug)

    def title(self, obj=None) -> str:
        return _("Glossa: articles involving %(name)s") % {"name": obj.name}

    def link(self, obj=None) -> str:
        return obj.get_absolute_url()

    def description(self, obj=None) -> str:
        return self.title(obj)

    subtitle = description

    def articles(self, obj):
        return Article.objects.involving(obj)


class OrganisationArticlesAtom(EntityArticlesAtom):
    kind = Entity.Kind.ORGANISATION


class TagArticlesAtom(LatestArticlesAtom):
    def get_object(self, request, name):
        return get_object_or_404(Tag, name=name)

    def title(self, obj=None) -> str:
        return _("Glossa: articles tagged “%(tag)s”") % {"tag": obj.name}

    def link(self, obj=None) -> str:
        return obj.get_absolute_url()

    def description(self, obj=None) -> str:
        return self.title(obj)

    subtitle = description

    def articles(self, obj):
        return obj.articles.all()
