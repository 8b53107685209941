import json
import re
from html.parser import HTMLParser
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from archive.importer import import_paths
from archive.models import Affiliation, Alias, Article, Entity, Mention
from archive.registry import read_registry, registry_import, relink_all
from tests.conftest import FIXTURES, SEEDS
from tests.factories import make_article
from tests.queries import page_queries

pytestmark = pytest.mark.django_db

REGISTRY = FIXTURES / "registry.yaml"


@pytest.fixture
def registry():
    registry_import(data=read_registry(REGISTRY))


def surfaces(entity) -> list[str]:
    return list(Mention.objects.of(entity).order_by("start").values_list("surface", flat=True))


def test_registry_creates_people_and_organisations(registry):
    assert Entity.objects.people().filter(registry_id="sam-altman").exists()
    assert Entity.objects.organisations().get(registry_id="x").category == "company"


def test_registry_adds_aliases_and_affiliations(registry):
    altman = Entity.objects.people().get(registry_id="sam-altman")
    assert set(altman.aliases.values_list("text", flat=True)) == {
        "萨姆·奥特曼",
        "Altman",
        "奥特曼",
        "Sam",
    }
    assert Affiliation.objects.get(person=altman).role == "CEO"


def test_registry_import_twice_adds_nothing(registry):
    counts = (Entity.objects.people().count(), Alias.objects.count(), Affiliation.objects.count())
    registry_import(data=read_registry(REGISTRY))
    assert (
        Entity.objects.people().count(),
        Alias.objects.count(),
        Affiliation.objects.count(),
    ) == counts


def test_registry_adopts_an_entity_first_seen_in_a_byline():
    make_article(author="OpenAI", body="来源：[OpenAI](https://openai.com)\n\n正文")
    registry_import(data=read_registry(REGISTRY))
    assert Entity.objects.organisations().filter(name="OpenAI").count() == 1


def test_import_links_mentions_in_the_seed(registry):
    import_paths([str(SEEDS)])
    altman = Entity.objects.people().get(registry_id="sam-altman")
    assert surfaces(altman)[:3] == ["Sam Altman", "Altman", "Sam Altman"]


def test_seed_mentions_x_by_its_rule(registry):
    import_paths([str(SEEDS)])
    assert surfaces(Entity.objects.organisations().get(registry_id="x")) == ["X", "X", "X"]


def test_seed_mentions_ssi(registry):
    import_paths([str(SEEDS)])
    assert surfaces(Entity.objects.organisations().get(registry_id="ssi")) == ["SSI"]


def test_mention_offsets_point_at_the_canonical_text(registry):
    import_paths([str(SEEDS)])
    text = Article.objects.get().text
    assert all(text[m.start : m.end] == m.surface for m in Mention.objects.all())


def test_byline_names_are_not_searched_for_in_text(registry):
    import_paths([str(SEEDS)])
    assert not Mention.objects.filter(entity__name="山茶").exists()


def test_relink_after_a_new_alias_finds_it(registry):
    import_paths([str(SEEDS)])
    Alias.objects.create(
        entity=Entity.objects.people().get(registry_id="ilya-sutskever"), text="苏茨克维"
    )
    make_article(body="苏茨克维离开了公司。")
    counts = relink_all()
    assert counts["articles"] == 2 and Mention.objects.filter(surface="苏茨克维").count() == 1


def test_import_registry_command_reports_and_relinks():
    import_paths([str(SEEDS)])
    out = StringIO()
    call_command("import_registry", str(REGISTRY), stdout=out)
    assert "registry: created 5" in out.getvalue() and Mention.objects.exists()


def test_broken_registry_is_a_clear_error(tmp_path):
    path = tmp_path / "registry.yaml"
    path.write_text("people:\n  - name: no id\n", encoding="utf-8")
    with pytest.raises(Exception, match=r"people\[0\] needs an 'id'"):
        call_command("import_registry", str(path), stdout=StringIO())


def test_person_page_shows_mentions_in_context(client, registry):
    import_paths([str(SEEDS)])
    page = client.get(
        Entity.objects.people().get(registry_id="sam-altman").get_absolute_url()
    ).content
    assert '<mark class="kwic-match">Sam Altman</mark>' in page.decode()


def test_person_page_ranks_co_mentions(client, registry):
    import_paths([str(SEEDS)])
    response = client.get(Entity.objects.people().get(registry_id="sam-altman").get_absolute_url())
    names = [entity.name for entity, articles, mentions in response.context["co_mentions"]]
    assert names[0] == "OpenAI"


def test_organisation_page_lists_affiliated_people(client, registry):
    response = client.get(
        Entity.objects.organisations().get(registry_id="openai").get_absolute_url()
    )
    assert "Sam Altman" in response.content.decode()


def test_entity_page_query_count_is_constant_as_mentions_grow(client, registry):
    make_article(body="OpenAI的Sam Altman与Ilya Sutskever。")
    url = Entity.objects.people().get(registry_id="sam-altman").get_absolute_url()
    one = page_queries(client, url)
    for _ in range(3):
        make_article(body="Sam Altman与Ilya Sutskever在X上争论，OpenAI表示。")
    assert page_queries(client, url) == one


def test_organisation_page_query_count_is_constant_as_mentions_and_people_grow(client, registry):
    openai = Entity.objects.organisations().get(registry_id="openai")
    make_article(body="Sam Altman与Ilya Sutskever在X上争论，OpenAI表示。")
    one = page_queries(client, openai.get_absolute_url())
    for number in range(3):
        person = Entity.objects.create(
            kind=Entity.Kind.PERSON, name=f"Researcher {number}", slug=f"researcher-{number}"
        )
        Affiliation.objects.create(person=person, organisation=openai, role="Researcher")
        make_article(body="Sam Altman与Ilya Sutskever在X上争论，OpenAI表示。")
    assert page_queries(client, openai.get_absolute_url()) == one


def test_home_filters_by_person_mentioned(client, registry):
    import_paths([str(SEEDS)])
    make_article(title="Unrelated", body="与任何人无关的文章。")
    response = client.get(
        "/", {"person": Entity.objects.people().get(registry_id="sam-altman").slug}
    )
    assert [a.title for a in response.context["page"].object_list] == ["OpenAI，雪崩开始了吗？"]


def test_home_filters_by_organisation_credited(client):
    make_article(title="Published by them", author="某机构", body="来源：某报\n\n正文")
    make_article(title="Someone else's")
    response = client.get(
        "/", {"organisation": Entity.objects.organisations().get(name="某机构").slug}
    )
    assert [a.title for a in response.context["page"].object_list] == ["Published by them"]


def test_home_filter_by_unknown_person_shows_nothing(client, registry):
    import_paths([str(SEEDS)])
    assert list(client.get("/", {"person": "nobody"}).context["page"].object_list) == []


def test_network_page_draws_the_most_mentioned(client, registry):
    import_paths([str(SEEDS)])
    page = client.get("/network/").content.decode()
    assert "<svg" in page and ">Sam Altman</text>" in page and ">OpenAI</text>" in page


def test_network_edges_count_shared_articles(client, registry):
    import_paths([str(SEEDS)])
    make_article(body="Sam Altman与OpenAI。")
    edges = client.get("/network/").context["edges"]
    pair = next(e for e in edges if {e.a.entity.name, e.b.entity.name} == {"Sam Altman", "OpenAI"})
    assert pair.articles == 2


def test_network_around_a_person_starts_with_them(client, registry):
    import_paths([str(SEEDS)])
    response = client.get(
        "/network/", {"person": Entity.objects.people().get(registry_id="ilya-sutskever").slug}
    )
    assert response.context["nodes"][0].entity.name == "Ilya Sutskever"


def test_network_page_query_count_is_constant(client, registry):
    make_article(body="Sam Altman与OpenAI，Ilya Sutskever。")
    one = page_queries(client, "/network/")
    for _ in range(3):
        make_article(body="Sam Altman与Ilya Sutskever在X上争论，OpenAI表示。")
    assert page_queries(client, "/network/") == one


def test_article_page_lists_the_people_it_mentions(client, registry):
    import_paths([str(SEEDS)])
    response = client.get(Article.objects.get().get_absolute_url())
    assert [p.name for p in response.context["people"]][:3] == ["山茶", "钱江", "Sam Altman"]


def test_keyword_in_context_keeps_the_space_before_a_name(client, registry):
    import_paths([str(SEEDS)])
    page = client.get(
        Entity.objects.people().get(registry_id="sam-altman").get_absolute_url()
    ).content
    assert 'OpenAI CEO <mark class="kwic-match">Sam Altman</mark>' in page.decode()


def test_registry_import_updates_the_ambiguity_of_an_existing_alias(registry):
    Alias.objects.filter(text="Sam").update(ambiguous=False)
    registry_import(data=read_registry(REGISTRY))
    assert Alias.objects.get(text="Sam").ambiguous


def test_alias_spelled_as_the_name_carries_a_rule_for_the_name(registry):
    openai = Entity.objects.organisations().get(registry_id="openai")
    Alias.objects.create(entity=openai, text="OpenAI", rule={"not_after": ["分析"]})
    make_article(body="OpenAI分析了数据。")
    relink_all()
    assert not Mention.objects.exists()


def registry_with_link(tmp_path, url: str, kind: str = "people"):
    """A registry whose second entry (line 6) has ``url`` as its website (line 9)."""
    path = tmp_path / "registry.yaml"
    path.write_text(
        f"{kind}:\n"
        "  - id: fine\n"
        "    name: Fine\n"
        "    links: {wikipedia: 'https://en.wikipedia.org/wiki/Fine'}\n"
        "\n"
        "  - id: hostile\n"
        "    name: Hostile\n"
        "    links:\n"
        f"      website: {json.dumps(url)}\n",
        encoding="utf-8",
    )
    return path


REFUSED_LINKS = [
    "javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    " JAVASCRIPT:alert(1)",
    "JaVaScRiPt:alert(1)",
    "ftp://example.org/file",
]


@pytest.mark.parametrize("url", REFUSED_LINKS)
def test_registry_import_refuses_a_link_that_is_not_http_with_file_and_line(tmp_path, url):
    path = registry_with_link(tmp_path, url)
    with pytest.raises(CommandError, match=rf"^{re.escape(str(path))}:9: hostile: link 'website'"):
        call_command("import_registry", str(path), stdout=StringIO())


def test_registry_import_refuses_a_javascript_link_of_an_organisation(tmp_path):
    path = registry_with_link(tmp_path, "javascript:alert(1)", kind="organisations")
    with pytest.raises(CommandError, match=rf"^{re.escape(str(path))}:9: hostile: link"):
        call_command("import_registry", str(path), stdout=StringIO())


def test_registry_with_a_refused_link_imports_nothing(tmp_path):
    path = registry_with_link(tmp_path, "javascript:alert(1)")
    with pytest.raises(CommandError):
        call_command("import_registry", str(path), stdout=StringIO())
    assert not Entity.objects.people().exists()


def test_registry_import_refuses_links_that_are_not_a_mapping(tmp_path):
    path = tmp_path / "registry.yaml"
    path.write_text("people:\n  - id: a\n    name: A\n    links: [javascript:x]\n", "utf-8")
    with pytest.raises(CommandError, match=rf"^{re.escape(str(path))}:4: a: 'links' must be"):
        call_command("import_registry", str(path), stdout=StringIO())


def test_broken_registry_names_the_line_of_the_entry(tmp_path):
    path = tmp_path / "registry.yaml"
    path.write_text("people:\n  - id: a\n    name: A\n  - name: no id\n", encoding="utf-8")
    with pytest.raises(CommandError, match=rf"^{re.escape(str(path))}:4: people\[1\] needs"):
        call_command("import_registry", str(path), stdout=StringIO())


class _Hrefs(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs = []

    def handle_starttag(self, tag, attrs):
        self.hrefs += [value for name, value in attrs if name == "href"]


def test_person_page_carries_no_href_but_web_and_own_addresses(client):
    # Written past the validators, as rows from before them or from a shell could be.
    person = Entity.objects.create(
        kind=Entity.Kind.PERSON,
        name="Hostile",
        slug="hostile",
        links={
            "wikipedia": "javascript:alert(1)",
            "wikidata": " JAVASCRIPT:alert(1)",
            "website": "data:text/html,x",
            "other": "ftp://example.org/",
            "fine": "https://example.org/",
        },
    )
    parser = _Hrefs()
    parser.feed(client.get(person.get_absolute_url()).content.decode())
    refused = [h for h in parser.hrefs if not h.startswith(("/", "?", "#", "https://", "http://"))]
    assert "https://example.org/" in parser.hrefs and refused == []


def test_registry_import_stores_the_chinese_role(registry):
    altman = Entity.objects.people().get(registry_id="sam-altman")
    assert Affiliation.objects.get(person=altman).role_zh == "首席执行官"


def test_registry_import_again_updates_the_chinese_role(registry):
    Affiliation.objects.update(role_zh="旧的")
    registry_import(data=read_registry(REGISTRY))
    assert Affiliation.objects.get(role="CEO").role_zh == "首席执行官"


def test_registry_import_keeps_a_chinese_role_the_registry_does_not_give(registry):
    Affiliation.objects.filter(role="co-founder").update(role_zh="联合创始人")
    registry_import(data=read_registry(REGISTRY))
    assert Affiliation.objects.get(role="co-founder").role_zh == "联合创始人"


def test_shipped_registry_gives_every_affiliation_a_chinese_role():
    data = read_registry(SEEDS / "registry.yaml")
    items = [item for person in data["people"] for item in person.get("affiliations") or []]
    assert items and all(str(item.get("role_zh") or "").strip() for item in items)
