"""Annotations as W3C Web Annotation JSON-LD (https://www.w3.org/TR/annotation-model/).

The W3C shape serves the API, export and interchange alike. What the model has no term for
(visibility, version, what the requester may do) goes under "glossa", which JSON-LD
processors ignore and the conformance schemas allow.
"""

from .models import Annotation
from .permissions import can_delete, can_edit, can_reply

CONTEXT = "http://www.w3.org/ns/anno.jsonld"


def annotation_json(annotation: Annotation, *, request, with_context: bool = True) -> dict:
    absolute = request.build_absolute_uri
    data: dict = {}
    if with_context:
        data["@context"] = CONTEXT
    data |= {
        "id": absolute(annotation.get_api_url()),
        "type": "Annotation",
        "motivation": _motivation(annotation),
        "created": annotation.created.isoformat(),
        "modified": annotation.modified.isoformat(),
        "creator": {
            "type": "Person",
            "name": annotation.owner.get_full_name() or annotation.owner.get_username(),
            "nickname": annotation.owner.get_username(),
        },
        "generator": {"id": absolute("/"), "type": "Software", "name": "Glossa"},
        "body": _bodies(annotation),
        "target": _target(annotation, absolute),
        "glossa": {
            "uuid": str(annotation.uuid),
            "parent": str(annotation.parent.uuid) if annotation.parent_id else None,
            "revision": annotation.revision.number,
            "version": annotation.version,
            "visibility": annotation.visibility,
            "colour": annotation.colour,
            "note": annotation.note,
            "noteHtml": annotation.note_html,
            "tags": annotation.tags,
            "owner": annotation.owner.get_username(),
            "isOwner": annotation.owner_id == request.user.pk,
            "canEdit": can_edit(request.user, annotation),
            "canDelete": can_delete(request.user, annotation),
            "canReply": can_reply(request.user, annotation),
            "anchorState": annotation.anchor_state,
            "anchorConfidence": annotation.anchor_confidence,
            "needsConfirmation": annotation.needs_confirmation,
        },
    }
    if not data["body"]:
        del data["body"]  # a bare highlight has no body in the model
    return data


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


def _target(annotation: Annotation, absolute):
    if annotation.parent_id:
        return absolute(annotation.parent.get_api_url())
    return {
        "type": "SpecificResource",
        "source": absolute(annotation.article.get_absolute_url()),
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
    items = [annotation_json(a, request=request, with_context=False) for a in annotations]
    collection_id = request.build_absolute_uri(request.path)
    return {
        "@context": CONTEXT,
        "id": collection_id,
        "type": "AnnotationCollection",
        "label": article.title,
        "total": len(items),
        "first": {"id": collection_id + "#page1", "type": "AnnotationPage", "items": items},
    }
