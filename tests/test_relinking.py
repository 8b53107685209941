"""archive.relinking: relinking in the background, recorded as runs (the immediate backend,
and the database backend with its worker where a test asks for it)."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import OperationalError, transaction
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult

from archive import registry, relinking
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


# A run waits only while its task does: a run left queued without one is not joined for ever.


def _queued_long_ago() -> RelinkRun:
    run = RelinkRun.objects.create(reason="lost")
    RelinkRun.objects.filter(pk=run.pk).update(queued_at=timezone.now() - timedelta(hours=1))
    return run


@pytest.fixture
def work(monkeypatch):
    """What `manage.py db_worker --batch` does, without its signal handlers. Its check for old
    connections would close the test's (inside a transaction): off, as the test client does."""
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    return lambda: db_worker.Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test",
        excluded_queue_names=[],
    ).run()


def test_a_run_and_its_task_commit_together(linked, database_tasks):
    with pytest.raises(RuntimeError), transaction.atomic():
        relink_enqueue(reason="test")
        raise RuntimeError("the change is rolled back")
    assert (RelinkRun.objects.count(), DBTaskResult.objects.count()) == (0, 0)


def test_a_queued_run_records_its_waiting_task(linked, database_tasks):
    run = relink_enqueue(reason="test")
    task = DBTaskResult.objects.get()
    assert (run.task_id, task.status, task.args_kwargs["kwargs"]) == (
        str(task.id),
        TaskResultStatus.READY,
        {"run_id": run.pk},
    )


def test_a_run_whose_task_waits_is_joined(linked, database_tasks):
    first = relink_enqueue(reason="one")
    assert relink_enqueue(reason="two").pk == first.pk and DBTaskResult.objects.count() == 1


def test_a_run_whose_task_was_never_queued_is_not_joined(linked, database_tasks):
    stranded = RelinkRun.objects.create(reason="lost")  # the process stopped after the commit
    run = relink_enqueue(reason="two")
    assert run.pk != stranded.pk and DBTaskResult.objects.get().args_kwargs["kwargs"] == {
        "run_id": run.pk
    }


def test_a_run_whose_task_was_never_queued_fails_saying_why(linked, database_tasks):
    stranded = RelinkRun.objects.create(reason="lost")
    relink_enqueue(reason="two")
    stranded.refresh_from_db()
    assert stranded.status == RelinkRun.Status.FAILED and "never queued" in stranded.error


def test_a_run_whose_task_was_deleted_is_not_joined(linked, database_tasks):
    first = relink_enqueue(reason="one")
    DBTaskResult.objects.all().delete()
    assert relink_enqueue(reason="two").pk != first.pk


def test_a_run_whose_task_was_deleted_fails_saying_why(linked, database_tasks):
    first = relink_enqueue(reason="one")
    DBTaskResult.objects.all().delete()
    relink_enqueue(reason="two")
    first.refresh_from_db()
    assert first.status == RelinkRun.Status.FAILED and "no longer in the queue" in first.error


def test_a_run_whose_task_failed_before_starting_it_fails_with_the_tasks_error(
    linked, database_tasks
):
    first = relink_enqueue(reason="one")
    DBTaskResult.objects.update(
        status=TaskResultStatus.FAILED,
        exception_class_path="django.db.utils.OperationalError",
        traceback="Traceback (most recent call last):\nOperationalError: database is locked\n",
    )
    second = relink_enqueue(reason="two")
    first.refresh_from_db()
    assert second.pk != first.pk and "database is locked" in first.error


def test_a_run_whose_task_a_worker_just_took_is_joined(linked, database_tasks):
    first = relink_enqueue(reason="one")
    DBTaskResult.objects.update(status=TaskResultStatus.RUNNING, started_at=timezone.now())
    assert relink_enqueue(reason="two").pk == first.pk


def test_a_run_whose_task_a_worker_took_long_ago_is_not_joined(linked, database_tasks):
    first = relink_enqueue(reason="one")
    DBTaskResult.objects.update(
        status=TaskResultStatus.RUNNING, started_at=timezone.now() - timedelta(hours=1)
    )
    assert relink_enqueue(reason="two").pk != first.pk


def test_the_worker_finishes_a_queued_run(linked, database_tasks, work):
    run = relink_enqueue(reason="test")
    work()
    run.refresh_from_db()
    assert (run.status, run.articles) == (RelinkRun.Status.FINISHED, 2)


def test_a_worker_stopped_mid_run_fails_the_run(linked, database_tasks, work, monkeypatch):
    monkeypatch.setattr(registry, "relink_all", _stop)
    run = relink_enqueue(reason="test")
    work()
    run.refresh_from_db()
    assert run.status == RelinkRun.Status.FAILED and "SystemExit" in run.error


def _stop(**kwargs):
    raise SystemExit(1)  # what the worker raises on a second SIGTERM


def test_a_task_that_fails_before_starting_its_run_fails_the_run(
    linked, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(relinking, "relink_run", _locked)
    with django_capture_on_commit_callbacks(execute=True):
        run = relink_enqueue(reason="test")
    run.refresh_from_db()
    assert run.status == RelinkRun.Status.FAILED and "database is locked" in run.error


def _locked(*, run_id):
    raise OperationalError("database is locked")


def test_a_run_queued_after_the_commit_records_its_task(linked, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        run = relink_enqueue(reason="test")
    run.refresh_from_db()
    assert run.task_id


def test_a_run_left_without_its_task_is_not_joined_once_its_queueing_is_overdue(linked):
    """The immediate backend, like any that queues after the commit, gives the task a grace."""
    stranded = _queued_long_ago()
    assert relink_enqueue(reason="two").pk != stranded.pk
