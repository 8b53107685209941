"""Editors' corrections to the registry: merge two entities, split a wrong alias off."""

from django.db import transaction
from django.utils.text import slugify

from .models import Affiliation, Alias, Candidate, Credit, Mention, Organisation, Person


def _field(entity) -> str:
    return "person" if isinstance(entity, Person) else "organisation"


@transaction.atomic
def entity_merge(*, survivor, others) -> int:
    """Move everything of ``others`` to ``survivor``, then delete them.

    Mentions, credits, aliases, affiliations (duplicates collapsed), candidates mapped onto
    them and, for organisations, their child organisations move; their names become aliases.
    The survivor keeps its own fields and takes from the others what it lacks: a registry id
    (so that importing the registry again updates the survivor rather than recreating the
    other), descriptions, website, links and names in other scripts; it is found in text if
    any of them was. Returns how many entities were merged in.
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
        Candidate.objects.filter(**{field: other}).update(**{field: survivor})
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
        if model is Organisation:
            Organisation.objects.filter(parent=other).exclude(pk=survivor.pk).update(
                parent=survivor
            )
            if survivor.parent_id == other.pk:
                survivor.parent_id = other.parent_id if other.parent_id != survivor.pk else None
        registry_id = other.registry_id
        other.delete()  # first, so that its unique registry id is free for the survivor
        _take_what_is_missing(survivor, other, registry_id)
        merged += 1
    survivor.save()
    _collapse_affiliations(survivor)
    return merged


def _take_what_is_missing(survivor, other, registry_id) -> None:
    survivor.registry_id = survivor.registry_id or registry_id
    for name in ("description", "description_en", "url"):
        if not getattr(survivor, name, True):
            setattr(survivor, name, getattr(other, name))
    survivor.links = {**other.links, **survivor.links}
    survivor.names = {**other.names, **survivor.names}
    survivor.find_in_text = survivor.find_in_text or other.find_in_text
    if isinstance(survivor, Organisation) and survivor.kind == Organisation.Kind.OTHER:
        survivor.kind = other.kind


def _collapse_affiliations(survivor) -> None:
    """One affiliation per person, organisation and role; the one that says more is kept."""
    kept: dict[tuple, Affiliation] = {}
    for affiliation in Affiliation.objects.filter(**{_field(survivor): survivor}).order_by("pk"):
        key = (affiliation.person_id, affiliation.organisation_id, affiliation.role)
        first = kept.setdefault(key, affiliation)
        if first is not affiliation:
            first.since = first.since or affiliation.since
            first.until = first.until or affiliation.until
            first.save(update_fields=["since", "until"])
            affiliation.delete()


@transaction.atomic
def alias_split(*, alias: Alias) -> Person | Organisation:
    """Make a wrong alias an entity of its own; its mentions are found again on relinking.

    An ambiguous alias stays ambiguous on the new entity (``SSI`` split off must not link every
    SSI); its rule is dropped, as the rule's evidence pointed to the entity it was split from.
    """
    model = Person if alias.person_id else Organisation
    entity = model.objects.filter(name=alias.text).first()
    if entity is None:
        slug, number = slugify(alias.text, allow_unicode=True) or "entity", 1
        while model.objects.filter(slug=slug).exists():
            number += 1
            slug = f"{slugify(alias.text, allow_unicode=True)}-{number}"
        entity = model.objects.create(name=alias.text, slug=slug, find_in_text=True)
    if alias.ambiguous:
        # Spelled as the entity's name, it makes the name itself ambiguous when linking.
        owner = {"person": None, "organisation": None, _field(entity): entity}
        Alias.objects.filter(pk=alias.pk).update(rule={}, **owner)
    else:
        alias.delete()
    return entity
