"""Downloads of a reader's annotations: from "My annotations" (the session) and the API."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponseBadRequest, StreamingHttpResponse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from archive.models import Article

from .errors import Invalid, NotAuthenticated
from .export_markdown import file_name, markdown_file, markdown_zip
from .exporting import csv_stream, export_rows, jsonld_stream
from .filters import Filters
from .http import JSONLD, allow, error_response
from .representation import Links

FORMATS = ("jsonld", "csv", "md")


def _stream(request):
    """The response for the requested format, or None when the format is not one of ours."""
    fmt = request.GET.get("format", "jsonld")
    if fmt not in FORMATS:
        return None
    rows = export_rows(request.user, Filters.from_query(request.GET))
    links = Links(request)
    if fmt == "csv":
        return _download(csv_stream(rows, links=links), "text/csv; charset=utf-8", "glossa.csv")
    if fmt == "jsonld":
        stream = jsonld_stream(
            rows,
            links=links,
            collection_id=request.build_absolute_uri(),
            label=_("Annotations by %(name)s") % {"name": request.user.get_username()},
        )
        return _download(stream, JSONLD, "glossa.jsonld")
    articles = list(rows.order_by().values_list("article_id", flat=True).distinct()[:2])
    if len(articles) == 1:
        article = Article.objects.only("slug").get(pk=articles[0])
        markdown = "text/markdown; charset=utf-8"
        return _download(markdown_file(rows, links=links), markdown, file_name(article))
    return _download(markdown_zip(rows, links=links), "application/zip", "glossa-markdown.zip")


def _download(stream, content_type: str, name: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse(stream, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, name)
    response["Cache-Control"] = "private, no-store"  # a reader's private notes
    return response


def _bad_format() -> str:
    return _("format must be one of: %(formats)s") % {"formats": ", ".join(FORMATS)}


@login_required
@allow("GET")
def my_export(request):
    """The reader's annotations, with the filters of "My annotations", as a download."""
    return _stream(request) or HttpResponseBadRequest(_bad_format())


@allow("GET")
def api_export(request):
    """The same through the API, for a session or a personal access token."""
    if not request.user.is_authenticated:
        return error_response(NotAuthenticated(_("log in or send an access token to export")))
    return _stream(request) or error_response(Invalid(errors={"format": [_bad_format()]}))
