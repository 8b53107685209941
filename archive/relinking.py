"""Relinking articles' mentions in the background, after the registry or an editor changed names.

``relink_enqueue`` records a ``RelinkRun`` and queues the task so that the worker sees the
change; ``relink_run`` is what the task does. A change made while a run still waits joins that
run rather than queueing a second one: the waiting run reads the registry when it starts, after
the change. A run already running may have read it before, so a change then queues a new run.

A run waits only while its task does. With the database backend the task's row is written in
the change's transaction, so a run is never committed without its task; other backends queue
the task once the change commits, and the run learns its task's id just after. A queued run
whose task never came, was deleted, failed or was taken by a worker that never started it would
otherwise be joined by every later change and nothing would relink again: the next change marks
it failed, saying why, and queues a new run. A task that fails also fails its run
(``run_failed_with_its_task``), when the run could not record that itself.
"""

import logging
from datetime import timedelta
from functools import partial

from django.db import router, transaction
from django.utils import timezone
from django.utils.translation import gettext
from django_tasks import TaskResultStatus
from django_tasks.exceptions import TaskResultDoesNotExist, TaskResultMismatch
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult

from . import registry
from .models import RelinkRun
from .tasks import relink_articles

logger = logging.getLogger(__name__)
REASON_LENGTH = RelinkRun._meta.get_field("reason").max_length
# With a backend that queues after the commit, a run without a task id may be one whose task
# is being queued (or one made earlier in this transaction); after this long it never will be.
ENQUEUE_GRACE = timedelta(minutes=10)
# A worker marks the run running a moment after it takes the task (waiting for the lock that
# relink_enqueue holds); a task taken this long ago without that belongs to a worker that died.
START_GRACE = timedelta(minutes=10)


def relink_enqueue(*, reason: str) -> RelinkRun:
    """The run that will relink every article after this change: a waiting one, or a new one."""
    with transaction.atomic():
        # Locked, so that a worker cannot start the run between this check and the commit
        # (PostgreSQL; SQLite's immediate transactions already serialise the two).
        queued = RelinkRun.objects.filter(status=RelinkRun.Status.QUEUED).select_for_update()
        for run in queued.order_by("queued_at", "pk"):
            stranded = run_stranded(run)
            if stranded is None:
                run.reason = _joined(run.reason, reason)
                run.save(update_fields=["reason"])
                return run
            _fail(run.pk, error=stranded)
        run = RelinkRun.objects.create(reason=_joined("", reason))
        if queued_with_the_change():
            run.task_id = relink_articles.enqueue(run_id=run.pk).id
            run.save(update_fields=["task_id"])
            return run
    transaction.on_commit(partial(_enqueue, run_id=run.pk))
    return run


def queued_with_the_change() -> bool:
    """Whether the task's row commits with the run: the database backend, on the run's database."""
    same_database = router.db_for_write(DBTaskResult) == router.db_for_write(RelinkRun)
    return same_database and isinstance(relink_articles.get_backend(), DatabaseBackend)


def _enqueue(*, run_id: int) -> None:
    task_id = relink_articles.enqueue(run_id=run_id).id
    RelinkRun.objects.filter(pk=run_id, task_id="").update(task_id=task_id)


def run_stranded(run: RelinkRun) -> str | None:
    """Why a queued run will never start (for its error), or None while its task waits."""
    if not run.task_id:
        if queued_with_the_change() or not _recent(run.queued_at, ENQUEUE_GRACE):
            return gettext("Its task was never queued: the process stopped after the change.")
        return None
    if not relink_articles.get_backend().supports_get_result:
        return None  # nothing to look at; the backend keeps its tasks
    try:
        task = relink_articles.get_result(run.task_id)
    except (TaskResultDoesNotExist, TaskResultMismatch):
        return gettext("Its task %(id)s is no longer in the queue.") % {"id": run.task_id}
    if task.status == TaskResultStatus.READY:
        return None
    if task.status == TaskResultStatus.RUNNING and _recent(task.started_at, START_GRACE):
        return None  # a worker took it and waits for this lock to start the run
    if task.status == TaskResultStatus.FAILED:
        return task_failure(task)
    return gettext("Its task %(id)s was taken by a worker that never started the run.") % {
        "id": run.task_id
    }


def _recent(moment, grace: timedelta) -> bool:
    return moment is not None and moment > timezone.now() - grace


def task_failure(task) -> str:
    """The error of a failed task, for its run: the last line of the traceback names it."""
    last = task.errors[-1].traceback.strip().splitlines()[-1] if task.errors else ""
    return gettext("Its task %(id)s failed: %(error)s") % {"id": task.id, "error": last}


def run_failed_with_its_task(sender, task_result, **kwargs) -> None:
    """Receives ``task_finished``: a relinking task that failed fails its run if the run still
    says queued or running (the worker stopped mid-run, or the run could not be marked started)."""
    if task_result.task.module_path != relink_articles.module_path:
        return
    if task_result.status != TaskResultStatus.FAILED:
        return
    _fail(task_result.kwargs.get("run_id"), error=task_failure(task_result))


def _fail(run_id: int, *, error: str) -> None:
    failed = (
        RelinkRun.objects.pending()
        .filter(pk=run_id)
        .update(status=RelinkRun.Status.FAILED, finished_at=timezone.now(), error=error)
    )
    if failed:
        logger.warning("relinking run %s failed: %s", run_id, error)


def _joined(reasons: str, reason: str) -> str:
    if reason in reasons.split("; "):
        return reasons
    text = f"{reasons}; {reason}" if reasons else reason
    return text if len(text) <= REASON_LENGTH else text[: REASON_LENGTH - 1] + "…"


def relink_run(*, run_id: int) -> dict[str, int]:
    """Relink every article for a queued run; the run records how it went.

    Returns the counts, or an empty dict when the run was already taken (a task delivered
    twice). A failure is recorded on the run and raised again, so the worker logs it too.
    """
    started = RelinkRun.objects.filter(pk=run_id, status=RelinkRun.Status.QUEUED).update(
        status=RelinkRun.Status.RUNNING, started_at=timezone.now()
    )
    if not started:
        return {}
    try:
        counts = registry.relink_all()  # through the module: a test makes it fail
    except Exception as exc:
        RelinkRun.objects.filter(pk=run_id).update(
            status=RelinkRun.Status.FAILED,
            finished_at=timezone.now(),
            error=f"{type(exc).__name__}: {exc}",
        )
        logger.exception("relinking run %s failed", run_id)
        raise
    RelinkRun.objects.filter(pk=run_id).update(
        status=RelinkRun.Status.FINISHED,
        finished_at=timezone.now(),
        articles=counts["articles"],
        mentions=counts["mentions"],
    )
    return {"articles": counts["articles"], "mentions": counts["mentions"]}


def relink_now(*, reason: str) -> RelinkRun:
    """Relink in this process (a management command), recorded as a run like the others."""
    run = RelinkRun.objects.create(reason=_joined("", reason))
    relink_run(run_id=run.pk)
    run.refresh_from_db()
    return run
