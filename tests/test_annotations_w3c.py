"""The annotations API's JSON-LD against the W3C Web Annotation conformance material.

The assertion schemas (JSON Schema draft-04, web-platform-tests annotation-model) and the spec's
examples are read from the shared folder (tests/material.py), never copied here; without them this
module skips, naming the folder it looked in. An assertion passes when validating
the document gives its "expectedResult"; a .test file lists assertions, as JSONtest.js reads them.
"""

import json
import re
from datetime import datetime
from functools import cache

import pytest
from jsonschema import Draft4Validator, FormatChecker
from referencing import Registry
from referencing.jsonschema import DRAFT4

from annotations.services import reply_create
from tests.factories import make_annotation, make_article, make_user
from tests.material import material
from tests.test_annotations_jsonld import orphan_of

pytestmark = pytest.mark.django_db

MODEL = material("w3c", "wpt", "annotation-model", module=True)
EXAMPLES = material("w3c", "examples", module=True)
ANNOTATION_MUSTS = "annotations/annotationMusts.test"
MUSTS = [ANNOTATION_MUSTS, "bodiesTargets/bodyMusts.test", "bodiesTargets/targetMusts.test"]
SR_MUSTS = "specificResource/specificResourceMusts.test"
MUSTS += [SR_MUSTS]
CASES = ["highlight", "note", "reply", "collection", "page", "orphan", "about"]
NOTE = {"start": 5, "end": 12, "note": "A *note*.", "tags": ["ai", "chips"], "visibility": "public"}

# jsonschema checks "uri" and "date-time" only when optional packages are installed; otherwise
# any string passes. These follow RFC 3986 (absolute URI, its characters) and RFC 3339.
FORMATS = FormatChecker()
URI = re.compile(
    r"[A-Za-z][A-Za-z0-9+.-]*:(?:[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*"
)
DATE_TIME = re.compile(r"\d{4}-\d\d-\d\d[Tt]\d\d:\d\d:\d\d(\.\d+)?([Zz]|[+-]\d\d:\d\d)")


@FORMATS.checks("uri")
def _is_uri(value) -> bool:
    return not isinstance(value, str) or URI.fullmatch(value) is not None


@FORMATS.checks("date-time", raises=ValueError)
def _is_date_time(value) -> bool:
    if isinstance(value, str) and not DATE_TIME.fullmatch(value):
        return False
    return not isinstance(value, str) or bool(datetime.fromisoformat(value.upper()))


def read(path):
    return json.loads(path.read_text(encoding="utf-8"))


@cache
def registry() -> Registry:
    """Every schema under annotation-model, by its "id" and by its path there."""
    pairs = []
    for path in sorted(MODEL.rglob("*.json")):
        schema = read(path)
        resource = DRAFT4.create_resource(schema)
        pairs += [(key, resource) for key in {schema.get("id"), path.relative_to(MODEL).as_posix()}]
    return Registry().with_resources(pair for pair in pairs if pair[0])


def load(entry):
    """One .test entry: a schema file, an inline schema, an object naming a file and overriding
    its keys, a comparison group ("assertions" + "compareWith") or a nested list (all of)."""
    if isinstance(entry, list):
        return {"title": "nested list", "assertions": [load(item) for item in entry]}
    if isinstance(entry, str):
        entry = {"assertionFile": entry}
    if "assertions" in entry:
        return entry | {"assertions": [load(item) for item in entry["assertions"]]}
    if "assertionFile" not in entry:
        return entry
    path = MODEL / entry["assertionFile"]
    external = read(path) if path.exists() else {"missing": 1}
    return external | entry


def assertions(test_file: str) -> list[dict]:
    return [load(entry) for entry in read(MODEL / test_file)["assertions"]]


def checked(*test_files: str) -> list[dict]:
    """The assertions of these .test files whose schemas are all in the shared material."""
    return [one for test_file in test_files for one in assertions(test_file) if not missing(one)]


def missing(assertion: dict) -> list[str]:
    if "assertions" in assertion:
        return [name for member in assertion["assertions"] for name in missing(member)]
    return [assertion["assertionFile"]] if "missing" in assertion else []


def name(assertion: dict) -> str:
    return assertion.get("assertionFile", assertion.get("title", "inline")).split("/")[-1]


def passes(assertion: dict, document) -> bool:
    if "assertions" in assertion:  # "or": one member passes; otherwise every member
        results = [passes(member, document) for member in assertion["assertions"]]
        return any(results) if assertion.get("compareWith") == "or" else all(results)
    validator = Draft4Validator(assertion, registry=registry(), format_checker=FORMATS)
    return validator.is_valid(document) == (assertion.get("expectedResult", "valid") == "valid")


def is_specific_resource(target) -> bool:
    targets = target if isinstance(target, list) else [target]
    return any(isinstance(one, dict) and "source" in one for one in targets)


def applies(test_file: str, document: dict) -> bool:
    """Body assertions need a body, Specific Resource ones a SpecificResource target."""
    if test_file.startswith("bodiesTargets/body"):
        return "body" in document
    if test_file.startswith("specificResource/"):
        return is_specific_resource(document.get("target"))
    return True


# A bare highlight has no body; a reply's target is the annotation it answers, not a
# SpecificResource. Those combinations have nothing to check.
NOT_APPLICABLE = {("highlight", "bodiesTargets/bodyMusts.test"), ("reply", SR_MUSTS)}
MUST_PARAMS = [
    pytest.param(case, test_file, one, id=f"{case}-{test_file.split('/')[1][:-5]}-{name(one)}")
    for test_file in MUSTS
    for one in checked(test_file)
    for case in CASES
    if (case, test_file) not in NOT_APPLICABLE
]


@pytest.fixture
def documents(request, client):
    """The product's JSON for one case, fetched through the API as its owner."""
    owner, other, article = make_user(), make_user(), make_article()
    highlight = make_annotation(owner=owner, article=article)
    note = make_annotation(owner=owner, article=article, **NOTE)
    reply = reply_create(reader=other, parent=note, data={"note": "A reply."})
    client.force_login(owner)
    if request.param == "orphan":
        return [client.get(orphan_of(owner).get_api_url()).json()]
    if request.param == "about":
        # Bodies that identify people and organisations of the article: alone, and with a note.
        entities = [credit.entity.pk for credit in article.credits.all()[:2]]
        about = [
            make_annotation(owner=owner, article=article, start=30, end=34, entities=entities),
            make_annotation(owner=owner, article=article, entities=entities, **NOTE),
        ]
        return [client.get(annotation.get_api_url()).json() for annotation in about]
    if request.param == "page":
        # A page of the protocol container, read by its own IRI: its items inherit its context.
        page = client.get(f"/api/articles/{article.slug}/annotations/?page=1").json()
        return [{"@context": page["@context"]} | item for item in page["items"]]
    if request.param != "collection":
        url = {"highlight": highlight, "note": note, "reply": reply}[request.param].get_api_url()
        response = client.get(url)
        assert response.status_code == 200
        return [response.json()]
    response = client.get(f"/api/articles/{article.slug}/annotations/")
    assert response.status_code == 200
    page = response.json()
    assert len(page["first"]["items"]) == 3
    # JSON-LD: embedded nodes inherit the enclosing @context; the spec's own collection example
    # (examples/correct/collection1.json) embeds its annotations without one.
    return [{"@context": page["@context"]} | item for item in page["first"]["items"]]


def test_every_correct_example_passes_every_must_assertion():
    # anno*.json only: collection1.json is an AnnotationCollection (its items: the next test).
    files = sorted((EXAMPLES / "correct").glob("anno*.json"))
    examples = [read(path) for path in files]
    failures = [
        (e["id"], name(a)) for e in examples for a in checked(ANNOTATION_MUSTS) if not passes(a, e)
    ]
    assert examples and failures == []


def test_spec_collection_items_pass_with_the_inherited_context():
    page = read(EXAMPLES / "correct" / "collection1.json")
    items = [{"@context": page["@context"]} | item for item in page["first"]["items"]]
    failures = [
        (i["id"], name(a)) for i in items for a in checked(ANNOTATION_MUSTS) if not passes(a, i)
    ]
    assert items and failures == []


def test_every_incorrect_json_example_fails_some_must_assertion():
    parsed = {}
    for path in sorted((EXAMPLES / "incorrect").glob("*.json")):
        try:  # some incorrect examples are not even JSON (trailing commas, plain text)
            parsed[path.name] = read(path)
        except json.JSONDecodeError:
            continue
    passing = [file for file, doc in parsed.items() if all(passes(a, doc) for a in checked(*MUSTS))]
    assert parsed and passing == []


def test_harness_checks_uri_and_date_time_formats():
    identifier = load("annotations/3.1-annotationIdValidated.json")
    created = load("annotations/3.3.1-annotationCreatedValidated.json")
    assert not passes(identifier, {"id": "not a uri"})
    assert not passes(created, {"created": "yesterday"})


@pytest.mark.parametrize(
    ("documents", "test_file", "assertion"), MUST_PARAMS, indirect=["documents"]
)
def test_product_json_passes_must_assertion(documents, test_file, assertion):
    applicable = [doc for doc in documents if applies(test_file, doc)]
    assert applicable, f"{test_file} applies to no document of this case"
    failing = [doc for doc in applicable if not passes(assertion, doc)]
    assert failing == [], f"{assertion.get('errorMessage')}\n{json.dumps(failing, indent=1)}"


# The optional properties the product emits, against the shared definitions for them (the
# annotationOptionals assertion files, 3.3.1-*Implemented and 3.3.5-*Implemented, are absent).
EMITTED = [
    "otherProperties.json#/definitions/createdPropertyFound",
    "otherProperties.json#/definitions/modifiedPropertyFound",
    "otherProperties.json#/definitions/creatorPropertyFound",
    "otherProperties.json#/definitions/singleCreatorPropertyFound",
    "otherProperties.json#/definitions/creatorAgentWithTypeFound",
    "otherProperties.json#/definitions/creatorAgentWithSingularNicknameFound",
    "annotations.json#/definitions/motivationPropertyFound",
    "annotations.json#/definitions/singleMotivationPropertyFound",
]


@pytest.mark.parametrize("documents", CASES, indirect=True)
@pytest.mark.parametrize("definition", EMITTED, ids=lambda ref: ref.split("/")[-1])
def test_emitted_optional_properties_validate(documents, definition):
    assertion = {"$ref": definition}
    assert [doc["id"] for doc in documents if not passes(assertion, doc)] == []


@pytest.fixture
def container(client):
    owner, article = make_user(), make_article()
    make_annotation(owner=owner, article=article, **NOTE)
    make_annotation(owner=owner, article=article, start=20, end=24, visibility="public")
    client.force_login(owner)
    return f"/api/articles/{article.slug}/annotations/"


PREFERS = {
    "descriptions": "",
    "iris": 'return=representation;include="http://www.w3.org/ns/oa#PreferContainedIRIs"',
    "minimal": 'return=representation;include="http://www.w3.org/ns/ldp#PreferMinimalContainer"',
}


@pytest.mark.parametrize("prefer", PREFERS)
def test_container_passes_the_collection_assertions(client, container, prefer):
    document = client.get(container, HTTP_PREFER=PREFERS[prefer]).json()
    failing = [a.get("title") for a in checked("collections/collectionMusts.test")]
    failing = [
        t
        for a, t in zip(checked("collections/collectionMusts.test"), failing, strict=True)
        if not passes(a, document)
    ]
    assert failing == []


@pytest.mark.parametrize("query", ["?page=1", "?iris=1&page=1"])
def test_container_page_passes_the_page_assertions(client, container, query):
    document = client.get(container + query).json()
    assert [
        a.get("title")
        for a in checked("collections/pages/pageMusts.test")
        if not passes(a, document)
    ] == []


def test_annotation_created_from_a_w3c_post_passes_every_must_assertion(client, container):
    article_url = "http://testserver/articles/" + container.split("/")[3] + "/"
    created = client.post(
        container,
        {
            "@context": "http://www.w3.org/ns/anno.jsonld",
            "type": "Annotation",
            "body": [{"type": "TextualBody", "value": "W3C", "purpose": "commenting"}],
            "target": {"type": "SpecificResource", "source": article_url,
                       "selector": {"type": "TextPositionSelector", "start": 1, "end": 6}},
        },
        content_type="application/ld+json",
    )  # fmt: skip
    assert created.status_code == 201
    document = created.json()
    assert [name(a) for a in checked(*MUSTS) if not passes(a, document)] == []


@pytest.mark.parametrize("documents", ["about"], indirect=True)
@pytest.mark.parametrize(
    "definition",
    [
        "specificResource.json#/definitions/specificeResourceDetected",  # sic, the shared name
        "otherProperties.json#/definitions/purposePropertyFound",
    ],
    ids=lambda ref: ref.split("/")[-1],
)
def test_identifying_bodies_are_specific_resources_with_a_recognised_purpose(documents, definition):
    bodies = [body for doc in documents for body in doc["body"] if body["type"] != "TextualBody"]
    assert bodies and [b for b in bodies if not passes({"$ref": definition}, b)] == []
