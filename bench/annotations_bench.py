"""Annotations at scale: 1,000 annotations from 50 readers on one article.

Prints (targets from the annotations issues in brackets):
- queries to render the article page, the W3C collection and the page's compact payload with
  1 and with 1,000 annotations [the same number];
- the collection's and the compact payload's median and 95th percentile time on SQLite
  [median <= 100 ms];
- in Chromium, without and with a 4x CPU slowdown (bench/client_bench.py): the payload's bytes
  raw and gzip-compressed [<= 300 KB], the longest task on load, DOM size, page height against
  the article's [<= 3x], the time from pressing H to the new highlight painted and listed
  [median <= 50 ms] and the longest task while saving [<= 100 ms].

Run from the project root: .venv/bin/python bench/annotations_bench.py [--annotations 1000]
"""

import argparse
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def setup_django(workdir: Path) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    os.environ.setdefault("DEBUG", "1")  # as measured so far: the development server's settings
    os.environ["ALLOWED_HOSTS"] = "127.0.0.1,localhost,testserver"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("import_articles", str(ROOT / "seeds"), verbosity=0)


def make_readers(count: int) -> list:
    from django.contrib.auth.models import User

    return [User.objects.create_user(f"bench{n}", password="bench-pass-1") for n in range(count)]


def make_annotations(article, count: int, users: list) -> None:
    from annotations.services import annotation_create

    readers = len(users)
    rng = random.Random(7)
    text = article.text
    for n in range(count):
        start = rng.randrange(0, len(text) - 40)
        end = start + rng.randint(2, 40)
        annotation_create(
            reader=users[n % readers],
            article=article,
            data={
                "start": start,
                "end": end,
                "exact": text[start:end],
                "note": f"笔记 {n}" if n % 3 else "",
                "tags": ["bench"] if n % 5 == 0 else [],
                # Readers' private ones are all users[0]'s, who views: every highlight shows.
                "visibility": "private" if n % readers == 0 else "public",
            },
        )


def count_queries(client, url: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def time_requests(client, url: str, repeat: int) -> list[float]:
    timings = []
    for _ in range(repeat):
        began = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - began) * 1000)
        assert response.status_code == 200
    return timings


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def browser_figures(article, user, presses: int) -> None:
    """Serve the app, open the article as ``user`` in Chromium, print what the page does."""
    from django.test import Client
    from playwright.sync_api import sync_playwright

    from bench.client_bench import measure, report
    from tests.browser import CHROMIUM_ARGS, chromium_path

    client = Client()
    client.force_login(user)
    session = client.cookies["sessionid"].value
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=os.environ.copy(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for_port(port)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=chromium_path(), args=CHROMIUM_ARGS
            )
            base = f"http://127.0.0.1:{port}"
            path = article.get_absolute_url()
            for slowdown in (1, 4):
                figures = measure(browser, base, session, path, slowdown=slowdown, presses=presses)
                label = "Chromium" + (f", {slowdown}x CPU slowdown" if slowdown > 1 else "")
                report(label, figures, presses)
            browser.close()
    finally:
        server.terminate()
        server.wait()


def wait_for_port(port: int) -> None:
    for _ in range(100):
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise RuntimeError("the development server did not start")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--annotations", type=int, default=1000)
    parser.add_argument("--readers", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=50)
    parser.add_argument("--presses", type=int, default=10, help="H presses timed per run")
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="glossa-annotations-bench-"))
    try:
        setup_django(workdir)
        from django.test import Client

        from archive.models import Article

        article = Article.objects.get()
        users = make_readers(args.readers)
        make_annotations(article, 1, users[:1])
        client = Client()
        client.force_login(users[0])
        page_url = article.get_absolute_url()
        api_url = f"/api/articles/{article.slug}/annotations/"
        compact_url = api_url + "compact/"
        small = [count_queries(client, url) for url in (page_url, api_url, compact_url)]
        make_annotations(article, args.annotations - 1, users)
        large = [count_queries(client, url) for url in (page_url, api_url, compact_url)]
        print(f"annotations: {args.annotations} from {args.readers} readers")
        for name, one, many in zip(
            ("article page", "collection", "compact"), small, large, strict=True
        ):
            print(f"queries, {name + ':':13} {one} with 1, {many} with {args.annotations}")
        client.force_login(users[0])
        visible = len(client.get(api_url).json()["first"]["items"])
        for name, url in (("collection", api_url), ("compact payload", compact_url)):
            timings = time_requests(client, url, args.repeat)
            p95 = statistics.quantiles(timings, n=20)[-1]
            size = len(client.get(url).content)
            print(
                f"{name} ({visible} visible to one reader, {size / 1024:.0f} KB): median "
                f"{statistics.median(timings):.1f} ms, p95 {p95:.1f} ms [target: median <= 100 ms]"
            )
        browser_figures(article, users[0], presses=args.presses)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
