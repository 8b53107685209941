"""Editors' review of people and organisations, most of them made by the name recogniser.

Each function checks, then acts in one transaction, then queues relinking (which runs after
the commit): confirm, rename (the old name stays an alias), merge into another entity
(archive.merging), change kind, reject. A check that fails raises ``ValidationError`` with a
message for the editor, before anything is written.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from .merging import entity_merge
from .models import Affiliation, Alias, Candidate, Entity, Mention
from .relinking import relink_enqueue
from .slugs import unique_slug

NAME_TAKEN = {
    Entity.Kind.PERSON: gettext_lazy(
        "There is already a person named %(name)s: merge the two instead."
    ),
    Entity.Kind.ORGANISATION: gettext_lazy(
        "There is already an organisation named %(name)s: merge the two instead."
    ),
}
# The registry file is the curated layer: an import puts back what the admin changed of it.
IN_REGISTRY = gettext_lazy(
    "%(name)s is in the registry (%(id)s): change the registry file instead, or the next "
    "import makes it again."
)


@transaction.atomic
def entities_confirm(*, entities: list[Entity]) -> int:
    """Mark entities as reviewed; returns how many were not yet."""
    pks = [e.pk for e in entities if not e.reviewed]
    confirmed = Entity.objects.filter(pk__in=pks).update(reviewed=True)
    if confirmed:
        relink_enqueue(reason=_("confirmed %(n)d") % {"n": confirmed})
    return confirmed


@transaction.atomic
def entity_rename(*, entity: Entity, name: str) -> Entity:
    """Give an entity a new name; the old one becomes an alias, so articles still link it."""
    name = name.strip()
    if not name:
        raise ValidationError(_("A name cannot be empty."))
    _check_free(entity, kind=entity.kind, name=name)
    old = entity.name
    if name == old:
        return entity
    # An alias spelled as the new name is redundant now, unless it carries ambiguity or a rule.
    for alias in entity.aliases.filter(text=name):
        if not alias.ambiguous and not alias.rule:
            alias.delete()
    Alias.objects.get_or_create(entity=entity, text=old)
    entity.name = name
    entity.save(update_fields=["name"])
    relink_enqueue(reason=_("renamed %(old)s to %(new)s") % {"old": old, "new": name})
    return entity


@transaction.atomic
def entities_merge_into(*, target: Entity, entities: list[Entity]) -> int:
    """Merge entities into ``target``: their names and aliases become its aliases."""
    others = [e for e in entities if e.pk != target.pk]
    if not others:
        raise ValidationError(_("Choose an entity other than the ones being merged."))
    if any(e.kind != target.kind for e in others):
        raise ValidationError(_("Merge people with people and organisations with organisations."))
    merged = entity_merge(survivor=target, others=others)
    relink_enqueue(
        reason=_("merged %(names)s into %(name)s")
        % {"names": ", ".join(e.name for e in others), "name": target.name}
    )
    return merged


@transaction.atomic
def entity_change_kind(*, entity: Entity, kind: str) -> Entity:
    """Make a person an organisation or the other way round, if nothing stands in the way."""
    if kind not in Entity.Kind.values:
        raise ValidationError(_("Not a kind of entity: %(kind)s.") % {"kind": kind})
    if kind == entity.kind:
        return entity
    if entity.registry_id:  # the next import would make it again under its registry kind
        raise ValidationError(IN_REGISTRY % {"name": entity.name, "id": entity.registry_id})
    _check_free(entity, kind=kind, name=entity.name)
    affiliations = Affiliation.objects.of(entity).count()
    if affiliations:
        raise ValidationError(
            ngettext(
                "%(name)s has an affiliation, which only a person and an organisation have "
                "together: remove it first.",
                "%(name)s has %(n)d affiliations, which only a person and an organisation have "
                "together: remove them first.",
                affiliations,
            )
            % {"name": entity.name, "n": affiliations}
        )
    if entity.children.exists():
        raise ValidationError(
            _("Organisations are part of %(name)s: change their “part of” first.")
            % {"name": entity.name}
        )
    same_kind = Entity.objects.filter(kind=kind)
    if same_kind.filter(slug=entity.slug).exists():
        entity.slug = unique_slug(same_kind, entity.name, fallback=kind)
    entity.kind, entity.parent = kind, None  # only an organisation is part of another
    entity.save(update_fields=["kind", "slug", "parent"])
    relink_enqueue(
        reason=_("kind of %(name)s changed to %(kind)s")
        % {"name": entity.name, "kind": entity.get_kind_display()}
    )
    return entity


def _check_free(entity: Entity, *, kind: str, name: str) -> None:
    clash = Entity.objects.filter(kind=kind, name=name).exclude(pk=entity.pk).first()
    if clash is not None:
        raise ValidationError(NAME_TAKEN[kind] % {"name": name})
    if (
        entity.registry_id
        and (
            Entity.objects.filter(kind=kind, registry_id=entity.registry_id).exclude(pk=entity.pk)
        ).exists()
    ):
        raise ValidationError(
            _("Another entity of that kind has the registry id %(id)s.")
            % {"id": entity.registry_id}
        )


@transaction.atomic
def entity_reject(*, entity: Entity) -> bool:
    """Not a person or an organisation: its mentions go and its names are never proposed again.

    An entity still credited in a byline is kept as a byline name (no longer found in text),
    since the credit is what the article says and is nothing without it; any other is deleted.
    Returns whether it was deleted.
    """
    if entity.registry_id:
        raise ValidationError(IN_REGISTRY % {"name": entity.name, "id": entity.registry_id})
    for text in [entity.name, *entity.aliases.values_list("text", flat=True)]:
        Candidate.objects.update_or_create(
            name=text[:200],
            defaults={"status": Candidate.Status.IGNORED, "entity": None, "kind": entity.kind},
        )
    Mention.objects.filter(entity=entity).delete()
    deleted = not _referred_to(entity)
    if deleted:
        entity.delete()
    else:
        entity.find_in_text, entity.reviewed = False, True
        entity.save(update_fields=["find_in_text", "reviewed"])
    relink_enqueue(reason=_("rejected %(name)s") % {"name": entity.name})
    return deleted


# What a rejection deletes with the entity: the text it was found in, nothing an editor or a
# byline said about an article.
DELETED_WITH_IT = {Alias, Affiliation, Candidate, Entity, Mention}


def _referred_to(entity: Entity) -> bool:
    """Whether a credit, or a row of another app, still points to the entity."""
    return any(
        relation.related_model._base_manager.filter(**{relation.field.name: entity}).exists()
        for relation in Entity._meta.related_objects
        if relation.one_to_many and relation.related_model not in DELETED_WITH_IT
    )
