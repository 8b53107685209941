"""What an annotation is about: the people and organisations of its article that it identifies.

In W3C terms each is a body ``{"type": "SpecificResource", "purpose": "identifying", "source":
<the entity's page>}`` (the model's "semantic tagging" shape, section 3.3.5/example 18, with the
purpose of identifying). The page's path names the entity, so an IRI is resolved by its path:
an export from another Glossa resolves here as its articles' pages do (import_matching.py).
"""

from urllib.parse import unquote, urlsplit

from django.db.models import Prefetch, Q
from django.urls import Resolver404, resolve

from archive.models import Article, Entity

MAX_ENTITIES = 20
ENTITY_VIEWS = {
    "archive:person_detail": Entity.Kind.PERSON,
    "archive:organisation_detail": Entity.Kind.ORGANISATION,
}
ENTITY_FIELDS = ("id", "kind", "slug", "name", "names")


def body(entity: Entity, origin: str) -> dict:
    return {
        "type": "SpecificResource",
        "purpose": "identifying",
        "source": origin + entity.get_absolute_url(),
    }


def is_identifying(body) -> bool:
    return (
        isinstance(body, dict)
        and body.get("type") == "SpecificResource"
        and body.get("purpose") == "identifying"
    )


def prefetch_entities() -> Prefetch:
    """The entities of each annotation of a list, in one query for the list."""
    return Prefetch("entities", queryset=Entity.objects.only(*ENTITY_FIELDS).order_by("name"))


def slug_of(iri) -> tuple[str, str] | None:
    """(kind, slug) of the entity whose page ``iri`` is, or None."""
    if not isinstance(iri, str) or "\x00" in iri or len(iri) > 2000:
        return None
    try:
        match = resolve(unquote(urlsplit(iri).path))
    except (Resolver404, ValueError):
        return None
    kind = ENTITY_VIEWS.get(match.view_name)
    return (kind, match.kwargs["slug"]) if kind else None


def article_entities(article: Article):
    """Who the article credits or mentions: the entities its annotations may be about."""
    involved = Q(credits__article=article) | Q(mentions__article=article)
    ids = Entity.objects.filter(involved).values("pk")
    return Entity.objects.filter(pk__in=ids).only(*ENTITY_FIELDS).order_by("kind", "name")


def entities_by_iri(iris: list[str]) -> dict[str, Entity]:
    """The entities whose pages ``iris`` are, in one query; an unknown IRI is left out."""
    wanted = {iri: found for iri in iris if (found := slug_of(iri))}
    if not wanted:
        return {}
    match = Q()
    for kind, slug in set(wanted.values()):
        match |= Q(kind=kind, slug=slug)
    found = {(e.kind, e.slug): e for e in Entity.objects.filter(match).only(*ENTITY_FIELDS)}
    return {iri: found[key] for iri, key in wanted.items() if key in found}
