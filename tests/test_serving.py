"""Production shape: the health endpoint, compression, deploy checks, logs, gunicorn's config."""

import gzip
import json
import logging
import os
import runpy
import subprocess
import sys

import pytest
from django.conf import settings
from django.db import OperationalError
from django.test import Client

from config import health
from config.logs import JsonFormatter
from tests.factories import make_article, make_user

pytestmark = pytest.mark.django_db
GOOD_KEY = "k7#Qv!2pLx9@Wm4$Rt8^Zb1&Nc6*Hd3(Fs5)Jg0-Yu+Ea_Oi=Pw~Ty"


def test_health_endpoint_answers_ok_when_database_and_caches_answer(client):
    response = client.get("/healthz")
    assert (response.status_code, response.json()["status"]) == (200, "ok")


def test_health_endpoint_is_never_cached(client):
    assert "no-cache" in client.get("/healthz")["Cache-Control"]


def test_health_endpoint_names_the_database_when_it_is_down(client, monkeypatch):
    def down():
        raise OperationalError("connection refused")

    monkeypatch.setitem(health.CHECKS, "database", down)
    response = client.get("/healthz")
    body = response.json()
    assert (response.status_code, body["status"], body["checks"]["database"]["ok"]) == (
        503,
        "fail",
        False,
    )
    assert "connection refused" in body["checks"]["database"]["error"]


def test_health_endpoint_fails_when_the_database_connection_fails(client, monkeypatch):
    from django.db import connections

    def refuse(*args, **kwargs):
        raise OperationalError("could not connect to server")

    monkeypatch.setattr(connections["default"], "cursor", refuse)
    response = client.get("/healthz")
    assert response.status_code == 503 and "could not connect" in response.content.decode()


def test_health_endpoint_names_a_cache_that_loses_what_it_was_given(client, monkeypatch):
    monkeypatch.setattr(type(health.caches["default"]), "get", lambda self, key, default=None: None)
    body = client.get("/healthz").json()
    assert body["checks"]["cache"]["ok"] is False


def test_anonymous_page_is_compressed(client):
    make_article()
    response = client.get("/", headers={"accept-encoding": "gzip"})
    assert response["Content-Encoding"] == "gzip"
    assert b"<html" in gzip.decompress(response.content)


def test_logged_in_readers_page_is_not_compressed(client):
    make_article()
    client.force_login(make_user())
    response = client.get("/", headers={"accept-encoding": "gzip"})
    assert "Content-Encoding" not in response and b"<html" in response.content


def test_deploy_checks_pass_under_production_settings():
    environment = {k: v for k, v in os.environ.items() if k not in {"DEBUG"}}
    environment |= {"SECRET_KEY": GOOD_KEY, "DJANGO_SETTINGS_MODULE": "config.settings"}
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_redirects_plain_http_to_https_but_not_the_health_check(settings):
    settings.SECURE_SSL_REDIRECT = True
    client = Client()  # a new client loads the middleware with the setting as it is now
    assert (client.get("/").status_code, client.get("/healthz").status_code) == (301, 200)


def test_json_log_lines_are_json():
    record = logging.LogRecord("glossa", logging.WARNING, __file__, 1, "slow %s", ("页面",), None)
    entry = json.loads(JsonFormatter().format(record))
    assert (entry["level"], entry["message"]) == ("WARNING", "slow 页面")


def test_gunicorn_config_takes_workers_from_the_environment(monkeypatch):
    monkeypatch.setenv("GUNICORN_WORKERS", "3")
    config = runpy.run_path(str(settings.BASE_DIR / "gunicorn.conf.py"))
    assert (config["workers"], config["logger_class"]) == (3, "config.logs.GunicornJsonLogger")


def test_gunicorn_config_runs_two_workers_a_core_and_one(monkeypatch):
    monkeypatch.delenv("GUNICORN_WORKERS", raising=False)
    config = runpy.run_path(str(settings.BASE_DIR / "gunicorn.conf.py"))
    assert config["workers"] == (os.cpu_count() or 1) * 2 + 1
