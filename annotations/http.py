"""JSON in and out for the annotations API: bodies read with limits, errors as JSON.

Errors are JSON with a message, and per-field messages for invalid input; that includes 404
and 405, which Django would otherwise answer with an HTML page or an empty body (config/views.py
answers a refused CSRF token and a 500 in JSON).
"""

import json
import re
from functools import wraps

import orjson
from django.http import HttpResponse, JsonResponse
from django.http.request import RawPostDataException
from django.utils.translation import gettext as _

from .errors import AnnotationError, Invalid, NotAllowed, NotFound, UnsupportedMediaType

MAX_BODY_BYTES = 64 * 1024
JSONLD = 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"'
JSON_TYPES = {"application/json", "application/ld+json"}
# ASCII digits only: str.isdigit() also accepts "²" and "١", which int() then refuses or reads.
CONTENT_LENGTH = re.compile(r"[0-9]{1,12}")


def json_response(data, status=200, **headers) -> HttpResponse:
    # orjson: a thousand annotations encode in a few milliseconds instead of thirty.
    response = HttpResponse(orjson.dumps(data), status=status, content_type=JSONLD)
    for name, value in headers.items():
        response[name.replace("_", "-")] = value
    return response


def error_response(exc: AnnotationError) -> JsonResponse:
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
                response = error_response(
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
    return error_response(NotFound(_("no such API address")))


def read_json(request, *, limit: int = MAX_BODY_BYTES) -> dict:
    if request.content_type not in JSON_TYPES:
        # Also keeps Django from parsing a form or multipart body, after which request.body
        # can no longer be read.
        raise UnsupportedMediaType(_("send the request body as application/json"))
    length = request.META.get("CONTENT_LENGTH") or "0"
    if not CONTENT_LENGTH.fullmatch(length) or int(length) > limit:
        raise Invalid(
            _("the request body must be JSON of at most %(size)s KB") % {"size": limit // 1024}
        )
    try:
        return parse_json(request.body)
    except RawPostDataException as exc:
        raise Invalid(_("the request body could not be read")) from exc


def parse_json(raw: bytes) -> dict:
    """A JSON object from bytes, or Invalid saying what is wrong with them."""
    try:
        data = json.loads(raw.decode("utf-8"))
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
