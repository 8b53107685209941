"""An import killed with SIGKILL half-way leaves nothing behind that stops the next one.

The scenario runs once per module, on the kind of database the suite runs on: ``manage.py
import_articles`` in a subprocess, against a scratch database of its own (a file for SQLite; a
database created next to the test database for PostgreSQL, so that the subprocess never waits
on the test's own transaction), killed once some articles exist. Each test checks one thing
that the kill must not leave behind.
"""

import contextlib
import os
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection

from tests.factories import article_bytes

FILES = 300
MARKER = "GLOSSA_KILLED_IMPORT_TEST"  # in the environment of every process of the import
NEXT_IMPORT_SECONDS = 60  # a hang, not a slow import: the next import takes a few seconds
CREDITS = 4  # each byline names a source, an author and an editor; the front matter a publisher
LINGER_SECONDS = 5  # how long a killed import's processes and transactions may take to go
PARAGRAPH = (
    "OpenAI的**Sam Altman**再次成为新闻焦点，[Anthropic](https://example.com/a)与英伟达的竞争"
    "仍在继续。据报道，*这家公司*正在加速推进新一代大模型的训练计划，而市场对此仍有疑虑。"
)
BODY = "来源：[来源{n}](https://example.com/{n})\n作者丨作者{n}\n编辑丨编辑{n}\n\n" + "\n\n".join(
    f"**小标题 {i}**\n\n" + PARAGRAPH * 4 for i in range(6)
)


def processes_with(token: str) -> list[int]:
    """Live processes whose environment carries this run's marker."""
    needle = f"{MARKER}={token}\0".encode()
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if needle in (entry / "environ").read_bytes():
                found.append(int(entry.name))
        except OSError:  # gone meanwhile, or not ours to read
            continue
    return found


def kill_all(pids: list[int]) -> None:
    for pid in pids:
        with contextlib.suppress(ProcessLookupError):  # gone meanwhile
            os.kill(pid, signal.SIGKILL)


def wait_for(check, seconds: float):
    """Poll ``check`` until it returns something falsy or ``seconds`` pass; return its last."""
    deadline = time.monotonic() + seconds
    result = check()
    while result and time.monotonic() < deadline:
        time.sleep(0.1)
        result = check()
    return result


class Scratch:
    """A database of its own for the subprocesses, and plain SQL on it for the checks."""

    def __init__(self, tmp: Path):
        self.vendor = connection.vendor
        if self.vendor == "sqlite":
            self.path = tmp / "killed.sqlite3"
            self.url = f"sqlite:///{self.path}"
            return
        import psycopg

        db = connection.settings_dict
        self.name = f"{db['NAME']}_killed"  # django_db_setup made NAME the test database's
        credentials = quote(db["USER"] or "") + (
            f":{quote(db['PASSWORD'])}" if db["PASSWORD"] else ""
        )
        self.server = f"postgresql://{credentials}@{db['HOST'] or 'localhost'}:{db['PORT'] or 5432}"
        self.url = f"{self.server}/{self.name}"
        with psycopg.connect(f"{self.server}/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')
            admin.execute(f'CREATE DATABASE "{self.name}"')
            # A killed process, not a crashed machine: commits need not wait for the disk.
            admin.execute(f'ALTER DATABASE "{self.name}" SET synchronous_commit = off')

    def rows(self, sql: str, *params) -> list[tuple]:
        if self.vendor == "sqlite":
            if not self.path.exists():
                return []
            with sqlite3.connect(self.path, timeout=0) as conn:
                return conn.execute(sql.replace("%s", "?"), params).fetchall()
        import psycopg

        with psycopg.connect(self.url, autocommit=True) as conn:
            return conn.execute(sql, params).fetchall()

    def count(self, table: str) -> int:
        try:
            return self.rows(f"SELECT COUNT(*) FROM {table}")[0][0]
        except Exception:  # not migrated yet, or locked for a moment
            return 0

    def open_transactions(self) -> list:
        """Sessions in a transaction or holding a lock on the scratch database (not ours)."""
        if self.vendor == "sqlite":
            try:
                with sqlite3.connect(self.path, timeout=0) as conn:
                    conn.execute("BEGIN IMMEDIATE")  # fails while another writer holds the lock
                    conn.rollback()
            except sqlite3.OperationalError as exc:
                return [str(exc)]
            return []
        return self.rows(
            "SELECT a.pid, a.state, a.query FROM pg_stat_activity a WHERE a.datname = %s"
            " AND a.pid <> pg_backend_pid() AND (a.state LIKE 'idle in transaction%%'"
            " OR EXISTS (SELECT 1 FROM pg_locks l WHERE l.pid = a.pid))",
            self.name,
        )

    def drop(self) -> None:
        if self.vendor == "postgresql":
            import psycopg

            with psycopg.connect(f"{self.server}/postgres", autocommit=True) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


def manage(*args: str) -> list[str]:
    return [sys.executable, str(Path(settings.BASE_DIR) / "manage.py"), *args]


@pytest.fixture(scope="module")
def killed(django_db_setup, tmp_path_factory):
    """Kill an import half-way, then record what is left and how the next import goes."""
    tmp = tmp_path_factory.mktemp("killed")
    folder = tmp / "articles"
    folder.mkdir()
    for n in range(FILES):
        (folder / f"{n:03d}.md").write_bytes(article_bytes(body=BODY.format(n=n)))
    scratch = Scratch(tmp)
    token = uuid.uuid4().hex
    env = dict(
        os.environ,
        DJANGO_SETTINGS_MODULE="config.settings_test",
        DATABASE_URL=scratch.url,
        # The import is what is killed here: the recognition it queues at its end would run
        # inline with the immediate backend (minutes for 300 articles on a busy machine).
        TASKS_BACKEND="django_tasks.backends.dummy.DummyBackend",
        **{MARKER: token},
    )
    run = {"cwd": settings.BASE_DIR, "env": env}
    try:
        subprocess.run(manage("migrate", "--verbosity", "0"), check=True, **run)
        command = manage("import_articles", str(folder), "--verbosity", "0")
        with (tmp / "first.log").open("wb") as log:
            first = subprocess.Popen(command, stdout=log, stderr=log, **run)
            wait_for(lambda: first.poll() is None and scratch.count("archive_article") < 10, 60)
            assert first.poll() is None, "the import ended before it could be killed"
            os.kill(first.pid, signal.SIGKILL)
            first.wait()
        killed_at = scratch.count("archive_article")
        assert 0 < killed_at < FILES, "the import was not killed half-way"
        facts = SimpleNamespace()
        facts.left = wait_for(lambda: processes_with(token), LINGER_SECONDS)
        facts.open = wait_for(scratch.open_transactions, LINGER_SECONDS)
        facts.partial = scratch.rows(
            "SELECT a.source_key FROM archive_article a WHERE NOT EXISTS (SELECT 1 FROM"
            " archive_articlerevision r WHERE r.article_id = a.id"
            " AND r.number = a.revision_number AND r.text = a.text)"
            " OR (SELECT COUNT(*) FROM archive_credit c WHERE c.article_id = a.id) <> %s",
            CREDITS,
        )
        try:
            facts.next = subprocess.run(
                command, capture_output=True, text=True, timeout=NEXT_IMPORT_SECONDS, **run
            )
        except subprocess.TimeoutExpired:
            facts.next = None
        facts.counts = {
            table: scratch.count(table)
            for table in ("archive_article", "archive_articlerevision", "archive_credit")
        }
        yield facts
    finally:
        kill_all(processes_with(token))
        scratch.drop()


def test_killed_import_leaves_no_process_behind(killed):
    assert killed.left == []


def test_killed_import_leaves_no_transaction_or_lock_open(killed):
    assert killed.open == []


def test_killed_import_leaves_no_partial_article(killed):
    assert killed.partial == []


def test_next_import_completes_and_imports_every_file(killed):
    assert killed.next is not None, "the next import hung"
    assert killed.next.returncode == 0, killed.next.stderr
    assert killed.counts["archive_article"] == FILES


def test_next_import_gives_each_article_one_revision_and_its_credits(killed):
    assert killed.counts == {
        "archive_article": FILES,
        "archive_articlerevision": FILES,
        "archive_credit": CREDITS * FILES,
    }
