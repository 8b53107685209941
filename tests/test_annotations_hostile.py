"""The annotations API against input no browser would send: a 4xx each time, never a 500."""

import json

import pytest

from annotations.models import Annotation
from annotations.services import reply_create
from tests.factories import make_annotation, make_article, make_user
from tests.test_annotations_api import Reader, collection, selection

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    return make_article(body="没有人敢轻易质疑一家引领时代的公司，前提是它自己不出问题。")


@pytest.fixture
def owned(article):
    owner = make_user()
    return Reader(owner), make_annotation(owner=owner, article=article)


def test_integer_too_long_to_convert_is_a_400(article):
    raw = '{"start": ' + "9" * 5000 + ', "end": 3, "exact": "x"}'
    response = Reader(make_user()).send("post", collection(article), raw=raw)
    assert response.status_code == 400 and "number" in response.json()["error"]


def test_huge_revision_number_is_a_400(article):
    data = selection(article, revision=10**30)
    response = Reader(make_user()).send("post", collection(article), data)
    assert response.status_code == 400 and "revision" in response.json()["errors"]


@pytest.mark.parametrize("length", ["²", "١٠", "9" * 5000, "-1", " 12"])
def test_content_length_that_is_not_ascii_digits_is_a_400(article, length):
    response = Reader(make_user()).send(
        "post", collection(article), selection(article), CONTENT_LENGTH=length
    )
    assert response.status_code == 400 and "at most" in response.json()["error"]


@pytest.mark.parametrize("value", ["²", '"١"', "9" * 5000, "*", '"1", "2"', '"1', "abc"])
def test_if_match_that_is_not_one_of_our_etags_is_a_400(owned, value):
    reader, annotation = owned
    response = reader.send("patch", annotation.get_api_url(), {"note": "x"}, HTTP_IF_MATCH=value)
    assert response.status_code == 400 and "If-Match" in response.json()["errors"]


def test_if_match_that_is_not_an_etag_changes_nothing(owned):
    reader, annotation = owned
    reader.send("patch", annotation.get_api_url(), {"note": "x"}, HTTP_IF_MATCH='"١"')
    annotation.refresh_from_db()
    assert (annotation.version, annotation.note) == (1, "")


@pytest.mark.parametrize("value", ['W/"1"', "1"])
def test_weak_or_unquoted_if_match_is_accepted(owned, value):
    reader, annotation = owned
    response = reader.send("patch", annotation.get_api_url(), {"note": "x"}, HTTP_IF_MATCH=value)
    assert response.status_code == 200


def post_raw(article, body: bytes, content_type: str):
    reader = Reader(make_user())
    return reader.client.generic(
        "POST", collection(article), body, content_type=content_type,
        HTTP_X_CSRFTOKEN=reader.token,
    )  # fmt: skip


def test_multipart_body_is_a_415(article):
    response = post_raw(article, b"--x\r\n", "multipart/form-data; boundary=x")
    assert response.status_code == 415 and "application/json" in response.json()["error"]


def test_form_encoded_body_is_a_415(article):
    response = post_raw(article, b"start=0&end=3", "application/x-www-form-urlencoded")
    assert response.status_code == 415 and not Annotation.objects.exists()


def test_json_ld_body_is_accepted(article):
    reader = Reader(make_user())
    response = reader.client.post(
        collection(article),
        json.dumps(selection(article)),
        content_type="application/ld+json",
        HTTP_X_CSRFTOKEN=reader.token,
    )
    assert response.status_code == 201


def test_nul_in_article_slug_is_a_json_404_when_listing():
    response = Reader().get("/api/articles/a%00b/annotations/")
    assert response.status_code == 404 and response.json()["error"]


def test_nul_in_article_slug_is_a_json_404_when_creating():
    response = Reader(make_user()).send("post", "/api/articles/a%00b/annotations/", {})
    assert response.status_code == 404


@pytest.mark.parametrize("value", ["not-a-uuid", "a%00b", "0" * 5000])
def test_malformed_annotation_id_is_a_json_404(value):
    response = Reader().get(f"/api/annotations/{value}/")
    assert response.status_code == 404 and response.json()["error"] == "no such annotation"


def test_malformed_annotation_id_of_replies_is_a_json_404():
    response = Reader(make_user()).send("post", "/api/annotations/nope/replies/", {"note": "x"})
    assert response.status_code == 404 and response["Content-Type"] == "application/json"


def test_unknown_api_address_is_a_json_404():
    response = Reader().get("/api/annotations/a/b/c/")
    assert response.status_code == 404 and "error" in response.json()


def test_wrong_method_is_a_json_405_naming_the_allowed_ones(article):
    response = Reader(make_user()).send("put", collection(article), {})
    assert (response.status_code, response["Allow"], "PUT" in response.json()["error"]) == (
        405,
        "GET, HEAD, OPTIONS, POST",  # a protocol container also answers HEAD and OPTIONS
        True,
    )


def test_preview_needs_a_logged_in_reader():
    response = Reader().send("post", "/api/notes/preview/", {"note": "*x*"})
    assert response.status_code == 401 and "error" in response.json()


def test_preview_without_csrf_token_is_refused():
    response = Reader(make_user()).send("post", "/api/notes/preview/", {"note": "x"}, csrf=False)
    assert response.status_code == 403


def test_reply_without_csrf_token_is_refused(owned):
    reader, annotation = owned
    url = annotation.get_api_url() + "replies/"
    response = reader.send("post", url, {"note": "hi"}, csrf=False)
    assert response.status_code == 403 and annotation.replies.count() == 0


@pytest.mark.parametrize(
    "extra",
    [
        {"start": 0},
        {"exact": "没有"},
        {"tags": ["a"]},
        {"colour": "green"},
        {"visibility": "public"},
    ],
)
def test_reply_cannot_be_created_with_a_field_of_its_thread(owned, extra):
    reader, annotation = owned
    field = next(iter(extra))
    data = {"note": "hi"} | extra
    response = reader.send("post", annotation.get_api_url() + "replies/", data)
    assert response.status_code == 400 and field in response.json()["errors"]


def test_moving_a_reply_is_a_400_naming_each_field(owned, article):
    reader, annotation = owned
    reply = reply_create(reader=annotation.owner, parent=annotation, data={"note": "hi"})
    response = reader.send("patch", reply.get_api_url(), selection(article, version=1))
    assert response.status_code == 400
    assert {"start", "end", "exact"} <= response.json()["errors"].keys()


def test_moving_a_reply_keeps_its_version(owned, article):
    reader, annotation = owned
    reply = reply_create(reader=annotation.owner, parent=annotation, data={"note": "hi"})
    reader.send("patch", reply.get_api_url(), selection(article, version=1))
    reply.refresh_from_db()
    assert reply.version == 1


@pytest.mark.parametrize("data", [{"tags": ["a"]}, {"colour": "green"}])
def test_tags_or_colour_on_a_reply_are_a_400(owned, data):
    reader, annotation = owned
    reply = reply_create(reader=annotation.owner, parent=annotation, data={"note": "hi"})
    response = reader.send("patch", reply.get_api_url(), data | {"version": 1})
    assert response.status_code == 400 and next(iter(data)) in response.json()["errors"]


def test_tags_as_a_string_are_refused(article):
    data = selection(article, tags="a,b")
    response = Reader(make_user()).send("post", collection(article), data)
    assert response.status_code == 400 and response.json()["errors"]["tags"]


def test_tags_differing_only_in_letter_case_are_kept_once(article):
    annotation = make_annotation(article=article, tags=["AI", "ai", "Ai"])
    assert annotation.tags == ["AI"]


def test_csrf_refusal_in_the_api_is_json_naming_the_token():
    response = Reader(make_user()).send("post", "/api/notes/preview/", {"note": "x"}, csrf=False)
    assert "CSRF" in response.json()["error"]


def test_csrf_refusal_outside_the_api_is_a_page():
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post("/accounts/login/", {"username": "x"})
    assert response.status_code == 403 and response["Content-Type"].startswith("text/html")
