from collections import Counter

from django.core.paginator import Paginator
from django.db.models import F
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from . import caching, signals
from .boilerplate import labelled, without
from .models import Affiliation, Article, Entity, Mention
from .network import SIZE, build_network
from .querystrings import url_with_query
from .rendering import reading_minutes
from .revisions import paragraph_diff
from .snippets import unique_snippets

ARTICLES_PER_PAGE = 20
ENTITIES_PER_PAGE = 50
SNIPPETS_PER_ARTICLE = 5


def home(request):
    """The newest articles, 20 a page, narrowed by tag, person or organisation."""
    articles = Article.objects.newest_first().for_listing()
    filters = {name: request.GET.get(name, "").strip() for name in ("tag", *Entity.Kind.values)}
    if filters["tag"]:
        articles = articles.filter(tags__name=filters["tag"])
    for kind in Entity.Kind.values:  # ?person=<slug>, ?organisation=<slug>
        if filters[kind]:
            entity = Entity.objects.filter(kind=kind, slug=filters[kind]).first()
            articles = articles.involving(entity) if entity else articles.none()
            filters[f"{kind}_name"] = entity.display_name if entity else filters[kind]
    page = Paginator(articles, ARTICLES_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request, "archive/home.html", {"page": page, "tag": filters["tag"], "filters": filters}
    )


@caching.conditional_article_page
def article_detail(request, slug):
    """One article: header with its byline, the body, and who it involves."""
    if not hasattr(request, "article_parts_key"):  # HEAD of a missing page, or no validators
        return render(request, "archive/article_detail.html", _article_context(slug))
    return render(
        request,
        "archive/article_detail.html",
        caching.parts(request, lambda: _article_context(slug)),
    )


def _article_context(slug) -> dict:
    """What the page shows that changes only with the article and the registry."""
    article = get_object_or_404(Article.objects.for_reading(), slug=slug)
    credits = list(article.credits.all())
    mentions = list(
        article.mentions.select_related("entity").prefetch_related(
            "entity__affiliations__organisation"
        )
    )
    # Byline first, then who the text mentions, most mentioned first.
    often = Counter(m.entity for m in mentions).most_common()
    involved = _unique([c.entity for c in credits] + [entity for entity, _ in often])
    context = {
        "article": article,
        "credits": credits,
        "mentions": _mention_data(mentions),
        "people": [e for e in involved if e.kind == Entity.Kind.PERSON],
        "organisations": [e for e in involved if e.kind == Entity.Kind.ORGANISATION],
        "reading_minutes": reading_minutes(
            without(article.text, article.boilerplate), article.lang
        ),
        # The label is CSS generated content, outside textContent: the canonical text stays.
        "body_html": labelled(article.html, escape(_("From the publisher"))),
    }
    list(article.tags.all())  # prefetched: kept with the article in the cache
    return context


def article_changes(request, slug):
    """What changed between two revisions of an article (by default the last change)."""
    article = get_object_or_404(
        Article.objects.only("slug", "title", "lang", "revision_number"), slug=slug
    )
    newer = _revision_number(request.GET.get("to"), article.revision_number)
    older = _revision_number(request.GET.get("from"), newer - 1)
    revisions = {
        r.number: r
        for r in article.revisions.filter(number__in=[older, newer]).only(
            "number", "text", "created"
        )
    }
    if older not in revisions or newer not in revisions or older >= newer:
        raise Http404("no such revisions")
    context = {
        "article": article,
        "older": revisions[older],
        "newer": revisions[newer],
        "paragraphs": paragraph_diff(revisions[older].text, revisions[newer].text),
        "numbers": range(1, article.revision_number + 1),
    }
    return render(request, "archive/article_changes.html", context)


def _revision_number(value, default: int) -> int:
    return int(value) if value and value.isdigit() else default


def network(request):
    """Who is mentioned with whom, for the whole archive or around one entity."""
    centre = None
    for kind in Entity.Kind.values:  # ?person=<slug>, ?organisation=<slug>
        if request.GET.get(kind):
            centre = get_object_or_404(Entity, kind=kind, slug=request.GET[kind])
    nodes, edges = build_network(centre=centre)
    context = {"centre": centre, "nodes": nodes, "edges": edges, "size": SIZE}
    return render(request, "archive/network.html", context)


def _mention_data(mentions) -> list[dict]:
    """What the page's script needs to mark each mention and show its card."""
    data = []
    for mention in mentions:
        entity = mention.entity
        data.append(
            {
                "start": mention.start,
                "end": mention.end,
                "url": entity.get_absolute_url(),
                "name": entity.display_name,
                "description": entity.display_description,
                "affiliation": _current_affiliation(entity),
            }
        )
    return data


def _current_affiliation(entity) -> str:
    """'Role, organisation' of a person's latest current affiliation, for the mention card."""
    current = [a for a in entity.affiliations.all() if not a.until] if entity.is_person else []
    if not current:
        return ""
    role, organisation = current[-1].display_role, current[-1].organisation.display_name
    if not role:
        return organisation
    return pgettext("mention card: role, organisation", "{role}, {organisation}").format(
        role=role, organisation=organisation
    )


def person_list(request):
    """Everyone the archive credits, with how many articles each appears in."""
    return _entity_list(request, Entity.objects.people(), "archive/person_list.html")


def person_detail(request, slug):
    """A person, their role in each article, newest first."""
    person = get_object_or_404(Entity.objects.people(), slug=slug)
    return _entity_detail(request, person, "archive/person_detail.html")


def organisation_list(request):
    """Every organisation the archive credits, with its number of articles."""
    return _entity_list(request, Entity.objects.organisations(), "archive/organisation_list.html")


def organisation_detail(request, slug):
    """An organisation, its role in each article (source, publisher), newest first."""
    organisation = get_object_or_404(Entity.objects.organisations(), slug=slug)
    return _entity_detail(request, organisation, "archive/organisation_detail.html")


def _entity_list(request, entities, template):
    entities = entities.with_article_counts().order_by("name")
    page = Paginator(entities, ENTITIES_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, template, {"page": page})


def _entity_detail(request, entity, template):
    credits = (
        entity.credits.select_related("article")
        .defer(*(f"article__{name}" for name in Article.HEAVY_FIELDS))
        .order_by(F("article__published_at").desc(nulls_last=True), "-article_id", "position")
    )
    page = Paginator(credits, ARTICLES_PER_PAGE).get_page(request.GET.get("page"))
    kind = entity.kind
    context = {
        "entity": entity,
        "entity_kind": kind,
        "articles_url": url_with_query("archive:home", **{kind: entity.slug}),
        "network_url": url_with_query("archive:network", **{kind: entity.slug}),
        "page": page,
        "aliases": _other_forms(entity),
        "affiliations": list(
            Affiliation.objects.of(entity).select_related("person", "organisation")
        ),
        "mentioned_in": _mentioned_in(request, entity),
        "co_mentions": Mention.objects.co_mentioned_with(entity),
        "sections": [
            section
            for _receiver, section in signals.entity_page_sections.send(
                sender=Entity, entity=entity, request=request
            )
            if section
        ],
    }
    return render(request, template, context)


def _other_forms(entity) -> list:
    """Aliases that add something: one spelled like a name (kept to carry a rule) does not."""
    names = {entity.name, *(entity.names or {}).values()}
    return [alias for alias in entity.aliases.all() if alias.text not in names]


def _mentioned_in(request, entity):
    """A page of the articles that mention ``entity``, each with its mentions in context."""
    articles = (
        Article.objects.filter(pk__in=Mention.objects.of(entity).values("article_id"))
        .newest_first()
        .defer(*Article.HEAVY_FIELDS)
    )
    page = Paginator(articles, ARTICLES_PER_PAGE).get_page(request.GET.get("mentions"))
    mentions = Mention.objects.of(entity).filter(article__in=list(page.object_list)).with_context()
    by_article: dict[int, list] = {}
    for mention in mentions.order_by("start"):
        by_article.setdefault(mention.article_id, []).append(mention.keyword_in_context)
    page.rows = [
        (article, unique_snippets(by_article.get(article.pk, []), limit=SNIPPETS_PER_ARTICLE))
        for article in page.object_list
    ]
    return page


def _unique(items):
    seen, result = set(), []
    for item in items:
        if item.pk not in seen:
            seen.add(item.pk)
            result.append(item)
    return result
