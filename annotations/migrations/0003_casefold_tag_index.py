"""Casefold the tag index, so that the tag filter is case-insensitive alike on both databases."""

from django.db import migrations


def casefold_tag_index(apps, schema_editor):
    Annotation = apps.get_model("annotations", "Annotation")
    changed = []
    for annotation in Annotation.objects.exclude(tag_index="").only("pk", "tags").iterator():
        # models.tag_index_for as it is today, copied: a migration must not change when it does.
        index = "\n" + "\n".join(tag.casefold() for tag in annotation.tags) + "\n"
        annotation.tag_index = index if annotation.tags else ""
        changed.append(annotation)
    Annotation.objects.bulk_update(changed, ["tag_index"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("annotations", "0002_anchoring")]

    operations = [migrations.RunPython(casefold_tag_index, migrations.RunPython.noop)]
