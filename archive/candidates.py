"""Suggested names for editors: collected from every article, then accepted, mapped or ignored."""

from django.db import transaction

from .models import Alias, Article, Candidate, Entity
from .slugs import unique_slug
from .suggestions import collect


def known_names() -> set[str]:
    names = set(Entity.objects.found_in_text().values_list("name", flat=True))
    return names | set(Alias.objects.values_list("text", flat=True))


@transaction.atomic
def candidates_refresh() -> int:
    """Count every suggested name again; editors' decisions on earlier ones are kept."""
    texts = Article.objects.values_list("text", "lang").iterator(chunk_size=500)
    suggestions = collect(texts, known_names())
    decided = set(
        Candidate.objects.exclude(status=Candidate.Status.NEW).values_list("name", flat=True)
    )
    Candidate.objects.filter(status=Candidate.Status.NEW).delete()
    Candidate.objects.bulk_create(
        Candidate(name=s.name[:200], kind=s.kind, count=s.count, examples=s.examples)
        for s in suggestions
        if s.name not in decided
    )
    return len(suggestions)


@transaction.atomic
def candidate_accept(*, candidate: Candidate, kind: str) -> Entity:
    if kind not in Entity.Kind.values:
        raise ValueError(f"not a kind of entity: {kind!r}")
    same_kind = Entity.objects.filter(kind=kind)
    entity = same_kind.filter(name=candidate.name).first()
    if entity is None:
        slug = unique_slug(same_kind, candidate.name, fallback=kind)
        entity = Entity.objects.create(kind=kind, name=candidate.name, slug=slug, find_in_text=True)
    else:
        Entity.objects.filter(pk=entity.pk).update(find_in_text=True)
    candidate.status = Candidate.Status.ACCEPTED
    candidate.save(update_fields=["status"])
    return entity


@transaction.atomic
def candidate_map(*, candidate: Candidate, entity: Entity) -> Alias:
    alias, _ = Alias.objects.get_or_create(text=candidate.name, entity=entity)
    candidate.status = Candidate.Status.MAPPED
    candidate.entity = entity
    candidate.save()
    return alias
