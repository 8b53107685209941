import os
import subprocess
import sys

from django.conf import settings


def load_settings(**env) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG"}}
    return subprocess.run(
        [sys.executable, "-c", "import config.settings"],
        cwd=settings.BASE_DIR,
        env=environment | env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_refuses_the_development_secret_key():
    result = load_settings(DEBUG="false")
    assert result.returncode != 0 and "Set SECRET_KEY" in result.stderr


def test_production_starts_with_its_own_secret_key():
    assert load_settings(DEBUG="false", SECRET_KEY="a-real-secret").returncode == 0


def test_sqlite_runs_in_wal_mode_with_a_busy_timeout():
    probe = (
        "import config.settings as s; o = s.DATABASES['default']['OPTIONS'];"
        "print('journal_mode=WAL' in o['init_command'], o['timeout'])"
    )
    environment = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    result = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.stdout.split() == ["True", "20"]
