"""Atom and RSS feeds, parsed as a feed reader would parse them."""

import feedparser
import pytest
from django.urls import reverse

from archive.models import Entity

from .factories import make_annotation, make_article, make_user

pytestmark = pytest.mark.django_db


def parse(client, url):
    response = client.get(url)
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    return feed


def test_latest_articles_atom_lists_the_newest_articles_first(client):
    older = make_article(title="旧文章", date="2024-01-01")
    newer = make_article(title="新文章", date="2024-02-01")
    feed = parse(client, "/feeds/articles.atom")
    assert feed.version == "atom10"
    titles = [entry.title for entry in feed.entries]
    assert titles.index(newer.title) < titles.index(older.title)
    assert feed.entries[0].link.endswith(newer.get_absolute_url())


def test_latest_articles_rss_parses_as_rss(client):
    article = make_article()
    feed = parse(client, "/feeds/articles.rss")
    assert feed.version.startswith("rss")
    assert article.title in [entry.title for entry in feed.entries]


def test_person_feed_lists_only_articles_involving_the_person(client):
    article = make_article()
    other = make_article()
    person = article.credits.filter(entity__kind=Entity.Kind.PERSON).first().entity
    titles = [e.title for e in parse(client, f"/feeds/people/{person.slug}.atom").entries]
    assert article.title in titles
    assert other.title not in titles


def test_organisation_feed_lists_articles_crediting_it(client):
    article = make_article()
    organisation = article.credits.filter(entity__kind=Entity.Kind.ORGANISATION).first().entity
    feed = parse(client, f"/feeds/organisations/{organisation.slug}.atom")
    assert article.title in [e.title for e in feed.entries]


def test_tag_feed_lists_only_articles_with_the_tag(client):
    tagged = make_article(tags=["AI 安全"])
    untagged = make_article(tags=["其他"])
    titles = [e.title for e in parse(client, "/feeds/tags/AI 安全.atom").entries]
    assert tagged.title in titles
    assert untagged.title not in titles


def test_unknown_entity_feed_is_404(client):
    assert client.get("/feeds/people/nobody-at-all.atom").status_code == 404


def test_pages_link_their_feeds(client):
    article = make_article(tags=["机器人"])
    person = article.credits.filter(entity__kind=Entity.Kind.PERSON).first().entity
    home = client.get("/").content.decode()
    assert 'type="application/atom+xml" href="/feeds/articles.atom"' in home
    tag_page = client.get("/?tag=机器人").content.decode()
    assert "/feeds/tags/%E6%9C%BA%E5%99%A8%E4%BA%BA.atom" in tag_page
    person_page = client.get(person.get_absolute_url()).content.decode()
    assert reverse("archive:feed_person", args=[person.slug]) in person_page


def test_reader_feed_lists_public_annotations_only(client):
    reader = make_user("feedreader")
    public = make_annotation(owner=reader, note="公开的笔记", visibility="public")
    make_annotation(owner=reader, note="私密的秘密", visibility="private")
    response = client.get("/readers/feedreader/annotations.atom")
    assert "私密的秘密" not in response.content.decode()
    feed = feedparser.parse(response.content)
    assert len(feed.entries) == 1
    assert feed.entries[0].link.endswith(public.get_absolute_url())
    assert "公开的笔记" in feed.entries[0].summary


def test_reader_feed_summary_is_sanitised_html(client):
    reader = make_user("scriptwriter")
    make_annotation(owner=reader, note="**粗体** <script>alert(1)</script>", visibility="public")
    feed = parse(client, "/readers/scriptwriter/annotations.atom")
    summary = feed.entries[0].summary
    assert "<strong>粗体</strong>" in summary
    assert "<script" not in client.get("/readers/scriptwriter/annotations.atom").content.decode()


def test_reader_feed_of_unknown_reader_is_404(client):
    assert client.get("/readers/no-such-reader/annotations.atom").status_code == 404


def test_reader_page_links_the_feed_and_hides_private_notes(client):
    reader = make_user("pagereader")
    make_annotation(owner=reader, note="看得见", visibility="public")
    make_annotation(owner=reader, note="看不见", visibility="private")
    page = client.get("/readers/pagereader/").content.decode()
    assert 'href="/readers/pagereader/annotations.atom"' in page
    assert "看得见" in page
    assert "看不见" not in page
