"""The annotations API through the client, with CSRF enforced as in a browser."""

import json
from urllib.parse import unquote

import pytest
from django.test import Client

from annotations.models import Annotation
from tests.factories import make_annotation, make_article, make_user
from tests.queries import queries

pytestmark = pytest.mark.django_db


class Reader:
    """A browser session: a client that must send the CSRF token, as the page's script does."""

    def __init__(self, user=None):
        self.client = Client(enforce_csrf_checks=True)
        if user is not None:
            self.client.force_login(user)
        self.client.get("/i18n/token/")  # sets the CSRF cookie (anonymous pages do not)
        self.token = self.client.cookies["csrftoken"].value

    def get(self, url):
        return self.client.get(url)

    def send(self, method, url, data=None, *, raw=None, csrf=True, **headers):
        body = raw if raw is not None else json.dumps(data or {})
        if csrf:
            headers["HTTP_X_CSRFTOKEN"] = self.token
        return getattr(self.client, method)(url, body, content_type="application/json", **headers)


@pytest.fixture
def article():
    return make_article(body="没有人敢轻易质疑一家引领时代的公司，前提是它自己不出问题。")


def collection(article):
    return f"/api/articles/{article.slug}/annotations/"


def selection(article, text="引领时代", **extra):
    start = article.text.index(text)
    return {"start": start, "end": start + len(text), "exact": text, **extra}


def test_create_returns_201_with_location(article):
    response = Reader(make_user()).send("post", collection(article), selection(article))
    assert response.status_code == 201
    # The annotation's IRI is in its article's container (W3C Annotation Protocol, section 4).
    created = Annotation.objects.get()
    assert response["Location"] == f"http://testserver{created.get_api_url()}"
    assert unquote(created.get_api_url()).startswith(collection(article))


def test_create_stores_code_point_offsets_and_context(article):
    Reader(make_user()).send("post", collection(article), selection(article))
    annotation = Annotation.objects.get()
    assert (annotation.exact, annotation.prefix, annotation.suffix[:5]) == (
        "引领时代",
        "没有人敢轻易质疑一家",
        "的公司，前",
    )


def test_create_without_csrf_token_is_refused(article):
    response = Reader(make_user()).send("post", collection(article), selection(article), csrf=False)
    assert response.status_code == 403 and Annotation.objects.count() == 0


def test_update_without_csrf_token_is_refused(article):
    owner = make_user()
    annotation = make_annotation(owner=owner, article=article)
    response = Reader(owner).send(
        "patch", annotation.get_api_url(), {"note": "x", "version": 1}, csrf=False
    )
    assert response.status_code == 403


def test_delete_without_csrf_token_is_refused(article):
    owner = make_user()
    annotation = make_annotation(owner=owner, article=article)
    assert Reader(owner).send("delete", annotation.get_api_url(), csrf=False).status_code == 403


def test_anonymous_create_is_refused(article):
    response = Reader().send("post", collection(article), selection(article))
    assert response.status_code == 401 and Annotation.objects.count() == 0


def test_quote_must_match_the_text(article):
    data = selection(article) | {"exact": "别的文字"}
    response = Reader(make_user()).send("post", collection(article), data)
    assert response.status_code == 400 and "exact" in response.json()["errors"]


def test_offsets_past_the_end_are_refused(article):
    data = {"start": 0, "end": 10_000, "exact": "x"}
    response = Reader(make_user()).send("post", collection(article), data)
    assert response.status_code == 400 and "end" in response.json()["errors"]


@pytest.mark.parametrize("bad", [-1, "3", None, 1.5, True])
def test_start_must_be_a_whole_number(article, bad):
    data = selection(article) | {"start": bad}
    response = Reader(make_user()).send("post", collection(article), data)
    assert response.status_code == 400 and "start" in response.json()["errors"]


def test_note_longer_than_ten_thousand_characters_is_refused(article):
    data = selection(article, note="字" * 10_001)
    response = Reader(make_user()).send("post", collection(article), data)
    assert response.status_code == 400 and "note" in response.json()["errors"]


def test_note_of_ten_thousand_characters_is_accepted(article):
    data = selection(article, note="字" * 10_000)
    assert Reader(make_user()).send("post", collection(article), data).status_code == 201


def test_more_than_twenty_tags_are_refused(article):
    data = selection(article, tags=[f"t{i}" for i in range(21)])
    response = Reader(make_user()).send("post", collection(article), data)
    assert response.status_code == 400 and "tags" in response.json()["errors"]


def test_tag_longer_than_sixty_four_characters_is_refused(article):
    data = selection(article, tags=["x" * 65])
    response = Reader(make_user()).send("post", collection(article), data)
    assert response.status_code == 400 and "tags" in response.json()["errors"]


def test_unknown_colour_is_refused(article):
    data = selection(article, colour="red; background:url(x)")
    response = Reader(make_user()).send("post", collection(article), data)
    assert response.status_code == 400 and "colour" in response.json()["errors"]


def test_nul_character_in_note_is_refused(article):
    raw = json.dumps(selection(article, note="a\u0000b"))
    response = Reader(make_user()).send("post", collection(article), raw=raw)
    assert response.status_code == 400 and "NUL" in response.json()["errors"]["note"][0]


def test_lone_surrogate_in_tag_is_refused(article):
    raw = json.dumps(selection(article)).rstrip("}") + ', "tags": ["\\ud800"]}'
    response = Reader(make_user()).send("post", collection(article), raw=raw)
    assert response.status_code == 400 and "surrogate" in response.json()["errors"]["tags"][0]


def test_malformed_json_is_a_400(article):
    response = Reader(make_user()).send("post", collection(article), raw="{not json")
    assert response.status_code == 400 and "not valid JSON" in response.json()["error"]


def test_json_that_is_not_an_object_is_a_400(article):
    response = Reader(make_user()).send("post", collection(article), raw="[1, 2]")
    assert response.status_code == 400


def test_deeply_nested_json_is_a_400(article):
    response = Reader(make_user()).send("post", collection(article), raw="[" * 100_000)
    assert response.status_code == 400


def test_over_large_body_is_a_400(article):
    raw = json.dumps(selection(article, note="x" * 70_000))
    response = Reader(make_user()).send("post", collection(article), raw=raw)
    assert response.status_code == 400 and "at most" in response.json()["error"]


def test_unknown_article_is_a_404(article):
    response = Reader(make_user()).send("post", "/api/articles/none/annotations/", {})
    assert response.status_code == 404


def test_update_with_if_match_raises_the_version(article):
    owner = make_user()
    annotation = make_annotation(owner=owner, article=article)
    response = Reader(owner).send(
        "patch", annotation.get_api_url(), {"note": "新笔记"}, HTTP_IF_MATCH='"1"'
    )
    assert (response.status_code, response.json()["glossa"]["version"], response["ETag"]) == (
        200,
        2,
        '"2"',
    )


def test_stale_update_is_a_409_and_changes_nothing(article):
    owner = make_user()
    annotation = make_annotation(owner=owner, article=article, note="first")
    reader = Reader(owner)
    reader.send("patch", annotation.get_api_url(), {"note": "second", "version": 1})
    response = reader.send("patch", annotation.get_api_url(), {"note": "stale", "version": 1})
    annotation.refresh_from_db()
    assert (response.status_code, annotation.note) == (409, "second")


def test_update_without_version_is_a_400(article):
    owner = make_user()
    annotation = make_annotation(owner=owner, article=article)
    response = Reader(owner).send("patch", annotation.get_api_url(), {"note": "x"})
    assert response.status_code == 400 and "version" in response.json()["errors"]


def test_delete_answers_204_and_removes_it(article):
    owner = make_user()
    annotation = make_annotation(owner=owner, article=article)
    response = Reader(owner).send("delete", annotation.get_api_url())
    assert response.status_code == 204 and not Annotation.objects.exists()


def test_note_markdown_is_rendered_sanitised(article):
    data = selection(article, note="**bold** <script>alert(1)</script> [x](javascript:alert(1))")
    body = Reader(make_user()).send("post", collection(article), data).json()
    assert body["glossa"]["noteHtml"].startswith("<p><strong>bold</strong>")
    assert (
        "script" not in body["glossa"]["noteHtml"]
        and "javascript" not in body["glossa"]["noteHtml"]
    )


def test_preview_renders_sanitised_markdown(article):
    response = Reader(make_user()).send("post", "/api/notes/preview/", {"note": "*x*<img src=x>"})
    assert response.json()["html"] == "<p><em>x</em></p>"


def test_collection_lists_in_document_order(article):
    owner = make_user()
    later = article.text.index("前提")
    make_annotation(owner=owner, article=article, start=later, end=later + 2)
    make_annotation(owner=owner, article=article, start=0, end=3)
    items = Reader(owner).get(collection(article)).json()["first"]["items"]
    assert [item["target"]["selector"][1]["start"] for item in items] == [0, later]


def test_collection_query_count_is_constant(article):
    owner = make_user()
    reader = Reader(owner)
    make_annotation(owner=owner, article=article, visibility="public")
    with queries() as one:
        reader.get(collection(article))
    for _ in range(3):
        make_annotation(owner=make_user(), article=article, visibility="public")
    with queries() as many:
        reader.get(collection(article))
    assert len(many) == len(one)


@pytest.fixture
def render_depths(monkeypatch):
    """How many atomic blocks were open each time a note was rendered, less the test's own."""
    from django.db import connection

    import annotations.services

    depths = []
    baseline = len(connection.atomic_blocks)
    real = annotations.services.render_note

    def spy(source):
        depths.append(len(connection.atomic_blocks) - baseline)
        return real(source)

    monkeypatch.setattr(annotations.services, "render_note", spy)
    return depths


def test_create_renders_the_note_outside_the_transaction(article, render_depths):
    make_annotation(article=article, note="**x**")
    assert render_depths == [0]


def test_update_renders_the_note_outside_the_transaction(article, render_depths):
    from annotations.services import annotation_update

    annotation = make_annotation(article=article)
    annotation_update(reader=annotation.owner, annotation=annotation, version=1, data={"note": "y"})
    assert render_depths == [0, 0]


def test_reply_renders_the_note_outside_the_transaction(article, render_depths):
    from annotations.services import reply_create

    annotation = make_annotation(article=article)
    reply_create(reader=annotation.owner, parent=annotation, data={"note": "a reply"})
    assert render_depths == [0, 0]
