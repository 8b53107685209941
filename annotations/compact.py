"""The article page's own annotation payload: the same annotations as the W3C collection, in a
compact shape the page's script reads directly.

The W3C shape repeats absolute URLs, selector objects and JSON-LD terms for every item: 1.2 MB
for a thousand annotations. Here each item is one array in the order ``fields`` names, owners
are listed once and referred to by index, the article's people and organisations once and by
id, times are Unix milliseconds, what the reader may do is one bit field, and URLs are
templates in ``links`` that the script fills with an item's uuid. The W3C shape stays for the
API, export and interchange.
"""

import uuid as uuid_module

import orjson
from django.db.models import F, Value
from django.db.models.functions import Concat
from django.http import HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from archive.models import Article

from .about import article_entities, prefetch_entities
from .api import allow
from .models import Annotation
from .permissions import can_delete, can_edit, can_reply

FIELDS = [
    "uuid",
    "parent",
    "owner",  # index into "owners"
    "start",
    "end",
    "exact",
    "colour",
    "visibility",
    "version",
    "created",  # Unix milliseconds
    "note",
    "noteHtml",
    "tags",
    "anchorState",
    "flags",  # FLAGS bits
    "entities",  # ids of the people and organisations it is about, in "entities"
]
FLAGS = {"isOwner": 1, "canEdit": 2, "canDelete": 4, "canReply": 8, "needsConfirmation": 16}
_PLACEHOLDER = str(uuid_module.UUID(int=0))


def _template(name: str, slug: str) -> str:
    # The annotation's IRI in its article's container (W3C Annotation Protocol), as a template.
    return reverse(f"annotations:{name}", kwargs={"slug": slug, "uuid": _PLACEHOLDER}).replace(
        _PLACEHOLDER, "{uuid}"
    )


def _flags(user, annotation: Annotation) -> int:
    checks = {
        "isOwner": annotation.owner_id == user.pk,
        "canEdit": can_edit(user, annotation),
        "canDelete": can_delete(user, annotation),
        "canReply": can_reply(user, annotation),
        "needsConfirmation": annotation.needs_confirmation,
    }
    return sum(bit for name, bit in FLAGS.items() if checks[name])


def compact_json(annotations, *, user, article: Article) -> dict:
    """The payload for ``annotations`` (in document order) as seen by ``user``."""
    owners: dict[str, int] = {}
    names: list[list[str]] = []
    items = []
    for a in annotations:
        username = a.owner_username
        if username not in owners:
            owners[username] = len(names)
            names.append([username, a.owner_full_name.strip()])
        items.append(
            [
                str(a.uuid),
                str(a.parent.uuid) if a.parent_id else None,
                owners[username],
                a.start,
                a.end,
                a.exact if not a.parent_id else "",
                a.colour,
                a.visibility,
                a.version,
                int(a.created.timestamp() * 1000),
                a.note,
                a.note_html,
                a.tags,
                a.anchor_state,
                _flags(user, a),
                [entity.pk for entity in a.entities.all()] if not a.parent_id else [],
            ]
        )
    return {
        "article": article.slug,
        "revision": article.revision_number,
        "links": {
            "collection": reverse("annotations:api_collection", kwargs={"slug": article.slug}),
            "annotation": _template("api_item", article.slug),
            "replies": _template("api_item_replies", article.slug),
        },
        "fields": FIELDS,
        "flags": FLAGS,
        "owners": names,
        "items": items,
        # Whom a note on this article may be about: [id, kind, name, page], for the editor.
        "entities": [
            [entity.pk, entity.kind, entity.display_name, entity.get_absolute_url()]
            for entity in article_entities(article)
        ],
    }


def _annotations_of(article: Article, user):
    # Only the columns the payload uses; the owner's names come in the same query.
    return (
        Annotation.objects.filter(article=article)
        .visible_to(user)
        .select_related("parent")
        .prefetch_related(prefetch_entities())
        .only(
            "uuid",
            "owner_id",
            "parent__uuid",
            "parent__owner_id",
            "parent__visibility",
            "start",
            "end",
            "exact",
            "colour",
            "visibility",
            "version",
            "created",
            "note",
            "note_html",
            "tags",
            "anchor_state",
            "needs_confirmation",
        )
        .annotate(
            owner_username=F("owner__username"),
            owner_full_name=Concat("owner__first_name", Value(" "), "owner__last_name"),
        )
        .in_document_order()
    )


@allow("GET")
def article_annotations_compact(request, slug):
    """The annotations the requester may see on one article, in the compact shape."""
    article = None if "\x00" in slug else Article.objects.filter(slug=slug).first()
    if article is None:
        body = {"error": _("no such article")}
        return HttpResponse(orjson.dumps(body), status=404, content_type="application/json")
    user = request.user
    user = getattr(user, "_wrapped", user) if user.is_authenticated else user
    data = compact_json(list(_annotations_of(article, user)), user=user, article=article)
    return HttpResponse(orjson.dumps(data), content_type="application/json")
