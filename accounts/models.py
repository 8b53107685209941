from django.conf import settings
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


class AccessToken(models.Model):
    """A personal access token: lets a client outside the browser use the API as its owner.

    Only a SHA-256 digest of the token is stored; the token itself is shown once, when made.
    The first characters after "glossa_" (the prefix) find the row; the digest then decides.
    """

    class Scope(models.TextChoices):
        READ = "read", _("Read")
        WRITE = "write", _("Read and write")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="access_tokens",
        verbose_name=_("user"),
    )
    name = models.CharField(_("name"), max_length=100, help_text=_("What the token is for."))
    scope = models.CharField(_("scope"), max_length=10, choices=Scope.choices, default=Scope.READ)
    prefix = models.CharField(_("prefix"), max_length=16, unique=True, editable=False)
    digest = models.CharField(_("digest"), max_length=64, editable=False)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    last_used = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created"]
        verbose_name = _("access token")
        verbose_name_plural = _("access tokens")

    def __str__(self) -> str:
        return f"{self.user}: {self.name}"
