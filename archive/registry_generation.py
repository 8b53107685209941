"""The registry's generation: one value that every cached article page is keyed by.

Any write to the registry (names, descriptions, affiliations and mentions of people and
organisations) may change every article page, so it makes a new generation, and with it new
keys for everything cached (archive/caching.py). It is the one value that must be shared by
every process (the ``stamps`` cache: a file in ``var/`` on one machine, Redis with
``REDIS_URL``), since a registry import or an admin edit runs in another process than the one
serving the page.
"""

import threading
import time
import uuid
from contextlib import contextmanager

from django.apps import apps
from django.core.cache import caches
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

STAMPS = "stamps"
REGISTRY_KEY = "glossa:registry-generation"
# The registry's tables: any write to them may change names, cards and mentions on every page.
REGISTRY_MODELS = {"person", "organisation", "entity", "alias", "affiliation"}


def registry_generation() -> str:
    """The registry's current generation, read from the shared cache at most once a second
    per process: a registry change reaches every server's pages within a second."""
    now = time.monotonic()
    if _GENERATION and _GENERATION[1] > now:
        return _GENERATION[0]
    stamps = caches[STAMPS]
    value = stamps.get(REGISTRY_KEY)
    if value is None:  # first use, or the cache was cleared: any new value is safe
        stamps.add(REGISTRY_KEY, uuid.uuid4().hex, timeout=None)
        value = stamps.get(REGISTRY_KEY)
    _GENERATION[:] = [value, now + GENERATION_SECONDS]
    return value


_GENERATION: list = []
GENERATION_SECONDS = 1.0


def registry_changed() -> None:
    """Every article page is stale once the transaction commits (bulk writes call this)."""
    if getattr(_collecting, "changed", None) is not None:
        _collecting.changed = True
        return

    def bump() -> None:
        caches[STAMPS].set(REGISTRY_KEY, uuid.uuid4().hex, timeout=None)
        _GENERATION.clear()

    # Now, for this transaction's own reads; again at the commit, since a page rendered in
    # between, by another process, saw the registry as it was before.
    bump()
    transaction.on_commit(bump)


_collecting = threading.local()


@contextmanager
def registry_changes_collected():
    """Within the block, registry changes are noted and announced once, when it ends.

    For a writer that changes the registry many times in one transaction and renders no page
    meanwhile: the importer creates the people of bylines as it goes, and each announcement
    writes the shared stamp twice (a file, or Redis). Use it inside the transaction.
    """
    outer = getattr(_collecting, "changed", None)
    _collecting.changed = False
    try:
        yield
        changed = _collecting.changed
    finally:
        _collecting.changed = outer
    if changed:
        registry_changed()


def _on_registry_write(sender, **kwargs) -> None:
    registry_changed()


def connect_registry_receivers() -> None:
    # Named senders only: a receiver for every model would stop Django's fast bulk deletes.
    for model in apps.get_app_config("archive").get_models():
        if model._meta.model_name in REGISTRY_MODELS:
            uid = f"archive.registry_generation.{model._meta.model_name}"
            post_save.connect(_on_registry_write, sender=model, dispatch_uid=uid)
            post_delete.connect(_on_registry_write, sender=model, dispatch_uid=uid)
            for field in model._meta.many_to_many:
                m2m_changed.connect(_on_registry_write, sender=field.remote_field.through)
