"""Cheap article pages: conditional GET, and the parts that change only on import, cached.

An article page is a function of: the article row (its text, HTML and boilerplate, which every
import, re-render and editor's change saves), the registry (names, descriptions, affiliations
and mentions of people and organisations), the annotations (``page_state_add``: the
annotations app adds to the query without archive importing it), the language, the code and
templates that render it, and, for a reader who is logged in, who they are (and their CSRF
cookie: only logged-in readers' pages hold a token, ``config/language.py``). The page's ETag
is a hash of all of these, so a 304 needs no rendering: one small query.

What is cached is keyed by the same inputs, never invalidated by deleting: a change makes a new
key, and old entries age out. That is why the local-memory cache of each worker process is
safe. The registry's generation (archive/registry_generation.py) is the one value that must be
shared by every process.
"""

import datetime
import hashlib
import re
from functools import wraps
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.cache import cache, caches
from django.db import connection
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date
from django.utils.text import compress_string
from django.utils.translation import get_language

from .models import Article
from .registry_generation import registry_generation

# What other apps know about an article that its page shows (the annotations app: how many and
# their last change), as SQL over the article row ``a``: a value that changes whenever that does,
# and the time of the last change (or NULL). They join the page's one query (page_state_add).
_PAGE_STATE: dict[str, tuple[str, str]] = {}


def page_state_add(name: str, *, token_sql: str, changed_sql: str) -> None:
    _PAGE_STATE[name] = (token_sql, changed_sql)


PARTS_TIMEOUT = 24 * 60 * 60
PAGE_TIMEOUT = 60 * 60
# Part of the name of a kept page: a new value when what is kept changes shape, so that a
# server never reads what an older release kept in a shared Redis.
PAGE_FORMAT = 2
# The same in every process: with Redis, one process serves what another rendered.
CSRF_PLACEHOLDER = "glossa-csrf-token-placeholder-7f3c9a1e"
MARKER = CSRF_PLACEHOLDER.encode()
_ARTICLES = Article._meta.db_table
ACCEPTS_GZIP = re.compile(r"\bgzip\b")  # as django.middleware.gzip reads the header


def _release() -> str:
    """What the code renders with: templates and compiled translations (size, mtime)."""
    roots = [Path(settings.BASE_DIR) / "templates", Path(settings.BASE_DIR) / "locale"]
    roots += [Path(app.path) / "templates" for app in apps.get_app_configs()]
    digest = hashlib.blake2b(getattr(settings, "GLOSSA_RELEASE", "").encode(), digest_size=8)
    for root in sorted(set(roots)):
        for path in sorted(root.rglob("*")) if root.is_dir() else []:
            if path.suffix in {".html", ".mo", ".txt"}:
                stat = path.stat()
                digest.update(f"{path}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return digest.hexdigest()


_RELEASE: list[str] = []


def release() -> str:
    if not _RELEASE:
        _RELEASE.append(_release())
    return _RELEASE[0]


def _reader(request) -> list[str]:
    """Who the page is for, as far as it shows: nobody, or the logged-in reader."""
    user = request.user
    if not user.is_authenticated:
        return [""]
    return [str(user.pk), user.get_username(), str(user.is_staff)]


def validators(request, slug: str) -> tuple[str, object] | None:
    """(ETag, Last-Modified) of the article page, or None when there is no such article.

    Sets ``request.article_page_key``, naming the page's content (a logged-in reader's ETag
    also changes with their CSRF cookie: their copy holds a token masked with it).
    """
    row = None if "\x00" in slug else _stamp(slug)
    if row is None:
        return None
    (pk, updated, boilerplate, revision), others = row[:4], row[4:]
    updated = as_datetime(updated)
    request.article_parts_key = f"{pk}:{updated.isoformat()}:{boilerplate}:{revision}"
    parts = [release(), request.article_parts_key, registry_generation(), get_language() or ""]
    parts += [str(value) for value in others]
    changes = [as_datetime(value) for value in others[1::2] if value]
    modified = max([updated, *changes])
    # The page links back to itself (log in, change language), query string included.
    parts += [*_reader(request), request.get_full_path()]
    request.article_page_key = _digest(parts)
    return _etag(request), modified


def _etag(request) -> str:
    # The CSRF secret the middleware read from the cookie, or the one a page just created; an
    # anonymous page has no token, so a cookie left by the language form changes nothing.
    secret = request.META.get("CSRF_COOKIE", "") if _holds_token(request) else ""
    return f'"{_digest([request.article_page_key, secret])}"'


def _holds_token(request) -> bool:
    return request.user.is_authenticated or bool(request.META.get("CSRF_COOKIE_NEEDS_UPDATE"))


def _stamp(slug: str) -> tuple | None:
    # One plain query: this runs on every page view, building the ORM's query cost more than
    # running it, and each round trip to PostgreSQL costs as much again. Its columns are read
    # as stored; only their changes matter.
    others = "".join(f", {token}, {changed}" for token, changed in _PAGE_STATE.values())
    sql = (
        f"SELECT a.id, a.updated_at, a.boilerplate, a.revision_number{others}"
        f" FROM {_ARTICLES} a WHERE a.slug = %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [slug])
        return cursor.fetchone()


def as_datetime(value) -> datetime.datetime:
    """A timestamp as the database gave it (SQLite: text in UTC), as an aware datetime."""
    if isinstance(value, str):
        value = datetime.datetime.fromisoformat(value)
    return value if value.tzinfo else value.replace(tzinfo=datetime.UTC)


def _digest(parts: list[str]) -> str:
    return hashlib.blake2b("\x1f".join(parts).encode(), digest_size=12).hexdigest()


def parts(request, build) -> dict:
    """The page's context that depends only on the article and the registry, cached.

    The CSRF token is a placeholder, so that the rendered page can be kept and served to
    anyone it was made for, each with their own token (``conditional_article_page``).
    """
    key = f"glossa:article:{request.article_parts_key}:{registry_generation()}:{get_language()}"
    key = "glossa:parts:" + hashlib.blake2b(key.encode(), digest_size=16).hexdigest()
    context = cache.get(key)
    if context is None:
        context = build()
        cache.set(key, context, PARTS_TIMEOUT)
    return {**context, "csrf_token": CSRF_PLACEHOLDER}


def conditional_article_page(view):
    """Answer If-None-Match / If-Modified-Since with 304; serve rendered pages from the cache.

    A kept page has a placeholder where its CSRF token goes; each response gets the reader's
    own token in its place. Pages with a token are private (config.middleware).
    """

    @wraps(view)
    def inner(request, slug, *args, **kwargs):
        found = validators(request, slug) if request.method in ("GET", "HEAD") else None
        if found is None:
            return view(request, slug, *args, **kwargs)
        etag, modified = found
        response = get_conditional_response(
            request, etag=etag, last_modified=int(modified.timestamp())
        )
        if response is None:
            response = _page(request, lambda: view(request, slug, *args, **kwargs))
            etag = _etag(request)  # a first visit's page holds a token of its new cookie
        if response.status_code in (200, 304):
            # Weak when compressed, as GZipMiddleware makes it: the bytes are not the same.
            weak = "W/" if response.get("Content-Encoding") else ""
            response.headers.setdefault("ETag", weak + etag)
            response.headers.setdefault("Last-Modified", http_date(modified.timestamp()))
        # A reader's page, or one with a CSRF token: theirs alone.
        if _holds_token(request):
            patch_cache_control(response, private=True, no_cache=True)
        return response

    return inner


def _page(request, render) -> HttpResponse:
    key = f"glossa:page:{PAGE_FORMAT}:{request.article_page_key}"
    cached = _kept(key)
    if cached is None:
        response = render()
        if response.status_code != 200:
            return response
        content = response.content
        # A page without a token is the same for everyone it is for: compressed once, here,
        # not on every response (config.middleware compresses only what anonymous readers get).
        compressed = None if MARKER in content else compress_string(content)
        cached = (content, response["Content-Type"], compressed)
        _keep(key, cached)
    content, content_type, compressed = cached
    if MARKER in content:
        content = content.replace(MARKER, get_token(request).encode())
    if compressed is None:
        return HttpResponse(content, content_type=content_type)
    response = HttpResponse(content, content_type=content_type)
    patch_vary_headers(response, ("Accept-Encoding",))
    if ACCEPTS_GZIP.search(request.META.get("HTTP_ACCEPT_ENCODING", "")):
        response.content = compressed
        response["Content-Encoding"] = "gzip"
    return response


def _stores() -> list:
    """Where rendered pages are kept: the process's own memory first when the shared cache is
    another server (``pages``, with Redis), then the shared cache. A key names its page's
    content, so a copy kept in one process is never stale, only unused."""
    return [caches[alias] for alias in ("pages", "default") if alias in settings.CACHES]


def _kept(key: str):
    stores = _stores()
    for number, store in enumerate(stores):
        cached = store.get(key)
        if cached is not None:
            for nearer in stores[:number]:
                nearer.set(key, cached, PAGE_TIMEOUT)
            return cached
    return None


def _keep(key: str, cached) -> None:
    for store in _stores():
        store.set(key, cached, PAGE_TIMEOUT)
