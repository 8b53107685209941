"""Annotations as W3C Web Annotation JSON-LD (https://www.w3.org/TR/annotation-model/).

The W3C shape serves the API, export and interchange alike. What the model has no term for
(visibility, colour, version, anchor state) has a term in Glossa's own context (jsonld.py), so
a JSON-LD processor keeps it; the "glossa" object repeats them with what the requester may do,
for Glossa's own client.
"""

import uuid as uuid_module
from urllib.parse import quote

from django.urls import reverse
from django.utils.http import RFC3986_SUBDELIMS

from . import about
from .jsonld import ANNO_CONTEXT, COLOURS, stylesheet
from .models import AnchorState, Annotation
from .permissions import can_delete, can_edit, can_reply

CONTEXT = ANNO_CONTEXT  # kept for callers that name the W3C context alone
_PLACEHOLDER = uuid_module.UUID(int=0)
_SLUG = "--glossa-slug--"


class Links:
    """Absolute URLs for one request, built once: reversing URLs for each of a thousand
    annotations took half the collection's response time."""

    def __init__(self, request=None, *, origin: str | None = None, user=None):
        self.origin = origin or request.build_absolute_uri("/").rstrip("/")
        # The user behind request.user's lazy proxy: every attribute read through the proxy
        # costs a call, and permissions read several for each annotation.
        user = user if user is not None else request.user
        user.is_authenticated  # noqa: B018 - evaluates the lazy object
        self.user = getattr(user, "_wrapped", user)
        self._item = reverse("annotations:api_item", kwargs={"slug": _SLUG, "uuid": _PLACEHOLDER})
        self._container = reverse("annotations:api_collection", kwargs={"slug": _SLUG})
        self._revision = reverse(
            "annotations:revision_text", kwargs={"slug": _SLUG, "number": 999999}
        )
        self._articles: dict[int, str] = {}
        self.generator = {"id": self.origin + "/", "type": "Software", "name": "Glossa"}
        self.context = [ANNO_CONTEXT, self.origin + reverse("annotations:jsonld_context")]

    def absolute(self, path: str) -> str:
        return self.origin + path

    def container(self, slug: str) -> str:
        return self.origin + self._container.replace(_SLUG, _quoted(slug))

    def annotation(self, slug: str, uuid) -> str:
        path = self._item.replace(_SLUG, _quoted(slug)).replace(str(_PLACEHOLDER), str(uuid))
        return self.origin + path

    def revision(self, slug: str, number: int) -> str:
        path = self._revision.replace(_SLUG, _quoted(slug)).replace("999999", str(number))
        return self.origin + path

    def article(self, article) -> str:
        if article.pk not in self._articles:
            self._articles[article.pk] = self.origin + article.get_absolute_url()
        return self._articles[article.pk]


def _quoted(slug: str) -> str:
    """The slug as reverse() writes it into a path: an IRI's characters percent-encoded."""
    return quote(slug, safe=RFC3986_SUBDELIMS + "~:@")


def annotation_json(
    annotation: Annotation, *, request=None, with_context: bool = True, links: Links | None = None
) -> dict:
    links = links or Links(request)
    slug = annotation.article.slug
    data: dict = {}
    if with_context:
        data["@context"] = links.context
    data |= {
        "id": links.annotation(slug, annotation.uuid),
        "type": "Annotation",
        "motivation": _motivation(annotation),
        "created": annotation.created.isoformat(),
        "modified": annotation.modified.isoformat(),
        "creator": {
            "type": "Person",
            "name": _owner_name(annotation) or _owner_username(annotation),
            "nickname": _owner_username(annotation),
        },
        "body": _bodies(annotation, links),
        "target": _target(annotation, links),
    }
    if not data["body"]:
        del data["body"]  # a bare highlight has no body in the model
    if annotation.canonical:
        data["canonical"] = annotation.canonical
    if annotation.via:
        data["via"] = annotation.via
    if not annotation.parent_id:
        data["stylesheet"] = stylesheet(annotation.colour)
    data |= {
        "visibility": annotation.visibility,
        "colour": annotation.colour,
        "version": annotation.version,
        "revision": _revision_number(annotation),
        "anchorState": annotation.anchor_state,
        "anchorConfidence": annotation.anchor_confidence,
        "glossa": _client_state(annotation, links),
    }
    if with_context:  # a collection names its generator once, not on every item
        data["generator"] = links.generator
    return data


def _client_state(annotation: Annotation, links: Links) -> dict:
    return {
        "uuid": str(annotation.uuid),
        "parent": str(annotation.parent.uuid) if annotation.parent_id else None,
        "revision": _revision_number(annotation),
        "version": annotation.version,
        "visibility": annotation.visibility,
        "colour": annotation.colour,
        "note": annotation.note,
        "noteHtml": annotation.note_html,
        "tags": annotation.tags,
        "entities": [entity.pk for entity in _entities(annotation)],
        "owner": _owner_username(annotation),
        "isOwner": annotation.owner_id == links.user.pk,
        "canEdit": can_edit(links.user, annotation),
        "canDelete": can_delete(links.user, annotation),
        "canReply": can_reply(links.user, annotation),
        "anchorState": annotation.anchor_state,
        "anchorConfidence": annotation.anchor_confidence,
        "needsConfirmation": annotation.needs_confirmation,
    }


def _owner_username(annotation: Annotation) -> str:
    name = getattr(annotation, "owner_username", None)
    return name if name is not None else annotation.owner.get_username()


def _owner_name(annotation: Annotation) -> str:
    name = getattr(annotation, "owner_full_name", None)
    return (name if name is not None else annotation.owner.get_full_name()).strip()


def _revision_number(annotation: Annotation) -> int:
    number = getattr(annotation, "revision_number", None)
    return number if number is not None else annotation.revision.number


def anchored_number(annotation: Annotation) -> int:
    """The revision that the annotation's offsets and quote point into."""
    number = getattr(annotation, "anchored_number", None)
    if number is not None:
        return number
    if annotation.anchored_revision_id:
        return annotation.anchored_revision.number
    return _revision_number(annotation)


def _motivation(annotation: Annotation) -> str:
    if annotation.parent_id:
        return "replying"
    if annotation.note.strip():
        return "commenting"
    return "identifying" if _entities(annotation) else "highlighting"


def _bodies(annotation: Annotation, links: Links) -> list[dict]:
    language = annotation.language or annotation.article.lang
    bodies = []
    if annotation.note.strip():
        bodies.append(
            {
                "type": "TextualBody",
                "value": annotation.note,
                "format": "text/markdown",
                "language": language,
                "purpose": "replying" if annotation.parent_id else "commenting",
            }
        )
    bodies += [
        {"type": "TextualBody", "value": tag, "language": language, "purpose": "tagging"}
        for tag in annotation.tags
    ]
    bodies += [about.body(entity, links.origin) for entity in _entities(annotation)]
    return bodies


def _entities(annotation: Annotation) -> list:
    # A reply is about what its thread is about; it has no entities of its own to read.
    return [] if annotation.parent_id or annotation.pk is None else annotation.entities.all()


def _target(annotation: Annotation, links: Links):
    slug = annotation.article.slug
    if annotation.parent_id:
        return links.annotation(slug, annotation.parent.uuid)
    target = {
        "type": "SpecificResource",
        "source": links.article(annotation.article),
        "styleClass": COLOURS[annotation.colour],
        "selector": [
            {
                "type": "TextQuoteSelector",
                "exact": annotation.exact,
                "prefix": annotation.prefix,
                "suffix": annotation.suffix,
            },
            {"type": "TextPositionSelector", "start": annotation.start, "end": annotation.end},
        ],
    }
    number = anchored_number(annotation)
    if (
        annotation.anchor_state == AnchorState.ORPHAN
        or number != annotation.article.revision_number
    ):
        # The selectors describe an older text: a client that applied them to the article as
        # it is now would highlight the wrong words. The source is that text itself (the
        # canonical text the offsets count in); the article page is the scope it belongs to.
        target["source"] = links.revision(slug, number)
        target["scope"] = links.article(annotation.article)
    return target
