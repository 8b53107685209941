"""Editors' decisions on suggested names (archive.discovery makes the suggestions)."""

from django.db import transaction

from .models import Alias, Candidate, Entity
from .slugs import unique_slug


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
