"""Every cell of {owner, other reader, anonymous, staff} x {private, public} x actions."""

import pytest

from annotations.models import Annotation
from tests.factories import make_annotation, make_article, make_user
from tests.test_annotations_api import Reader

pytestmark = pytest.mark.django_db

# What each requester gets; "listed" is whether the collection includes the annotation.
EXPECTED = {
    ("owner", "private"): {"list": True, "get": 200, "update": 200, "delete": 204, "reply": 201},
    ("other", "private"): {"list": False, "get": 404, "update": 404, "delete": 404, "reply": 404},
    ("anonymous", "private"): {
        "list": False,
        "get": 404,
        "update": 404,
        "delete": 404,
        "reply": 404,
    },
    ("staff", "private"): {"list": False, "get": 404, "update": 404, "delete": 404, "reply": 404},
    ("owner", "public"): {"list": True, "get": 200, "update": 200, "delete": 204, "reply": 201},
    ("other", "public"): {"list": True, "get": 200, "update": 403, "delete": 403, "reply": 201},
    ("anonymous", "public"): {"list": True, "get": 200, "update": 401, "delete": 401, "reply": 401},
    ("staff", "public"): {"list": True, "get": 200, "update": 403, "delete": 204, "reply": 201},
}
CELLS = [
    (who, visibility, action, outcome)
    for (who, visibility), actions in EXPECTED.items()
    for action, outcome in actions.items()
]


def act(reader: Reader, annotation: Annotation, action: str):
    url = annotation.get_api_url()
    if action == "list":
        items = reader.get(f"/api/articles/{annotation.article.slug}/annotations/").json()
        return any(
            item["glossa"]["uuid"] == str(annotation.uuid) for item in items["first"]["items"]
        )
    if action == "get":
        return reader.get(url).status_code
    if action == "update":
        return reader.send(
            "patch", url, {"note": "changed", "version": annotation.version}
        ).status_code
    if action == "delete":
        return reader.send("delete", url).status_code
    return reader.send("post", url + "replies/", {"note": "a reply"}).status_code


@pytest.mark.parametrize(("who", "visibility", "action", "outcome"), CELLS)
def test_authorisation_matrix(who, visibility, action, outcome):
    owner = make_user("owner")
    annotation = make_annotation(owner=owner, article=make_article(), visibility=visibility)
    requester = {
        "owner": owner,
        "other": make_user("other"),
        "anonymous": None,
        "staff": make_user("staff", staff=True),
    }[who]
    assert act(Reader(requester), annotation, action) == outcome


def test_refused_update_changes_nothing():
    annotation = make_annotation(note="original", visibility="public")
    Reader(make_user()).send("patch", annotation.get_api_url(), {"note": "x", "version": 1})
    annotation.refresh_from_db()
    assert (annotation.note, annotation.version) == ("original", 1)


def test_replies_to_a_private_thread_stay_private():
    owner = make_user()
    annotation = make_annotation(owner=owner, visibility="private")
    Reader(owner).send("post", annotation.get_api_url() + "replies/", {"note": "to myself"})
    items = Reader(make_user()).get(f"/api/articles/{annotation.article.slug}/annotations/").json()
    assert items["total"] == 0


def test_making_a_thread_private_hides_its_replies():
    owner = make_user()
    annotation = make_annotation(owner=owner, visibility="public")
    Reader(make_user()).send("post", annotation.get_api_url() + "replies/", {"note": "hello"})
    Reader(owner).send("patch", annotation.get_api_url(), {"visibility": "private", "version": 1})
    items = Reader().get(f"/api/articles/{annotation.article.slug}/annotations/").json()
    assert items["total"] == 0


def test_reply_author_can_delete_their_reply():
    annotation = make_annotation(visibility="public")
    replier = make_user()
    reader = Reader(replier)
    reply_url = reader.send("post", annotation.get_api_url() + "replies/", {"note": "hi"})[
        "Location"
    ]
    assert reader.send("delete", reply_url).status_code == 204


def test_reply_to_a_reply_is_refused():
    annotation = make_annotation(visibility="public")
    reader = Reader(make_user())
    reply_url = reader.send("post", annotation.get_api_url() + "replies/", {"note": "hi"})[
        "Location"
    ]
    assert reader.send("post", reply_url + "replies/", {"note": "nested"}).status_code == 403
