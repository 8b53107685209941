"""Personal access tokens: made, revoked, and checked on each API request that sends one.

A token is "glossa_" + a prefix (which finds its row) + a secret, all random; the row keeps
only the SHA-256 of the whole token. A 256-bit random secret needs no slow hash: nothing about
it can be guessed, so a stolen table gives no token. The digest is compared in constant time.
"""

import hashlib
import hmac
import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import AccessToken

PREFIX = "glossa_"
PREFIX_LENGTH = 8
MAX_TOKENS = 20  # per reader: enough for every client, few enough to review on one page


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def token_create(*, user, name: str, scope: str) -> tuple[AccessToken, str]:
    """A new token for ``user``, and the token itself, which is never stored or shown again."""
    if not user.is_authenticated or not user.is_active:
        raise PermissionError("only an active reader has tokens")
    with transaction.atomic():
        if AccessToken.objects.filter(user=user).count() >= MAX_TOKENS:
            raise ValidationError(
                _("You have %(count)s tokens, the most one reader may have; revoke one first.")
                % {"count": MAX_TOKENS}
            )
        prefix = secrets.token_hex(PREFIX_LENGTH // 2)
        token = f"{PREFIX}{prefix}_{secrets.token_urlsafe(32)}"
        row = AccessToken(user=user, name=name, scope=scope, prefix=prefix, digest=_digest(token))
        row.full_clean()
        row.save()
    return row, token


def token_revoke(*, user, pk: int) -> bool:
    """Delete one of ``user``'s tokens; False when it has no such token (someone else's)."""
    deleted, _ = AccessToken.objects.filter(user=user, pk=pk).delete()
    return bool(deleted)


def token_authenticate(raw: str) -> AccessToken | None:
    """The live token that ``raw`` is, with its user; None for anything else."""
    if not raw.startswith(PREFIX) or len(raw) > 200:
        return None
    prefix = raw[len(PREFIX) : len(PREFIX) + PREFIX_LENGTH]
    row = AccessToken.objects.select_related("user").filter(prefix=prefix).first()
    if row is None or not row.user.is_active:
        return None
    if not hmac.compare_digest(row.digest, _digest(raw)):
        return None
    now = timezone.now()
    if row.last_used is None or (now - row.last_used).total_seconds() > 60:
        # At most one write a minute per token: "last used" needs no finer grain.
        AccessToken.objects.filter(pk=row.pk).update(last_used=now)
    return row
