"""Browsers ask for /favicon.ico (and iOS for /apple-touch-icon.png) at the site's root,
whatever the page links to: answer with the static icons rather than a 404 on every page."""

from django.http import HttpResponsePermanentRedirect
from django.templatetags.static import static

ROOT_ICONS = {
    "favicon.ico": "icons/favicon.ico",
    "apple-touch-icon.png": "icons/apple-touch-icon.png",
}


def root_icon(request, name):
    """A permanent redirect to the icon's static file (hashed and long-cached in production)."""
    return HttpResponsePermanentRedirect(static(ROOT_ICONS[name]))
