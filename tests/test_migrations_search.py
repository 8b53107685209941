"""Migration search 0005: SQLite's full-text table is made again with the "ascii" tokenizer and
every article indexed afresh, so what was searchable before still is (on PostgreSQL the
migration does nothing, and the same must hold)."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from search import index
from search.index import Results
from search.query import parse_query
from tests.factories import make_article

BEFORE = [("search", "0004_title_vectors")]


def _migrate(targets) -> None:
    MigrationExecutor(connection).migrate(targets)


@pytest.fixture(scope="module")
def migrated(django_db_setup, django_db_blocker):
    """An article indexed with the table of search 0004, then the schema migrated forward."""
    with django_db_blocker.unblock():
        _migrate(BEFORE)
        article = make_article(title="迁移之前", body="甲骨文与Zebrafish的合作在迁移前写入。")
        _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
        yield article.pk
        call_command("flush", interactive=False, verbosity=0)
        index.rebuild()  # flush leaves SQLite's FTS rows (no model of their own) behind


@pytest.mark.skipif(
    "connection.vendor != 'sqlite'", reason="inspects SQLite's FTS5 table; PostgreSQL has none"
)
def test_the_full_text_table_uses_the_ascii_tokenizer(migrated, db):
    with connection.cursor() as cursor:
        cursor.execute("SELECT sql FROM sqlite_master WHERE name = 'search_fts'")
        assert "tokenize='ascii'" in cursor.fetchone()[0]


@pytest.mark.parametrize("words", ["甲骨文", "zebrafish", "迁移之前"])
def test_an_article_indexed_before_the_migration_is_found_after_it(migrated, db, words):
    assert list(Results(parse_query(words))[:5]) == [migrated]
