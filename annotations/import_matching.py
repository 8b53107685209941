"""Which article an imported annotation belongs to, and the revision its selectors count in."""

from urllib.parse import unquote, urlsplit

from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _

from archive.models import Article, ArticleRevision, Entity

from .about import article_entities
from .errors import Invalid
from .import_parsing import Entry


class Articles:
    """Articles and their current revisions, each loaded once per import."""

    def __init__(self):
        self.articles: dict[str, Article | None] = {}
        self.revisions: dict[tuple[int, int], ArticleRevision | None] = {}
        self.entities: dict[int, dict[tuple[str, str], Entity]] = {}

    def by_slug(self, slug: str) -> Article | None:
        if slug not in self.articles:
            self.articles[slug] = Article.objects.filter(slug=slug).first()
        return self.articles[slug]

    def revision(self, article: Article, number: int | None) -> ArticleRevision | None:
        key = (article.pk, number or article.revision_number)
        if key not in self.revisions:
            self.revisions[key] = article.revisions.filter(number=key[1]).first()
        return self.revisions[key]

    def entities_of(self, article: Article) -> dict[tuple[str, str], Entity]:
        """The article's people and organisations by (kind, slug), read once per import."""
        if article.pk not in self.entities:
            found = article_entities(article)
            self.entities[article.pk] = {(e.kind, e.slug): e for e in found}
        return self.entities[article.pk]


def _glossa_target(source: str, articles: Articles) -> tuple[Article | None, int | None]:
    try:
        match = resolve(unquote(urlsplit(source).path))
    except Resolver404:
        return None, None
    if match.view_name == "archive:article_detail":
        return articles.by_slug(match.kwargs["slug"]), None
    if match.view_name == "annotations:revision_text" and match.kwargs["number"] < 2**31:
        return articles.by_slug(match.kwargs["slug"]), match.kwargs["number"]
    return None, None


def article_for(entry: Entry, articles: Articles) -> tuple[Article, int | None]:
    """The article ``entry`` annotates, and the revision its selectors point into if known."""
    article, number = _glossa_target(entry.source, articles) if entry.source else (None, None)
    if article is not None:
        return article, number
    if entry.source:
        bare = entry.source.split("#")[0].rstrip("/")
        found = Article.objects.filter(source_url__in=[bare, bare + "/"]).only("pk").first()
        if found is not None:
            return Article.objects.get(pk=found.pk), None
    if len(entry.exact) < 5:  # a short quote stands in many articles
        raise Invalid(_("no article has this address: %(url)s") % {"url": entry.source[:200]})
    candidates = list(Article.objects.filter(text__contains=entry.exact).only("pk")[:2])
    if len(candidates) != 1:
        message = (
            _("the quote is in several articles") if candidates else _("no article has this quote")
        )
        raise Invalid(message)
    return Article.objects.get(pk=candidates[0].pk), None
