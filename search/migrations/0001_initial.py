import django.db.models.deletion
from django.db import migrations, models

# The engines' own tables: see search/index.py. Written out here rather than imported from
# search.backends, so that this migration keeps working when that module changes.
SQLITE_CREATE = (
    "CREATE VIRTUAL TABLE search_fts USING fts5("
    "title, body, content='', tokenize='unicode61 remove_diacritics 0')"
)
POSTGRES_CREATE = [
    "ALTER TABLE search_searchdocument ADD COLUMN vector tsvector",
    "CREATE INDEX search_document_vector_gin ON search_searchdocument USING gin (vector)",
]


def create_engine(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(SQLITE_CREATE)
    elif vendor == "postgresql":
        for statement in POSTGRES_CREATE:
            schema_editor.execute(statement)


def drop_engine(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS search_fts")
    elif vendor == "postgresql":
        schema_editor.execute("ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS vector")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('archive', '0004_article_markdown_on_revisions'),
    ]

    operations = [
        migrations.CreateModel(
            name='SearchDocument',
            fields=[
                ('article', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='search_document', serialize=False, to='archive.article', verbose_name='article')),
                ('date', models.DateField(blank=True, db_index=True, help_text="The article's date, kept here so that sorting by it reads only this table.", null=True, verbose_name='date')),
                ('fts_rowid', models.BigIntegerField(blank=True, help_text="The article's current row in the SQLite full-text table; empty elsewhere.", null=True, unique=True, verbose_name='FTS row id')),
            ],
            options={
                'verbose_name': 'search document',
                'verbose_name_plural': 'search documents',
                'ordering': ['article'],
            },
        ),
        migrations.RunPython(create_engine, drop_engine),
    ]
