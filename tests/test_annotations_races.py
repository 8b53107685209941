"""Writes racing each other over real HTTP against the live server: never a 500, never an orphan.

Each trial releases two requests together (a barrier) at one annotation; the server answers
each in its own thread with its own database connection, as gunicorn's workers would.
"""

import json
import threading
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from http.cookies import SimpleCookie

import pytest
from django.db import connection
from django.db.models import F
from django.test import Client

from annotations.models import Annotation
from archive.importer import import_paths
from archive.models import Article
from tests.factories import article_bytes, make_annotation, make_article, make_user

pytestmark = pytest.mark.django_db(transaction=True)

TRIALS = 30
# No proxy from the environment: the live server is on this machine.
OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


class Session:
    """A logged-in browser: the session cookie, and the CSRF token that a page sets."""

    def __init__(self, base_url: str, user):
        self.base_url = base_url
        client = Client()
        client.force_login(user)
        self.cookies = {"sessionid": client.cookies["sessionid"].value}
        with OPENER.open(self._request("GET", "/")) as response:
            cookie = SimpleCookie("\n".join(response.headers.get_all("Set-Cookie")))
        self.cookies["csrftoken"] = cookie["csrftoken"].value

    def _request(self, method: str, path: str, data=None) -> urllib.request.Request:
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        if "csrftoken" in self.cookies:
            headers |= {"X-CSRFToken": self.cookies["csrftoken"]}
        body = None if data is None else json.dumps(data).encode()
        if body is not None:
            headers["Content-Type"] = "application/json"
        return urllib.request.Request(
            self.base_url + urllib.parse.quote(path), data=body, method=method, headers=headers
        )

    def send(self, method: str, path: str, data=None) -> int:
        """The response's status; the body is read so the connection closes cleanly."""
        try:
            with OPENER.open(self._request(method, path, data), timeout=30) as response:
                response.read()
                return response.status
        except urllib.error.HTTPError as error:
            error.read()
            return error.code


def race(*calls) -> tuple:
    """Run the calls in threads released together; their results in order."""
    barrier = threading.Barrier(len(calls))

    def run(call):
        barrier.wait()
        return call()

    with ThreadPoolExecutor(len(calls)) as pool:
        return tuple(future.result() for future in [pool.submit(run, call) for call in calls])


BODY = "没有人敢轻易质疑一家引领时代的公司，前提是它自己不出问题。"


@pytest.fixture
def article():
    return make_article(body=BODY)


@pytest.fixture
def owner():
    return make_user()


@pytest.fixture
def session(live_server, owner):
    return Session(live_server.url, owner)


def test_reply_racing_the_delete_of_its_thread_is_201_or_404_and_leaves_nothing(
    session, owner, article
):
    outcomes = set()
    for _ in range(TRIALS):
        url = make_annotation(owner=owner, article=article).get_api_url()
        outcomes.add(
            race(
                lambda url=url: session.send("POST", url + "replies/", {"note": "Agreed"}),
                lambda url=url: session.send("DELETE", url),
            )
        )
    assert outcomes <= {(201, 204), (404, 204)}
    assert Annotation.objects.count() == 0  # each thread went, with any reply it got


def test_update_racing_a_delete_is_200_or_404(session, owner, article):
    outcomes = set()
    for _ in range(TRIALS):
        url = make_annotation(owner=owner, article=article).get_api_url()
        outcomes.add(
            race(
                lambda url=url: session.send("PATCH", url, {"note": "Later", "version": 1}),
                lambda url=url: session.send("DELETE", url),
            )
        )
    assert outcomes <= {(200, 204), (404, 204)}
    assert Annotation.objects.count() == 0


def test_reply_racing_a_visibility_change_takes_the_visibility_its_thread_ends_with(
    session, owner, article
):
    outcomes = set()
    for _ in range(TRIALS):
        url = make_annotation(owner=owner, article=article).get_api_url()
        outcomes.add(
            race(
                lambda url=url: session.send("POST", url + "replies/", {"note": "Agreed"}),
                lambda url=url: session.send("PATCH", url, {"visibility": "public", "version": 1}),
            )
        )
    assert outcomes == {(201, 200)}
    stale = Annotation.objects.filter(parent__isnull=False).exclude(visibility="public")
    assert not stale.exists()


def _imported(folder) -> None:
    try:
        import_paths([str(folder)])
    finally:
        connection.close()  # this thread's own connection


def test_annotation_made_while_its_article_is_re_imported_ends_in_the_new_text(
    session, articles_dir
):
    path = articles_dir / "racing.md"
    path.write_bytes(article_bytes(title="赛跑", date="2024-01-01", body=BODY))
    import_paths([str(articles_dir)])
    article = Article.objects.get()
    start = article.text.index("引领时代")
    statuses = set()
    for n in range(1, TRIALS + 1):
        # Each import adds a sentence at the end, so the selection stays where it was.
        path.write_bytes(
            article_bytes(title="赛跑", date="2024-01-01", body=f"{BODY}\n\n修订{n}。")
        )
        seen = Article.objects.get().revision_number
        data = {"start": start, "end": start + 4, "exact": "引领时代", "revision": seen}
        status, _ = race(
            lambda data=data: session.send(
                "POST", f"/api/articles/{article.slug}/annotations/", data
            ),
            lambda: _imported(articles_dir),
        )
        statuses.add(status)
    assert statuses == {201}
    left_behind = Annotation.objects.exclude(
        anchored_revision__number=F("article__revision_number")
    )
    assert not left_behind.exists()
