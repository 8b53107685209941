# Every person and organisation becomes an Entity of its kind, with its names, slug, registry
# id, links and dates; mentions, credits, aliases, candidates and affiliations point to it.
# Each link table is updated by one statement per kind (a subquery on the copied row's id), so
# an archive with a million mentions migrates in seconds. Reversible, for the migration test.

from django.db import migrations
from django.db.models import OuterRef, Subquery

COMMON = (
    "name", "slug", "registry_id", "names", "description", "description_en", "links",
    "find_in_text",
)  # fmt: skip
LINKS = ("Alias", "Mention", "Credit", "Candidate")
# kind: (old model, column on Entity naming the old row, link field of the old tables)
KINDS = {
    "person": ("Person", "legacy_person", "person"),
    "organisation": ("Organisation", "legacy_organisation", "organisation"),
}


def _entity_of(Entity, legacy: str, column: str):
    """The id of the Entity copied from the old row that ``column`` of the outer row names."""
    return Subquery(Entity.objects.filter(**{legacy: OuterRef(column)}).values("pk")[:1])


def forwards(apps, schema_editor):
    Entity = apps.get_model("archive", "Entity")
    for kind, (model_name, legacy, field) in KINDS.items():
        Old = apps.get_model("archive", model_name)
        extra = ("url",) if kind == "organisation" else ()
        rows = []
        for old in Old.objects.order_by("pk").iterator(chunk_size=2000):
            values = {name: getattr(old, name) for name in COMMON + extra}
            if kind == "organisation":
                values["category"] = old.kind
            rows.append(Entity(kind=kind, **values, **{legacy: old.pk}))
        Entity.objects.bulk_create(rows, batch_size=500)
        # auto_now_add stamped the copies with today: take the dates over.
        created = Old.objects.filter(pk=OuterRef(legacy)).values("created")[:1]
        Entity.objects.filter(kind=kind).update(created=Subquery(created))
        for link in LINKS:
            Link = apps.get_model("archive", link)
            Link.objects.filter(**{f"{field}__isnull": False}).update(
                entity=_entity_of(Entity, legacy, f"{field}_id")
            )
        Affiliation = apps.get_model("archive", "Affiliation")
        Affiliation.objects.update(
            **{f"{field}_entity": _entity_of(Entity, legacy, f"{field}_id")}
        )
    Organisation = apps.get_model("archive", "Organisation")
    ids = dict(Entity.objects.exclude(legacy_organisation=None).values_list("legacy_organisation", "pk"))
    for pk, parent in Organisation.objects.exclude(parent=None).values_list("pk", "parent_id"):
        Entity.objects.filter(pk=ids[pk]).update(parent_id=ids[parent])


def backwards(apps, schema_editor):
    Entity = apps.get_model("archive", "Entity")
    for kind, (model_name, legacy, field) in KINDS.items():
        Old = apps.get_model("archive", model_name)
        extra = ("url",) if kind == "organisation" else ()
        for entity in Entity.objects.filter(kind=kind).order_by("pk").iterator(chunk_size=2000):
            values = {name: getattr(entity, name) for name in COMMON + extra}
            if kind == "organisation":
                values["kind"] = entity.category
            old = Old.objects.create(**values)
            Old.objects.filter(pk=old.pk).update(created=entity.created)
            Entity.objects.filter(pk=entity.pk).update(**{legacy: old.pk})
        back = Subquery(Entity.objects.filter(pk=OuterRef("entity_id")).values(legacy)[:1])
        for link in LINKS:
            Link = apps.get_model("archive", link)
            Link.objects.filter(entity__kind=kind).update(**{field: back})
        Affiliation = apps.get_model("archive", "Affiliation")
        column = f"{field}_entity_id"
        Affiliation.objects.update(
            **{field: Subquery(Entity.objects.filter(pk=OuterRef(column)).values(legacy)[:1])}
        )
    Organisation = apps.get_model("archive", "Organisation")
    ids = dict(Entity.objects.exclude(legacy_organisation=None).values_list("pk", "legacy_organisation"))
    for pk, parent in Entity.objects.exclude(parent=None).values_list("pk", "parent_id"):
        Organisation.objects.filter(pk=ids[pk]).update(parent_id=ids[parent])


class Migration(migrations.Migration):

    dependencies = [
        ('archive', '0011_entity'),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
