"""Throttling of logins, signups and reset requests (accounts/throttle.py), through the client."""

from datetime import timedelta
from unittest import mock

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import RequestFactory
from django.utils import timezone

from accounts import throttle
from accounts.models import Attempt
from tests.factories import make_user

pytestmark = pytest.mark.django_db

PER_ACCOUNT, WINDOW = settings.GLOSSA_THROTTLE["login_account"]
PER_ADDRESS = settings.GLOSSA_THROTTLE["login_address"][0]
SIGNUPS = settings.GLOSSA_THROTTLE["signup_address"][0]
RESETS_PER_ADDRESS = settings.GLOSSA_THROTTLE["reset_address"][0]
RESETS_PER_EMAIL = settings.GLOSSA_THROTTLE["reset_email"][0]
LOGIN_REFUSED = "Too many failed attempts to log in."


def log_in(client, username: str, password: str = "pw", url: str = "/accounts/login/", **extra):
    return client.post(url, {"username": username, "password": password}, **extra)


def fail(client, username: str, times: int, url: str = "/accounts/login/", **extra) -> None:
    for _ in range(times):
        log_in(client, username, "wrong", url, **extra)


def logged_in(client) -> bool:
    return "_auth_user_id" in client.session


def later(seconds: float):
    """Moves the throttle's clock forward, instead of sleeping."""
    moved = timezone.now() + timedelta(seconds=seconds)
    return mock.patch("accounts.throttle.now", return_value=moved)


def test_wrong_passwords_up_to_the_limit_get_the_usual_answer(client):
    make_user("alice")
    fail(client, "alice", PER_ACCOUNT - 1)
    response = log_in(client, "alice", "wrong")
    assert response.status_code == 200 and LOGIN_REFUSED not in response.content.decode()


def test_right_password_after_the_limit_is_refused_with_the_message(client):
    make_user("alice")
    fail(client, "alice", PER_ACCOUNT)
    response = log_in(client, "alice")
    assert response.status_code == 429 and LOGIN_REFUSED in response.content.decode()
    assert not logged_in(client)


def test_refusal_re_shows_the_login_form(client):
    make_user("alice")
    fail(client, "alice", PER_ACCOUNT)
    page = log_in(client, "alice").content.decode()
    assert 'name="username"' in page and 'value="alice"' in page and 'name="password"' in page


def test_refusal_says_how_long_to_wait(client):
    make_user("alice")
    fail(client, "alice", PER_ACCOUNT)
    response = log_in(client, "alice")
    minutes = WINDOW // 60
    assert f"Wait {minutes} minutes" in response.content.decode()
    assert int(response["Retry-After"]) == WINDOW


def test_unknown_username_is_refused_like_a_known_one(client):
    fail(client, "nobody-by-that-name", PER_ACCOUNT)
    response = log_in(client, "nobody-by-that-name")
    assert response.status_code == 429 and LOGIN_REFUSED in response.content.decode()


def test_same_account_from_another_address_still_logs_in(client):
    make_user("alice")
    fail(client, "alice", PER_ACCOUNT)
    log_in(client, "alice", REMOTE_ADDR="198.51.100.7")
    assert logged_in(client)


def test_account_is_refused_after_guesses_from_many_addresses(client):
    make_user("alice")
    anywhere = settings.GLOSSA_THROTTLE["login_account_anywhere"][0]
    for n in range(anywhere):
        log_in(client, "alice", "wrong", REMOTE_ADDR=f"10.0.{n // 200}.{n % 200}")
    response = log_in(client, "alice", REMOTE_ADDR="198.51.100.7")
    assert response.status_code == 429 and not logged_in(client)


def test_another_account_is_refused_after_the_address_limit(client):
    make_user("bob")
    for n in range(PER_ADDRESS):
        log_in(client, f"guess{n // (PER_ACCOUNT - 1)}", "wrong")  # each under its own limit
    response = log_in(client, "bob")
    assert response.status_code == 429 and not logged_in(client)


def test_address_limit_counts_other_addresses_apart(client):
    make_user("bob")
    for n in range(PER_ADDRESS):
        log_in(client, f"guess{n}", "wrong")
    log_in(client, "bob", REMOTE_ADDR="198.51.100.7")
    assert logged_in(client)


def test_successful_login_clears_the_account_count(client):
    make_user("alice")
    fail(client, "alice", PER_ACCOUNT - 1)
    log_in(client, "alice")
    client.post("/accounts/logout/")
    fail(client, "alice", PER_ACCOUNT - 1)
    log_in(client, "alice")
    assert logged_in(client)


def test_refusal_ends_after_the_cool_off(client):
    make_user("alice")
    fail(client, "alice", PER_ACCOUNT)
    with later(WINDOW + 1):
        log_in(client, "alice")
    assert logged_in(client)


def test_refusal_lasts_until_the_cool_off(client):
    make_user("alice")
    fail(client, "alice", PER_ACCOUNT)
    with later(WINDOW - 1):
        response = log_in(client, "alice")
    assert response.status_code == 429 and not logged_in(client)


def test_forwarded_for_header_is_not_trusted_by_default(client):
    make_user("alice")
    for n in range(PER_ACCOUNT):
        log_in(client, "alice", "wrong", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}")
    assert log_in(client, "alice", HTTP_X_FORWARDED_FOR="203.0.113.99").status_code == 429


def test_admin_login_is_refused_after_the_limit(client):
    make_user("editor", staff=True)
    fail(client, "editor", PER_ACCOUNT, url="/admin/login/")
    response = log_in(client, "editor", url="/admin/login/")
    assert response.status_code == 429 and LOGIN_REFUSED in response.content.decode()
    assert not logged_in(client)


def test_failures_on_the_site_count_in_the_admin(client):
    make_user("editor", staff=True)
    fail(client, "editor", PER_ACCOUNT)
    assert log_in(client, "editor", url="/admin/login/").status_code == 429


def test_login_refusal_is_translated(client):
    make_user("alice")
    fail(client, "alice", PER_ACCOUNT)
    response = log_in(client, "alice", HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert "登录失败次数过多" in response.content.decode()


def sign_up(client, username: str, **extra):
    password = "a-long-pass-9281"
    data = {"username": username, "email": "reader@example.org"}
    return client.post(
        "/accounts/signup/", data | {"password1": password, "password2": password}, **extra
    )


def test_signup_is_refused_after_the_address_limit(client):
    for n in range(SIGNUPS):
        sign_up(client, f"taken{n}")
        client.post("/accounts/logout/")
    response = sign_up(client, "newcomer")
    assert (
        response.status_code == 429 and "Too many attempts to sign up" in response.content.decode()
    )


def test_refused_signup_does_not_say_whether_the_name_is_taken(client):
    make_user("alice")
    for _ in range(SIGNUPS):
        sign_up(client, "alice")
    page = sign_up(client, "alice").content.decode()
    assert "already exists" not in page and 'value="alice"' in page


def test_signup_refusal_creates_no_account(client):
    for _ in range(SIGNUPS):
        sign_up(client, "")
    sign_up(client, "newcomer")
    assert not get_user_model().objects.filter(username="newcomer").exists()


def test_signup_from_another_address_is_not_refused(client):
    for _ in range(SIGNUPS):
        sign_up(client, "")
    response = sign_up(client, "newcomer", REMOTE_ADDR="198.51.100.7")
    assert (response.status_code, "Check your email" in response.content.decode()) == (200, True)


def request_reset(client, email: str, **extra):
    return client.post("/accounts/password_reset/", {"email": email}, **extra)


def test_reset_requests_are_refused_after_the_address_limit(client, mailoutbox):
    make_user("forgetful")
    for n in range(RESETS_PER_ADDRESS):
        request_reset(client, f"someone{n}@example.org")
    response = request_reset(client, "forgetful@example.org")
    assert response.status_code == 429 and mailoutbox == []
    assert "Too many requests to reset a password." in response.content.decode()


def test_reset_requests_for_one_email_are_refused_from_any_address(client, mailoutbox):
    make_user("forgetful")
    for n in range(RESETS_PER_EMAIL):
        request_reset(client, "forgetful@example.org", REMOTE_ADDR=f"198.51.100.{n}")
    response = request_reset(client, "Forgetful@example.org", REMOTE_ADDR="203.0.113.1")
    assert response.status_code == 429 and len(mailoutbox) == RESETS_PER_EMAIL


@pytest.mark.parametrize("email", ["forgetful@example.org", "nobody@example.org"])
def test_reset_refusal_is_the_same_for_known_and_unknown_emails(client, email):
    make_user("forgetful")
    statuses = [request_reset(client, email).status_code for _ in range(RESETS_PER_EMAIL + 1)]
    assert statuses == [302] * RESETS_PER_EMAIL + [429]


def test_reset_refusal_is_translated(client):
    for _ in range(RESETS_PER_EMAIL):
        request_reset(client, "nobody@example.org")
    response = request_reset(client, "nobody@example.org", HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert "重置密码的请求过多" in response.content.decode()


def test_signup_refusal_is_translated(client):
    for _ in range(SIGNUPS):
        sign_up(client, "")
    response = sign_up(client, "newcomer", HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert "注册尝试过多" in response.content.decode()


def address(**meta) -> str:
    return throttle.client_address(RequestFactory().get("/", **meta))


def test_ipv6_clients_are_counted_by_their_64_block():
    assert address(REMOTE_ADDR="2001:db8:1:2::5") == address(REMOTE_ADDR="2001:db8:1:2:ffff::9")


def test_configured_proxy_header_gives_the_address_the_proxy_saw(settings):
    settings.GLOSSA_CLIENT_IP_HEADER = "X-Forwarded-For"
    seen = address(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 198.51.100.7")
    assert seen == "198.51.100.7"


def test_request_without_the_configured_header_counts_its_own_address(settings):
    settings.GLOSSA_CLIENT_IP_HEADER = "X-Real-IP"
    assert address(REMOTE_ADDR="198.51.100.7") == "198.51.100.7"


def test_attempts_older_than_every_window_are_forgotten():
    counters = (throttle.Counter.of("login_address", "198.51.100.7"),)
    throttle.attempt_record(counters=counters)
    longest = max(seconds for _, seconds in settings.GLOSSA_THROTTLE.values())
    with later(longest + 1):
        throttle.attempt_record(counters=counters)
    assert Attempt.objects.count() == 1
