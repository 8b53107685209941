"""JSON API over the session: an article's annotations, one annotation, its replies.

Every write needs the CSRF token (Django's middleware checks it; nothing here is exempt).
Errors are JSON with a message, and per-field messages for invalid input; that includes 404
and 405, which Django would otherwise answer with an HTML page or an empty body (config/views.py
answers a refused CSRF token and a 500 in JSON). An If-Match header that is not one of our ETags
is a 400, like a ``version`` of the wrong type.
"""

import json
import re
import uuid as uuidlib
from functools import wraps

import orjson
from django.db.models import F, Value
from django.db.models.functions import Concat
from django.http import HttpResponse, JsonResponse
from django.http.request import RawPostDataException
from django.utils.translation import gettext as _

from archive.models import Article

from . import services
from .cleaning import MAX_NOTE, clean_string
from .errors import (
    AnnotationError,
    Invalid,
    NotAllowed,
    NotFound,
    UnsupportedMediaType,
)
from .models import Annotation
from .notes import render_note
from .permissions import can_view
from .representation import annotation_json, collection_json

MAX_BODY_BYTES = 64 * 1024
JSONLD = 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"'
JSON_TYPES = {"application/json", "application/ld+json"}
# ASCII digits only: str.isdigit() also accepts "²" and "١", which int() then refuses or reads.
CONTENT_LENGTH = re.compile(r"[0-9]{1,12}")
# One ETag as _etag() writes it; a version has at most 10 digits (PositiveIntegerField).
IF_MATCH = re.compile(r'(?:W/)?("?)([0-9]{1,10})\1')


def _json(data, status=200, **headers) -> HttpResponse:
    # orjson: a thousand annotations encode in a few milliseconds instead of thirty.
    response = HttpResponse(orjson.dumps(data), status=status, content_type=JSONLD)
    for name, value in headers.items():
        response[name.replace("_", "-")] = value
    return response


def _error(exc: AnnotationError) -> JsonResponse:
    body = {"error": exc.message}
    if exc.errors:
        body["errors"] = exc.errors
    return JsonResponse(body, status=exc.status, json_dumps_params={"ensure_ascii": False})


def allow(*methods: str):
    """Like require_http_methods, but the 405 says so in JSON."""

    def decorator(view):
        @wraps(view)
        def inner(request, *args, **kwargs):
            if request.method not in methods:
                response = _error(
                    NotAllowed(
                        _("this address does not accept %(method)s")
                        % {"method": request.method[:20]}
                    )
                )
                response["Allow"] = ", ".join(methods)
                return response
            return view(request, *args, **kwargs)

        return inner

    return decorator


def not_found(request):
    """Any other address under the API's prefixes: a JSON 404 rather than the HTML page."""
    return _error(NotFound(_("no such API address")))


def _read_json(request) -> dict:
    if request.content_type not in JSON_TYPES:
        # Also keeps Django from parsing a form or multipart body, after which request.body
        # can no longer be read.
        raise UnsupportedMediaType(_("send the request body as application/json"))
    length = request.META.get("CONTENT_LENGTH") or "0"
    if not CONTENT_LENGTH.fullmatch(length) or int(length) > MAX_BODY_BYTES:
        raise Invalid(
            _("the request body must be JSON of at most %(size)s KB")
            % {"size": MAX_BODY_BYTES // 1024}
        )
    try:
        data = json.loads(request.body.decode("utf-8"))
    except RawPostDataException as exc:
        raise Invalid(_("the request body could not be read")) from exc
    except UnicodeDecodeError as exc:
        raise Invalid(_("the request body is not UTF-8")) from exc
    except json.JSONDecodeError as exc:
        raise Invalid(
            _("the request body is not valid JSON: %(problem)s at character %(position)s")
            % {"problem": exc.msg, "position": exc.pos}
        ) from exc
    except ValueError as exc:
        # Python refuses to convert integers of more than 4,300 digits (CVE-2020-10735).
        raise Invalid(_("the request body has a number too long to read")) from exc
    except RecursionError as exc:
        raise Invalid(_("the request body is nested too deeply")) from exc
    if not isinstance(data, dict):
        raise Invalid(_("the request body must be a JSON object"))
    return data


def _annotations_of(article: Article, user):
    # The revision's number and the owner's names only, not a revision (with the article's
    # text) and a user per row: that made the collection slow (bench/annotations_bench.py).
    return (
        Annotation.objects.filter(article=article)
        .visible_to(user)
        .select_related("parent")
        .annotate(
            revision_number=F("revision__number"),
            owner_username=F("owner__username"),
            owner_full_name=Concat("owner__first_name", Value(" "), "owner__last_name"),
        )
        .in_document_order()
    )


def _annotation_for(request, uuid: str) -> Annotation:
    # The URL takes any string so that a malformed id gets this JSON 404, not the HTML page.
    try:
        uuid = uuidlib.UUID(uuid)
    except ValueError:
        raise NotFound(_("no such annotation")) from None
    annotation = (
        Annotation.objects.select_related("owner", "revision", "parent", "article")
        .filter(uuid=uuid)
        .first()
    )
    if annotation is None or not can_view(request.user, annotation):
        raise NotFound(_("no such annotation"))
    return annotation


def _etag(annotation: Annotation) -> str:
    return f'"{annotation.version}"'


def _version_from(request, data) -> int | None:
    header = request.headers.get("If-Match", "").strip()
    if not header:
        return data.get("version")
    match = IF_MATCH.fullmatch(header)
    if match is None:
        raise Invalid(
            errors={"If-Match": [_('must be the ETag of the version you edited, such as "3"')]}
        )
    return int(match[2])


@allow("GET", "POST")
def article_annotations(request, slug):
    """GET: the annotations the requester may see. POST: create one (201 with Location)."""
    # PostgreSQL refuses NUL in a text parameter; no slug contains one.
    article = None if "\x00" in slug else Article.objects.filter(slug=slug).first()
    try:
        if article is None:
            raise NotFound(_("no such article"))
        if request.method == "POST":
            annotation = services.annotation_create(
                reader=request.user, article=article, data=_read_json(request)
            )
            return _json(
                annotation_json(annotation, request=request),
                status=201,
                Location=request.build_absolute_uri(annotation.get_api_url()),
                ETag=_etag(annotation),
            )
    except AnnotationError as exc:
        return _error(exc)
    annotations = list(_annotations_of(article, request.user))
    for annotation in annotations:
        annotation.article = article  # every item links to it; save a query per item
    return _json(collection_json(annotations, request=request, article=article))


@allow("GET", "PUT", "PATCH", "DELETE")
def annotation_detail(request, uuid):
    """One annotation: read, update (needs its version), delete."""
    try:
        annotation = _annotation_for(request, uuid)
        if request.method == "DELETE":
            services.annotation_delete(reader=request.user, annotation=annotation)
            return HttpResponse(status=204)
        if request.method in ("PUT", "PATCH"):
            data = _read_json(request)
            annotation = services.annotation_update(
                reader=request.user,
                annotation=annotation,
                version=_version_from(request, data),
                data=data,
            )
    except AnnotationError as exc:
        return _error(exc)
    return _json(annotation_json(annotation, request=request), ETag=_etag(annotation))


@allow("POST")
def annotation_replies(request, uuid):
    """Reply to an annotation the requester can see (201 with Location)."""
    try:
        parent = _annotation_for(request, uuid)
        reply = services.reply_create(reader=request.user, parent=parent, data=_read_json(request))
    except AnnotationError as exc:
        return _error(exc)
    return _json(
        annotation_json(reply, request=request),
        status=201,
        Location=request.build_absolute_uri(reply.get_api_url()),
        ETag=_etag(reply),
    )


@allow("POST")
def note_preview(request):
    """The sanitised HTML of a note, for the editor's preview (for readers who may write one)."""
    try:
        services.require_reader(request.user)
        data = _read_json(request)
        errors: dict[str, list[str]] = {}
        note = clean_string(data.get("note", ""), "note", errors, limit=MAX_NOTE)
        if errors:
            raise Invalid(errors=errors)
    except AnnotationError as exc:
        return _error(exc)
    return JsonResponse({"html": render_note(note)})
