"""Annotations about people and organisations: the service, the W3C body, the client payload.

An annotation may identify the people and organisations its article credits or mentions; in
W3C terms each is a SpecificResource body with purpose "identifying" whose source is the
entity's page.
"""

import pytest

from annotations.errors import Invalid
from annotations.models import Annotation
from annotations.services import annotation_update, reply_create
from archive.models import Entity
from archive.registry import read_registry, registry_import
from tests.conftest import FIXTURES
from tests.factories import make_annotation, make_article, make_user

pytestmark = pytest.mark.django_db

ANNO = "http://www.w3.org/ns/anno.jsonld"


def credited(article, role: str) -> Entity:
    return article.credits.get(role=role).entity


def page_of(entity: Entity) -> str:
    return "http://testserver" + entity.get_absolute_url()


def identifying(entity: Entity) -> dict:
    return {"type": "SpecificResource", "purpose": "identifying", "source": page_of(entity)}


@pytest.fixture
def article():
    return make_article()


@pytest.fixture
def owner(client):
    user = make_user()
    client.force_login(user)
    return user


def test_a_note_is_about_people_credited_by_its_article(article):
    author, source = credited(article, "author"), credited(article, "source")
    annotation = make_annotation(article=article, entities=[author.pk, source.pk])
    assert set(annotation.entities.all()) == {author, source}


def test_a_note_is_about_an_organisation_its_article_mentions():
    registry_import(data=read_registry(FIXTURES / "registry.yaml"))
    article = make_article()
    mentioned = article.mentions.select_related("entity").first().entity
    annotation = make_annotation(article=article, entities=[mentioned.pk])
    assert list(annotation.entities.all()) == [mentioned]


def test_an_entity_of_another_article_is_refused_by_name(article):
    elsewhere = credited(make_article(), "author")
    with pytest.raises(Invalid) as refused:
        make_annotation(article=article, entities=[elsewhere.pk])
    assert "of its article only" in refused.value.errors["entities"][0]
    assert not Annotation.objects.exists()


def test_an_unknown_entity_page_is_refused(article):
    with pytest.raises(Invalid) as refused:
        make_annotation(article=article, entities=["http://testserver/people/nobody/"])
    assert "/people/nobody/" in refused.value.errors["entities"][0]


def test_entities_must_be_a_list_of_ids_or_pages(article):
    with pytest.raises(Invalid) as refused:
        make_annotation(article=article, entities=[True])
    assert "entities" in refused.value.errors


def test_a_reply_cannot_be_about_anyone(article):
    note = make_annotation(article=article, note="A note.", visibility="public")
    with pytest.raises(Invalid) as refused:
        reply_create(
            reader=make_user(),
            parent=note,
            data={"note": "Reply.", "entities": [credited(article, "author").pk]},
        )
    assert "entities" in refused.value.errors


def test_an_update_replaces_whom_a_note_is_about(article):
    author, editor = credited(article, "author"), credited(article, "editor")
    annotation = make_annotation(article=article, entities=[author.pk])
    annotation_update(
        reader=annotation.owner, annotation=annotation, version=1, data={"entities": [editor.pk]}
    )
    assert list(annotation.entities.all()) == [editor]
    assert annotation.version == 2  # the article page's validators see the change


def test_deleting_an_entity_keeps_the_annotation(article):
    author = credited(article, "author")
    annotation = make_annotation(article=article, note="Kept.", entities=[author.pk])
    article.credits.filter(entity=author).delete()
    author.delete()
    annotation.refresh_from_db()
    assert (annotation.note, list(annotation.entities.all())) == ("Kept.", [])


def test_the_w3c_shape_has_an_identifying_body_per_entity(client, owner, article):
    author = credited(article, "author")
    annotation = make_annotation(owner=owner, article=article, note="N", entities=[author.pk])
    bodies = client.get(annotation.get_api_url()).json()["body"]
    assert identifying(author) in bodies


def test_a_note_without_text_about_someone_is_motivated_identifying(client, owner, article):
    author = credited(article, "author")
    annotation = make_annotation(owner=owner, article=article, entities=[author.pk])
    assert client.get(annotation.get_api_url()).json()["motivation"] == "identifying"


def w3c(article, *bodies, start: int = 1, end: int = 6) -> dict:
    return {
        "@context": ANNO,
        "type": "Annotation",
        "body": list(bodies),
        "target": {
            "type": "SpecificResource",
            "source": "http://testserver" + article.get_absolute_url(),
            "selector": {"type": "TextPositionSelector", "start": start, "end": end},
        },
    }


def container(article) -> str:
    return f"/api/articles/{article.slug}/annotations/"


def test_a_w3c_post_with_an_identifying_body_links_the_entity(client, owner, article):
    source = credited(article, "source")
    response = client.post(
        container(article), w3c(article, identifying(source)), content_type="application/ld+json"
    )
    assert response.status_code == 201
    assert list(Annotation.objects.get().entities.all()) == [source]


def test_a_w3c_post_about_an_unknown_page_is_a_400_naming_the_constraint(client, owner, article):
    body = {"type": "SpecificResource", "purpose": "identifying", "source": "http://x.example/"}
    response = client.post(
        container(article), w3c(article, body), content_type="application/ld+json"
    )
    assert response.status_code == 400
    assert "body.source" in response.json()["errors"]["body"][0]
    assert not Annotation.objects.exists()


def test_a_w3c_post_about_someone_not_in_the_article_is_a_400(client, owner, article):
    elsewhere = credited(make_article(), "author")
    response = client.post(
        container(article), w3c(article, identifying(elsewhere)), content_type="application/json"
    )
    assert response.status_code == 400
    assert "entities" in response.json()["errors"]


def test_a_put_without_identifying_bodies_unlinks_them(client, owner, article):
    author = credited(article, "author")
    annotation = make_annotation(owner=owner, article=article, start=1, end=6)
    annotation_update(
        reader=owner, annotation=annotation, version=1, data={"entities": [author.pk]}
    )
    replaced = w3c(article, {"type": "TextualBody", "value": "Now a note."})
    response = client.put(
        annotation.get_api_url(), replaced, content_type="application/ld+json", HTTP_IF_MATCH='"2"'
    )
    assert response.status_code == 200
    assert list(annotation.entities.all()) == []


def test_a_put_with_an_identifying_body_links_it(client, owner, article):
    editor = credited(article, "editor")
    annotation = make_annotation(owner=owner, article=article, start=1, end=6)
    response = client.put(
        annotation.get_api_url(),
        w3c(article, identifying(editor)),
        content_type="application/ld+json",
        HTTP_IF_MATCH='"1"',
    )
    assert response.status_code == 200
    assert identifying(editor) in response.json()["body"]


def test_a_patch_names_entities_by_their_pages(client, owner, article):
    author = credited(article, "author")
    annotation = make_annotation(owner=owner, article=article)
    response = client.patch(
        annotation.get_api_url(),
        {"version": 1, "entities": [page_of(author)]},
        content_type="application/json",
    )
    assert response.status_code == 200
    assert response.json()["glossa"]["entities"] == [author.pk]


def test_the_compact_payload_offers_the_articles_entities(client, owner, article):
    payload = client.get(f"/api/articles/{article.slug}/annotations/compact/").json()
    offered = {(kind, name) for _id, kind, name, _url in payload["entities"]}
    assert offered == {(c.entity.kind, c.entity.name) for c in article.credits.all()}


def test_the_compact_payload_gives_each_item_its_entity_ids(client, owner, article):
    author = credited(article, "author")
    make_annotation(owner=owner, article=article, entities=[author.pk])
    payload = client.get(f"/api/articles/{article.slug}/annotations/compact/").json()
    assert payload["items"][0][payload["fields"].index("entities")] == [author.pk]


def test_the_client_saves_entities_in_its_short_shape(client, owner, article):
    author = credited(article, "author")
    response = client.post(
        container(article),
        {"start": 0, "end": 4, "exact": article.text[:4], "entities": [author.pk]},
        content_type="application/json",
    )
    assert response.status_code == 201
    assert response.json()["glossa"]["entities"] == [author.pk]


@pytest.mark.parametrize(
    "entities",
    [
        [2**62],
        [2**63],
        ["\x00"],
        ["http://testserver/people/" + "x" * 3000 + "/"],
        list(range(1, 30)),
    ],
    ids=["huge-id", "beyond-bigint", "nul", "long-iri", "too-many"],
)
def test_hostile_entities_are_a_400_never_a_500(client, owner, article, entities):
    response = client.post(
        container(article),
        {"start": 0, "end": 4, "exact": article.text[:4], "entities": entities},
        content_type="application/json",
    )
    assert (response.status_code, "entities" in response.json()["errors"]) == (400, True)
