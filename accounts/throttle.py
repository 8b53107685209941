"""Counting attempts to log in, sign up and reset a password, and refusing too many of them.

The policy is settings.GLOSSA_THROTTLE: each rule allows so many attempts in a sliding window.
A counted attempt is a row (models.Attempt) under a key hashed from the rule and what it counts
(the client's address, and the username or email for the per-account rules). Rows rather than
Django's default cache: that cache lives in one process, while the counts must be shared by all
of a server's workers; each attempt is an insert, so two workers never overwrite each other's
count; and the oldest row in the window says how long the reader has to wait.
"""

import hashlib
import ipaddress
import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone

from .models import Attempt


def now() -> datetime:
    # One name for the clock, so that tests can move it forward instead of sleeping.
    return timezone.now()


@dataclass(frozen=True)
class Counter:
    """One rule of the policy applied to one subject (an address, an address and a username)."""

    rule: str
    key: str

    @classmethod
    def of(cls, rule: str, *subject: str) -> "Counter":
        digest = hashlib.sha256("\x00".join((rule, *subject)).encode()).hexdigest()
        return cls(rule, digest)

    @property
    def limit(self) -> int:
        return settings.GLOSSA_THROTTLE[self.rule][0]

    @property
    def window(self) -> timedelta:
        return timedelta(seconds=settings.GLOSSA_THROTTLE[self.rule][1])


def client_address(request) -> str:
    """The address the request came from: REMOTE_ADDR, or the proxy's header when configured.

    X-Forwarded-For is only trusted when GLOSSA_CLIENT_IP_HEADER names it: a client can send any
    value in it. A proxy appends the address it saw, so the last entry is the one to believe.
    IPv6 clients are counted by /64, the block one subscriber usually gets.
    """
    header = settings.GLOSSA_CLIENT_IP_HEADER
    value = ""
    if header:
        value = request.META.get("HTTP_" + header.upper().replace("-", "_"), "")
        value = value.rsplit(",", 1)[-1].strip()
    # Without the header the request did not come through the proxy: its own address counts.
    value = value or request.META.get("REMOTE_ADDR", "")
    try:
        address = ipaddress.ip_address(value)
    except ValueError:
        return value or "unknown"
    if address.version == 6:
        if address.ipv4_mapped:
            return str(address.ipv4_mapped)
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return str(address)


def login_counters(request, username: str) -> tuple[Counter, Counter, Counter]:
    """The account's count from this address first: a successful login clears that one only.

    The account's count from every address has a higher limit: it bounds a guesser spread over
    many addresses, at the price that such a guesser can keep the owner out while it lasts; one
    address alone never reaches it (its own limit is lower, in the same window).
    """
    address = client_address(request)
    account = username.casefold()
    return (
        Counter.of("login_account", address, account),
        Counter.of("login_address", address),
        Counter.of("login_account_anywhere", account),
    )


def signup_counters(request) -> tuple[Counter]:
    return (Counter.of("signup_address", client_address(request)),)


def reset_counters(request, email: str) -> tuple[Counter, Counter]:
    # Counted for every address asked about, known or not, so a refusal reveals no account.
    return (
        Counter.of("reset_address", client_address(request)),
        Counter.of("reset_email", email.strip().casefold()),
    )


def throttle_wait(*, counters: tuple[Counter, ...]) -> int:
    """Seconds until every counter is under its limit again; 0 when none is at its limit."""
    moment = now()
    wait = 0
    for counter in counters:
        # When the limit-th newest attempt leaves the window, fewer than the limit remain in it.
        oldest_counted = (
            Attempt.objects.filter(key=counter.key, at__gt=moment - counter.window)
            .order_by("-at")
            .values_list("at", flat=True)[counter.limit - 1 : counter.limit]
        )
        for at in oldest_counted:
            wait = max(wait, math.ceil((at + counter.window - moment).total_seconds()))
    return wait


def attempt_record(*, counters: tuple[Counter, ...]) -> None:
    """Count one attempt on each counter, and forget attempts older than every window."""
    moment = now()
    Attempt.objects.bulk_create(
        Attempt(rule=counter.rule, key=counter.key, at=moment) for counter in counters
    )
    longest = max(seconds for _, seconds in settings.GLOSSA_THROTTLE.values())
    Attempt.objects.filter(at__lte=moment - timedelta(seconds=longest)).delete()


def attempts_clear(*, counter: Counter) -> None:
    Attempt.objects.filter(key=counter.key).delete()


def wait_minutes(seconds: int) -> int:
    return max(1, math.ceil(seconds / 60))
