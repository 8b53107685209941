"""Editors' corrections to the registry: merge two entities, split a wrong alias off."""

from django.db import transaction
from django.utils.text import slugify

from .models import Affiliation, Alias, Credit, Mention, Organisation, Person


def _field(entity) -> str:
    return "person" if isinstance(entity, Person) else "organisation"


@transaction.atomic
def entity_merge(*, survivor, others) -> int:
    """Move mentions, credits, aliases and affiliations of ``others`` to ``survivor``.

    The others' names become aliases of the survivor, and the others are deleted. Returns how
    many entities were merged in.
    """
    field = _field(survivor)
    model = type(survivor)
    merged = 0
    known = set(survivor.aliases.values_list("text", flat=True)) | {survivor.name}
    for other in others:
        if other.pk == survivor.pk or type(other) is not model:
            continue
        for related in (Mention, Credit):
            related.objects.filter(**{field: other}).update(**{field: survivor})
        for alias in Alias.objects.filter(**{field: other}):
            if alias.text in known:
                alias.delete()
            else:
                Alias.objects.filter(pk=alias.pk).update(**{field: survivor})
                known.add(alias.text)
        if other.name not in known:
            Alias.objects.create(text=other.name, **{field: survivor})
            known.add(other.name)
        Affiliation.objects.filter(**{field: other}).update(**{field: survivor})
        other.delete()
        merged += 1
    return merged


@transaction.atomic
def alias_split(*, alias: Alias) -> Person | Organisation:
    """Make a wrong alias an entity of its own; its mentions are found again on relinking."""
    model = Person if alias.person_id else Organisation
    entity = model.objects.filter(name=alias.text).first()
    if entity is None:
        slug, number = slugify(alias.text, allow_unicode=True) or "entity", 1
        while model.objects.filter(slug=slug).exists():
            number += 1
            slug = f"{slugify(alias.text, allow_unicode=True)}-{number}"
        entity = model.objects.create(name=alias.text, slug=slug, find_in_text=True)
    alias.delete()
    return entity
