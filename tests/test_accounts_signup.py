"""Signing up by a mailed link, so that the signup page never says which usernames exist."""

import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model

from tests.factories import make_user

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-pass-9281"
User = get_user_model()


def sign_up(client, username: str, email: str = "reader@example.org", **data):
    fields = {"username": username, "email": email, "password1": PASSWORD, "password2": PASSWORD}
    return client.post("/accounts/signup/", fields | data)


def mailed_link(message) -> str:
    return re.search(r"https?://\S+", message.body).group(0)


def logged_in(client) -> bool:
    return "_auth_user_id" in client.session


def without_csrf_token(page: bytes) -> str:
    # The token is masked afresh for every response; nothing else may differ.
    return re.sub(
        r'(name="csrf-?(?:token|middlewaretoken)" (?:content|value))="[^"]*"', r"\1", page.decode()
    )


def test_signup_page_answers_the_same_for_a_free_and_a_taken_username(client):
    make_user("alice")
    taken, free = sign_up(client, "alice"), sign_up(client, "newreader")
    assert (taken.status_code, without_csrf_token(taken.content)) == (
        free.status_code,
        without_csrf_token(free.content),
    )


def test_free_username_gets_an_inactive_account_and_a_mailed_link(client, mailoutbox):
    sign_up(client, "newreader")
    user = User.objects.get(username="newreader")
    assert (user.is_active, len(mailoutbox), "/accounts/signup/" in mailoutbox[0].body) == (
        False,
        1,
        True,
    )


def test_mailed_link_activates_the_account_and_logs_the_reader_in(client, mailoutbox):
    sign_up(client, "newreader")
    response = client.get(mailed_link(mailoutbox[0]))
    assert (response.status_code, User.objects.get().is_active, logged_in(client)) == (
        302,
        True,
        True,
    )


def test_account_cannot_log_in_before_its_link_is_opened(client):
    sign_up(client, "newreader")
    client.post("/accounts/login/", {"username": "newreader", "password": PASSWORD})
    assert not logged_in(client)


def test_taken_username_is_said_only_in_the_mail(client, mailoutbox):
    make_user("alice")
    sign_up(client, "Alice", email="someone@example.org")
    assert (User.objects.count(), "taken" in mailoutbox[0].body, mailoutbox[0].to) == (
        1,
        True,
        ["someone@example.org"],
    )


def test_used_link_is_refused_the_second_time(client, mailoutbox):
    sign_up(client, "newreader")
    link = mailed_link(mailoutbox[0])
    client.get(link)
    client.post("/accounts/logout/")
    assert client.get(link).status_code == 400


def test_mangled_link_is_refused_with_an_explanation(client):
    response = client.get("/accounts/signup/MQ/not-a-token/")
    assert (response.status_code, "This link does not work" in response.content.decode()) == (
        400,
        True,
    )


def test_abandoned_signup_frees_its_username_once_the_link_expired(client, mailoutbox):
    sign_up(client, "newreader", email="first@example.org")
    expired = timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT + 60)
    User.objects.update(date_joined=User.objects.get().date_joined - expired)
    sign_up(client, "newreader", email="second@example.org")
    assert (User.objects.get().email, "/accounts/signup/" in mailoutbox[1].body) == (
        "second@example.org",
        True,
    )


def test_pending_signup_keeps_its_username_until_the_link_expires(client, mailoutbox):
    sign_up(client, "newreader", email="first@example.org")
    sign_up(client, "newreader", email="second@example.org")
    assert (User.objects.get().email, "taken" in mailoutbox[1].body) == ("first@example.org", True)


def test_link_brings_the_reader_back_to_the_page_they_signed_up_from(client, mailoutbox):
    sign_up(client, "newreader", next="/people/")
    assert client.get(mailed_link(mailoutbox[0])).url == "/people/"


def test_link_never_sends_the_reader_to_another_site(client, mailoutbox):
    sign_up(client, "newreader", next="https://evil.example/")
    assert client.get(mailed_link(mailoutbox[0])).url == "/"


def test_password_like_the_username_is_refused(client):
    response = sign_up(client, "newreader", password1="newreader1", password2="newreader1")
    assert (response.status_code, User.objects.count()) == (200, 0)
    assert "too similar" in response.content.decode()


def test_signup_pages_and_mails_are_in_chinese_for_a_chinese_reader(client, mailoutbox):
    response = client.post(
        "/accounts/signup/",
        {
            "username": "读者",
            "email": "r@example.org",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
        headers={"accept-language": "zh-CN"},
    )
    assert ("查看" in response.content.decode(), "账户" in mailoutbox[0].subject) == (True, True)
