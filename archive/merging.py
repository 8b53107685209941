"""Editors' corrections to the registry: merge two entities, split a wrong alias off."""

from django.db import transaction

from .models import Affiliation, Alias, Candidate, Credit, Entity, Mention
from .signals import entities_merged
from .slugs import unique_slug


@transaction.atomic
def entity_merge(*, survivor, others) -> int:
    """Move everything of ``others`` to ``survivor``, then delete them.

    Mentions, credits, aliases, affiliations (duplicates collapsed), candidates mapped onto
    them and, for organisations, their child organisations move, and other apps move theirs
    on ``entities_merged`` (readers' notes about them); their names, in every script, become
    aliases, so the text still links. The survivor keeps its own fields and takes from the
    others what it lacks: a registry id (so that importing the registry again updates the
    survivor rather than recreating the other), descriptions, website, links and names in
    other scripts; it is found in text if any of them was. Returns how many entities were
    merged in.
    """
    merged = 0
    known = set(survivor.aliases.values_list("text", flat=True)) | {survivor.name}
    for other in others:
        if other.pk == survivor.pk or other.kind != survivor.kind:
            continue
        for related in (Mention, Credit, Candidate):
            related.objects.filter(entity=other).update(entity=survivor)
        for alias in Alias.objects.filter(entity=other):
            if alias.text in known:
                alias.delete()
            else:
                Alias.objects.filter(pk=alias.pk).update(entity=survivor)
                known.add(alias.text)
        for name in [other.name, *other.names.values()]:
            if name and name not in known:
                Alias.objects.create(text=name, entity=survivor)
                known.add(name)
        Affiliation.objects.filter(person=other).update(person=survivor)
        Affiliation.objects.filter(organisation=other).update(organisation=survivor)
        if survivor.kind == Entity.Kind.ORGANISATION:
            Entity.objects.filter(parent=other).exclude(pk=survivor.pk).update(parent=survivor)
            if survivor.parent_id == other.pk:
                survivor.parent_id = other.parent_id if other.parent_id != survivor.pk else None
        registry_id = other.registry_id
        entities_merged.send(sender=Entity, survivor=survivor, other=other)
        other.delete()  # first, so that its unique registry id is free for the survivor
        _take_what_is_missing(survivor, other, registry_id)
        merged += 1
    survivor.save()
    _collapse_affiliations(survivor)
    return merged


def _take_what_is_missing(survivor, other, registry_id) -> None:
    survivor.registry_id = survivor.registry_id or registry_id
    for name in ("description", "description_en", "url"):
        if not getattr(survivor, name):
            setattr(survivor, name, getattr(other, name))
    survivor.links = {**other.links, **survivor.links}
    survivor.names = {**other.names, **survivor.names}
    survivor.find_in_text = survivor.find_in_text or other.find_in_text
    if survivor.category == Entity.Category.OTHER:
        survivor.category = other.category


def _collapse_affiliations(survivor) -> None:
    """One affiliation per person, organisation and role; the one that says more is kept."""
    kept: dict[tuple, Affiliation] = {}
    for affiliation in Affiliation.objects.of(survivor).order_by("pk"):
        key = (affiliation.person_id, affiliation.organisation_id, affiliation.role)
        first = kept.setdefault(key, affiliation)
        if first is not affiliation:
            first.since = first.since or affiliation.since
            first.until = first.until or affiliation.until
            first.save(update_fields=["since", "until"])
            affiliation.delete()


@transaction.atomic
def alias_split(*, alias: Alias) -> Entity:
    """Make a wrong alias an entity of its own; its mentions are found again on relinking.

    An ambiguous alias stays ambiguous on the new entity (``SSI`` split off must not link every
    SSI); its rule is dropped, as the rule's evidence pointed to the entity it was split from.
    """
    kind = alias.entity.kind
    same_kind = Entity.objects.filter(kind=kind)
    entity = same_kind.filter(name=alias.text).first()
    if entity is None:
        slug = unique_slug(same_kind, alias.text, fallback=kind)
        entity = Entity.objects.create(kind=kind, name=alias.text, slug=slug, find_in_text=True)
    if alias.ambiguous:
        # Spelled as the entity's name, it makes the name itself ambiguous when linking.
        Alias.objects.filter(pk=alias.pk).update(rule={}, entity=entity)
    else:
        alias.delete()
    return entity
