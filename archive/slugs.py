"""Unique slugs for articles and entities, made in one place.

``slugify`` keeps CJK letters but drops what is neither a letter nor a digit, so a name made of
emoji or punctuation (``★``, ``???``) has an empty slug: such a name gets ``fallback`` and a
short hash of the text instead, never an empty slug or a bare ``-2``.
"""

import hashlib
from collections.abc import Container

from django.db.models import QuerySet
from django.utils.text import slugify

MAX_BASE = 200  # slug fields hold 220: room for "-" and a counter


def slug_base(text: str, *, fallback: str) -> str:
    """The slug of ``text``; when that is empty, ``fallback`` and a hash of the text."""
    base = slugify(text, allow_unicode=True)[:MAX_BASE].strip("-")
    if base:
        return base
    if not text.strip():
        return fallback
    return f"{fallback}-{hashlib.sha256(text.encode()).hexdigest()[:8]}"


def unique_slug(taken: QuerySet | Container[str], text: str, *, fallback: str) -> str:
    """A slug for ``text`` that ``taken`` does not hold: the base, else base-2, base-3...

    ``taken`` is a QuerySet (asked one slug at a time) or a collection of slugs already in use
    (an import's cache, which asks the database once).
    """
    base = slug_base(text, fallback=fallback)
    candidate, number = base, 1
    while _is_taken(taken, candidate):
        number += 1
        candidate = f"{base}-{number}"
    return candidate


def _is_taken(taken, slug: str) -> bool:
    if isinstance(taken, QuerySet):
        return taken.filter(slug=slug).exists()
    return slug in taken
