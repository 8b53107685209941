"""The language form on pages without a CSRF token (config/language.py)."""

import re

import pytest
from django.conf import settings
from django.test import Client

from tests.factories import make_article, make_user

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture
def article():
    return make_article(body="第一段。\n\n第二段。")


@pytest.fixture
def strict():
    """A client that CSRF checks apply to, as they do to a browser."""
    return Client(enforce_csrf_checks=True)


def test_anonymous_article_page_sets_no_csrf_cookie(strict, article):
    response = strict.get(article.get_absolute_url())
    assert (response.status_code, dict(response.cookies)) == (200, {})


def test_anonymous_article_page_holds_no_csrf_token(strict, article):
    page = strict.get(article.get_absolute_url()).content.decode()
    assert (TOKEN.search(page), 'name="csrf-token"' in page) == (None, False)


def test_anonymous_article_page_is_public(strict, article):
    response = strict.get(article.get_absolute_url())
    assert response["Cache-Control"] == "public, max-age=60"


def test_second_anonymous_visit_is_served_from_the_page_cache(article):
    Client().get(article.get_absolute_url())
    again = Client().get(article.get_absolute_url())
    assert (again.status_code, again.templates) == (200, [])


def test_a_csrf_cookie_from_the_language_form_leaves_the_page_public(strict, article):
    first = strict.get(article.get_absolute_url())
    strict.get("/i18n/token/")
    again = strict.get(article.get_absolute_url())
    assert (again["Cache-Control"], again["ETag"]) == (first["Cache-Control"], first["ETag"])


def test_language_token_sets_the_csrf_cookie_it_returns(strict):
    response = strict.get("/i18n/token/")
    assert response.json()["token"] and settings.CSRF_COOKIE_NAME in response.cookies


def test_language_token_is_never_cached(strict):
    assert "no-store" in strict.get("/i18n/token/")["Cache-Control"]


def test_set_language_refuses_a_post_without_a_token(strict, article):
    response = strict.post(
        "/i18n/setlang/", {"language": "zh-hans", "next": article.get_absolute_url()}
    )
    assert (response.status_code, settings.LANGUAGE_COOKIE_NAME in response.cookies) == (
        403,
        False,
    )


def test_the_scripts_way_changes_the_language(strict, article):
    """What static/js/glossa.js does: fetch a token, then post the form with it."""
    token = strict.get("/i18n/token/").json()["token"]
    form = {"language": "zh-hans", "next": article.get_absolute_url()}
    response = strict.post("/i18n/setlang/", {**form, "csrfmiddlewaretoken": token}, follow=True)
    assert '<html lang="zh-hans">' in response.content.decode()


def test_without_the_script_the_form_leads_to_a_page_with_a_token(strict, article):
    page = strict.get(
        "/i18n/language/", {"language": "zh-hans", "next": article.get_absolute_url()}
    ).content.decode()
    assert TOKEN.search(page) and '<option value="zh-hans" lang="zh-hans" selected>' in page


def test_the_choice_pages_form_changes_the_language(strict, article):
    url = article.get_absolute_url()
    page = strict.get("/i18n/language/", {"language": "zh-hans", "next": url}).content.decode()
    form = {"language": "zh-hans", "next": url, "csrfmiddlewaretoken": TOKEN.search(page)[1]}
    response = strict.post("/i18n/setlang/", form)
    assert (response.status_code, response["Location"]) == (302, url)
    assert '<html lang="zh-hans">' in strict.get(url).content.decode()


def test_the_choice_page_does_not_lead_off_the_site(strict):
    page = strict.get("/i18n/language/", {"next": "https://example.com/"}).content.decode()
    assert 'name="next" type="hidden" value="/"' in page


def test_the_choice_page_with_an_unknown_language_preselects_the_current_one(strict):
    page = strict.get("/i18n/language/", {"language": "xx"}).content.decode()
    assert '<option value="en" lang="en" selected>' in page


def test_the_choice_page_is_never_cached(strict):
    assert "no-store" in strict.get("/i18n/language/")["Cache-Control"]


def test_a_logged_in_readers_header_form_posts_with_a_token(strict, article):
    strict.force_login(make_user())
    page = strict.get(article.get_absolute_url()).content.decode()
    form = re.search(r'<form class="language-switcher"[^>]*>\s*<input[^>]*>', page)[0]
    assert 'method="post"' in form and 'name="csrfmiddlewaretoken"' in form


def test_a_logged_in_readers_page_keeps_the_token_for_its_scripts(strict, article):
    strict.force_login(make_user())
    page = strict.get(article.get_absolute_url()).content.decode()
    assert re.search(r'name="csrf-token" content="[A-Za-z0-9]{64}"', page)
