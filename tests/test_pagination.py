"""The one pagination partial: every list keeps its filters, its labels and its words."""

import re
from html import unescape
from urllib.parse import urljoin

import pytest

from tests.factories import make_annotation, make_article, make_user

pytestmark = pytest.mark.django_db

# Each character here breaks a query string built by hand: & and + and # and a space.
HARD = "R&D #1 + 芯片 新闻"


def link(html: str, rel: str) -> str:
    return unescape(re.search(rf'<a rel="{rel}" href="([^"]+)"', html).group(1))


def follow(client, url: str, params: dict, rel: str = "next"):
    """Open ``url`` with ``params``, then follow its link to the ``rel`` page as a browser would."""
    html = client.get(url, params).content.decode()
    return client.get(urljoin(url, link(html, rel)))


def nav(html: str) -> str:
    return re.search(r'<nav class="pagination".*?</nav>', html, re.S).group(0)


def home_tagged(client) -> dict:
    for _ in range(21):
        make_article(tags=[HARD])
    make_article(tags=["R"])
    return {"tag": HARD}


def search_tagged(client) -> dict:
    for _ in range(21):
        make_article(body="芯片", tags=[HARD])
    make_article(body="芯片", tags=["R"])
    return {"q": "芯片", "tag": HARD}


def mine_tagged(client) -> dict:
    owner = make_user()
    client.force_login(owner)
    article = make_article()
    for _ in range(31):
        make_annotation(owner=owner, article=article, tags=[HARD])
    make_annotation(owner=owner, article=article, tags=["R"])
    return {"tag": HARD}


LISTS = [("/", home_tagged), ("/search/", search_tagged), ("/annotations/mine/", mine_tagged)]


@pytest.mark.parametrize(("url", "make"), LISTS)
def test_next_page_keeps_a_filter_with_reserved_characters(client, url, make):
    params = make(client)
    response = follow(client, url, params)
    assert response.wsgi_request.GET.dict() == {**params, "page": "2"}


@pytest.mark.parametrize(("url", "make"), LISTS)
def test_next_page_shows_the_rest_of_the_filtered_list(client, url, make):
    params = make(client)
    response = follow(client, url, params)
    assert len(response.context["page"].object_list) == 1


def test_previous_page_keeps_the_filter(client):
    params = home_tagged(client)
    response = follow(client, "/", {**params, "page": 2}, "prev")
    assert response.wsgi_request.GET.dict() == {**params, "page": "1"}


def test_a_list_newest_first_links_newer_and_older_pages(client):
    for _ in range(21):
        make_article()
    html = nav(client.get("/", {"page": 2}).content.decode())
    assert 'aria-label="Pages"' in html and ">Newer</a>" in html


def test_search_results_link_previous_and_next_pages_of_results(client):
    for _ in range(21):
        make_article(body="芯片")
    html = nav(client.get("/search/", {"q": "芯片", "page": 2}).content.decode())
    assert 'aria-label="Pages of results"' in html and ">Previous</a>" in html


def test_page_links_are_translated(client):
    for _ in range(21):
        make_article()
    html = nav(client.get("/", headers={"accept-language": "zh-CN"}).content.decode())
    assert 'aria-label="分页"' in html and ">较早</a>" in html and "第 1 页" in html


def test_people_list_keeps_a_campaign_parameter_across_pages(client):
    for number in range(51):
        make_article(author=f"作者{number:02d}")
    html = client.get("/people/", {"utm_source": "newsletter"}).content.decode()
    assert link(html, "next") == "?utm_source=newsletter&page=2"
