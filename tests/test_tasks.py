"""archive.tasks: background work through Django's Tasks API (immediate backend in tests)."""

import pytest
from django.conf import settings

from archive.tasks import recognise_articles
from tests.factories import make_article

pytestmark = pytest.mark.django_db


def test_the_tests_run_tasks_with_the_immediate_backend():
    assert settings.TASKS["default"]["BACKEND"].endswith("ImmediateBackend")


def test_production_settings_keep_tasks_in_the_database():
    from config import settings as production

    assert production.TASKS["default"]["BACKEND"] == "django_tasks_db.DatabaseBackend"


def test_recognise_articles_returns_each_articles_names():
    article = make_article(body="清华大学的张伟教授和 Jim Dowling 一起发布了新模型。")
    result = recognise_articles.enqueue([article.pk])
    names = {(surface, kind) for _, _, kind, surface, _, _ in result.return_value[str(article.pk)]}
    assert {("清华大学", "organisation"), ("张伟", "person"), ("Jim Dowling", "person")} <= names


def test_recognise_articles_gives_offsets_in_the_canonical_text():
    article = make_article(body="We met Greg Young there.")
    result = recognise_articles.enqueue([article.pk])
    start, end, *_ = result.return_value[str(article.pk)][0]
    assert article.text[start:end] == "Greg Young"


def test_recognise_articles_finds_nothing_inside_code():
    article = make_article(body="Use `Anthropic()` or call Jim Dowling.")
    result = recognise_articles.enqueue([article.pk])
    surfaces = [row[3] for row in result.return_value[str(article.pk)]]
    assert surfaces == ["Jim Dowling"]


def test_recognise_articles_skips_ids_that_do_not_exist():
    result = recognise_articles.enqueue([987654])
    assert result.return_value == {}
