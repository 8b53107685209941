"""What the W3C model lacks, in Glossa's JSON-LD context: kept by expansion, styled, placed.

Expansion runs pyld, a JSON-LD processor, over the API's own JSON. The W3C context itself is
not in the repository (and nothing here fetches from the internet): the document loader gives
an empty stand-in for it, so only Glossa's context, served by the app, defines terms; that is
the part under test, since Glossa's terms must survive whatever the W3C context defines.
"""

import re

import pytest
from pyld import jsonld

from tests.factories import make_annotation, make_article, make_user

pytestmark = pytest.mark.django_db

ANNO = "http://www.w3.org/ns/anno.jsonld"
BODY = "第一段：狐狸跳过了懒狗。\n\n第二段：这一段会被删掉。\n\n第三段：结尾。"


@pytest.fixture
def owner(client):
    user = make_user()
    client.force_login(user)
    return user


def expanded(client, document: dict) -> dict:
    def loader(url, options=None):
        if url == ANNO:
            return {"contextUrl": None, "documentUrl": url, "document": {"@context": {}}}
        response = client.get(url.removeprefix("http://testserver"))
        assert response.status_code == 200, url
        return {"contextUrl": None, "documentUrl": url, "document": response.json()}

    return jsonld.expand(document, {"documentLoader": loader})[0]


def term(client, name: str) -> str:
    return client.get("/ns/glossa.jsonld").json()["@context"][name]["@id"]


def test_expansion_keeps_visibility_colour_version_and_anchor_state(client, owner):
    annotation = make_annotation(owner=owner, colour="green", visibility="public")
    document = client.get(annotation.get_api_url()).json()
    node = expanded(client, document)
    kept = {
        name: node[term(client, name)][0]["@value"]
        for name in ("visibility", "colour", "version", "anchorState")
    }
    assert kept == {
        "visibility": "public",
        "colour": "green",
        "version": 1,
        "anchorState": "anchored",
    }


def test_context_terms_live_in_glossas_vocabulary(client):
    context = client.get("/ns/glossa.jsonld").json()["@context"]
    ids = [value["@id"] for value in context.values() if isinstance(value, dict)]
    own = [iri for iri in ids if iri.startswith("http://testserver/ns/glossa#")]
    assert len(own) == len(ids) - 1  # nickname is FOAF's own term


def test_colour_is_a_style_class_defined_by_the_stylesheet(client, owner):
    document = client.get(make_annotation(owner=owner, colour="pink").get_api_url()).json()
    css_class = document["target"]["styleClass"]
    assert (css_class, document["stylesheet"]["type"]) == ("glossa-pink", "CssStylesheet")
    assert re.match(
        rf"\.{css_class} \{{ background-color: #[0-9a-f]{{6}}; \}}", document["stylesheet"]["value"]
    )


def test_bodies_carry_the_language_of_the_note(client, owner):
    annotation = make_annotation(owner=owner, note="A note", tags=["x"], language="en-GB")
    bodies = client.get(annotation.get_api_url()).json()["body"]
    assert [body["language"] for body in bodies] == ["en-GB", "en-GB"]


def test_bodies_without_a_language_carry_the_articles(client, owner):
    annotation = make_annotation(owner=owner, note="笔记")
    body = client.get(annotation.get_api_url()).json()["body"][0]
    assert body["language"] == annotation.article.lang


def test_a_language_that_is_not_a_tag_is_refused(client, owner):
    annotation = make_annotation(owner=owner)
    response = client.patch(
        annotation.get_api_url(),
        {"language": "not a tag!", "version": 1},
        content_type="application/json",
    )
    assert response.status_code == 400 and "language" in response.json()["errors"]


def orphan_of(owner):
    article = make_article(relative="orphan.md", body=BODY)
    start = article.text.index("这一段会被删掉")
    annotation = make_annotation(
        owner=owner, article=article, start=start, end=start + 7, note="留下的笔记"
    )
    make_article(relative="orphan.md", body=BODY.replace("第二段：这一段会被删掉。\n\n", ""))
    annotation.refresh_from_db()
    assert annotation.anchor_state == "orphan"
    return annotation


def test_an_orphans_source_is_the_revision_its_selectors_point_into(client, owner):
    target = client.get(orphan_of(owner).get_api_url()).json()["target"]
    text = client.get(target["source"].removeprefix("http://testserver")).content.decode()
    start, end = target["selector"][1]["start"], target["selector"][1]["end"]
    assert text[start:end] == target["selector"][0]["exact"] == "这一段会被删掉"


def test_an_orphans_scope_is_the_article_page(client, owner):
    annotation = orphan_of(owner)
    target = client.get(annotation.get_api_url()).json()["target"]
    assert target["scope"] == "http://testserver" + annotation.article.get_absolute_url()


def test_an_annotation_placed_in_the_current_text_has_the_article_as_source(client, owner):
    article = make_article(relative="moved.md", body=BODY)
    start = article.text.index("结尾")
    annotation = make_annotation(owner=owner, article=article, start=start, end=start + 2)
    make_article(relative="moved.md", body="新的开头。\n\n" + BODY)
    target = client.get(annotation.get_api_url()).json()["target"]
    assert target["source"] == "http://testserver" + article.get_absolute_url()


def test_the_revision_text_of_an_unknown_revision_is_a_404(client):
    article = make_article()
    assert client.get(f"/api/articles/{article.slug}/revisions/9/").status_code == 404


def test_a_revision_number_past_the_column_is_a_404(client):
    article = make_article()
    assert client.get(f"/api/articles/{article.slug}/revisions/{10**20}/").status_code == 404
