"""The article page's compact annotation payload (annotations/compact.py)."""

import pytest
from django.test import Client
from django.urls import reverse

from annotations.services import reply_create
from tests.factories import make_annotation, make_article, make_user
from tests.queries import page_queries

pytestmark = pytest.mark.django_db


def compact_url(article):
    return reverse("annotations:api_compact", kwargs={"slug": article.slug})


def fetch(article, user=None):
    client = Client()
    if user:
        client.force_login(user)
    return client.get(compact_url(article))


def rows(payload):
    fields = payload["fields"]
    return [dict(zip(fields, row, strict=True)) for row in payload["items"]]


def test_items_name_their_fields_and_owners():
    article = make_article()
    owner = make_user("alice")
    annotation = make_annotation(owner=owner, article=article, note="*Hi*", tags=["t"])
    payload = fetch(article, owner).json()
    (row,) = rows(payload)
    assert (
        row["uuid"],
        payload["owners"][row["owner"]][0],
        (row["start"], row["end"], row["exact"]),
        (row["note"], row["noteHtml"], row["tags"]),
    ) == (
        str(annotation.uuid),
        "alice",
        (annotation.start, annotation.end, annotation.exact),
        ("*Hi*", "<p><em>Hi</em></p>", ["t"]),
    )


def test_flags_say_what_the_owner_may_do():
    article = make_article()
    owner = make_user()
    make_annotation(owner=owner, article=article, visibility="public")
    payload = fetch(article, owner).json()
    flags = rows(payload)[0]["flags"]
    granted = {name for name, bit in payload["flags"].items() if flags & bit}
    assert granted == {"isOwner", "canEdit", "canDelete", "canReply"}


def test_flags_give_another_reader_only_a_reply():
    article = make_article()
    make_annotation(owner=make_user(), article=article, visibility="public")
    payload = fetch(article, make_user()).json()
    flags = rows(payload)[0]["flags"]
    assert {name for name, bit in payload["flags"].items() if flags & bit} == {"canReply"}


def test_someone_elses_private_annotation_and_its_replies_are_left_out():
    article = make_article()
    owner = make_user()
    private = make_annotation(owner=owner, article=article, visibility="private")
    reply_create(reader=owner, parent=private, data={"note": "mine"})
    assert fetch(article, make_user()).json()["items"] == []


def test_replies_name_their_parent():
    article = make_article()
    owner = make_user()
    parent = make_annotation(owner=owner, article=article, visibility="public")
    reply_create(reader=owner, parent=parent, data={"note": "Re"})
    (reply,) = [row for row in rows(fetch(article).json()) if row["parent"]]
    assert (reply["parent"], reply["noteHtml"]) == (str(parent.uuid), "<p>Re</p>")


def test_links_are_templates_of_the_api_addresses():
    article = make_article()
    annotation = make_annotation(owner=make_user(), article=article, visibility="public")
    links = fetch(article).json()["links"]
    filled = links["annotation"].replace("{uuid}", str(annotation.uuid))
    assert (filled, links["collection"]) == (
        annotation.get_api_url(),
        reverse("annotations:api_collection", kwargs={"slug": article.slug}),
    )


def test_unknown_article_is_a_json_404():
    response = Client().get("/api/articles/no-such-article/annotations/compact/")
    assert (response.status_code, "error" in response.json()) == (404, True)


def test_post_is_a_405():
    article = make_article()
    assert Client().post(compact_url(article)).status_code == 405


def test_query_count_does_not_grow_with_annotations():
    article = make_article()
    reader = make_user()
    client = Client()
    client.force_login(reader)
    make_annotation(owner=reader, article=article)
    one = page_queries(client, compact_url(article))
    for n in range(1, 4):
        owner = make_user()
        parent = make_annotation(owner=owner, article=article, start=n, visibility="public")
        reply_create(reader=reader, parent=parent, data={"note": "x"})
    assert page_queries(client, compact_url(article)) == one
