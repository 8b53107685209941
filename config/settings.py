"""Glossa settings, driven by environment variables with safe development defaults.

DEBUG, SECRET_KEY, ALLOWED_HOSTS and DATABASE_URL come from the environment (the README's
Configuration table lists every variable read here). DEBUG is off unless the environment turns
it on, so a forgotten variable never runs production in debug mode; without DEBUG, a missing,
short or development SECRET_KEY is refused, so production cannot run on a key from git.
"""

import os
import sys
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


DEBUG = env_bool("DEBUG", False)

_DEV_SECRET_KEY = "django-insecure-glossa-development-key-do-not-use-in-production"
# Django's own deployment check (security.W009) asks for as much: a key an attacker cannot guess
# signs sessions, password-reset links and CSRF tokens.
SECRET_KEY_MIN_LENGTH = 50
SECRET_KEY_MIN_DISTINCT = 5


def production_secret_key_problem(key: str) -> str:
    """Why ``key`` must not sign production sessions, or "" when it may."""
    if not key:
        return "SECRET_KEY is not set"
    if key == _DEV_SECRET_KEY or key.startswith("django-insecure-"):
        return "SECRET_KEY is a development key"
    if len(key) < SECRET_KEY_MIN_LENGTH:
        return f"SECRET_KEY has {len(key)} characters; it needs at least {SECRET_KEY_MIN_LENGTH}"
    if len(set(key)) < SECRET_KEY_MIN_DISTINCT:
        return f"SECRET_KEY has fewer than {SECRET_KEY_MIN_DISTINCT} distinct characters"
    return ""


# manage.py commands that read only the code and sign nothing: checking for a missing migration
# or compiling the catalogue must not need a production key. Should one of them touch the key
# after all, Django refuses the empty one at that moment.
KEYLESS_COMMANDS = {
    "makemigrations",
    "showmigrations",
    "sqlmigrate",
    "makemessages",
    "compilemessages",
}
_command = sys.argv[1] if Path(sys.argv[0]).name == "manage.py" and len(sys.argv) > 1 else ""
_keyless = _command in KEYLESS_COMMANDS

SECRET_KEY = os.environ.get("SECRET_KEY", _DEV_SECRET_KEY if DEBUG else "")
if not DEBUG and not _keyless and (_problem := production_secret_key_problem(SECRET_KEY)):
    raise ImproperlyConfigured(
        f"{_problem} (DEBUG is off). For development, set DEBUG=true; for production, "
        "generate a key with: python -c 'from django.core.management.utils import "
        "get_random_secret_key as k; print(k())'"
    )

ALLOWED_HOSTS = [
    host.strip()
    for host in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]").split(",")
    if host.strip()
]
CSRF_TRUSTED_ORIGINS = [
    origin.strip() for origin in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if origin
]

INSTALLED_APPS = [
    # Django's admin, on a site whose login is throttled (accounts/sites.py).
    "accounts.apps.AdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_tasks",
    "django_tasks_db",
    "archive",
    "accounts",
    "annotations",
    "search",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "config.middleware.ContentSecurityPolicyMiddleware",
    "annotations.cors.CorsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Outside the session and CSRF middleware, so it sees their cookies and Vary headers.
    "config.middleware.SharedCacheMiddleware",
    "config.middleware.AnonymousGZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "accounts.middleware.AccessTokenMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "annotations.middleware.AnnotationServiceLinkMiddleware",
]

ROOT_URLCONF = "config.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'var' / 'glossa.sqlite3'}"),
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers keep reading while an import writes; the timeout makes a second writer
    # wait for the lock instead of failing at once with "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The cache keeps what pages are made of, keyed by everything they depend on (archive.caching),
# so each process may keep its own. The "stamps" cache holds the few values that every process
# must agree on (the registry's generation): a file on this machine, or Redis. Several
# machines share one Redis (REDIS_URL), which then also holds the sessions in front of the
# database.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    _redis = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    CACHES = {
        "default": {**_redis, "KEY_PREFIX": "glossa"},
        "stamps": {**_redis, "KEY_PREFIX": "glossa-stamps"},
        # Each process keeps the pages it served last in front of Redis (archive.caching).
        "pages": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("GLOSSA_PAGE_ENTRIES", "300"))},
        },
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("GLOSSA_CACHE_ENTRIES", "2000"))},
        },
        "stamps": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(BASE_DIR / "var" / "cache" / "stamps"),
        },
    }
# Seconds that shared caches (a CDN, a proxy) may keep a page with nothing personal on it
# (anonymous, no CSRF token, no cookie set); 0: never. Personal pages are always private.
GLOSSA_PUBLIC_MAX_AGE = int(os.environ.get("GLOSSA_PUBLIC_MAX_AGE", "60"))

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("zh-hans", _("Simplified Chinese"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = os.environ.get("TIME_ZONE", "Asia/Shanghai")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "archive:home"
LOGOUT_REDIRECT_URL = "archive:home"

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_FAILURE_VIEW = "config.views.csrf_failure"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if not DEBUG:
    SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
    CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
# HTTPS in production (check --deploy): the redirect and HSTS are on unless turned off, for a
# server that runs behind a proxy terminating TLS (which then sets X-Forwarded-Proto).
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
# Turning preload off is a decision (the preload list is hard to leave), not an oversight.
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD or DEBUG else ["security.W021"]
# The load balancer's health check comes over plain HTTP, from inside: never redirected.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
if env_bool("SECURE_PROXY_SSL_HEADER", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Throttling (accounts/throttle.py): each rule allows (attempts, per seconds), a sliding window.
# Per address means per client address (an IPv6 /64); the login_account rule counts one username
# from one address, and a successful login clears it. Failed logins, on the site and in the
# admin alike, count towards both login rules; every signup attempt and every reset request
# counts, the reset per address and per email address asked about (known or not).
GLOSSA_THROTTLE = {
    "login_account": (5, 15 * 60),
    "login_address": (20, 15 * 60),
    "login_account_anywhere": (50, 15 * 60),
    "signup_address": (10, 60 * 60),
    "reset_address": (5, 60 * 60),
    "reset_email": (3, 60 * 60),
    "api_token": (300, 60),  # requests with one personal access token (accounts/middleware.py)
}
# The client's address is REMOTE_ADDR. Behind a reverse proxy every request comes from the
# proxy's address: name the header that the proxy sets (X-Forwarded-For, X-Real-IP), and only
# then, since clients can send these headers themselves.
GLOSSA_CLIENT_IP_HEADER = os.environ.get("GLOSSA_CLIENT_IP_HEADER", "")

# Origins (scheme://host[:port]) whose pages may call the API from the browser, with a personal
# access token: never with the reader's cookies (annotations/cors.py). Empty: same origin only.
GLOSSA_CORS_ORIGINS = [
    origin.strip().rstrip("/")
    for origin in os.environ.get("GLOSSA_CORS_ORIGINS", "").split(",")
    if origin.strip()
]

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")

# The importer refuses files larger than this: a Markdown article is a few kB, and a file of
# many MB is almost always a mistake (an export, a binary) that would bloat every page.
GLOSSA_MAX_ARTICLE_BYTES = int(os.environ.get("GLOSSA_MAX_ARTICLE_BYTES", 5 * 1024 * 1024))
# An annotations file imported on "My annotations" may be this large (annotations/import_views.py).
GLOSSA_MAX_IMPORT_BYTES = int(os.environ.get("GLOSSA_MAX_IMPORT_BYTES", 20 * 1024 * 1024))
# Rendering one file may take this long; a file that takes longer fails alone (0: no limit).
GLOSSA_PARSE_SECONDS = float(os.environ.get("GLOSSA_PARSE_SECONDS", 60))

# Background work (Django's Tasks API, the django-tasks backport): tasks wait in the database
# until `manage.py db_worker` runs them, never inside a request; scripts/serve starts workers.
TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

# LOG_FORMAT=json writes one JSON object a line (config/logs.py), as log collectors read them;
# gunicorn.conf.py writes its access log the same way.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "config.logs.JsonFormatter"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            **({"formatter": "json"} if os.environ.get("LOG_FORMAT") == "json" else {}),
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# In development whitenoise serves straight from the app folders; production runs collectstatic.
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG
