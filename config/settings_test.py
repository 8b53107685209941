"""Only what the tests must change: a fast password hasher, plain static storage, plain HTTP."""

import os

# The tests run as production does, with DEBUG off; a key of their own keeps settings.py's check
# of production keys satisfied without weakening it. Subprocesses of the tests inherit it.
os.environ.setdefault("SECRET_KEY", "tests-only-" + "k3y-Not-A-Secret-0123456789-abcdefghijklmnop")

from .settings import *  # noqa: E402, F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Tests serve static files from the source folders; there is no collectstatic output.
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# The live test server speaks plain HTTP: secure-only cookies would never reach the browser.
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file, not Django's shared in-memory database: there the live server's threads share one
    # connection (or lock whole tables), so a race between two requests would test that
    # instead of the transactions and the write lock that production runs on.
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / "var" / "test.sqlite3")}  # noqa: F405
# Tasks run where they are enqueued, so a test sees their effect without a worker. A test that
# runs a command in a subprocess for another purpose may keep them queued (TASKS_BACKEND).
TASKS = {
    "default": {
        "BACKEND": os.environ.get(
            "TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend"
        )
    }
}
# One process: the stamps need not be shared through a file (and tests must not share one).
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "tests"},
    "stamps": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "stamps"},
}
SESSION_ENGINE = "django.contrib.sessions.backends.db"
# The test client and live server speak plain HTTP.
SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
