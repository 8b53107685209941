"""Background work on the archive that editors wait for, with its state for the admin."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class RelinkRunQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(status__in=[RelinkRun.Status.QUEUED, RelinkRun.Status.RUNNING])

    def latest_first(self):
        return self.order_by("-queued_at", "-pk")


class RelinkRun(models.Model):
    """One relinking of articles' mentions after the registry or an editor changed entities.

    Queued by the request that made the change, run by a task worker; the admin shows the
    runs so that an editor sees that the change is on its way and when it arrived. A run that
    never started because its task was lost is marked failed by the next change, which
    queues another (archive.relinking).
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("running")
        FINISHED = "finished", _("finished")
        FAILED = "failed", _("failed")

    reason = models.CharField(_("reason"), max_length=300)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    queued_at = models.DateTimeField(_("queued"), auto_now_add=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    articles = models.PositiveIntegerField(_("articles relinked"), default=0)
    mentions = models.PositiveIntegerField(_("mentions written"), default=0)
    error = models.TextField(_("error"), blank=True)
    task_id = models.CharField(
        _("task id"),
        max_length=64,
        blank=True,
        help_text=_("The queued task that runs it; a run waits only while this task does."),
    )

    objects = RelinkRunQuerySet.as_manager()

    class Meta:
        ordering = ["-queued_at", "-pk"]
        verbose_name = _("relinking run")
        verbose_name_plural = _("relinking runs")

    def __str__(self) -> str:
        return f"{self.reason} ({self.get_status_display()})"

    def get_absolute_url(self) -> str:
        return reverse("admin:archive_relinkrun_change", args=[self.pk])
