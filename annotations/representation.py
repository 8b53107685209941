"""Annotations as W3C Web Annotation JSON-LD (https://www.w3.org/TR/annotation-model/).

The W3C shape serves the API, export and interchange alike. What the model has no term for
(visibility, version, what the requester may do) goes under "glossa", which JSON-LD
processors ignore and the conformance schemas allow.
"""

import uuid as uuid_module

from django.urls import reverse

from .models import Annotation
from .permissions import can_delete, can_edit, can_reply

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
_PLACEHOLDER = uuid_module.UUID(int=0)


class Links:
    """Absolute URLs for one request, built once: reversing URLs for each of a thousand
    annotations took half the collection's response time."""

    def __init__(self, request):
        self.origin = request.build_absolute_uri("/").rstrip("/")
        # The user behind request.user's lazy proxy: every attribute read through the proxy
        # costs a call, and permissions read several for each annotation.
        user = request.user
        user.is_authenticated  # noqa: B018 - evaluates the lazy object
        self.user = getattr(user, "_wrapped", user)
        self._api = reverse("annotations:api_annotation", kwargs={"uuid": _PLACEHOLDER})
        self._articles: dict[int, str] = {}
        self.generator = {"id": self.origin + "/", "type": "Software", "name": "Glossa"}

    def absolute(self, path: str) -> str:
        return self.origin + path

    def annotation(self, uuid) -> str:
        return self.origin + self._api.replace(str(_PLACEHOLDER), str(uuid))

    def article(self, article) -> str:
        if article.pk not in self._articles:
            self._articles[article.pk] = self.origin + article.get_absolute_url()
        return self._articles[article.pk]


def annotation_json(
    annotation: Annotation, *, request, with_context: bool = True, links: Links | None = None
) -> dict:
    links = links or Links(request)
    data: dict = {}
    if with_context:
        data["@context"] = CONTEXT
    data |= {
        "id": links.annotation(annotation.uuid),
        "type": "Annotation",
        "motivation": _motivation(annotation),
        "created": annotation.created.isoformat(),
        "modified": annotation.modified.isoformat(),
        "creator": {
            "type": "Person",
            "name": _owner_name(annotation) or _owner_username(annotation),
            "nickname": _owner_username(annotation),
        },
        "body": _bodies(annotation),
        "target": _target(annotation, links),
        "glossa": {
            "uuid": str(annotation.uuid),
            "parent": str(annotation.parent.uuid) if annotation.parent_id else None,
            "revision": _revision_number(annotation),
            "version": annotation.version,
            "visibility": annotation.visibility,
            "colour": annotation.colour,
            "note": annotation.note,
            "noteHtml": annotation.note_html,
            "tags": annotation.tags,
            "owner": _owner_username(annotation),
            "isOwner": annotation.owner_id == links.user.pk,
            "canEdit": can_edit(links.user, annotation),
            "canDelete": can_delete(links.user, annotation),
            "canReply": can_reply(links.user, annotation),
            "anchorState": annotation.anchor_state,
            "anchorConfidence": annotation.anchor_confidence,
            "needsConfirmation": annotation.needs_confirmation,
        },
    }
    if not data["body"]:
        del data["body"]  # a bare highlight has no body in the model
    if with_context:  # a collection names its generator once, not on every item
        data["generator"] = links.generator
    return data


def _owner_username(annotation: Annotation) -> str:
    name = getattr(annotation, "owner_username", None)
    return name if name is not None else annotation.owner.get_username()


def _owner_name(annotation: Annotation) -> str:
    name = getattr(annotation, "owner_full_name", None)
    return (name if name is not None else annotation.owner.get_full_name()).strip()


def _revision_number(annotation: Annotation) -> int:
    number = getattr(annotation, "revision_number", None)
    return number if number is not None else annotation.revision.number


def _motivation(annotation: Annotation) -> str:
    if annotation.parent_id:
        return "replying"
    return "commenting" if annotation.note.strip() else "highlighting"


def _bodies(annotation: Annotation) -> list[dict]:
    bodies = []
    if annotation.note.strip():
        bodies.append(
            {
                "type": "TextualBody",
                "value": annotation.note,
                "format": "text/markdown",
                "purpose": "replying" if annotation.parent_id else "commenting",
            }
        )
    bodies += [
        {"type": "TextualBody", "value": tag, "purpose": "tagging"} for tag in annotation.tags
    ]
    return bodies


def _target(annotation: Annotation, links: Links):
    if annotation.parent_id:
        return links.annotation(annotation.parent.uuid)
    return {
        "type": "SpecificResource",
        "source": links.article(annotation.article),
        "styleClass": f"glossa-{annotation.colour}",
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


def collection_json(annotations, *, request, article) -> dict:
    links = Links(request)
    items = [
        annotation_json(a, request=request, with_context=False, links=links) for a in annotations
    ]
    collection_id = request.build_absolute_uri(request.path)
    return {
        "@context": CONTEXT,
        "id": collection_id,
        "type": "AnnotationCollection",
        "label": article.title,
        "total": len(items),
        "generator": links.generator,
        "first": {"id": collection_id + "#page1", "type": "AnnotationPage", "items": items},
    }
