"""My annotations: filters that behave alike on SQLite and PostgreSQL, and pages that keep them."""

import importlib
from html import unescape
from urllib.parse import parse_qs, urlencode

import pytest
from django.apps import apps

from annotations.models import Annotation
from tests.factories import make_annotation, make_article, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def owner(client):
    user = make_user()
    client.force_login(user)
    return user


def shown(client, **params) -> list[str]:
    page = client.get("/annotations/mine/", params).context["page"]
    return [annotation.note for annotation in page.object_list]


def next_link(client, **params) -> str:
    html = client.get("/annotations/mine/", params).content.decode()
    start = html.index('rel="next" href="') + len('rel="next" href="')
    return unescape(html[start : html.index('"', start)])


def test_next_page_keeps_the_colour_and_tag_filters(client, owner):
    article = make_article()
    for _ in range(35):
        make_annotation(owner=owner, article=article, colour="green", tags=["AI"])
    assert parse_qs(next_link(client, colour="green", tag="AI")[1:]) == {
        "colour": ["green"],
        "tag": ["AI"],
        "page": ["2"],
    }


def test_next_page_keeps_the_article_filter(client, owner):
    article = make_article()
    for _ in range(31):
        make_annotation(owner=owner, article=article)
    assert (
        next_link(client, article=article.slug) == f"?{urlencode({'article': article.slug})}&page=2"
    )


def test_next_page_of_the_home_page_keeps_its_tag(client):
    for _ in range(21):
        make_article(tags=["芯片"])
    html = client.get("/", {"tag": "芯片"}).content.decode()
    assert "?tag=%E8%8A%AF%E7%89%87&amp;page=2" in html


def test_tag_filter_ignores_letter_case(client, owner):
    make_annotation(owner=owner, note="tagged", tags=["AI"])
    assert shown(client, tag="ai") == ["tagged"]


def test_tag_filter_ignores_letter_case_beyond_ascii(client, owner):
    make_annotation(owner=owner, note="tagged", tags=["Élan"])
    assert shown(client, tag="éLAN") == ["tagged"]


def test_tag_filter_matches_whole_tags_only(client, owner):
    make_annotation(owner=owner, note="tagged", tags=["AI safety"])
    assert shown(client, tag="AI") == []


def test_tag_filter_does_not_match_across_two_tags(client, owner):
    make_annotation(owner=owner, note="tagged", tags=["AI", "安全"])
    assert shown(client, tag="AI\n安全") == []


def test_tag_filter_treats_like_wildcards_literally(client, owner):
    make_annotation(owner=owner, note="tagged", tags=["AI"])
    assert shown(client, tag="%") == [] and shown(client, tag="_I") == []


def test_nul_in_the_tag_filter_gives_an_empty_list(client, owner):
    make_annotation(owner=owner, tags=["AI"])
    response = client.get("/annotations/mine/", {"tag": "A\x00I"})
    assert response.status_code == 200 and list(response.context["page"].object_list) == []


def test_nul_in_the_article_filter_gives_an_empty_list(client, owner):
    make_annotation(owner=owner)
    response = client.get("/annotations/mine/", {"article": "\x00"})
    assert response.status_code == 200 and list(response.context["page"].object_list) == []


def test_migration_casefolds_the_tag_index_of_existing_annotations(owner):
    annotation = make_annotation(owner=owner, tags=["AI", "安全"])
    Annotation.objects.filter(pk=annotation.pk).update(tag_index="\nAI\n安全\n")
    migration = importlib.import_module("annotations.migrations.0003_casefold_tag_index")
    migration.casefold_tag_index(apps, None)
    annotation.refresh_from_db()
    assert annotation.tag_index == "\nai\n安全\n"
