"""The W3C Web Annotation Protocol, requirement by requirement, against the live server.

Each MUST and SHOULD of the Recommendation as the web-platform-tests list them
(annotation-protocol/server/server-musts-manual.html and server-shoulds-manual.html), and the
ones issue 12 adds, walked by a client outside Glossa: real HTTP (tests/protocol_client.py)
to the live test server. The test names quote the requirement.
"""

import re
from urllib.parse import unquote

import pytest
from django.test import Client

from accounts.tokens import token_create
from annotations import protocol
from annotations.models import Annotation
from tests.factories import make_annotation, make_article, make_user
from tests.protocol_client import ProtocolClient

pytestmark = pytest.mark.django_db(transaction=True)

ANNO = "http://www.w3.org/ns/anno.jsonld"
LDP = "http://www.w3.org/ns/ldp#"
MINIMAL = f'return=representation;include="{LDP}PreferMinimalContainer"'
IRIS = 'return=representation;include="http://www.w3.org/ns/oa#PreferContainedIRIs"'
BODY = "The quick brown fox jumps over the lazy dog. Then the brown fox sleeps in the sun."


@pytest.fixture
def article():
    return make_article(body=BODY)


@pytest.fixture
def owner():
    return make_user()


@pytest.fixture
def reader(live_server, owner):
    return ProtocolClient(live_server.url, user=owner)


@pytest.fixture
def container(live_server, article):
    """The container IRI, found as a client finds it: from the article page's Link header."""
    page = ProtocolClient(live_server.url).get(article.get_absolute_url())
    match = re.search(
        r'<([^>]+)>; rel="http://www.w3.org/ns/oa#annotationService"', page.header("Link")
    )
    return match[1]


@pytest.fixture
def annotation_iri(container, article, owner):
    annotation = make_annotation(owner=owner, article=article, visibility="public", note="n")
    return container + f"{annotation.uuid}/"


@pytest.fixture
def paged(monkeypatch, article, owner):
    """Five public annotations in pages of two: three pages."""
    monkeypatch.setattr(protocol, "PAGE_SIZE", 2)
    for start in range(5):
        make_annotation(owner=owner, article=article, start=start * 4, end=start * 4 + 3)


def w3c(article, quote: str, *, occurrence: int = 0, note=None, tags=(), **extra) -> dict:
    text = article.text
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(quote, start + 1)
    body = [{"type": "TextualBody", "value": tag, "purpose": "tagging"} for tag in tags]
    if note is not None:
        body.insert(0, {"type": "TextualBody", "value": note, "purpose": "commenting"})
    return {
        "@context": ANNO,
        "type": "Annotation",
        "body": body,
        "target": {
            "type": "SpecificResource",
            "source": "http://{host}" + article.get_absolute_url(),
            "selector": [
                {"type": "TextQuoteSelector", "exact": quote},
                {"type": "TextPositionSelector", "start": start, "end": start + len(quote)},
            ],
        },
    } | extra


def post(reader, container, article, quote="brown fox", **fields):
    data = w3c(article, quote, **fields)
    data["target"]["source"] = data["target"]["source"].replace("http://{host}", reader.base_url)
    return reader.send("POST", container, data)


# --- 4. Annotation Containers -------------------------------------------------------------


def test_article_page_advertises_its_container_in_a_link_header(container, article):
    assert unquote(container).endswith(f"/api/articles/{article.slug}/annotations/")


def test_article_page_advertises_its_container_in_an_html_link(live_server, article, container):
    html = ProtocolClient(live_server.url).get(article.get_absolute_url()).body.decode()
    href = re.search(r'<link rel="http://www.w3.org/ns/oa#annotationService" href="([^"]+)"', html)
    assert live_server.url + href[1] == container


def test_container_must_end_in_a_slash(container):
    assert container.endswith("/")


@pytest.mark.parametrize("method", ["GET", "HEAD", "OPTIONS"])
def test_containers_must_support_the_method_in_allow(reader, container, method):
    assert method in reader.get(container).header("Allow")


def test_containers_must_have_a_json_ld_content_type(reader, container):
    assert (
        reader.get(container, Accept="application/ld+json")
        .header("Content-Type")
        .startswith("application/ld+json")
    )


def test_containers_must_respond_with_json_ld_by_default(reader, container):
    assert reader.get(container).header("Content-Type").startswith("application/ld+json")


def test_containers_should_use_the_annotation_profile_by_default(reader, container):
    assert f'profile="{ANNO}"' in reader.get(container).header("Content-Type")


def test_containers_must_describe_themselves_as_basic_container(reader, container):
    assert "BasicContainer" in reader.get(container).json()["type"]


def test_containers_must_describe_themselves_as_annotation_collection(reader, container):
    assert "AnnotationCollection" in reader.get(container).json()["type"]


@pytest.mark.parametrize("method", ["GET", "HEAD", "OPTIONS"])
def test_containers_must_return_a_link_header_on_all_responses(reader, container, method):
    assert reader.send(method, container).header("Link")


def test_containers_must_return_a_link_header_on_post_responses(reader, container, article):
    assert post(reader, container, article).header("Link")


def test_containers_must_have_an_etag(reader, container):
    assert re.fullmatch(r'"[0-9a-f]{32}"', reader.get(container).header("ETag"))


def test_container_etag_changes_when_its_annotations_change(reader, container, article):
    before = reader.get(container).header("ETag")
    post(reader, container, article)
    assert reader.get(container).header("ETag") != before


def test_containers_must_vary_on_accept(reader, container):
    assert "Accept" in reader.get(container).header("Vary")


def test_containers_should_vary_on_prefer(reader, container):
    assert "Prefer" in reader.get(container).header("Vary")


def test_containers_must_advertise_their_type_in_a_link(reader, container):
    assert f'<{LDP}BasicContainer>; rel="type"' in reader.get(container).header("Link")


def test_containers_must_advertise_the_protocol_constraints_in_a_link(reader, container):
    link = f'<http://www.w3.org/TR/annotation-protocol/>; rel="{LDP}constrainedBy"'
    assert link in reader.get(container).header("Link")


def test_containers_should_implement_ldp_basic_container_with_its_context(reader, container):
    assert "http://www.w3.org/ns/ldp.jsonld" in reader.get(container).json()["@context"]


def test_containers_must_support_head(reader, container):
    reply = reader.send("HEAD", container)
    assert (reply.status, reply.body) == (200, b"")


def test_head_answers_the_headers_of_get(reader, container):
    assert reader.send("HEAD", container).header("ETag") == reader.get(container).header("ETag")


def test_containers_must_support_options(reader, container):
    assert reader.send("OPTIONS", container).status == 200


def test_containers_accepting_post_must_say_so_in_accept_post(reader, container):
    assert f'application/ld+json; profile="{ANNO}"' in reader.get(container).header("Accept-Post")


def test_containers_must_include_content_location(reader, container):
    assert reader.get(container).header("Content-Location") == container


def test_container_content_location_and_id_must_match(reader, container):
    reply = reader.get(container)
    assert reply.header("Content-Location") == reply.json()["id"]


# --- 4.1.1 Client preferences, 4.1.2 and 4.1.3: with and without annotations -------------


def test_without_a_preference_the_container_should_embed_full_descriptions(
    reader, container, annotation_iri
):
    first = reader.get(container).json()["first"]
    assert [item["id"] for item in first["items"]] == [annotation_iri]
    assert first["items"][0]["type"] == "Annotation"


def test_minimal_container_should_link_first_and_last_pages(reader, container, annotation_iri):
    data = reader.get(container, Prefer=MINIMAL).json()
    assert (data["first"], data["last"]) == (container + "?page=1", container + "?page=1")


def test_minimal_container_should_embed_no_annotations(reader, container, annotation_iri):
    data = reader.get(container, Prefer=MINIMAL).json()
    assert "items" not in data and "ldp:contains" not in data and "contains" not in data


def test_applied_preference_is_named_in_preference_applied(reader, container):
    assert reader.get(container, Prefer=MINIMAL).header("Preference-Applied") == (
        "return=representation"
    )


def test_no_preference_applied_without_a_preference(reader, container):
    assert reader.get(container).header("Preference-Applied") == ""


def test_contained_iris_preference_lists_the_iris_only(reader, container, annotation_iri):
    first = reader.get(container, Prefer=IRIS).json()["first"]
    assert (first["id"], first["items"]) == (container + "?iris=1&page=1", [annotation_iri])


def test_container_with_annotations_should_include_the_total(reader, container, paged):
    assert reader.get(container).json()["total"] == 5


def test_container_should_link_its_last_page(reader, container, paged):
    assert reader.get(container).json()["last"] == container + "?page=3"


def test_container_must_link_its_first_page(reader, container, paged):
    assert reader.get(container).json()["first"]["id"] == container + "?page=1"


def test_pages_do_not_depend_on_prefer(reader, container, paged):
    page = container + "?page=2"
    assert reader.get(page, Prefer=MINIMAL).body == reader.get(page).body


# --- 4.2 Annotation Pages -------------------------------------------------------------------


def test_annotation_pages_must_link_their_container_with_part_of(reader, container, paged):
    assert reader.get(container + "?page=1").json()["partOf"] == container


def test_annotation_pages_must_link_the_previous_page_unless_first(reader, container, paged):
    last = reader.get(reader.get(container).json()["last"]).json()
    assert last["prev"] == container + "?page=2"


def test_the_first_page_has_no_previous_page(reader, container, paged):
    assert "prev" not in reader.get(container + "?page=1").json()


def test_annotation_pages_must_link_the_next_page_unless_last(reader, container, paged):
    assert reader.get(container + "?page=1").json()["next"] == container + "?page=2"


def test_the_last_page_has_no_next_page(reader, container, paged):
    assert "next" not in reader.get(container + "?page=3").json()


def test_annotation_pages_give_their_start_index(reader, container, paged):
    assert reader.get(container + "?page=3").json()["startIndex"] == 4


def test_pages_hold_every_annotation_once_in_document_order(reader, container, paged):
    ids, url = [], container + "?page=1"
    while url:
        page = reader.get(url).json()
        ids += [item["target"]["selector"][1]["start"] for item in page["items"]]
        url = page.get("next")
    assert ids == [0, 4, 8, 12, 16]


def test_page_content_location_is_its_id(reader, container, paged):
    reply = reader.get(container + "?page=2")
    assert reply.header("Content-Location") == reply.json()["id"]


def test_page_past_the_last_is_a_404(reader, container, paged):
    assert reader.get(container + "?page=4").status == 404


# --- 3. Annotation retrieval ----------------------------------------------------------------


@pytest.mark.parametrize("method", ["GET", "HEAD", "OPTIONS"])
def test_annotations_must_support_the_method_in_allow(reader, annotation_iri, method):
    assert method in reader.get(annotation_iri).header("Allow")


def test_annotations_must_have_a_json_ld_content_type(reader, annotation_iri):
    assert reader.get(annotation_iri).header("Content-Type").startswith("application/ld+json")


def test_annotations_must_have_a_link_of_type_ldp_resource(reader, annotation_iri):
    assert reader.get(annotation_iri).header("Link") == f'<{LDP}Resource>; rel="type"'


def test_annotations_must_have_an_etag(reader, annotation_iri):
    assert reader.get(annotation_iri).header("ETag") == '"1"'


def test_annotations_must_vary_on_accept(reader, annotation_iri):
    assert "Accept" in reader.get(annotation_iri).header("Vary")


def test_annotations_must_support_head(reader, annotation_iri):
    reply = reader.send("HEAD", annotation_iri)
    assert (reply.status, reply.body, reply.header("ETag")) == (200, b"", '"1"')


def test_annotations_must_support_options(reader, annotation_iri):
    assert reader.send("OPTIONS", annotation_iri).status == 200


def test_annotation_content_location_is_its_id(reader, annotation_iri):
    reply = reader.get(annotation_iri)
    assert reply.header("Content-Location") == reply.json()["id"] == annotation_iri


def test_the_earlier_annotation_address_still_answers_with_the_container_iri(
    live_server, reader, annotation_iri
):
    uuid = annotation_iri.rstrip("/").rsplit("/", 1)[1]
    reply = reader.get(f"/api/annotations/{uuid}/")
    assert (reply.status, reply.header("Content-Location")) == (200, annotation_iri)


# --- 5.1 Creating annotations ---------------------------------------------------------------


def test_created_annotation_must_have_an_id(reader, container, article):
    assert "id" in post(reader, container, article).json()


def test_created_annotation_id_must_start_with_the_container_iri(reader, container, article):
    assert post(reader, container, article).json()["id"].startswith(container)


def test_created_annotation_must_preserve_its_canonical_iri(reader, container, article):
    canonical = "urn:uuid:2b1c2f9e-8a3f-4c52-9d5e-4e7f0a1b2c3d"
    assert post(reader, container, article, canonical=canonical).json()["canonical"] == canonical


def test_creation_must_answer_201(reader, container, article):
    assert post(reader, container, article).status == 201


def test_location_should_match_the_new_annotation_id(reader, container, article):
    reply = post(reader, container, article)
    assert reply.header("Location") == reply.json()["id"]


def test_creation_answers_the_new_etag(reader, container, article):
    assert post(reader, container, article).header("ETag") == '"1"'


def test_a_client_supplied_id_is_replaced_and_kept_as_via(reader, container, article):
    data = post(reader, container, article, id="http://elsewhere.example/anno/7").json()
    assert (data["id"].startswith(container), data["via"]) == (
        True,
        "http://elsewhere.example/anno/7",
    )


def test_standard_annotation_keeps_its_note_and_tags(reader, container, article):
    post(reader, container, article, note="Quick!", tags=["fox", "狐狸"])
    stored = Annotation.objects.get()
    assert (stored.note, stored.tags, stored.exact) == ("Quick!", ["fox", "狐狸"], "brown fox")


def test_quote_selector_alone_places_the_annotation(reader, container, article):
    data = w3c(article, "lazy dog")
    data["target"]["source"] = reader.base_url + article.get_absolute_url()
    data["target"]["selector"] = [{"type": "TextQuoteSelector", "exact": "lazy dog"}]
    reader.send("POST", container, data)
    stored = Annotation.objects.get()
    assert stored.start == article.text.index("lazy dog")


def test_quote_selector_context_chooses_between_occurrences(reader, container, article):
    data = w3c(article, "brown fox")
    data["target"]["source"] = reader.base_url + article.get_absolute_url()
    data["target"]["selector"] = [
        {"type": "TextQuoteSelector", "exact": "brown fox", "prefix": "Then the "}
    ]
    reader.send("POST", container, data)
    assert Annotation.objects.get().start == article.text.index("brown fox", 20)


def test_position_selector_alone_places_the_annotation(reader, container, article):
    data = w3c(article, "lazy dog")
    data["target"]["source"] = reader.base_url + article.get_absolute_url()
    data["target"]["selector"] = data["target"]["selector"][1]
    reader.send("POST", container, data)
    assert Annotation.objects.get().exact == "lazy dog"


def test_target_outside_this_container_is_a_400_naming_the_constraint(reader, container, article):
    data = w3c(article, "brown fox")
    data["target"]["source"] = "http://www.example.com/index.html"
    reply = reader.send("POST", container, data)
    assert (reply.status, "target.source" in reply.json()["errors"]["target"][0]) == (400, True)
    assert "constrainedBy" in reply.header("Link") and Annotation.objects.count() == 0


def test_a_bare_iri_target_is_a_400_asking_for_a_passage(reader, container, article):
    data = w3c(article, "brown fox")
    data["target"] = reader.base_url + article.get_absolute_url()
    reply = reader.send("POST", container, data)
    assert reply.status == 400 and "TextQuoteSelector" in reply.json()["errors"]["target"][0]


def test_a_w3c_reply_targets_the_annotation_it_answers(reader, container, annotation_iri):
    data = {
        "@context": ANNO,
        "type": "Annotation",
        "motivation": "replying",
        "body": {"type": "TextualBody", "value": "Agreed."},
        "target": annotation_iri,
    }
    reply = reader.send("POST", container, data)
    assert (reply.status, reply.json()["target"]) == (201, annotation_iri)


def test_glossa_short_shape_still_creates(reader, container, article):
    start = article.text.index("lazy")
    data = {"start": start, "end": start + 4, "exact": "lazy", "note": "short"}
    assert reader.send("POST", container, data, Content_Type="application/json").status == 201


# --- 5.3 Updating, 5.4 Deleting -------------------------------------------------------------


def test_annotation_update_must_be_done_with_put(reader, container, article):
    created = post(reader, container, article, note="before").json()
    changed = created | {"body": [{"type": "TextualBody", "value": "after"}]}
    changed["target"]["selector"] = w3c(article, "lazy dog")["target"]["selector"]
    reply = reader.send("PUT", created["id"], changed)
    assert reply.status == 200
    assert (reply.json()["target"]["selector"][0]["exact"], reply.json()["body"][0]["value"]) == (
        "lazy dog",
        "after",
    )


def test_put_replaces_the_whole_annotation(reader, container, article):
    created = post(reader, container, article, note="note", tags=["fox"]).json()
    reader.send("PUT", created["id"], created | {"body": []})
    stored = Annotation.objects.get()
    assert (stored.note, stored.tags) == ("", [])


def test_put_answers_the_new_etag(reader, container, article):
    created = post(reader, container, article).json()
    assert reader.send("PUT", created["id"], created).header("ETag") == '"2"'


def test_put_may_not_change_the_canonical_iri(reader, container, article):
    created = post(reader, container, article, canonical="urn:uuid:1").json()
    reply = reader.send("PUT", created["id"], created | {"canonical": "urn:uuid:2"})
    assert reply.status == 400 and "canonical" in reply.json()["errors"]


def test_patch_stays_a_partial_update(reader, annotation_iri):
    reply = reader.send("PATCH", annotation_iri, {"tags": ["x"], "version": 1})
    stored = Annotation.objects.get()
    assert (reply.status, stored.note, stored.tags) == (200, "n", ["x"])


@pytest.mark.parametrize("method", ["PUT", "PATCH", "DELETE"])
def test_stale_if_match_is_a_412_and_changes_nothing(reader, annotation_iri, method):
    current = reader.get(annotation_iri).json()
    reader.send("PATCH", annotation_iri, {"note": "moved on", "version": 1})
    data = None if method == "DELETE" else current | {"body": []}
    reply = reader.send(method, annotation_iri, data, If_Match='"1"')
    assert (reply.status, Annotation.objects.get().note) == (412, "moved on")


def test_matching_if_match_deletes(reader, annotation_iri):
    assert reader.send("DELETE", annotation_iri, If_Match='"1"').status == 204


def test_stale_version_in_the_body_stays_a_409(reader, annotation_iri):
    reader.send("PATCH", annotation_iri, {"note": "moved on", "version": 1})
    assert reader.send("PATCH", annotation_iri, {"note": "x", "version": 1}).status == 409


def test_annotation_deletion_must_return_204(reader, container, article):
    created = post(reader, container, article).json()
    assert reader.send("DELETE", created["id"]).status == 204


def test_deleted_annotation_is_gone(reader, container, article):
    created = post(reader, container, article).json()
    reader.send("DELETE", created["id"])
    assert reader.get(created["id"]).status == 404


# --- Security around the protocol -------------------------------------------------------------


def test_a_session_post_without_the_csrf_token_is_refused(live_server, owner, container, article):
    client = ProtocolClient(live_server.url, user=owner)
    del client.headers["X-CSRFToken"]
    assert post(client, container, article).status == 403


def test_someone_elses_private_annotation_is_a_404(live_server, container, article):
    private = make_annotation(owner=make_user(), article=article)
    stranger = ProtocolClient(live_server.url, user=make_user())
    assert stranger.get(container + f"{private.uuid}/").status == 404


def test_a_protocol_client_with_a_write_token_writes_from_outside_the_browser(
    live_server, owner, container, article
):
    _, token = token_create(user=owner, name="client", scope="write")
    client = ProtocolClient(live_server.url, token=token)
    created = post(client, container, article, note="from afar")
    assert (created.status, client.send("DELETE", created.json()["id"]).status) == (201, 204)


def test_iris_are_https_when_served_over_https(article):
    """SHOULD use HTTPS: every IRI follows the scheme the request came in by (behind a proxy,
    Django's SECURE_PROXY_SSL_HEADER says which), so an HTTPS deployment hands out HTTPS IRIs."""
    data = Client().get(f"/api/articles/{article.slug}/annotations/", secure=True).json()
    assert data["id"].startswith("https://") and data["@context"][-1].startswith("https://")
