"""The results page and the suggestions endpoint, through the client."""

from pathlib import Path

import pytest

from annotations.services import annotation_update
from archive.models import Alias, Article, Credit, Entity
from archive.registry import read_registry, registry_import
from archive.services import entity_create
from tests.conftest import FIXTURES
from tests.factories import make_annotation, make_article, make_user
from tests.material import xss_payloads
from tests.queries import page_queries

pytestmark = pytest.mark.django_db

URL = "/search/"


@pytest.fixture
def registry():
    registry_import(data=read_registry(Path(FIXTURES / "registry.yaml")))


def titles(client, q, **params) -> list[str]:
    response = client.get(URL, {"q": q, **params})
    assert response.status_code == 200
    return [hit.article.title for hit in response.context["page"].hits]


def source_slug(article: Article) -> str:
    return article.credits.get(role=Credit.Role.SOURCE).entity.slug


def test_results_show_title_date_source_and_marked_snippet(client):
    article = make_article(
        title="雪崩", body="来源：[产业象限](https://e.com/1)\n\n首席科学家离职。"
    )
    page = client.get(URL, {"q": "首席科学家"}).content.decode()
    assert (article.title in page, "2024" in page, "产业象限" in page) == (True, True, True)
    assert "<mark>首席科学家</mark>" in page


def test_snippet_escapes_the_article_text(client):
    make_article(title="escaped", body="正文 `<b>芯片</b>` 结束")
    page = client.get(URL, {"q": "芯片"}).content.decode()
    assert "&lt;b&gt;<mark>芯片</mark>&lt;/b&gt;" in page


def test_people_and_organisations_come_before_articles(client, registry):
    make_article(title="about", body="Sam Altman再次成为焦点。")
    page = client.get(URL, {"q": "Altman"}).content.decode()
    assert page.index("/people/sam-altman/") < page.index('id="search-articles"')


def test_entities_are_found_by_alias(client, registry):
    entities = client.get(URL, {"q": "奥特曼"}).context["entities"]
    assert [entity.name for entity, _, _ in entities] == ["Sam Altman"]


def test_entities_are_found_by_part_of_their_name(client, registry):
    entities = client.get(URL, {"q": "sutsk"}).context["entities"]
    assert [entity.name for entity, _, _ in entities] == ["Ilya Sutskever"]


def test_excluded_word_excludes_entities_too(client, registry):
    entities = client.get(URL, {"q": "OpenAI -OpenAI"}).context["entities"]
    assert entities == []


def test_filter_from_date(client):
    make_article(title="old", body="芯片", date="2020-01-01")
    make_article(title="new", body="芯片", date="2024-01-01")
    assert titles(client, "芯片", **{"from": "2023-01-01"}) == ["new"]


def test_filter_to_date(client):
    make_article(title="old", body="芯片", date="2020-01-01")
    make_article(title="new", body="芯片", date="2024-01-01")
    assert titles(client, "芯片", to="2021-01-01") == ["old"]


def test_invalid_date_is_ignored(client):
    make_article(title="kept", body="芯片")
    assert titles(client, "芯片", **{"from": "not-a-date"}) == ["kept"]


def test_filter_by_source(client):
    kept = make_article(title="kept", body="来源：[甲报](https://e.com/1)\n\n芯片")
    make_article(title="dropped", body="来源：[乙报](https://e.com/2)\n\n芯片")
    assert titles(client, "芯片", source=source_slug(kept)) == ["kept"]


def test_filter_by_person(client, registry):
    make_article(title="kept", body="Sam Altman谈芯片。")
    make_article(title="dropped", body="没有人谈芯片。")
    assert titles(client, "芯片", person="sam-altman") == ["kept"]


def test_filter_by_organisation(client, registry):
    make_article(title="kept", body="OpenAI的芯片。")
    make_article(title="dropped", body="别家的芯片。")
    assert titles(client, "芯片", organisation="openai") == ["kept"]


def test_filter_by_unknown_person_finds_nothing(client):
    make_article(title="any", body="芯片")
    assert titles(client, "芯片", person="nobody") == []


def test_filter_by_tag(client):
    make_article(title="kept", body="芯片", tags=["硬件"])
    make_article(title="dropped", body="芯片")
    assert titles(client, "芯片", tag="硬件") == ["kept"]


def test_sort_by_date_is_newest_first(client):
    make_article(title="old", body="芯片", date="2020-01-01")
    make_article(title="new", body="芯片", date="2024-01-01")
    make_article(title="芯片 in the title ranks first", body="芯片", date="2022-01-01")
    assert titles(client, "芯片", sort="date") == [
        "new",
        "芯片 in the title ranks first",
        "old",
    ]


def test_results_come_twenty_a_page(client):
    for _ in range(21):
        make_article(body="芯片")
    assert (len(titles(client, "芯片")), len(titles(client, "芯片", page=2))) == (20, 1)


def test_more_matches_than_candidates_says_so(client, monkeypatch):
    monkeypatch.setattr("search.index.CANDIDATES", 2)
    for _ in range(3):
        make_article(body="芯片")
    page = client.get(URL, {"q": "芯片"}).content.decode()
    assert "More than 2 articles found" in page


def test_page_links_keep_the_query_and_filters(client):
    for _ in range(21):
        make_article(body="芯片", tags=["硬件"])
    page = client.get(URL, {"q": "芯片", "tag": "硬件"}).content.decode()
    assert "?q=%E8%8A%AF%E7%89%87&amp;tag=%E7%A1%AC%E4%BB%B6&amp;page=2" in page


def test_own_annotation_note_is_found(client):
    reader = make_user()
    make_annotation(owner=reader, note="记得查芯片的来源")
    client.force_login(reader)
    annotations = client.get(URL, {"q": "芯片的来源"}).context["annotations"]
    assert [a.note for a, _, _ in annotations] == ["记得查芯片的来源"]


def test_own_annotation_tag_is_found(client):
    reader = make_user()
    make_annotation(owner=reader, tags=["待核实"])
    client.force_login(reader)
    assert len(client.get(URL, {"q": "待核实"}).context["annotations"]) == 1


def test_another_readers_private_note_is_never_found(client):
    make_annotation(owner=make_user(), note="秘密笔记：芯片")
    client.force_login(make_user())
    page = client.get(URL, {"q": "秘密笔记"})
    assert (page.context["annotations"], "秘密笔记：" in page.content.decode()) == ([], False)


def test_another_readers_public_note_is_not_searched_either(client):
    make_annotation(owner=make_user(), note="公开笔记", visibility="public")
    client.force_login(make_user())
    assert client.get(URL, {"q": "公开笔记"}).context["annotations"] == []


def test_anonymous_reader_gets_no_annotations(client):
    make_annotation(note="笔记")
    assert client.get(URL, {"q": "笔记"}).context["annotations"] == []


HOSTILE = [
    "",
    "   ",
    "x" * 2000,
    "安全 " * 400,
    "!!! ... ，。？",
    '"unbalanced',
    'a "b',
    "AND OR NOT NEAR * ^ : ( )",
    "NEAR(a b, 3)",
    "title:x",
    "a* OR b",
    "\x00",
    "a\x00b",
    "'; DROP TABLE archive_article; --",
    '"""',
    "- -- ---",
    "-x",
    "\\",
    "'",
]


@pytest.mark.parametrize("q", HOSTILE)
def test_odd_query_returns_a_page(client, q):
    make_article(body="芯片 x a b")
    assert client.get(URL, {"q": q}).status_code == 200


@pytest.mark.parametrize("q", HOSTILE)
def test_odd_query_returns_suggestions(client, q):
    assert client.get("/search/suggest/", {"q": q}).status_code == 200


@pytest.mark.parametrize("name", ["from", "to", "source", "person", "organisation", "tag", "page"])
def test_odd_filter_value_returns_a_page(client, name):
    assert client.get(URL, {"q": "x", name: "a\x00'\"<>" * 300}).status_code == 200


def test_xss_payloads_as_queries_are_escaped(client):
    make_article(body="<script>alert(1)</script> 芯片")
    payloads = xss_payloads()[:300]
    baseline = client.get(URL).content.decode().lower().count("<script")
    failures = []
    for payload in payloads:
        response = client.get(URL, {"q": payload})
        scripts = response.content.decode().lower().count("<script")
        if response.status_code != 200 or scripts != baseline:
            failures.append(payload)
    assert failures == []


def test_query_count_is_constant_as_results_grow(client, registry):
    reader = make_user()
    client.force_login(reader)
    make_annotation(owner=reader, article=make_article(body="OpenAI的芯片"), note="芯片")
    params = {"q": "芯片", "tag": "", "from": "2000-01-01"}
    one = page_queries(client, URL, params)
    for _ in range(3):
        make_annotation(owner=reader, article=make_article(body="OpenAI的芯片"), note="芯片")
    assert page_queries(client, URL, params) == one


def test_suggestions_list_people_organisations_and_titles(client, registry):
    make_article(title="OpenAI的新模型", body="正文")
    data = client.get("/search/suggest/", {"q": "OpenAI"}).json()
    assert (data["people"], [o["name"] for o in data["organisations"]], data["titles"][0]) == (
        [],
        ["OpenAI"],
        {"title": "OpenAI的新模型", "url": Article.objects.get().get_absolute_url()},
    )


def test_suggestions_complete_the_word_being_typed(client, registry):
    data = client.get("/search/suggest/", {"q": "Sam Alt"}).json()
    assert data["people"] == [{"name": "Sam Altman", "url": "/people/sam-altman/"}]


def test_suggestions_are_at_most_eight(client):
    for n in range(12):
        make_article(title=f"芯片 {n}", body="正文")
    data = client.get("/search/suggest/", {"q": "芯片"}).json()
    assert sum(len(items) for items in data.values()) == 8


def test_every_page_has_a_labelled_search_box(client):
    page = client.get("/").content.decode()
    assert 'role="search"' in page and 'for="site-search-q"' in page and 'name="q"' in page


def test_search_box_shows_the_current_query(client):
    page = client.get(URL, {"q": "芯片"}).content.decode()
    assert 'id="site-search-q" type="search" name="q" value="芯片"' in page


def named(client, q) -> list[str]:
    return [entity.name for entity, _, _ in client.get(URL, {"q": q}).context["entities"]]


@pytest.mark.parametrize(
    ("name", "q"),
    [
        ("Café笔记", "cafe"),
        ("ＯｐｅｎＡＩ的笔记", "openai"),
        ("ÉMILE笔记", "émile"),
        ("Émile Zola", "emile"),
    ],
)
def test_entity_names_are_folded_like_the_index(client, name, q):
    entity_create(kind=Entity.Kind.PERSON, name=name, slug="someone")
    assert named(client, q) == [name]


def test_latin_query_matches_entity_names_at_word_starts_only(client):
    for n, name in enumerate(["Kai-Fu Lee", "Sundar Pichai", "Baidu", "Meta AI"]):
        entity_create(kind=Entity.Kind.ORGANISATION, name=name, slug=f"org-{n}")
    assert named(client, "ai") == ["Meta AI"]


def test_cjk_query_matches_inside_entity_names(client):
    entity_create(kind=Entity.Kind.PERSON, name="萨姆·奥特曼", slug="sam")
    assert named(client, "奥特曼") == ["萨姆·奥特曼"]


def test_new_alias_is_found_at_once(client):
    person = entity_create(kind=Entity.Kind.PERSON, name="Sam Altman", slug="sam")
    Alias.objects.create(entity=person, text="山姆")
    assert named(client, "山姆") == ["Sam Altman"]


def annotated(client, q) -> list[int]:
    return [a.pk for a, _, _ in client.get(URL, {"q": q}).context["annotations"]]


def test_annotation_is_found_by_its_quote(client):
    article = make_article(body="首席科学家离职。")
    annotation = make_annotation(article=article, start=0, end=5, note="")
    client.force_login(annotation.owner)
    assert annotated(client, "科学家") == [annotation.pk]


def test_edited_note_is_found_by_its_new_words(client):
    annotation = make_annotation(note="old thoughts")
    annotation_update(
        reader=annotation.owner, annotation=annotation, version=1, data={"note": "Fresh idea"}
    )
    client.force_login(annotation.owner)
    assert (annotated(client, "fresh"), annotated(client, "thoughts")) == ([annotation.pk], [])


def test_annotation_note_is_folded_and_matched_at_word_starts(client):
    annotation = make_annotation(note="Ｃａｆé talk, said")
    client.force_login(annotation.owner)
    assert (annotated(client, "cafe"), annotated(client, "ai")) == ([annotation.pk], [])


@pytest.mark.parametrize(
    "params",
    [
        {"page": "-1"},
        {"page": "abc"},
        {"page": "99999"},
        {"sort": "evil"},
        {"from": "2024-13-45"},
        {"to": "0000-00-00", "tag": "\x00"},
    ],
)
def test_garbage_filters_still_show_results(client, params):
    make_article(title="kept", body="芯片")
    assert titles(client, "芯片", **params) == ["kept"]


def test_repeated_parameters_still_show_a_page(client):
    make_article(title="kept", body="芯片")
    response = client.get(URL + "?q=芯片&q=芯片&sort=date&sort=evil&page=1&page=x")
    assert response.status_code == 200


def test_count_by_date_says_the_most_recent_are_shown(client, monkeypatch):
    monkeypatch.setattr("search.index.CANDIDATES", 2)
    for _ in range(3):
        make_article(body="芯片")
    page = client.get(URL, {"q": "芯片", "sort": "date"}).content.decode()
    assert ("the 2 most recent are shown" in page, "title first" in page) == (True, False)


def test_snippet_marks_a_word_that_occurs_often_inside_other_words(client):
    make_article(title="often", body="he said it " * 60 + "AI safety")
    page = client.get(URL, {"q": "ai"}).content.decode()
    assert "<mark>AI</mark>" in page
