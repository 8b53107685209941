"""Load benchmark: Glossa under gunicorn, many readers and a few writers, on 127.0.0.1 only.

Starts gunicorn (gunicorn.conf.py, 2 workers, DEBUG off, production settings but plain HTTP)
on a fresh database: a temporary SQLite file, or the EMPTY PostgreSQL database given with
--database-url. It seeds the registry and the seed article, N generated articles
(bench/import_bench.py's generator, through the importer) and 100 annotations on the seed
article, then drives each workload for a fixed time with a bounded number of concurrent
keep-alive clients (aiohttp, `pip install -e .[bench]`):

  static file        a stylesheet served by whitenoise from the same server: the ceiling
  article, anonymous a first visit (no validators), then a revisit (If-None-Match: 304)
  article, logged in the reader of the 100 annotations (session cookie, private page)
  home, person, search
  mixed + writers    readers of all pages while writers create and edit annotations through
                     the session API (CSRF header, If-Match), checked afterwards in the
                     database: no write lost or doubled, no "database is locked".

Each line gives requests/s, p50/p95/p99 latency and errors, and the ratios to the static file
measured in the same run (absolute figures move with the machine's load; ratios much less).

Run from the project root:
  .venv/bin/python bench/load_bench.py [--seconds 10] [--readers 20] [--count 200]
  .venv/bin/python bench/load_bench.py --database-url postgres://postgres@127.0.0.1:5432/EMPTY
"""

import argparse
import asyncio
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import aiohttp

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]
PYTHON = ROOT / ".venv" / "bin" / "python"
ANONYMOUS_SHARE, ANONYMOUS_P95, LOGGED_IN_SHARE = 0.40, 3.0, 0.15
PASSWORD = "bench-password-not-a-secret-1"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def environment(work: Path, database_url: str | None, port: int) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "REDIS_URL"}}
    if os.environ.get("BENCH_REDIS_URL"):
        env["REDIS_URL"] = os.environ["BENCH_REDIS_URL"]
    return env | {
        "DATABASE_URL": database_url or f"sqlite:///{work / 'bench.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "SECRET_KEY": "benchmark-only-not-a-secret-0123456789-abcdefghijklmnop",
        "STATIC_ROOT": str(work / "static"),
        "CONN_MAX_AGE": "60",
        # Plain HTTP on 127.0.0.1: no redirect to HTTPS, cookies sent without TLS.
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_COOKIES": "false",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": "2",
        "GUNICORN_ACCESS_LOG": str(work / "access.log"),
        # Writers and readers log in from one address: the login throttle must not refuse them.
        "PYTHONDONTWRITEBYTECODE": "1",
    }


def prepare(env: dict, work: Path, count: int, annotations: int) -> None:
    """Migrate, collect static files, import and annotate, in a child process of its own."""
    manage = [str(PYTHON), "manage.py"]
    for args in (["migrate", "--verbosity", "0"], ["collectstatic", "--noinput", "-v", "0"]):
        subprocess.run([*manage, *args], cwd=ROOT, env=env, check=True)
    subprocess.run(
        [str(PYTHON), __file__, "--seed-only", str(work), str(count), str(annotations)],
        cwd=ROOT,
        env=env,
        check=True,
    )


def seed(work: Path, count: int, annotations: int) -> None:
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from import_bench import generate

    from annotations.services import annotation_create
    from archive.importer import import_paths
    from archive.models import Article, Entity
    from archive.registry import read_registry, registry_import

    registry_import(data=read_registry(ROOT / "seeds" / "registry.yaml"))
    generate(work / "articles", count, seed=1)
    import_paths([str(ROOT / "seeds"), str(work / "articles")])
    users = get_user_model().objects
    reader = users.create_user("bench-reader", password=PASSWORD)
    for number in range(4):
        users.create_user(f"bench-writer-{number}", password=PASSWORD)
    article = Article.objects.get(source_path__startswith="000_")
    step = max(1, len(article.text) // (annotations + 1))
    for number in range(annotations):
        start = number * step
        data = {
            "start": start,
            "end": start + 4,
            "exact": article.text[start : start + 4],
            "note": f"note {number}",
            "visibility": "public" if number % 2 else "private",
        }
        annotation_create(reader=reader, article=article, data=data)
    person = Entity.objects.people().filter(credits__isnull=False).order_by("pk").first()
    urls = {
        "article": article.get_absolute_url(),
        "slug": article.slug,
        "text": article.text[:100],
        "person": person.get_absolute_url(),
    }
    (work / "urls.json").write_text(json.dumps(urls))


class Stats:
    def __init__(self):
        self.times: list[float] = []
        self.errors = 0
        self.error_kinds: dict[str, int] = {}

    def error(self, kind: str) -> None:
        self.errors += 1
        self.error_kinds[kind] = self.error_kinds.get(kind, 0) + 1


async def login(session: aiohttp.ClientSession, base: str, username: str) -> str:
    """Log in through the form, as a browser does; return the CSRF token for API writes."""
    async with session.get(f"{base}/accounts/login/") as response:
        page = await response.text()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1]
    data = {"username": username, "password": PASSWORD, "csrfmiddlewaretoken": token}
    async with session.post(
        f"{base}/accounts/login/", data=data, headers={"Referer": f"{base}/accounts/login/"}
    ) as response:
        await response.read()
        assert response.status == 200 and "sessionid" in {c.key for c in session.cookie_jar}, (
            f"login of {username} failed ({response.status})"
        )
    return next(c.value for c in session.cookie_jar if c.key == "csrftoken")


async def reader(session, urls, stats: Stats, until: float, conditional: bool) -> None:
    etags: dict[str, str] = {}
    number = 0
    while time.perf_counter() < until:
        url = urls[number % len(urls)]
        number += 1
        headers = {"If-None-Match": etags[url]} if conditional and url in etags else {}
        started = time.perf_counter()
        try:
            async with session.get(url, headers=headers, allow_redirects=False) as response:
                await response.read()
                if response.status not in (200, 304):
                    stats.error(f"HTTP {response.status}")
                    continue
                if conditional and "ETag" in response.headers:
                    etags[url] = response.headers["ETag"]
        except (TimeoutError, aiohttp.ClientError) as exc:
            stats.error(type(exc).__name__)
            continue
        stats.times.append(time.perf_counter() - started)


async def writer(session, base, article, token, stats: Stats, until: float, made: dict) -> None:
    """Create an annotation, then edit it; remember what the server acknowledged."""
    slug, text = article
    headers = {"X-CSRFToken": token, "Referer": base + "/"}
    collection = f"{base}/api/articles/{slug}/annotations/"
    number = 0
    while time.perf_counter() < until:
        number += 1
        start = number % 50
        data = {"start": start, "end": start + 3, "exact": text[start : start + 3], "note": "w"}
        started = time.perf_counter()
        try:
            async with session.post(collection, json=data, headers=headers) as response:
                body = await response.text()
                if response.status != 201:
                    stats.error(f"create {response.status}: {body[:80]}")
                    continue
                item = json.loads(body)
            uuid = item["id"].rstrip("/").rsplit("/", 1)[-1]
            made[uuid] = 1
            edit = {**headers, "If-Match": response.headers["ETag"]}
            url = f"{base}/api/annotations/{uuid}/"
            async with session.patch(url, json={"note": "edited"}, headers=edit) as response:
                body = await response.text()
                if response.status != 200:
                    stats.error(f"update {response.status}: {body[:80]}")
                    continue
                made[uuid] = 2
        except (TimeoutError, aiohttp.ClientError, KeyError, ValueError) as exc:
            stats.error(type(exc).__name__)
            continue
        stats.times.append(time.perf_counter() - started)


def client(limit: int = 1) -> aiohttp.ClientSession:
    connector = aiohttp.TCPConnector(limit=limit, keepalive_timeout=60)
    timeout = aiohttp.ClientTimeout(total=30)
    # unsafe: keep cookies from an IP address (127.0.0.1), which aiohttp refuses by default.
    jar = aiohttp.CookieJar(unsafe=True)
    return aiohttp.ClientSession(connector=connector, timeout=timeout, cookie_jar=jar)


async def run_readers(base, urls, seconds, readers, *, username=None, conditional=False):
    stats = Stats()
    sessions = [client() for _ in range(readers)]
    try:
        if username:
            await asyncio.gather(*(login(s, base, username) for s in sessions))
        for session in sessions:  # one request each first: connections open, caches warm
            async with session.get(urls[0]) as response:
                await response.read()
        until = time.perf_counter() + seconds
        await asyncio.gather(*(reader(s, urls, stats, until, conditional) for s in sessions))
    finally:
        await asyncio.gather(*(s.close() for s in sessions))
    return stats


async def run_mixed(base, urls, article, seconds, readers, writers):
    stats, write_stats, made = Stats(), Stats(), {}
    sessions = [client() for _ in range(readers)]
    writer_sessions = [client() for _ in range(writers)]
    try:
        tokens = await asyncio.gather(
            *(login(s, base, f"bench-writer-{n}") for n, s in enumerate(writer_sessions))
        )
        until = time.perf_counter() + seconds
        await asyncio.gather(
            *(reader(s, urls[n:] + urls[:n], stats, until, False) for n, s in enumerate(sessions)),
            *(
                writer(s, base, article, token, write_stats, until, made)
                for s, token in zip(writer_sessions, tokens, strict=True)
            ),
        )
    finally:
        await asyncio.gather(*(s.close() for s in sessions + writer_sessions))
    return stats, write_stats, made


def figures(stats: Stats, seconds: float) -> dict:
    times = sorted(stats.times) or [0.0]
    cuts = statistics.quantiles(times, n=100) if len(times) > 1 else [times[0]] * 99
    return {
        "rps": len(stats.times) / seconds,
        "p50": statistics.median(times) * 1000,
        "p95": cuts[94] * 1000,
        "p99": cuts[98] * 1000,
        "errors": stats.errors,
    }


def line(label: str, result: dict, ceiling: dict | None = None, note: str = "") -> None:
    text = (
        f"  {label:<30}{result['rps']:>8.0f}/s  p50 {result['p50']:>6.1f}  p95 "
        f"{result['p95']:>6.1f}  p99 {result['p99']:>6.1f} ms  errors {result['errors']}"
    )
    if ceiling:
        share, slower = result["rps"] / ceiling["rps"], result["p95"] / max(ceiling["p95"], 1e-6)
        text += f"  | {share:>4.0%} of static, p95 ×{slower:.1f}"
    print(text + (f"  {note}" if note else ""), flush=True)


def server_times(log: Path) -> None:
    """The server's own time per request (gunicorn's access log), by kind of page."""
    kinds: dict[str, list[float]] = {}
    for text in log.read_text().splitlines():
        entry = json.loads(text)
        path = entry["path"]
        kind = path.split("/")[1] or "home"
        kinds.setdefault(f"{kind} {entry['status']}", []).append(entry["ms"])
    print(
        "  server time per request (median ms): "
        + ", ".join(
            f"{kind} {statistics.median(ms):.1f} ({len(ms)})" for kind, ms in sorted(kinds.items())
        )
    )


def verify_writes(env: dict, made: dict) -> tuple[int, int, int]:
    """(acknowledged, lost or doubled, versions wrong) against the database."""
    script = (
        "import django, json, sys; django.setup();"
        "from annotations.models import Annotation;"
        "rows = Annotation.objects.filter(owner__username__startswith='bench-writer-');"
        "print(json.dumps({str(u): v for u, v in rows.values_list('uuid', 'version')}))"
    )
    result = subprocess.run(
        [str(PYTHON), "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    stored = json.loads(result.stdout)
    missing_or_extra = len(set(stored) ^ set(made))
    wrong = sum(1 for uuid, edits in made.items() if stored.get(uuid, edits) != edits)
    return len(made), missing_or_extra, wrong


async def measure(base: str, args, env: dict, work: Path) -> int:
    async with client() as session, session.get(f"{base}/") as response:
        home = await response.text()
    static = base + re.search(r'href="(/static/css/glossa\.[0-9a-f]+\.css)"', home)[1]
    slugs = re.findall(r'href="(/articles/[^"/]+/)"', home)
    seeded = json.loads((work / "urls.json").read_text())
    seed_url, person = base + seeded["article"], base + seeded["person"]
    searches = [f"{base}/search/?q={q}" for q in ("OpenAI", "芯片", "Sam Altman", "模型 -开源")]
    seconds, readers = args.seconds, args.readers
    print(f"{readers} concurrent keep-alive clients, {seconds:.0f} s each")
    ceiling = figures(await run_readers(base, [static], seconds, readers), seconds)
    line("static file (ceiling)", ceiling)
    results = {}
    workloads = [
        ("article, anonymous", [seed_url], {}),
        ("article, anonymous, revisit", [seed_url], {"conditional": True}),
        ("article, logged in, 100 notes", [seed_url], {"username": "bench-reader"}),
        ("article, logged in, revisit", [seed_url], {"username": "bench-reader", "conditional": 1}),
        ("home", [f"{base}/"], {}),
        ("person", [person], {}),
        ("search", searches, {}),
    ]  # fmt: skip
    for label, urls, options in workloads:
        stats = await run_readers(base, urls, seconds, readers, **options)
        results[label] = figures(stats, seconds)
        kinds = f"({stats.error_kinds})" if stats.errors else ""
        line(label, results[label], ceiling, kinds)
    mixed_urls = [seed_url, f"{base}/", person, *searches, *(base + s for s in slugs[:5])]
    stats, write_stats, made = await run_mixed(
        base, mixed_urls, (seeded["slug"], seeded["text"]), seconds, readers, args.writers
    )
    line("mixed readers", figures(stats, seconds), ceiling)
    server_times(work / "access.log")
    line(
        f"writers ({args.writers}, create+edit)",
        figures(write_stats, seconds),
        None,
        str(write_stats.error_kinds or ""),
    )
    acknowledged, lost, wrong = verify_writes(env, made)
    locked = (work / "gunicorn.log").read_text().count("database is locked")
    print("checks")
    checks = [
        ("anonymous article ≥ 40% of static", results["article, anonymous"]["rps"]
         >= ANONYMOUS_SHARE * ceiling["rps"]),
        ("anonymous article p95 ≤ 3 × static", results["article, anonymous"]["p95"]
         <= ANONYMOUS_P95 * ceiling["p95"]),
        ("logged-in article ≥ 15% of static", results["article, logged in, 100 notes"]["rps"]
         >= LOGGED_IN_SHARE * ceiling["rps"]),
        ("0 errors", sum(r["errors"] for r in results.values()) + stats.errors
         + write_stats.errors == 0),
        (f"writes: {acknowledged} acknowledged, {lost} lost or doubled", lost == 0),
        (f"writes: {wrong} with a wrong version", wrong == 0),
        (f"'database is locked': {locked}", locked == 0),
    ]  # fmt: skip
    for label, ok in checks:
        print(f"  {label:<60}{'ok' if ok else 'MISSED'}")
    return 0 if all(ok for _, ok in checks) else 1


def wait_for(base: str, server: subprocess.Popen) -> None:
    for _ in range(200):
        if server.poll() is not None:
            sys.exit(f"gunicorn exited with {server.returncode}")
        try:
            socket.create_connection(("127.0.0.1", int(base.rsplit(":", 1)[1])), 0.2).close()
            return
        except OSError:
            time.sleep(0.1)
    sys.exit("gunicorn did not start")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=10, help="each workload's duration")
    parser.add_argument("--readers", type=int, default=20, help="concurrent readers")
    parser.add_argument("--writers", type=int, default=2, help="concurrent writers (max 4)")
    parser.add_argument("--count", type=int, default=200, help="generated articles")
    parser.add_argument("--annotations", type=int, default=100, help="on the seed article")
    parser.add_argument("--database-url", help="an EMPTY database (default: temporary SQLite)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument("--seed-only", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.seed_only:
        seed(Path(args.seed_only[0]), int(args.seed_only[1]), int(args.seed_only[2]))
        return 0
    work = Path(tempfile.mkdtemp(prefix="glossa-load-"))
    port = free_port()
    env = environment(work, args.database_url, port)
    base = f"http://127.0.0.1:{port}"
    server = None
    try:
        print(f"seeding {args.count} articles and {args.annotations} annotations ...", flush=True)
        prepare(env, work, args.count, args.annotations)
        with (work / "gunicorn.log").open("wb") as log:
            command = [str(ROOT / ".venv" / "bin" / "gunicorn"), "-c", "gunicorn.conf.py"]
            server = subprocess.Popen(
                [*command, "config.wsgi"], cwd=ROOT, env=env, stdout=log, stderr=log
            )
        wait_for(base, server)
        engine = "PostgreSQL" if args.database_url else "SQLite"
        print(f"gunicorn, 2 workers, {engine}, cache: {'Redis' if 'REDIS_URL' in env else 'local'}")
        return asyncio.run(measure(base, args, env, work))
    finally:
        if server is not None:
            server.terminate()
            server.wait(30)
        if args.keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
