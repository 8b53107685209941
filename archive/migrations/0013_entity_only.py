# The links point to entities only; the old tables, links and their check constraints go.

import django.db.models.deletion
from django.db import migrations, models


def _entity_fk(**options):
    return models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to='archive.entity', **options)


class Migration(migrations.Migration):

    dependencies = [
        ('archive', '0012_entity_data'),
    ]

    operations = [
        migrations.RemoveConstraint(model_name='alias', name='alias_has_one_entity'),
        migrations.RemoveConstraint(model_name='mention', name='mention_has_one_entity'),
        migrations.RemoveConstraint(model_name='credit', name='credit_names_person_or_organisation'),
        *(
            migrations.RemoveField(model_name=model, name=field)
            for model in ('alias', 'mention', 'credit', 'candidate', 'affiliation')
            for field in ('person', 'organisation')
        ),
        *(
            migrations.AlterField(
                model_name=model,
                name='entity',
                field=_entity_fk(verbose_name='person or organisation'),
            )
            for model in ('alias', 'mention', 'credit')
        ),
        migrations.RenameField(model_name='affiliation', old_name='person_entity', new_name='person'),
        migrations.RenameField(model_name='affiliation', old_name='organisation_entity', new_name='organisation'),
        migrations.AlterField(
            model_name='affiliation',
            name='person',
            field=_entity_fk(limit_choices_to={'kind': 'person'}, related_name='affiliations', verbose_name='person'),
        ),
        migrations.AlterField(
            model_name='affiliation',
            name='organisation',
            field=_entity_fk(limit_choices_to={'kind': 'organisation'}, related_name='members', verbose_name='organisation'),
        ),
        migrations.RemoveField(model_name='entity', name='legacy_person'),
        migrations.RemoveField(model_name='entity', name='legacy_organisation'),
        migrations.DeleteModel(name='Organisation'),
        migrations.DeleteModel(name='Person'),
    ]
