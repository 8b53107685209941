import re
from html import unescape

import pytest
from django.urls import reverse

from archive.importer import import_paths
from archive.models import Article, Entity
from tests.conftest import SEEDS
from tests.factories import make_article
from tests.queries import page_queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def seed():
    import_paths([str(SEEDS)])
    return Article.objects.get()


def test_home_lists_the_seed(client, seed):
    assert seed.title in client.get("/").content.decode()


def test_home_shows_source_and_opening_lines(client, seed):
    page = client.get("/").content.decode()
    assert "产业象限" in page and "没有人敢轻易质疑" in page


def test_home_is_newest_first(client):
    make_article(title="Older", date="2024-01-01")
    make_article(title="Newer", date="2024-06-01")
    titles = [a.title for a in client.get("/").context["page"].object_list]
    assert titles == ["Newer", "Older"]


def test_home_pages_by_twenty(client):
    for _ in range(21):
        make_article()
    assert len(client.get("/?page=2").context["page"].object_list) == 1


def test_home_filters_by_tag(client):
    make_article(title="Tagged", tags=["芯片"])
    make_article(title="Untagged")
    titles = [a.title for a in client.get("/", {"tag": "芯片"}).context["page"].object_list]
    assert titles == ["Tagged"]


def test_tag_link_on_an_article_lists_exactly_that_tag(client):
    article = make_article(title="Tagged", tags=["R&D #1"])
    make_article(title="Only R", tags=["R"])
    page = client.get(article.get_absolute_url()).content.decode()
    link = unescape(re.search(r'<ul class="tags"[^>]*>\s*<li><a href="([^"]+)"', page).group(1))
    assert [a.title for a in client.get(link).context["page"].object_list] == ["Tagged"]


def test_home_query_count_is_constant(client):
    make_article()
    one = page_queries(client, "/")
    for _ in range(2):
        make_article()
    assert page_queries(client, "/") == one


def test_article_page_shows_byline_links(client, seed):
    page = client.get(seed.get_absolute_url()).content.decode()
    links = [
        Entity.objects.people().get(name="山茶").get_absolute_url(),
        Entity.objects.people().get(name="钱江").get_absolute_url(),
        Entity.objects.organisations().get(name="产业象限").get_absolute_url(),
        Entity.objects.organisations().get(name="ByteAILab").get_absolute_url(),
    ]
    assert all(f'href="{link}"' in page for link in links)


def test_article_page_shows_byline_once(client, seed):
    page = client.get(seed.get_absolute_url()).content.decode()
    assert "作者丨" not in page


def test_article_page_links_the_original(client, seed):
    page = client.get(seed.get_absolute_url()).content.decode()
    assert 'href="https://mp.weixin.qq.com/s/AB8wsXKqpep7DVtZ5dvVgQ"' in page


def test_article_page_declares_the_article_language(client, seed):
    assert (
        '<article class="article" lang="zh-Hans">'
        in client.get(seed.get_absolute_url()).content.decode()
    )


def test_article_body_is_inserted_without_surrounding_whitespace(client, seed):
    page = client.get(seed.get_absolute_url()).content.decode()
    assert f">{seed.html}</div>" in page and 'id="article-body"' in page


def test_article_page_query_count_is_constant(client):
    small = make_article(body="正文", tags=["a"])
    large = make_article(tags=["a", "b", "c"])  # a byline: three more credits
    assert page_queries(client, small.get_absolute_url()) == (
        page_queries(client, large.get_absolute_url())
    )


def test_unknown_article_is_a_404_page(client):
    response = client.get("/articles/no-such-article/")
    assert response.status_code == 404 and "Page not found" in response.content.decode()


def test_person_page_shows_role_and_article(client, seed):
    response = client.get(Entity.objects.people().get(name="山茶").get_absolute_url())
    page = response.content.decode()
    assert seed.title in page and "author" in page


def test_organisation_page_shows_role_and_article(client, seed):
    page = client.get(
        Entity.objects.organisations().get(name="ByteAILab").get_absolute_url()
    ).content
    assert seed.title in page.decode() and "publisher" in page.decode()


def test_person_page_query_count_is_constant(client):
    make_article(body="作者丨常客\n\n一")
    url = Entity.objects.people().get(name="常客").get_absolute_url()
    one = page_queries(client, url)
    make_article(body="作者丨常客\n\n二")
    make_article(body="作者丨常客\n\n三")
    assert page_queries(client, url) == one


def test_organisation_page_query_count_is_constant(client):
    make_article(author="同一家")
    url = Entity.objects.organisations().get(name="同一家").get_absolute_url()
    one = page_queries(client, url)
    make_article(author="同一家")
    make_article(author="同一家")
    assert page_queries(client, url) == one


@pytest.mark.parametrize("name", ["archive:person_list", "archive:organisation_list"])
def test_entity_list_query_count_is_constant(client, name):
    make_article()
    one = page_queries(client, reverse(name))
    make_article()
    make_article()
    assert page_queries(client, reverse(name)) == one


def test_person_list_counts_articles(client, seed):
    make_article(body="作者丨山茶\n\n另一篇")
    people = {p.name: p.article_count for p in client.get("/people/").context["page"]}
    assert people["山茶"] == 2


def test_pages_send_a_strict_content_security_policy(client):
    policy = client.get("/").headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy


def test_chinese_browser_gets_chinese_interface(client):
    page = client.get("/", headers={"accept-language": "zh-CN,zh;q=0.9"}).content.decode()
    assert '<html lang="zh-hans">' in page and "人物" in page


def test_english_browser_gets_english_interface(client):
    page = client.get("/", headers={"accept-language": "en-US,en;q=0.9"}).content.decode()
    assert '<html lang="en">' in page and "People" in page


def test_language_switcher_sets_the_language(client):
    client.post("/i18n/setlang/", {"language": "zh-hans", "next": "/"})
    assert "人物" in client.get("/").content.decode()


def test_language_switch_needs_csrf_token(client):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    assert strict.post("/i18n/setlang/", {"language": "zh-hans"}).status_code == 403


def test_unknown_article_shows_the_projects_404_page(client):
    page = client.get("/articles/no-such-article/").content.decode()
    assert "There is nothing at this address" in page


def test_article_page_query_count_is_constant_as_mentions_grow(client):
    from archive.registry import read_registry, registry_import
    from tests.conftest import FIXTURES

    registry_import(data=read_registry(FIXTURES / "registry.yaml"))
    few = make_article(body="OpenAI的Sam Altman。")
    many = make_article(body="OpenAI的Sam Altman与Anthropic、英伟达和John Schulman。\n\n" * 30)
    assert many.mentions.count() > few.mentions.count()
    assert page_queries(client, few.get_absolute_url()) == (
        page_queries(client, many.get_absolute_url())
    )


def test_article_changes_page_query_count_is_constant(client, articles_dir):
    path = articles_dir / "changing.md"
    counts = []
    for version in range(1, 5):
        path.write_text(f"---\ntitle: Changing\nslug: changing\n---\n第{version}版。\n", "utf-8")
        import_paths([str(path)])
        if version == 1:
            continue  # one revision: nothing to compare yet
        counts.append(page_queries(client, "/articles/changing/changes/"))
    assert counts[1] == counts[2]


def test_alias_spelled_like_the_name_is_not_listed_as_another_form(client):
    from archive.models import Alias

    tesla = Entity.objects.create(
        kind=Entity.Kind.ORGANISATION, name="Tesla", slug="tesla", names={"zh": "特斯拉"}
    )
    Alias.objects.create(entity=tesla, text="Tesla", rule={"not_before": ["Nikola "]})
    Alias.objects.create(entity=tesla, text="TSLA")
    page = client.get(tesla.get_absolute_url()).content.decode()
    forms = re.findall(r'<span class="alias"[^>]*>([^<]*)</span>', page)
    assert forms == ["TSLA"]  # the name in another script is beside the heading


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", " JAVASCRIPT:alert(1)", "data:,x", "ftp://a.b/"]
)
def test_a_front_matter_source_url_that_is_not_http_makes_no_link(client, url):
    article = make_article(source_url=url, body="正文。")
    page = client.get(article.get_absolute_url()).content.decode()
    assert 'class="original-link"' not in page


def test_a_byline_source_link_that_is_not_http_makes_no_link(client):
    article = make_article(body="来源：[某报](javascript:alert(1))\n\n正文。")
    page = client.get(article.get_absolute_url()).content.decode()
    assert 'class="original-link"' not in page and "javascript:" not in page
