"""The load balancer's health check: is this server able to answer pages?

It asks the database for one row and writes and reads back a value in each cache (the
caches hold sessions and shared stamps). 200 with {"status": "ok"} when all answer; 503 with
the failing checks named and their error when any does not, so that a load balancer stops
sending readers to a server that would fail them. It reads no session and sets no cookie.
"""

import time
import uuid

from django.core.cache import caches
from django.db import connections
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe


def _database() -> None:
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def _cache(alias: str):
    def check() -> None:
        key, value = f"glossa:health:{uuid.uuid4().hex}", uuid.uuid4().hex
        cache = caches[alias]
        cache.set(key, value, 10)
        if cache.get(key) != value:
            raise RuntimeError("a value written was not read back")
        cache.delete(key)

    return check


CHECKS = {"database": _database, "cache": _cache("default"), "stamps": _cache("stamps")}


@never_cache
@require_safe
def healthz(request):
    results, failed = {}, False
    for name, check in CHECKS.items():
        started = time.perf_counter()
        try:
            check()
        except Exception as exc:  # noqa: BLE001 - any failure means "not healthy", named
            results[name] = {"ok": False, "error": f"{type(exc).__name__}: {exc}"[:300]}
            failed = True
        else:
            results[name] = {"ok": True, "ms": round((time.perf_counter() - started) * 1000, 1)}
    body = {"status": "fail" if failed else "ok", "checks": results}
    return JsonResponse(body, status=503 if failed else 200)
