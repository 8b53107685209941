"""archive.relinking: relinking in the background, recorded as runs (immediate backend)."""

import pytest
from django.core.management import call_command

from archive import registry
from archive.models import Alias, Entity, Mention, RelinkRun
from archive.registry import read_registry, registry_import, relink_all
from archive.registry_generation import registry_generation
from archive.relinking import relink_enqueue, relink_run
from tests.conftest import FIXTURES
from tests.factories import make_article

pytestmark = pytest.mark.django_db


@pytest.fixture
def linked():
    registry_import(data=read_registry(FIXTURES / "registry.yaml"))
    articles = [
        make_article(body="Sam Altman和OpenAI。"),
        make_article(body="苏茨克维离开了OpenAI。"),
    ]
    relink_all()
    return articles


def test_a_queued_run_waits_for_the_commit(linked):
    run = relink_enqueue(reason="test")
    assert RelinkRun.objects.get(pk=run.pk).status == RelinkRun.Status.QUEUED


def test_a_run_finishes_with_the_counts_after_the_commit(
    linked, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        run = relink_enqueue(reason="test")
    run.refresh_from_db()
    assert (run.status, run.articles, run.mentions) == (
        RelinkRun.Status.FINISHED,
        2,
        Mention.objects.count(),
    )


def test_a_finished_run_records_when_it_started_and_finished(
    linked, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        run = relink_enqueue(reason="test")
    run.refresh_from_db()
    assert run.queued_at <= run.started_at <= run.finished_at


def test_a_run_links_what_changed_before_it(linked, django_capture_on_commit_callbacks):
    ilya = Entity.objects.people().get(registry_id="ilya-sutskever")
    with django_capture_on_commit_callbacks(execute=True):
        Alias.objects.create(entity=ilya, text="苏茨克维")
        relink_enqueue(reason="alias")
    assert Mention.objects.filter(entity=ilya, surface="苏茨克维").count() == 1


def test_a_change_while_a_run_waits_joins_it(linked, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        first = relink_enqueue(reason="one")
        second = relink_enqueue(reason="two")
    assert (first.pk, len(callbacks), RelinkRun.objects.get().reason) == (
        second.pk,
        1,
        "one; two",
    )


def test_a_change_while_a_run_runs_queues_another(linked):
    running = RelinkRun.objects.create(reason="one", status=RelinkRun.Status.RUNNING)
    assert relink_enqueue(reason="two").pk != running.pk


def test_a_run_already_taken_is_not_run_twice(linked):
    run = RelinkRun.objects.create(reason="one", status=RelinkRun.Status.FINISHED)
    assert relink_run(run_id=run.pk) == {}


def test_a_failed_run_records_the_error(linked, monkeypatch, django_capture_on_commit_callbacks):
    monkeypatch.setattr(registry, "mentions_insert", _fail)
    with django_capture_on_commit_callbacks(execute=True):
        run = relink_enqueue(reason="test")
    run.refresh_from_db()
    assert run.status == RelinkRun.Status.FAILED and "disk full" in run.error


def test_a_failed_run_leaves_the_mentions_as_they_were(
    linked, monkeypatch, django_capture_on_commit_callbacks
):
    before = list(Mention.objects.values_list("article", "entity", "start", "end"))
    monkeypatch.setattr(registry, "mentions_insert", _fail)
    with django_capture_on_commit_callbacks(execute=True):
        relink_enqueue(reason="test")
    assert list(Mention.objects.values_list("article", "entity", "start", "end")) == before


def _fail(rows):
    raise OSError("disk full")


def test_a_failure_in_a_later_batch_keeps_every_article_whole(linked, monkeypatch):
    """Each batch is a transaction: the first article is relinked, the second kept as it was."""
    first, second = linked
    Mention.objects.filter(article=first).delete()
    before = list(Mention.objects.filter(article=second).values_list("entity", "start", "end"))
    insert = registry.mentions_insert
    calls = []

    def insert_then_fail(rows):
        calls.append(rows)
        if len(calls) > 1:
            raise OSError("disk full")
        insert(rows)

    monkeypatch.setattr(registry, "mentions_insert", insert_then_fail)
    with pytest.raises(OSError):
        relink_all(batch=1)
    assert Mention.objects.filter(article=first).exists()
    assert (
        list(Mention.objects.filter(article=second).values_list("entity", "start", "end")) == before
    )


def test_a_finished_run_makes_article_pages_stale(linked, django_capture_on_commit_callbacks):
    before = registry_generation()
    with django_capture_on_commit_callbacks(execute=True):
        relink_enqueue(reason="test")
    assert registry_generation() != before


def test_import_registry_relinks_in_the_command_and_records_the_run(linked):
    call_command("import_registry", str(FIXTURES / "registry.yaml"), verbosity=0)
    run = RelinkRun.objects.get()
    assert (run.status, run.articles) == (RelinkRun.Status.FINISHED, 2)
