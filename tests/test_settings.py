import ast
import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

SETTINGS_FILE = Path(settings.BASE_DIR) / "config" / "settings.py"
README = Path(settings.BASE_DIR) / "README.md"
GOOD_KEY = "k7#Qv!2pLx9@Wm4$Rt8^Zb1&Nc6*Hd3(Fs5)Jg0-Yu+Ea_Oi=Pw~Ty"


def load_settings(**env) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG"}}
    return subprocess.run(
        [sys.executable, "-c", "import config.settings as s; print(s.DEBUG)"],
        cwd=settings.BASE_DIR,
        env=environment | env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_debug_is_off_when_the_environment_does_not_turn_it_on():
    result = load_settings(SECRET_KEY=GOOD_KEY)
    assert (result.returncode, result.stdout.strip()) == (0, "False")


def test_debug_on_from_the_environment_runs_on_the_development_key():
    result = load_settings(DEBUG="true")
    assert (result.returncode, result.stdout.strip()) == (0, "True")


def test_production_refuses_a_missing_secret_key():
    result = load_settings()
    assert result.returncode != 0 and "SECRET_KEY is not set" in result.stderr


def test_production_refuses_the_development_secret_key():
    result = load_settings(
        DEBUG="false", SECRET_KEY="django-insecure-glossa-development-key-do-not-use-in-production"
    )
    assert result.returncode != 0 and "development key" in result.stderr


def test_production_refuses_a_short_secret_key():
    result = load_settings(DEBUG="false", SECRET_KEY="a-real-secret")
    assert result.returncode != 0 and "needs at least 50" in result.stderr


def test_production_refuses_a_secret_key_of_few_distinct_characters():
    result = load_settings(DEBUG="false", SECRET_KEY="ab" * 40)
    assert result.returncode != 0 and "distinct characters" in result.stderr


def test_production_starts_with_a_long_random_secret_key():
    assert load_settings(DEBUG="false", SECRET_KEY=GOOD_KEY).returncode == 0


def manage(*arguments: str) -> subprocess.CompletedProcess:
    """manage.py with neither SECRET_KEY nor DEBUG in the environment."""
    environment = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG"}}
    return subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=settings.BASE_DIR,
        env=environment | {"DJANGO_SETTINGS_MODULE": "config.settings"},
        capture_output=True,
        text=True,
        check=False,
    )


def test_checking_for_missing_migrations_needs_no_secret_key():
    result = manage("makemigrations", "--check", "--dry-run")
    assert (result.returncode, result.stdout.strip()) == (0, "No changes detected")


def test_a_command_that_touches_the_database_still_refuses_a_missing_secret_key():
    result = manage("migrate", "--check")
    assert result.returncode != 0 and "SECRET_KEY is not set" in result.stderr


def environment_variables_read_by_settings() -> set[str]:
    """Names passed to os.environ.get/[] or env_bool(...) in config/settings.py."""
    names = set()
    for node in ast.walk(ast.parse(SETTINGS_FILE.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant):
            func = ast.unparse(node.func)
            if func in {"os.environ.get", "os.getenv", "env_bool", "env_int"}:
                names.add(node.args[0].value)
        if isinstance(node, ast.Subscript) and ast.unparse(node.value) == "os.environ":
            names.add(ast.literal_eval(node.slice))
    return names


def test_readme_configuration_table_lists_every_variable_the_settings_read():
    documented = set(re.findall(r"^\| `([A-Z][A-Z0-9_]+)` \|", README.read_text(), re.M))
    read = environment_variables_read_by_settings()
    assert read and read - documented == set()


def sqlite_pragma(database: Path, pragma: str) -> str:
    """``PRAGMA pragma`` as a connection that Django opens with the project's settings sees it."""
    probe = (
        "import django; django.setup(); from django.db import connection\n"
        "with connection.cursor() as c:\n"
        f"    c.execute('PRAGMA {pragma}'); print(c.fetchone()[0])"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=settings.BASE_DIR,
        env=os.environ | {"DATABASE_URL": f"sqlite:///{database}"},
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's journal mode: SQLite only")
def test_sqlite_connections_run_in_wal_mode(tmp_path):
    database = tmp_path / "wal.sqlite3"
    through_django = sqlite_pragma(database, "journal_mode")
    # WAL is a property of the database file: a second, plain connection sees it too.
    with sqlite3.connect(database) as plain:
        on_file = plain.execute("PRAGMA journal_mode").fetchone()[0]
    assert (through_django, on_file) == ("wal", "wal")


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's busy timeout: SQLite only")
def test_sqlite_connections_wait_20_seconds_for_a_busy_database(tmp_path):
    assert sqlite_pragma(tmp_path / "busy.sqlite3", "busy_timeout") == "20000"


def test_django_refuses_orm_calls_from_async_code_outside_browser_tests():
    assert "DJANGO_ALLOW_ASYNC_UNSAFE" not in os.environ
