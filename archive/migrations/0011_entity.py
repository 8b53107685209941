# One model for people and organisations: the table and the new links, beside the old ones.
# 0012 copies the rows across; 0013 drops the old tables and links.

import django.db.models.deletion
from django.db import migrations, models

import archive.validators


class Migration(migrations.Migration):

    dependencies = [
        ('archive', '0010_boilerplate'),
    ]

    operations = [
        migrations.CreateModel(
            name='Entity',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('person', 'person'), ('organisation', 'organisation')], max_length=20, verbose_name='kind')),
                ('name', models.CharField(max_length=200, verbose_name='name')),
                ('slug', models.SlugField(allow_unicode=True, max_length=220, verbose_name='slug')),
                ('registry_id', models.SlugField(blank=True, help_text="The entry's id in seeds/registry.yaml; empty for names found only in bylines.", max_length=100, null=True, verbose_name='registry id')),
                ('names', models.JSONField(blank=True, default=dict, help_text='e.g. {"zh": "奥特曼"}', verbose_name='names in other scripts')),
                ('description', models.TextField(blank=True, verbose_name='description')),
                ('description_en', models.TextField(blank=True, verbose_name='description (English)')),
                ('links', models.JSONField(blank=True, default=dict, help_text='e.g. {"wikipedia": "https://en.wikipedia.org/wiki/…"}', validators=[archive.validators.validate_web_links], verbose_name='external links')),
                ('find_in_text', models.BooleanField(default=False, help_text='Link every occurrence of the name and aliases in articles. Off for names known only from bylines, which are often ordinary words (山茶 is also a flower).', verbose_name='find in article text')),
                ('url', models.URLField(blank=True, max_length=500, validators=[archive.validators.validate_web_url], verbose_name='website')),
                ('category', models.CharField(choices=[('company', 'company'), ('lab', 'research lab'), ('publication', 'publication'), ('government', 'government body'), ('university', 'university'), ('fund', 'investment fund'), ('other', 'other')], default='other', max_length=20, verbose_name='type of organisation')),
                ('created', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                ('parent', models.ForeignKey(blank=True, limit_choices_to={'kind': 'organisation'}, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='children', to='archive.entity', verbose_name='part of')),
                # The row each entity was copied from (0012), dropped once the links point here.
                ('legacy_person', models.BigIntegerField(db_index=True, null=True)),
                ('legacy_organisation', models.BigIntegerField(db_index=True, null=True)),
            ],
            options={
                'verbose_name': 'person or organisation',
                'verbose_name_plural': 'people and organisations',
                'ordering': ['name'],
                'constraints': [
                    models.CheckConstraint(condition=models.Q(('kind__in', ['person', 'organisation'])), name='entity_kind_known'),
                    models.UniqueConstraint(fields=('kind', 'name'), name='entity_unique_name'),
                    models.UniqueConstraint(fields=('kind', 'slug'), name='entity_unique_slug'),
                    models.UniqueConstraint(fields=('kind', 'registry_id'), name='entity_unique_registry_id'),
                ],
            },
        ),
        migrations.AddField(
            model_name='alias',
            name='entity',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.CASCADE, to='archive.entity', verbose_name='person or organisation'),
        ),
        migrations.AddField(
            model_name='mention',
            name='entity',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.CASCADE, to='archive.entity', verbose_name='person or organisation'),
        ),
        migrations.AddField(
            model_name='credit',
            name='entity',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.CASCADE, to='archive.entity', verbose_name='person or organisation'),
        ),
        migrations.AddField(
            model_name='candidate',
            name='entity',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='archive.entity', verbose_name='is an alias of'),
        ),
        migrations.AddField(
            model_name='affiliation',
            name='person_entity',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='archive.entity'),
        ),
        migrations.AddField(
            model_name='affiliation',
            name='organisation_entity',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='archive.entity'),
        ),
    ]
