"""config/views.py: every failure under /api/ answers JSON, 500 included; pages elsewhere."""

from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client

from tests.factories import make_article, make_user
from tests.test_annotations_api import collection, selection

pytestmark = pytest.mark.django_db


@pytest.fixture
def client():
    """A client that gets the 500 response instead of the test seeing the exception."""
    return Client(raise_request_exception=False)


def test_unhandled_exception_under_api_is_a_json_500(client):
    article = make_article(body="没有人敢轻易质疑一家引领时代的公司，前提是它自己不出问题。")
    client.force_login(make_user())
    with mock.patch("annotations.services.annotation_create", side_effect=RuntimeError("boom")):
        response = client.post(collection(article), selection(article), "application/json")
    assert response.status_code == 500
    assert response["Content-Type"] == "application/json"
    assert response.json() == {
        "error": "something went wrong on the server; please try again later"
    }


def test_unhandled_exception_on_a_page_is_the_html_500_page(client):
    with mock.patch("archive.views.render", side_effect=RuntimeError("boom")):
        response = client.get("/")
    assert response.status_code == 500
    assert response["Content-Type"].startswith("text/html")
    assert b"Something went wrong" in response.content


def test_refused_csrf_token_under_api_is_json():
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(make_user())
    response = strict.post("/api/notes/preview/", {"note": "x"}, "application/json")
    assert response.status_code == 403
    assert response.json()["error"].startswith("the CSRF token is missing or wrong")


def test_refused_csrf_token_on_a_page_is_the_html_page():
    response = Client(enforce_csrf_checks=True).post("/i18n/setlang/", {"language": "en"})
    assert response.status_code == 403
    assert response["Content-Type"].startswith("text/html")


def test_unknown_address_under_api_is_a_json_404(client):
    response = client.get("/api/nowhere/")
    assert response.status_code == 404
    assert response.json() == {"error": "no such API address"}


def test_unknown_page_is_the_html_404_page(client):
    response = client.get("/nowhere/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


def test_request_for_another_host_under_api_is_a_json_400(client):
    response = client.get("/api/nowhere/", HTTP_HOST="elsewhere.example")
    assert response.status_code == 400
    assert response.json() == {"error": "the request could not be understood"}


def test_permission_denied_under_api_is_a_json_403(client):
    client.force_login(make_user())
    with mock.patch("annotations.writes.render_note", side_effect=PermissionDenied):
        response = client.post("/api/notes/preview/", {"note": "x"}, "application/json")
    assert response.status_code == 403
    assert response.json() == {"error": "you may not do this"}
