"""Signing up without telling anyone which usernames exist.

The signup page answers every valid request the same way: "we sent you a link". The link goes
to the address given: for a free username it finishes creating the account; for a taken one
the mail says so, and only the mailbox's owner learns it. So trying names one by one reveals
nothing to a visitor who cannot read that mailbox (and each try is throttled per address).

An account waits, inactive, until its link is opened; a name whose link was never opened is
free again once the link has expired (PASSWORD_RESET_TIMEOUT), so nobody can squat names.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode

from archive.querystrings import url_with_query

User = get_user_model()


def signup_request(*, request, username: str, email: str, password: str, next_url: str) -> None:
    """Create an inactive account and mail its link, or mail that the name is taken."""
    try:
        with transaction.atomic():
            taken = _holder_of(username)
            if taken is None:
                user = User.objects.create_user(username, email, password, is_active=False)
    except IntegrityError:  # another signup took the name between our look and our insert
        taken = True
    if taken:
        _mail(request, "registration/signup_taken_email", email, {"username": username})
        return
    token = default_token_generator.make_token(user)
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    path = reverse("signup_activate", kwargs={"uidb64": uid, "token": token})
    link = request.build_absolute_uri(url_with_query(path, next=next_url or None))
    _mail(request, "registration/signup_activate_email", email, {"user": user, "link": link})


def _holder_of(username: str):
    """The account holding ``username`` (in any letter case), after freeing an abandoned one."""
    holder = User.objects.select_for_update().filter(username__iexact=username).first()
    if holder is not None and _abandoned(holder):
        holder.delete()
        return None
    return holder


def _abandoned(user) -> bool:
    expired = timezone.now() - timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT)
    return not user.is_active and user.last_login is None and user.date_joined < expired


def signup_activate(*, uidb64: str, token: str):
    """The account whose link this is, now active; None for a wrong, used or expired link."""
    try:
        pk = urlsafe_base64_decode(uidb64).decode()
        user = User.objects.filter(pk=int(pk), is_active=False, last_login__isnull=True).first()
    except (ValueError, OverflowError):
        return None
    if user is None or not default_token_generator.check_token(user, token):
        return None
    user.is_active = True
    user.save(update_fields=["is_active"])
    return user


def _mail(request, template: str, to: str, context: dict) -> None:
    context = {**context, "site": request.get_host()}
    subject = " ".join(render_to_string(f"{template}_subject.txt", context, request).split())
    body = render_to_string(f"{template}.txt", context, request)
    send_mail(subject, body, None, [to])
