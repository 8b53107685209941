from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from archive.models import Article, Credit, Entity
from archive.querystrings import url_with_query

from . import index
from .entities import entities_matching, entities_named, own_annotations
from .forms import SearchFilterForm, filtered_documents, source_choices
from .highlight import highlight, snippet
from .query import clean, needle, parse_query

PER_PAGE = 20
SUGGESTIONS = 8  # in all: people and organisations first (up to 3 each), then titles
ENTITY_SUGGESTIONS = 3
KIND_LABELS = {Entity.Kind.PERSON: _("Person"), Entity.Kind.ORGANISATION: _("Organisation")}


@dataclass
class Hit:
    """One article on the results page, its title and snippet marked up."""

    article: Article
    title: str
    snippet: str
    sources: list[tuple[str, str]]  # (name, URL narrowing the search to that source)


def results(request):
    """Search results: people and organisations by name, articles by relevance or date,
    and the reader's own annotations, for the query and filters in the URL."""
    query = parse_query(request.GET.get("q", ""))
    form = SearchFilterForm(request.GET or None, sources=source_choices())
    filters = form.filters()
    within, chosen = filtered_documents(filters)
    by_date = filters["sort"] == "date"
    hits = index.Results(query, within=within, by_date=by_date)
    page = Paginator(hits, PER_PAGE).get_page(request.GET.get("page"))
    page.hits = _hits(request, page.object_list, query)
    first = page.number == 1  # names and annotations head the first page only
    context = {
        "query": query,
        "search_text": query.text,  # shown in the header's search box too
        "form": form,
        "chosen": [(label, _with(request, **{name: None})) for name, label in chosen.items()],
        "page": page,
        "more": hits.more,
        "by_date": by_date,
        "entities": _entity_rows(request, query) if first else [],
        "annotations": _annotation_rows(request.user, query) if first else [],
    }
    return render(request, "search/results.html", context)


def _hits(request, ids: list[int], query) -> list[Hit]:
    """The page's articles in its order, with their sources (one query each, not per row)."""
    sources = Credit.objects.filter(role=Credit.Role.SOURCE, entity__kind=Entity.Kind.ORGANISATION)
    articles = Article.objects.only(
        "slug", "title", "date", "lang", "text", "boilerplate"
    ).prefetch_related(
        Prefetch("credits", queryset=sources.select_related("entity"), to_attr="sources")
    )
    found = articles.in_bulk(ids)
    return [
        Hit(
            article=article,
            title=highlight(article.title, query),
            snippet=snippet(index.indexed_text(article.text, article.boilerplate), query),
            sources=[
                (credit.entity.name, _with(request, source=credit.entity.slug))
                for credit in article.sources
            ],
        )
        for article in (found[pk] for pk in ids if pk in found)
    ]


def _entity_rows(request, query) -> list[tuple]:
    """(entity, kind, URL narrowing the search to articles involving it), people first."""
    people = entities_matching(Entity.objects.people(), query)
    organisations = entities_matching(Entity.objects.organisations(), query)
    return [
        (e, KIND_LABELS[e.kind], _with(request, **{e.kind: e.slug})) for e in people + organisations
    ]


def _annotation_rows(user, query) -> list[tuple]:
    return [
        (annotation, highlight(annotation.exact, query), highlight(annotation.note, query))
        for annotation in own_annotations(user, query)
    ]


def _with(request, **changes: str | None) -> str:
    """This search's URL with ``changes`` (None removes), back on the first page."""
    return url_with_query(request.path, request.GET, page=None, **changes)


def suggest(request):
    """Up to eight suggestions while typing (JSON): people, organisations, article titles."""
    text = clean(request.GET.get("q", ""))
    wanted = needle(text)
    people = entities_named(Entity.objects.people(), wanted, limit=ENTITY_SUGGESTIONS)
    organisations = entities_named(Entity.objects.organisations(), wanted, limit=ENTITY_SUGGESTIONS)
    room = SUGGESTIONS - len(people) - len(organisations)
    ids = index.matching_titles(parse_query(text), limit=room)
    titles = Article.objects.only("title", "slug").in_bulk(ids)
    return JsonResponse(
        {
            "people": [_entity(person) for person in people],
            "organisations": [_entity(organisation) for organisation in organisations],
            "titles": [
                {"title": titles[pk].title, "url": titles[pk].get_absolute_url()}
                for pk in ids
                if pk in titles
            ],
        }
    )


def _entity(entity) -> dict:
    return {"name": entity.name, "url": entity.get_absolute_url()}
