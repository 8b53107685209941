"""Cross-origin access to the API, for the origins in settings.GLOSSA_CORS_ORIGINS only.

Credentials (cookies) are never allowed across origins, so a page elsewhere can use the API
only with a personal access token that its user gave it, never with a reader's session. The
headers a protocol client needs (ETag, Link, Location...) are exposed; a preflight is answered
here, before the view, so that the protocol's own OPTIONS stays the view's.
"""

from django.conf import settings
from django.http import HttpResponse
from django.utils.cache import patch_vary_headers

PREFIXES = ("/api/", "/ns/")
EXPOSED = "Accept-Post, Allow, Content-Location, ETag, Link, Location, Preference-Applied, Vary"
ALLOWED_HEADERS = "Accept, Authorization, Content-Type, If-Match, Prefer"
ALLOWED_METHODS = "GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE"
MAX_AGE = "600"


class CorsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        origin = request.headers.get("Origin")
        if not request.path.startswith(PREFIXES) or not origin:
            return self.get_response(request)
        allowed = origin in settings.GLOSSA_CORS_ORIGINS
        preflight = (
            request.method == "OPTIONS" and "Access-Control-Request-Method" in request.headers
        )
        if preflight:
            response = HttpResponse(status=200 if allowed else 403)
            if allowed:
                response["Access-Control-Allow-Methods"] = ALLOWED_METHODS
                response["Access-Control-Allow-Headers"] = ALLOWED_HEADERS
                response["Access-Control-Max-Age"] = MAX_AGE
        else:
            response = self.get_response(request)
        if allowed:
            response["Access-Control-Allow-Origin"] = origin
            response["Access-Control-Expose-Headers"] = EXPOSED
        patch_vary_headers(response, ["Origin"])
        return response
