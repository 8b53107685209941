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
from functools import partial
from http.cookies import SimpleCookie
from unittest import mock

import pytest
from django.db import connection
from django.db.models import F
from django.test import Client

from annotations import services
from annotations.errors import NotFound
from annotations.models import Annotation
from archive.importer import import_paths
from archive.models import Article
from tests.factories import article_bytes, make_annotation, make_article, make_user

pytestmark = pytest.mark.django_db(transaction=True)

TRIALS = 30
IMPORTS = 5  # each forces the worst order of events (see import_meanwhile)
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
        # Reversed paths come quoted already: keep their escapes, quote what is raw.
        url = self.base_url + urllib.parse.quote(path, safe="/%")
        return urllib.request.Request(url, data=body, method=method, headers=headers)

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


def test_reply_to_a_thread_deleted_after_it_was_read_is_a_404(owner, article):
    thread = make_annotation(owner=owner, article=article)
    Annotation.objects.filter(pk=thread.pk).delete()
    # Without its lock, the reply reaches the database, whose foreign key refuses it.
    unlocked = mock.patch.object(services, "_locked", lambda annotation: annotation)
    with unlocked, pytest.raises(NotFound):
        services.reply_create(reader=owner, parent=thread, data={"note": "Agreed"})
    assert not Annotation.objects.exists()


@pytest.fixture
def revised(articles_dir):
    """An imported article, and a function that imports its next revision.

    Each revision adds a sentence at the end, so a selection in the first stays where it was.
    """
    path = articles_dir / "racing.md"

    def revise(n: int) -> None:
        body = BODY + "".join(f"\n\n修订{i}。" for i in range(1, n + 1))
        path.write_bytes(article_bytes(title="赛跑", date="2024-01-01", body=body))
        import_paths([str(articles_dir)])

    revise(0)
    return Article.objects.get(), revise


def import_meanwhile(service: str, revise, n: int, request):
    """Send ``request`` and import revision ``n`` just after the view has read the article,
    before ``service`` writes: the window a real import hits only now and then, every time."""
    real = getattr(services, service)
    read, imported = threading.Event(), threading.Event()

    def paused(**kwargs):
        read.set()
        imported.wait(timeout=10)
        return real(**kwargs)

    def import_revision():
        read.wait(timeout=10)
        try:
            revise(n)
        finally:
            imported.set()
            connection.close()  # this thread's own connection

    with mock.patch.object(services, service, paused):
        status, _ = race(request, import_revision)
    return status


def _left_behind():
    """Threads anchored to a revision that is no longer the article's current one."""
    threads = Annotation.objects.filter(parent__isnull=True)
    return threads.exclude(anchored_revision__number=F("article__revision_number"))


def test_annotation_made_while_its_article_is_re_imported_ends_in_the_new_text(session, revised):
    article, revise = revised
    start = article.text.index("引领时代")
    url = f"/api/articles/{article.slug}/annotations/"
    statuses = set()
    for n in range(1, IMPORTS + 1):
        data = {"start": start, "end": start + 4, "exact": "引领时代", "revision": n}
        send = partial(session.send, "POST", url, data)
        statuses.add(import_meanwhile("annotation_create", revise, n, send))
    assert statuses == {201}
    assert not _left_behind().exists()


def test_reattaching_while_the_article_is_re_imported_is_a_409_and_leaves_it_in_the_new_text(
    session, owner, revised
):
    article, revise = revised
    start = article.text.index("一家")
    data = {"start": start, "end": start + 2, "exact": "一家", "version": 1}
    statuses = set()
    for n in range(1, IMPORTS + 1):
        url = make_annotation(owner=owner, article=Article.objects.get()).get_api_url()
        send = partial(session.send, "PATCH", url, data)
        statuses.add(import_meanwhile("annotation_update", revise, n, send))
    assert statuses == {409}
    assert not _left_behind().exists()
