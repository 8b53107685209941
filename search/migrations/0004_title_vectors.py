"""PostgreSQL: each article's title as its own small tsvector, beside the document's.

Ranking the newest matches "title first" asks of each whether its title matches; asked of the
document's vector, that reads the whole (large, TOASTed) vector again for every match offered.
The title alone is small and kept in the row, so the question costs an index lookup.

A table of its own rather than a column of the documents: filling a new column would rewrite
every document row and so re-insert every one into the GIN index, as slow as rebuilding it;
this reads each vector once and writes a small table. SQLite's FTS5 answers a title-only
match from its own index and needs nothing.
"""

from django.db import migrations

CREATE = [
    # No foreign key: Django empties its own tables with TRUNCATE, which PostgreSQL refuses
    # for a table another references. The backend writes a title with its document, and
    # deletes it with the article.
    "CREATE TABLE IF NOT EXISTS search_title"
    " (article_id bigint PRIMARY KEY, vector tsvector NOT NULL)",
    # The title's lexemes are the document's weighted 'A', with their positions.
    "INSERT INTO search_title (article_id, vector)"
    " SELECT article_id, ts_filter(vector, '{a}') FROM search_searchdocument"
    " WHERE vector IS NOT NULL ON CONFLICT (article_id) DO NOTHING",
    "ANALYZE search_title",
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in CREATE:
            schema_editor.execute(statement)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP TABLE IF EXISTS search_title")


class Migration(migrations.Migration):
    dependencies = [("search", "0003_newest_first")]

    operations = [migrations.RunPython(create, drop)]
