"""Publisher boilerplate found across the archive (see ``archive.boilerplate``)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Boilerplate(models.Model):
    """The decision that a block recurring in one group's articles is the publisher's, not theirs.

    Made automatically at import when the block reaches the threshold; an editor may undo it,
    and an undone block is never marked again automatically.
    """

    class Status(models.TextChoices):
        AUTOMATIC = "automatic", _("marked automatically")
        UNDONE = "undone", _("undone by an editor")

    group = models.CharField(
        _("group"),
        max_length=300,
        help_text=_("Whose articles carry it: their publisher, else their source or author."),
    )
    fingerprint = models.CharField(_("fingerprint"), max_length=32)
    sample = models.TextField(_("text"), help_text=_("The block's text, as one article has it."))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.AUTOMATIC
    )
    decided_at = models.DateTimeField(_("decided"), auto_now=True)

    class Meta:
        ordering = ["group", "-decided_at"]
        verbose_name = _("publisher boilerplate")
        verbose_name_plural = _("publisher boilerplate")
        constraints = [
            models.UniqueConstraint(fields=["group", "fingerprint"], name="unique_boilerplate")
        ]

    def __str__(self) -> str:
        return self.sample[:80]


class BoilerplateBlock(models.Model):
    """A leading or trailing block of one article that could be boilerplate: what is counted."""

    article = models.ForeignKey(
        "archive.Article",
        on_delete=models.CASCADE,
        related_name="boilerplate_blocks",
        verbose_name=_("article"),
    )
    group = models.CharField(_("group"), max_length=300)
    fingerprint = models.CharField(_("fingerprint"), max_length=32)
    start = models.PositiveIntegerField(_("start"))
    end = models.PositiveIntegerField(_("end"))

    class Meta:
        ordering = ["article", "start"]
        verbose_name = _("candidate block")
        verbose_name_plural = _("candidate blocks")
        indexes = [models.Index(fields=["group", "fingerprint"], name="boilerplate_block_key")]

    def __str__(self) -> str:
        return f"{self.group} {self.fingerprint} [{self.start}, {self.end})"
