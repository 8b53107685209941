from django.db import models
from django.utils.translation import gettext_lazy as _


class Attempt(models.Model):
    """One counted attempt (a failed login, a signup, a reset request) under a throttle key.

    The key is a hash: the table never holds the usernames, emails or addresses it counts.
    """

    rule = models.CharField(_("rule"), max_length=32, help_text=_("The rule that counts it."))
    key = models.CharField(_("key"), max_length=64)
    at = models.DateTimeField(_("counted at"))

    class Meta:
        ordering = ["at"]
        indexes = [models.Index(fields=["key", "at"]), models.Index(fields=["at"])]
        verbose_name = _("attempt")
        verbose_name_plural = _("attempts")

    def __str__(self) -> str:
        return f"{self.rule} {self.at:%Y-%m-%d %H:%M:%S}"
