"""The annotations API: each article's annotations as a W3C Web Annotation Protocol container.

Both Glossa's own client (its short shape: start, end, exact, note, tags...) and any protocol
client (standard W3C annotations, w3c_input.py) read and write here. Every session write needs
the CSRF token; a request with a personal access token (accounts/tokens.py) does not. An
If-Match that is not one of our ETags is a 400; a stale one is a 412, while a stale
``version`` in the body stays a 409.
"""

import re
import uuid as uuidlib

from django.db.models import F, Value
from django.db.models.functions import Concat
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from archive.models import Article, ArticleRevision

from . import about, protocol, services
from .errors import AnnotationError, Invalid, NotFound, PreconditionFailed, StaleVersion
from .http import allow, error_response, json_response, read_json
from .models import Annotation
from .permissions import can_view
from .representation import Links, annotation_json
from .w3c_input import from_w3c, is_w3c
from .writes import put_fields

# One ETag as the views write it; a version has at most 10 digits (PositiveIntegerField).
IF_MATCH = re.compile(r'(?:W/)?("?)([0-9]{1,10})\1')


def _annotations_of(article: Article, user):
    # The revision's number and the owner's names only, not a revision (with the article's
    # text) and a user per row: that made the collection slow (bench/annotations_bench.py).
    return (
        Annotation.objects.filter(article=article)
        .visible_to(user)
        .select_related("parent")
        .prefetch_related(about.prefetch_entities())
        .annotate(
            revision_number=F("revision__number"),
            anchored_number=F("anchored_revision__number"),
            owner_username=F("owner__username"),
            owner_full_name=Concat("owner__first_name", Value(" "), "owner__last_name"),
        )
        .in_document_order()
    )


def _article(slug: str) -> Article:
    # PostgreSQL refuses NUL in a text parameter; no slug contains one.
    article = None if "\x00" in slug else Article.objects.filter(slug=slug).first()
    if article is None:
        raise NotFound(_("no such article"))
    return article


def _annotation_for(request, uuid: str, slug: str | None = None) -> Annotation:
    # The URL takes any string so that a malformed id gets this JSON 404, not the HTML page.
    try:
        uuid = uuidlib.UUID(uuid)
    except ValueError:
        raise NotFound(_("no such annotation")) from None
    annotation = (
        Annotation.objects.select_related(
            "owner", "revision", "anchored_revision", "parent", "article"
        )
        .prefetch_related(about.prefetch_entities())
        .filter(uuid=uuid)
        .first()
    )
    if annotation is None or not can_view(request.user, annotation):
        raise NotFound(_("no such annotation"))
    if slug is not None and annotation.article.slug != slug:
        raise NotFound(_("no such annotation"))  # its IRI is under its own article's container
    return annotation


def _etag(annotation: Annotation) -> str:
    return f'"{annotation.version}"'


def _if_match(request) -> int | None:
    # "*" is refused too: every write here names the version it replaces.
    header = request.headers.get("If-Match", "").strip()
    if not header:
        return None
    match = IF_MATCH.fullmatch(header)
    if match is None:
        raise Invalid(
            errors={"If-Match": [_('must be the ETag of the version you edited, such as "3"')]}
        )
    return int(match[2])


def _page_number(request) -> int | None:
    value = request.GET.get("page")
    if value is None:
        return None
    if not (value.isascii() and value.isdigit() and 0 < len(value) < 7 and int(value) > 0):
        raise NotFound(_("no such page"))
    return int(value)


def _options(headers) -> HttpResponse:
    response = HttpResponse(status=200)
    headers(response)
    return response


def _headless(request, response: HttpResponse) -> HttpResponse:
    if request.method == "HEAD":
        response.content = b""  # the headers (ETag too) are those of the GET
    return response


@allow(*protocol.CONTAINER_METHODS)
def article_annotations(request, slug):
    """The article's container: GET its description or a page, POST a new annotation."""
    if request.method == "OPTIONS":
        return _options(protocol.container_headers)
    try:
        article = _article(slug)
        if request.method == "POST":
            response = _create(request, article)
        else:
            response = _read_container(request, article)
    except AnnotationError as exc:
        response = error_response(exc)
        if exc.status == 400 and request.method == "POST":
            response["Link"] = protocol.CONSTRAINED_BY
            return response
    protocol.container_headers(response, etag=response.status_code == 200)
    return _headless(request, response)


def _read_container(request, article: Article) -> HttpResponse:
    links = Links(request)
    container = links.container(article.slug)
    annotations = _annotations_of(article, request.user)
    number = _page_number(request)
    iris = request.GET.get("iris") == "1"
    if number is None:
        choice, applied = protocol.preference(request.headers.get("Prefer", ""))
        iris = choice == protocol.IRIS
    rows, total = _page_rows(
        annotations, number or 1, skip=number is None and choice == protocol.MINIMAL
    )
    items = _items(rows, article, links, iris)
    if number is not None:
        if number > protocol.page_count(total):
            raise NotFound(_("no such page"))
        page = protocol.page_json(
            container=container, number=number, total=total, items=items, iris=iris
        )
        return json_response({"@context": links.context} | page, Content_Location=page["id"])
    data = protocol.container_json(
        context=links.context,
        container=container,
        label=article.title,
        total=total,
        choice=choice,
        first_items=items,
    )
    response = json_response(data, Content_Location=container)
    if applied:
        response["Preference-Applied"] = "return=representation"
    return response


def _page_rows(annotations, number: int, *, skip: bool) -> tuple[list, int]:
    """One page's rows and the container's total; a short page tells the total itself."""
    if skip:
        return [], annotations.count()
    start = (number - 1) * protocol.PAGE_SIZE
    rows = list(annotations[start : start + protocol.PAGE_SIZE])
    if len(rows) < protocol.PAGE_SIZE and (rows or number == 1):
        return rows, start + len(rows)
    return rows, annotations.count()


def _items(rows: list, article, links, iris: bool) -> list:
    if iris:
        return [links.annotation(article.slug, a.uuid) for a in rows]
    for annotation in rows:
        annotation.article = article  # every item links to it; save a query per item
    return [annotation_json(a, with_context=False, links=links) for a in rows]


def _create(request, article: Article) -> HttpResponse:
    data = read_json(request)
    links = Links(request)
    if is_w3c(data):
        kind, fields = from_w3c(data, article=article, links=links, creating=True)
        if kind == "reply":
            parent = _annotation_for(request, fields.pop("parent"), article.slug)
            annotation = services.reply_create(reader=request.user, parent=parent, data=fields)
        else:
            annotation = services.annotation_create(
                reader=request.user, article=article, data=fields
            )
    else:
        annotation = services.annotation_create(reader=request.user, article=article, data=data)
    annotation.article = article
    return _created(request, annotation, links)


def _created(request, annotation: Annotation, links: Links) -> HttpResponse:
    data = annotation_json(annotation, links=links)
    response = json_response(data, status=201, Location=data["id"], ETag=_etag(annotation))
    response["Content-Location"] = data["id"]
    return response


@allow(*protocol.ITEM_METHODS)
def annotation_detail(request, uuid, slug=None):
    """One annotation: read, replace (PUT), update in part (PATCH), delete."""
    if request.method == "OPTIONS":
        return _options(protocol.item_headers)
    try:
        annotation = _annotation_for(request, uuid, slug)
        response = _item_write(request, annotation) if request.method != "GET" else None
        if response is None:
            if request.method not in ("GET", "HEAD"):
                annotation = _updated(request, annotation)
            data = annotation_json(annotation, request=request)
            response = json_response(data, ETag=_etag(annotation), Content_Location=data["id"])
    except AnnotationError as exc:
        response = error_response(exc)
    protocol.item_headers(response)
    return _headless(request, response)


def _item_write(request, annotation: Annotation) -> HttpResponse | None:
    if request.method != "DELETE":
        return None
    version = _if_match(request)
    try:
        services.annotation_delete(reader=request.user, annotation=annotation, version=version)
    except StaleVersion as exc:
        raise PreconditionFailed(exc.message) from None
    return HttpResponse(status=204)


def _updated(request, annotation: Annotation) -> Annotation:
    data = read_json(request)
    header = _if_match(request)
    if request.method == "PUT":
        data = put_fields(request, annotation, data)
    try:
        return services.annotation_update(
            reader=request.user,
            annotation=annotation,
            version=header if header is not None else data.get("version"),
            data={k: v for k, v in data.items() if k != "version"},
        )
    except StaleVersion as exc:
        if header is None:
            raise
        raise PreconditionFailed(exc.message) from None


@allow("POST")
def annotation_replies(request, uuid, slug=None):
    """Reply to an annotation the requester can see (201 with Location)."""
    try:
        parent = _annotation_for(request, uuid, slug)
        reply = services.reply_create(reader=request.user, parent=parent, data=read_json(request))
    except AnnotationError as exc:
        return error_response(exc)
    reply.article = parent.article
    return _created(request, reply, Links(request))


@allow("GET", "HEAD")
def revision_text(request, slug, number):
    """One revision's canonical text: the source that selectors on an older text point into."""
    if number >= 2**31:  # larger than the column holds: SQLite would overflow, not miss
        raise Http404
    revision = get_object_or_404(
        ArticleRevision.objects.only("text"), article__slug=slug, number=number
    )
    response = HttpResponse(revision.text, content_type="text/plain; charset=utf-8")
    return _headless(request, response)
