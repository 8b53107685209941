"""Cheap article pages (archive/caching.py): conditional GET, cached parts, their invalidation."""

import gzip
import re
import shutil

import pytest
from django.core.cache import caches
from django.middleware.csrf import _unmask_cipher_token
from django.test import Client

from annotations.services import annotation_delete, annotation_update
from archive.caching import CSRF_PLACEHOLDER
from archive.importer import import_paths
from archive.models import Article, Entity
from archive.registry import read_registry, registry_import
from archive.registry_generation import registry_changes_collected, registry_generation
from archive.rerendering import rerender
from tests.conftest import FIXTURES, SEED
from tests.factories import make_annotation, make_article, make_user

pytestmark = pytest.mark.django_db


def revisit(client, url, response, **headers):
    return client.get(url, headers={"If-None-Match": response["ETag"], **headers})


@pytest.fixture
def article():
    return make_article(body="第一段，读者在这里做了批注。\n\n第二段。")


@pytest.fixture
def seeded(articles_dir):
    """The seed imported with the registry, so its page names people it mentions."""
    registry_import(data=read_registry(FIXTURES / "registry.yaml"))
    shutil.copy(SEED, articles_dir / SEED.name)
    import_paths([str(articles_dir)])
    return Article.objects.get()


def test_article_page_answers_304_to_its_etag(client, article):
    first = client.get(article.get_absolute_url())
    again = revisit(client, article.get_absolute_url(), first)
    assert (first.status_code, again.status_code, again.content) == (200, 304, b"")


def test_article_page_answers_304_to_if_modified_since(client, article):
    first = client.get(article.get_absolute_url())
    since = {"If-Modified-Since": first["Last-Modified"]}
    assert client.get(article.get_absolute_url(), headers=since).status_code == 304


def test_an_annotation_makes_the_page_answer_200_again(client, article):
    first = client.get(article.get_absolute_url())
    make_annotation(article=article, visibility="public")
    assert revisit(client, article.get_absolute_url(), first).status_code == 200


def test_an_edited_annotation_makes_the_page_answer_200_again(client, article):
    reader = make_user()
    annotation = make_annotation(owner=reader, article=article, visibility="public")
    first = client.get(article.get_absolute_url())
    annotation_update(reader=reader, annotation=annotation, version=1, data={"note": "new"})
    assert revisit(client, article.get_absolute_url(), first).status_code == 200


def test_a_deleted_annotation_makes_the_page_answer_200_again(client, article):
    reader = make_user()
    annotation = make_annotation(owner=reader, article=article, visibility="public")
    first = client.get(article.get_absolute_url())
    annotation_delete(reader=reader, annotation=annotation)
    assert revisit(client, article.get_absolute_url(), first).status_code == 200


def test_an_import_of_a_changed_file_serves_the_new_text(client, seed_copy):
    article = Article.objects.get()
    first = client.get(article.get_absolute_url())
    seed_copy.write_text(seed_copy.read_text() + "\n\n新加的一段结尾。\n", "utf-8")
    import_paths([str(seed_copy.parent)])
    again = revisit(client, article.get_absolute_url(), first)
    assert again.status_code == 200 and "新加的一段结尾" in again.content.decode()


def test_a_re_render_serves_the_re_rendered_html(client, article):
    client.get(article.get_absolute_url())  # now cached
    Article.objects.filter(pk=article.pk).update(html="<p>旧渲染器</p>", rendered_with="0")
    rerender()
    page = client.get(article.get_absolute_url()).content.decode()
    assert "旧渲染器" not in page and "第二段" in page


def test_a_renamed_person_shows_on_a_cached_page(client, seeded):
    client.get(seeded.get_absolute_url())
    person = Entity.objects.people().filter(mentions__article=seeded).first()
    person.name = "改过的名字"
    person.save()
    assert "改过的名字" in client.get(seeded.get_absolute_url()).content.decode()


def test_a_registry_import_makes_the_page_answer_200_again(client, seeded):
    first = client.get(seeded.get_absolute_url())
    registry_import(data=read_registry(FIXTURES / "registry.yaml"))
    assert revisit(client, seeded.get_absolute_url(), first).status_code == 200


def test_registry_changes_collected_in_a_block_are_announced_when_it_ends():
    before = registry_generation()
    with registry_changes_collected():
        Entity.objects.create(kind=Entity.Kind.PERSON, name="新人", slug="xin-ren")
        during = registry_generation()
    assert (during, registry_generation() != before) == (before, True)


def test_a_page_from_the_cache_is_the_page_rendered_afresh(client, seeded):
    cached = client.get(seeded.get_absolute_url())
    hit = Client().get(seeded.get_absolute_url())
    strip = re.compile(rb'(content|value)="[A-Za-z0-9]{64}"')
    assert strip.sub(b"", hit.content) == strip.sub(b"", cached.content)


def test_each_reader_gets_a_token_of_their_own_csrf_cookie(article):
    first, second = Client(), Client()
    first.force_login(make_user())
    second.force_login(make_user())
    tokens = []
    for client in (first, second, first):
        page = client.get(article.get_absolute_url()).content.decode()
        token = re.search(r'name="csrf-token" content="([^"]+)"', page)[1]
        tokens.append(_unmask_cipher_token(token) == client.cookies["csrftoken"].value)
    assert tokens == [True, True, True]


def test_no_page_ever_shows_the_csrf_placeholder(client, article):
    client.get(article.get_absolute_url())
    for user in (None, make_user()):
        if user:
            client.force_login(user)
        assert CSRF_PLACEHOLDER not in client.get(article.get_absolute_url()).content.decode()


def test_a_logged_in_readers_page_names_them_and_is_private(client, article):
    client.get(article.get_absolute_url())  # the anonymous page, now cached
    client.force_login(make_user("cached-reader"))
    response = client.get(article.get_absolute_url())
    assert "cached-reader" in response.content.decode()
    assert "private" in response["Cache-Control"] and "no-cache" in response["Cache-Control"]


def test_logging_in_changes_the_pages_etag(client, article):
    first = client.get(article.get_absolute_url())
    client.force_login(make_user())
    assert revisit(client, article.get_absolute_url(), first).status_code == 200


def test_the_page_in_another_language_is_not_served_from_the_english_one(client, article):
    client.get(article.get_absolute_url(), headers={"accept-language": "en"})
    page = client.get(article.get_absolute_url(), headers={"accept-language": "zh-CN"})
    assert '<html lang="zh-hans">' in page.content.decode()


def test_the_login_link_follows_the_query_string(client, article):
    client.get(article.get_absolute_url())
    page = client.get(article.get_absolute_url() + "?from=feed").content.decode()
    assert "from%3Dfeed" in page


def test_article_page_varies_on_cookie_and_language(client, article):
    vary = client.get(article.get_absolute_url())["Vary"]
    assert "Cookie" in vary and "Accept-Language" in vary


def test_a_page_with_a_csrf_token_is_not_public(article):
    response = Client().get("/i18n/language/")
    assert "public" not in response["Cache-Control"]


def test_anonymous_json_without_a_token_is_public(client, article):
    response = client.get(f"/api/articles/{article.slug}/annotations/")
    assert response["Cache-Control"] == "public, max-age=60"


def test_a_logged_in_readers_json_is_private(client, article):
    client.force_login(make_user())
    response = client.get(f"/api/articles/{article.slug}/annotations/")
    assert "public" not in response["Cache-Control"]


def test_unknown_article_is_still_a_404(client):
    assert client.get("/articles/no-such-article/").status_code == 404


def test_an_anonymous_page_from_the_cache_is_served_compressed(article):
    Client().get(article.get_absolute_url(), headers={"accept-encoding": "gzip"})
    hit = Client().get(article.get_absolute_url(), headers={"accept-encoding": "gzip"})
    body = gzip.decompress(hit.content).decode()
    assert (hit.templates, hit["Content-Encoding"], article.title in body) == ([], "gzip", True)


def test_a_compressed_pages_etag_is_weak_and_still_answers_304(client, article):
    first = client.get(article.get_absolute_url(), headers={"accept-encoding": "gzip"})
    again = revisit(client, article.get_absolute_url(), first, **{"accept-encoding": "gzip"})
    assert (first["ETag"].startswith('W/"'), again.status_code) == (True, 304)


def test_a_reader_who_refuses_gzip_gets_the_page_as_it_is(article):
    Client().get(article.get_absolute_url(), headers={"accept-encoding": "gzip"})
    page = Client().get(article.get_absolute_url(), headers={"accept-encoding": "identity"})
    assert "Content-Encoding" not in page and article.title in page.content.decode()


def test_compressed_and_plain_pages_vary_on_accept_encoding(article):
    for encoding in ("gzip", "identity", "gzip"):
        vary = Client().get(article.get_absolute_url(), headers={"accept-encoding": encoding})
        assert "Accept-Encoding" in vary["Vary"]


@pytest.fixture
def process_store(settings):
    """The caches as with Redis: the process's own page store in front of the shared one."""
    settings.CACHES = {
        **settings.CACHES,
        "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "p"},
    }
    yield caches["pages"]
    caches["pages"].clear()


def test_a_page_kept_by_this_process_is_served_without_the_shared_cache(article, process_store):
    Client().get(article.get_absolute_url())
    caches["default"].clear()
    assert Client().get(article.get_absolute_url()).templates == []


def test_a_page_from_the_shared_cache_is_kept_by_this_process_too(article, process_store):
    Client().get(article.get_absolute_url())
    process_store.clear()
    Client().get(article.get_absolute_url())
    caches["default"].clear()
    assert Client().get(article.get_absolute_url()).templates == []


def test_an_annotation_renders_the_page_again_though_this_process_kept_it(article, process_store):
    Client().get(article.get_absolute_url())
    make_annotation(article=article, visibility="public")
    assert Client().get(article.get_absolute_url()).templates != []
