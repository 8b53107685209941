"""The W3C Web Annotation Protocol's HTTP surface: headers, client preferences and paging.

An article's annotations are an LDP Basic Container (https://www.w3.org/TR/annotation-protocol/
section 4): its IRI ends in "/", every annotation's IRI starts with it, and it is read in
AnnotationPages of PAGE_SIZE in a stable order (document order, then the row id).
"""

import hashlib
import re

from django.utils.cache import patch_vary_headers

from .jsonld import ANNO_CONTEXT, LDP_CONTEXT

LDP = "http://www.w3.org/ns/ldp#"
OA = "http://www.w3.org/ns/oa#"
PROTOCOL = "http://www.w3.org/TR/annotation-protocol/"
SERVICE_REL = OA + "annotationService"
CONSTRAINED_BY = f'<{PROTOCOL}>; rel="{LDP}constrainedBy"'
CONTAINER_LINK = f'<{LDP}BasicContainer>; rel="type", {CONSTRAINED_BY}'
RESOURCE_LINK = f'<{LDP}Resource>; rel="type"'
CONTAINER_METHODS = ("GET", "HEAD", "OPTIONS", "POST")
ITEM_METHODS = ("GET", "HEAD", "OPTIONS", "PUT", "PATCH", "DELETE")
ACCEPT_POST = f'application/ld+json; profile="{ANNO_CONTEXT}", application/json'
PAGE_SIZE = 100

MINIMAL, IRIS, DESCRIPTIONS = "minimal", "iris", "descriptions"
PREFERENCES = {
    LDP + "PreferMinimalContainer": MINIMAL,
    OA + "PreferContainedIRIs": IRIS,
    OA + "PreferContainedDescriptions": DESCRIPTIONS,
}
_INCLUDE = re.compile(r'include\s*=\s*"([^"]*)"')


def preference(header: str) -> tuple[str, bool]:
    """The representation a Prefer header asks of a container, and whether one was asked.

    Without a (recognised) preference the container embeds full descriptions (section 4.1.1).
    Of several, the smallest wins: a client asking for less does not want more.
    """
    if "return=representation" not in header.replace(" ", ""):
        return DESCRIPTIONS, False
    asked = {PREFERENCES[iri] for found in _INCLUDE.findall(header) for iri in found.split()}
    asked &= set(PREFERENCES.values())
    for choice in (MINIMAL, IRIS, DESCRIPTIONS):
        if choice in asked:
            return choice, True
    return DESCRIPTIONS, False


def container_headers(response, *, etag: bool = True) -> None:
    response["Link"] = CONTAINER_LINK
    response["Allow"] = ", ".join(CONTAINER_METHODS)
    response["Accept-Post"] = ACCEPT_POST
    patch_vary_headers(response, ["Accept", "Prefer"])
    if etag and response.content and "ETag" not in response:
        response["ETag"] = '"' + hashlib.sha256(response.content).hexdigest()[:32] + '"'


def item_headers(response) -> None:
    response["Link"] = RESOURCE_LINK
    response["Allow"] = ", ".join(ITEM_METHODS)
    patch_vary_headers(response, ["Accept"])


def page_iri(container: str, number: int, *, iris: bool) -> str:
    return f"{container}?{'iris=1&' if iris else ''}page={number}"


def page_count(total: int) -> int:
    return max(1, -(-total // PAGE_SIZE))


def page_json(*, container: str, number: int, total: int, items: list, iris: bool) -> dict:
    """One AnnotationPage, its items either descriptions or IRIs (section 4.2)."""
    last = page_count(total)
    page = {
        "id": page_iri(container, number, iris=iris),
        "type": "AnnotationPage",
        "partOf": container,  # the model's shape (its tests want the IRI); total is the container's
        "startIndex": (number - 1) * PAGE_SIZE,
    }
    if number > 1:
        page["prev"] = page_iri(container, number - 1, iris=iris)
    if number < last:
        page["next"] = page_iri(container, number + 1, iris=iris)
    page["items"] = items
    return page


def container_json(*, context, container, label, total, choice, first_items) -> dict:
    """The container (section 4.1): minimal, or with its first page embedded."""
    iris = choice == IRIS
    data = {
        "@context": [*context[:1], LDP_CONTEXT, *context[1:]],
        "id": container,
        "type": ["BasicContainer", "AnnotationCollection"],
        "label": label,
        "total": total,
    }
    last = page_iri(container, page_count(total), iris=iris)
    if choice == MINIMAL:
        return data | {"first": page_iri(container, 1, iris=False), "last": last}
    first = page_json(container=container, number=1, total=total, items=first_items, iris=iris)
    del first["partOf"]  # embedded in the container it is part of
    return data | {"first": first, "last": last}
