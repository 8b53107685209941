"""What a PUT replaces, and the note preview: the API's writes that are not plain service calls."""

from django.http import JsonResponse
from django.utils.translation import gettext as _

from . import services
from .cleaning import MAX_NOTE, clean_string
from .errors import AnnotationError, Invalid
from .http import allow, error_response, read_json
from .models import Annotation, Colour, Visibility
from .notes import render_note
from .representation import Links, anchored_number
from .w3c_input import from_w3c, is_w3c

# A PUT replaces the whole annotation (protocol section 5.3): what it leaves out is reset.
REPLACED = {
    "note": "",
    "tags": [],
    "colour": Colour.YELLOW,
    "visibility": Visibility.PRIVATE,
    "language": "",
    "entities": [],
}
PLACE = ("start", "end", "exact", "revision")


def put_fields(request, annotation: Annotation, data: dict) -> dict:
    """The short-shape fields that replace ``annotation`` with the W3C annotation ``data``."""
    if not is_w3c(data):
        raise Invalid(_("PUT takes a whole W3C annotation; PATCH changes some of its fields"))
    kind, fields = from_w3c(data, article=annotation.article, links=Links(request), creating=False)
    version = data.get("version")
    if annotation.parent_id:
        if kind != "reply" or fields["parent"] != str(annotation.parent.uuid):
            raise Invalid(errors={"target": [_("a reply keeps the annotation it answers")]})
        return {"note": fields["note"], "version": version}
    if kind == "reply":
        raise Invalid(errors={"target": [_("an annotation of a passage cannot become a reply")]})
    for field in ("canonical", "via"):
        stored = getattr(annotation, field)
        if stored and fields.get(field, stored) != stored:
            # Section 5.3: another system may know the annotation by these IRIs.
            raise Invalid(errors={field: [_("cannot change once set")]})
    replaced = REPLACED | {key: value for key, value in fields.items() if key not in PLACE}
    place = tuple(fields[key] for key in PLACE)
    here = (annotation.start, annotation.end, annotation.exact, anchored_number(annotation))
    if place != here:
        if fields["revision"] != annotation.article.revision_number:
            raise Invalid(
                errors={"target": [_("select the new passage in the article's current text")]}
            )
        replaced |= {key: fields[key] for key in PLACE[:3]}
    return replaced | {"version": version}


@allow("POST")
def note_preview(request):
    """The sanitised HTML of a note, for the editor's preview (for readers who may write one)."""
    try:
        services.require_reader(request.user)
        data = read_json(request)
        errors: dict[str, list[str]] = {}
        note = clean_string(data.get("note", ""), "note", errors, limit=MAX_NOTE)
        if errors:
            raise Invalid(errors=errors)
    except AnnotationError as exc:
        return error_response(exc)
    return JsonResponse({"html": render_note(note)})
