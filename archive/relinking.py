"""Relinking articles' mentions in the background, after the registry or an editor changed names.

``relink_enqueue`` records a ``RelinkRun`` and queues the task once the change commits, so the
worker sees the change; ``relink_run`` is what the task does. A change made while a run still
waits joins that run rather than queueing a second one: the waiting run reads the registry
when it starts, after the change. A run already running may have read it before, so a change
then queues a new run.
"""

import logging
from functools import partial

from django.db import transaction
from django.utils import timezone

from . import registry
from .models import RelinkRun
from .tasks import relink_articles

logger = logging.getLogger(__name__)
REASON_LENGTH = RelinkRun._meta.get_field("reason").max_length


def relink_enqueue(*, reason: str) -> RelinkRun:
    """The run that will relink every article after this change: a waiting one, or a new one."""
    with transaction.atomic():
        # Locked, so that a worker cannot start the run between this check and the commit
        # (PostgreSQL; SQLite's immediate transactions already serialise the two).
        waiting = RelinkRun.objects.filter(status=RelinkRun.Status.QUEUED).select_for_update()
        run = waiting.order_by("queued_at", "pk").first()
        if run is not None:
            run.reason = _joined(run.reason, reason)
            run.save(update_fields=["reason"])
            return run
        run = RelinkRun.objects.create(reason=_joined("", reason))
    transaction.on_commit(partial(relink_articles.enqueue, run_id=run.pk))
    return run


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
