"""Personal access tokens: made and revoked on the account page, hashed, scoped, throttled."""

import hashlib

import pytest
from django.test import Client, override_settings

from accounts.models import AccessToken
from accounts.tokens import MAX_TOKENS, token_create
from annotations.models import Annotation
from tests.factories import make_annotation, make_article, make_user

pytestmark = pytest.mark.django_db

PAGE = "/accounts/tokens/"


@pytest.fixture
def user():
    return make_user()


@pytest.fixture
def browser(user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    return client


def csrf(client) -> str:
    client.get(PAGE)
    return client.cookies["csrftoken"].value


def create(client, name="sync", scope="read"):
    return client.post(PAGE, {"name": name, "scope": scope}, HTTP_X_CSRFTOKEN=csrf(client))


def bearer(token: str) -> Client:
    return Client(enforce_csrf_checks=True, HTTP_AUTHORIZATION=f"Bearer {token}")


def selection(article, word="的"):
    start = article.text.index(word)
    return {"start": start, "end": start + len(word), "exact": word}


def test_token_page_needs_a_login(client):
    assert client.get(PAGE).status_code == 302


def test_a_new_token_is_shown_once(browser):
    response = create(browser)
    token = response.context["created"]["token"]
    assert token in response.content.decode() and token not in browser.get(PAGE).content.decode()


def test_the_page_showing_a_token_is_not_stored_by_caches(browser):
    assert create(browser)["Cache-Control"] == "no-store"


def test_only_a_digest_of_the_token_is_stored(user):
    row, token = token_create(user=user, name="n", scope="read")
    values = AccessToken.objects.filter(pk=row.pk).values().get()
    assert row.digest == hashlib.sha256(token.encode()).hexdigest()
    assert all(token not in str(value) for value in values.values())


def test_creating_a_token_needs_the_csrf_token(browser):
    response = browser.post(PAGE, {"name": "x", "scope": "read"})
    assert response.status_code == 403 and not AccessToken.objects.exists()


def test_a_reader_has_at_most_so_many_tokens(browser, user):
    for n in range(MAX_TOKENS):
        token_create(user=user, name=str(n), scope="read")
    assert create(browser).status_code == 400 and AccessToken.objects.count() == MAX_TOKENS


def test_revoked_token_no_longer_authenticates(browser, user):
    row, token = token_create(user=user, name="n", scope="read")
    browser.post(f"/accounts/tokens/{row.pk}/revoke/", HTTP_X_CSRFTOKEN=csrf(browser))
    assert bearer(token).get("/api/notes/preview/").status_code == 401


def test_someone_elses_token_cannot_be_revoked(browser):
    row, _ = token_create(user=make_user(), name="n", scope="read")
    response = browser.post(f"/accounts/tokens/{row.pk}/revoke/", HTTP_X_CSRFTOKEN=csrf(browser))
    assert response.status_code == 404 and AccessToken.objects.filter(pk=row.pk).exists()


def test_read_token_reads_private_annotations_of_its_owner(user):
    annotation = make_annotation(owner=user)
    _, token = token_create(user=user, name="n", scope="read")
    assert bearer(token).get(annotation.get_api_url()).status_code == 200


def test_read_token_may_not_write(user):
    article = make_article()
    _, token = token_create(user=user, name="n", scope="read")
    url = f"/api/articles/{article.slug}/annotations/"
    response = bearer(token).post(url, selection(article), content_type="application/json")
    assert response.status_code == 403 and "insufficient_scope" in response["WWW-Authenticate"]


def test_write_token_writes_without_a_csrf_token(user):
    article = make_article()
    _, token = token_create(user=user, name="n", scope="write")
    url = f"/api/articles/{article.slug}/annotations/"
    response = bearer(token).post(url, selection(article), content_type="application/json")
    assert response.status_code == 201 and Annotation.objects.get().owner == user


def test_a_session_write_still_needs_the_csrf_token(browser):
    article = make_article()
    url = f"/api/articles/{article.slug}/annotations/"
    response = browser.post(url, selection(article), content_type="application/json")
    assert response.status_code == 403 and not Annotation.objects.exists()


def test_a_token_acts_as_its_owner_whatever_session_comes_with_it(browser):
    other = make_user()
    annotation = make_annotation(owner=other)
    _, token = token_create(user=other, name="n", scope="read")
    response = browser.get(annotation.get_api_url(), HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.json()["glossa"]["owner"] == other.username


def test_an_unknown_token_is_a_401_with_a_bearer_challenge():
    response = bearer("glossa_00000000_nope").get("/api/notes/preview/")
    assert (response.status_code, response["WWW-Authenticate"]) == (
        401,
        'Bearer error="invalid_token"',
    )


def test_a_token_is_refused_outside_the_api(user):
    _, token = token_create(user=user, name="n", scope="write")
    assert bearer(token).get(PAGE).status_code == 401


def test_a_token_of_an_inactive_user_is_refused(user):
    _, token = token_create(user=user, name="n", scope="read")
    user.is_active = False
    user.save()
    assert bearer(token).get("/api/notes/preview/").status_code == 401


@override_settings(GLOSSA_THROTTLE={"api_token": (2, 60)})
def test_requests_with_one_token_are_rate_limited(user):
    _, token = token_create(user=user, name="n", scope="read")
    client = bearer(token)
    responses = [client.get("/api/articles/none/annotations/") for _ in range(3)]
    assert [r.status_code for r in responses] == [404, 404, 429]
    assert int(responses[-1]["Retry-After"]) > 0


@override_settings(GLOSSA_CORS_ORIGINS=["https://notes.example"])
def test_api_answers_an_allowed_origin_without_credentials():
    response = Client().get("/ns/glossa.jsonld", HTTP_ORIGIN="https://notes.example")
    assert response["Access-Control-Allow-Origin"] == "https://notes.example"
    assert (
        "Access-Control-Allow-Credentials" not in response
        and "ETag" in response["Access-Control-Expose-Headers"]
    )


@override_settings(GLOSSA_CORS_ORIGINS=["https://notes.example"])
def test_api_gives_no_cors_header_to_another_origin():
    article = make_article()
    response = Client().get(
        f"/api/articles/{article.slug}/annotations/", HTTP_ORIGIN="https://evil.example"
    )
    assert "Access-Control-Allow-Origin" not in response and "Origin" in response["Vary"]


@override_settings(GLOSSA_CORS_ORIGINS=["https://notes.example"])
def test_preflight_from_an_allowed_origin_allows_the_token_header():
    response = Client().options(
        "/api/notes/preview/",
        HTTP_ORIGIN="https://notes.example",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
    )
    assert response.status_code == 200
    assert "Authorization" in response["Access-Control-Allow-Headers"]


@override_settings(GLOSSA_CORS_ORIGINS=[])
def test_preflight_from_an_unlisted_origin_is_refused():
    response = Client().options(
        "/api/notes/preview/",
        HTTP_ORIGIN="https://notes.example",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
    )
    assert response.status_code == 403 and "Access-Control-Allow-Origin" not in response


def test_pages_outside_the_api_get_no_cors_headers():
    response = Client().get("/", HTTP_ORIGIN="https://notes.example")
    assert "Access-Control-Allow-Origin" not in response


def test_staff_see_tokens_in_the_admin_without_their_secret(client):
    staff = make_user(staff=True)
    staff.is_superuser = True
    staff.save()
    _, token = token_create(user=make_user(), name="laptop", scope="read")
    client.force_login(staff)
    html = client.get("/admin/accounts/accesstoken/").content.decode()
    assert "laptop" in html and token not in html
