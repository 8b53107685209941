"""Requests to the API that carry a personal access token (Authorization: Bearer ...).

Such a request acts as the token's owner, whatever session cookie it carries, and without
Django's CSRF check: CSRF exploits the cookie a browser sends by itself, while a token is only
sent by a client that holds it. A request without a token keeps the session and its CSRF
check. Tokens work under /api/ only, so a token cannot reach the account pages (and make more
tokens); read tokens may only read; each token's requests are rate-limited (throttle.py).
"""

from django.http import JsonResponse
from django.utils.translation import gettext as _

from . import throttle
from .tokens import token_authenticate

API_PREFIX = "/api/"
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


def _refusal(status: int, message: str, challenge: str | None = None) -> JsonResponse:
    response = JsonResponse(
        {"error": message}, status=status, json_dumps_params={"ensure_ascii": False}
    )
    if challenge:
        response["WWW-Authenticate"] = challenge
    return response


class AccessTokenMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        header = request.META.get("HTTP_AUTHORIZATION", "")
        if header[:7].lower() != "bearer ":
            return self.get_response(request)
        if not request.path.startswith(API_PREFIX):
            return _refusal(401, _("access tokens are accepted by the API only"), "Bearer")
        token = token_authenticate(header[7:].strip())
        if token is None:
            return _refusal(
                401, _("the access token is unknown or revoked"), 'Bearer error="invalid_token"'
            )
        counters = (throttle.Counter.of("api_token", str(token.pk)),)
        seconds = throttle.throttle_wait(counters=counters)
        if seconds:
            response = _refusal(429, _("too many requests with this token; wait and retry"))
            response["Retry-After"] = str(seconds)
            return response
        throttle.attempt_record(counters=counters)
        if request.method not in SAFE_METHODS and token.scope != token.Scope.WRITE:
            return _refusal(
                403,
                _("this access token may only read"),
                'Bearer error="insufficient_scope", scope="write"',
            )
        request.user = token.user
        request.access_token = token
        request._dont_enforce_csrf_checks = True  # the token, not a cookie, authenticates
        return self.get_response(request)
