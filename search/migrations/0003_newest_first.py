"""PostgreSQL: an index in the order of a search sorted by date (newest first, undated last).

A search by date with more matches than it counts walks it and stops after a page of matches.
SQLite cannot index NULLS LAST, and sorts its (smaller) candidate sets without it.
"""

from django.db import migrations

INDEX = "search_document_newest"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON search_searchdocument "
            "(date DESC NULLS LAST, article_id DESC)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("search", "0002_fingerprint")]

    operations = [migrations.RunPython(create, drop)]
