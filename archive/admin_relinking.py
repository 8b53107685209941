"""The admin's view of background relinking: the runs, and the latest one's state in a line."""

from django.contrib import admin
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from .models import RelinkRun
from .relinking import relink_enqueue, run_stranded

QUEUED = gettext_lazy("Relinking every article is queued; pages show the change once it finishes.")


@admin.register(RelinkRun)
class RelinkRunAdmin(admin.ModelAdmin):
    """Read only: runs are queued by changes and written by the worker."""

    list_display = ["reason", "status", "queued_at", "started_at", "finished_at", "articles",
                    "mentions"]  # fmt: skip
    list_filter = ["status"]
    search_fields = ["reason"]
    readonly_fields = [*list_display, "error", "task_id"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


def _when(moment) -> str:
    return date_format(timezone.localtime(moment), "DATETIME_FORMAT")


def relinking_state() -> str:
    """The latest run in a sentence, for the entity list and forms ("" before any run)."""
    run = RelinkRun.objects.latest_first().first()
    if run is None:
        return ""
    if run.status == RelinkRun.Status.QUEUED:
        # Read only: the next change marks such a run failed and queues another.
        stranded = run_stranded(run)
        if stranded is not None:
            return _("Relinking did not start. %(why)s") % {"why": stranded}
        return _("Relinking queued…")
    if run.status == RelinkRun.Status.RUNNING:
        return _("Relinking… (started at %(time)s)") % {"time": _when(run.started_at)}
    if run.status == RelinkRun.Status.FAILED:
        return _("Relinking failed at %(time)s.") % {"time": _when(run.finished_at)}
    return ngettext(
        "Relinked %(n)d article at %(time)s.", "Relinked %(n)d articles at %(time)s.", run.articles
    ) % {"n": run.articles, "time": _when(run.finished_at)}


def relinking_context(extra_context: dict | None) -> dict:
    return {
        **(extra_context or {}),
        "relinking": relinking_state(),
        "relinking_url": reverse("admin:archive_relinkrun_changelist"),
    }


def relink_and_report(admin_, request, *, reason: str) -> None:
    """Queue relinking after a change and tell the editor: the pages follow when it is done."""
    relink_enqueue(reason=reason)
    admin_.message_user(request, QUEUED)
