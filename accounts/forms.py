from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import ngettext

from . import throttle


def login_refusal(seconds: int) -> str:
    minutes = throttle.wait_minutes(seconds)
    return ngettext(
        "Too many failed attempts to log in. Wait %(minutes)d minute, then try again.",
        "Too many failed attempts to log in. Wait %(minutes)d minutes, then try again.",
        minutes,
    ) % {"minutes": minutes}


class ThrottledLoginMixin:
    """Counts failed logins, and refuses a throttled one before its password is even checked.

    Unknown usernames are counted like known ones, so the refusal says nothing about which
    accounts exist. `throttle_wait` tells the view to answer 429 (views.throttled_status).
    """

    throttle_wait = 0

    def clean(self):
        username = self.cleaned_data.get("username")
        if username is None or not self.cleaned_data.get("password"):
            return super().clean()  # a field is missing: nothing was tried, nothing to count
        counters = throttle.login_counters(self.request, username)
        self.throttle_wait = throttle.throttle_wait(counters=counters)
        if self.throttle_wait:
            raise forms.ValidationError(login_refusal(self.throttle_wait), code="throttled")
        try:
            cleaned_data = super().clean()
        except forms.ValidationError:
            throttle.attempt_record(counters=counters)
            raise
        # Only the account's own count: clearing the address's count on any success would let
        # one valid account reset it between guesses at others.
        throttle.attempts_clear(counter=counters[0])
        return cleaned_data


class ThrottledAuthenticationForm(ThrottledLoginMixin, AuthenticationForm):
    pass


class ThrottledAdminAuthenticationForm(ThrottledLoginMixin, AdminAuthenticationForm):
    pass
