"""Content Security Policy for every response.

Django 5.2 has no CSP support of its own. The policy allows no inline script or style, so an
injected <script> or style attribute that slipped past the sanitiser still would not run.
Remote images are allowed (articles embed them); everything else must come from this origin.
Beside it: which pages shared caches may keep, and which are compressed.
"""

from django.conf import settings
from django.middleware.gzip import GZipMiddleware
from django.utils.cache import patch_cache_control, patch_vary_headers

DEFAULT_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' https: http:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.policy = getattr(settings, "GLOSSA_CSP", DEFAULT_POLICY)

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", self.policy)
        return response


class SharedCacheMiddleware:
    """Let shared caches keep pages that carry nothing personal; keep every other page private.

    A page is shareable when the request is a GET from a reader with no session, the page holds
    no CSRF token (a token is tied to one reader's cookie: a cached copy would hand it to
    everyone) and sets no cookie. Pages that say how to cache themselves are left alone.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.max_age = settings.GLOSSA_PUBLIC_MAX_AGE

    def __call__(self, request):
        response = self.get_response(request)
        if "Cache-Control" in response or request.method not in ("GET", "HEAD"):
            return response
        if response.status_code in (200, 304) and self._shareable(request, response):
            patch_cache_control(response, public=True, max_age=self.max_age)
            patch_vary_headers(response, ("Cookie", "Accept-Language"))
        elif response.status_code < 400:
            patch_cache_control(response, private=True)
        return response

    def _shareable(self, request, response) -> bool:
        return (
            self.max_age > 0
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
            and not response.cookies
            and not request.path.startswith(("/admin/", "/accounts/"))
        )


class AnonymousGZipMiddleware(GZipMiddleware):
    """Compress what anonymous readers get; send personal pages as they are.

    BREACH recovers a secret from the compressed size of pages that also reflect what an
    attacker chose (a search query next to the reader's private annotations). CSRF tokens are
    masked anew in every response, and Django pads compressed responses at random, but personal
    pages are left uncompressed all the same: a page for a logged-in reader never is compressed.
    """

    def process_response(self, request, response):
        if settings.SESSION_COOKIE_NAME in request.COOKIES:
            return response
        return super().process_response(request, response)
