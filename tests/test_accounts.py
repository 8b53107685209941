"""Readers' accounts: Django's auth views through Glossa's own templates."""

import re
from html import unescape
from urllib.parse import urlencode

import pytest
from django.contrib.auth import authenticate

from tests.factories import make_article, make_user

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "another-long-pass-5523"


def test_password_change_form_renders_in_the_site_template(client):
    client.force_login(make_user("changer"))
    page = client.get("/accounts/password_change/").content.decode()
    assert 'class="stacked-form"' in page and 'name="new_password1"' in page


def test_password_change_takes_effect_and_shows_the_done_page(client):
    client.force_login(make_user("changer"))
    response = client.post(
        "/accounts/password_change/",
        {"old_password": "pw", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
        follow=True,
    )
    assert response.templates[0].name == "registration/password_change_done.html"
    assert authenticate(username="changer", password=NEW_PASSWORD) is not None


def mailed_reset_link(client, mailoutbox) -> str:
    make_user("forgetful")
    client.post("/accounts/password_reset/", {"email": "forgetful@example.org"})
    return re.search(r"/accounts/reset/\S+/", mailoutbox[0].body).group()


def test_mailed_reset_link_sets_a_new_password(client, mailoutbox):
    form = client.get(mailed_reset_link(client, mailoutbox), follow=True)
    assert form.templates[0].name == "registration/password_reset_confirm.html"
    done = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
        follow=True,
    )
    assert done.templates[0].name == "registration/password_reset_complete.html"
    assert authenticate(username="forgetful", password=NEW_PASSWORD) is not None


def test_used_reset_link_is_refused_with_an_explanation(client, mailoutbox):
    link = mailed_reset_link(client, mailoutbox)
    form = client.get(link, follow=True)
    passwords = {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    client.post(form.redirect_chain[-1][0], passwords)
    again = client.get(link, follow=True)
    assert again.context["validlink"] is False


def login_href(html: str, marker: str) -> str:
    """The href of the first link after ``marker`` in the page."""
    start = html.index(marker)
    return unescape(re.search(r'href="([^"]+)"', html[start:]).group(1))


def log_in_through(client, href: str):
    """Open a login link, then log in with the form's own ``next``, as a reader would."""
    form = client.get(href)
    make_user("returning")
    data = {"username": "returning", "password": "pw", "next": form.context["next"]}
    return client.post(href, data)


def test_header_login_link_comes_back_to_the_filtered_page(client):
    make_article(tags=["R&D #1"])
    page = "/?" + urlencode({"tag": "R&D #1"})
    href = login_href(client.get(page).content.decode(), 'class="account"')
    assert log_in_through(client, href).url == page


def test_article_login_prompt_comes_back_to_the_article_and_its_query(client):
    article = make_article()
    page = article.get_absolute_url() + "?" + urlencode({"from": "a&b #1"})
    href = login_href(client.get(page).content.decode(), 'class="login-prompt"')
    assert log_in_through(client, href).url == page


def test_header_shows_who_is_logged_in(client):
    client.force_login(make_user("山茶读者"))
    assert "山茶读者" in client.get("/").content.decode()


def test_login_page_renders(client):
    assert client.get("/accounts/login/").status_code == 200


def test_password_reset_mail_is_sent(client, mailoutbox):
    make_user("forgetful")
    client.post("/accounts/password_reset/", {"email": "forgetful@example.org"})
    assert len(mailoutbox) == 1 and "/accounts/reset/" in mailoutbox[0].body


def test_password_change_needs_login(client):
    assert client.get("/accounts/password_change/").status_code == 302


def test_logout_is_a_post(client):
    client.force_login(make_user())
    by_get = client.get("/accounts/logout/").status_code
    still_in = client.get("/annotations/mine/").status_code
    client.post("/accounts/logout/")
    after_post = client.get("/annotations/mine/").status_code
    assert (by_get, still_in, after_post) == (405, 200, 302)
