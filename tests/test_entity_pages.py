"""People's and organisations' pages in the reader's language: names, roles, dates, punctuation."""

import re
from html import unescape

import pytest
from django.urls import reverse

from archive.models import Affiliation, Entity
from archive.registry import read_registry, registry_import
from tests.conftest import FIXTURES
from tests.factories import make_article

pytestmark = pytest.mark.django_db

CHINESE = {"accept-language": "zh-CN,zh;q=0.9"}
ENGLISH = {"accept-language": "en-US,en;q=0.9"}


@pytest.fixture
def registry():
    registry_import(data=read_registry(FIXTURES / "registry.yaml"))


@pytest.fixture
def altman(registry):
    return Entity.objects.people().get(registry_id="sam-altman")


@pytest.fixture
def researcher():
    """A person with a dated affiliation to an organisation that has a Chinese name."""
    person = Entity.objects.create(
        kind=Entity.Kind.PERSON, name="Ada Example", slug="ada", names={"zh": "艾达"}
    )
    google = Entity.objects.create(
        kind=Entity.Kind.ORGANISATION, name="Google", slug="google", names={"zh": "谷歌"}
    )
    Affiliation.objects.create(
        person=person,
        organisation=google,
        role="Research scientist",
        role_zh="研究科学家",
        since="2013",
        until="2024-08",
    )
    return person


def text(html: str) -> str:
    return unescape(re.sub(r"<[^>]+>", "", html)).strip()


def heading(page: str) -> str:
    return re.search(r"<h1>(.*?)</h1>", page, re.S).group(1)


def affiliations(page: str) -> list[str]:
    block = re.search(r'<ul class="affiliations">(.*?)</ul>', page, re.S).group(1)
    return [text(item) for item in re.findall(r"<li>(.*?)</li>", block, re.S)]


def get(client, url: str, headers: dict) -> str:
    return client.get(url, headers=headers).content.decode()


def test_chinese_interface_heads_the_page_with_the_chinese_name(client, altman):
    page = get(client, altman.get_absolute_url(), CHINESE)
    name = re.search(r'<span class="entity-name">(.*?)</span>', heading(page)).group(1)
    assert name == "萨姆·奥特曼"


def test_chinese_heading_has_the_canonical_name_beside_it(client, altman):
    page = get(client, altman.get_absolute_url(), CHINESE)
    assert re.findall(r'<span class="other-name"[^>]*>(.*?)</span>', heading(page)) == [
        "Sam Altman"
    ]


def test_english_interface_heads_the_page_with_the_canonical_name(client, altman):
    page = get(client, altman.get_absolute_url(), ENGLISH)
    name = re.search(r'<span class="entity-name">(.*?)</span>', heading(page)).group(1)
    assert name == "Sam Altman"


def test_english_heading_has_the_chinese_name_beside_it_marked_as_chinese(client, altman):
    page = get(client, altman.get_absolute_url(), ENGLISH)
    assert '<span class="other-name" lang="zh">萨姆·奥特曼</span>' in heading(page)


def test_a_name_only_in_latin_script_has_nothing_beside_it(client):
    make_article(author="OpenAI")
    organisation = Entity.objects.organisations().get(name="OpenAI")
    page = get(client, organisation.get_absolute_url(), CHINESE)
    assert text(heading(page)) == "OpenAI"


def test_chinese_page_title_is_the_chinese_name(client, altman):
    page = get(client, altman.get_absolute_url(), CHINESE)
    assert re.search(r"<title>\s*萨姆·奥特曼", page)


def test_chinese_interface_shows_the_registry_chinese_role(client, altman):
    page = get(client, altman.get_absolute_url(), CHINESE)
    assert affiliations(page) == ["OpenAI，首席执行官（2019年至今）"]


def test_a_role_without_chinese_falls_back_to_the_registry_role(client, registry):
    ilya = Entity.objects.people().get(registry_id="ilya-sutskever")
    page = get(client, ilya.get_absolute_url(), CHINESE)
    assert "OpenAI，chief scientist（2015年至2024年）" in affiliations(page)


def test_english_interface_shows_the_english_role(client, altman):
    page = get(client, altman.get_absolute_url(), ENGLISH)
    assert affiliations(page) == ["OpenAI, CEO (since 2019)"]


def test_chinese_affiliation_names_the_organisation_in_chinese_with_month_dates(client, researcher):
    page = get(client, researcher.get_absolute_url(), CHINESE)
    assert affiliations(page) == ["谷歌，研究科学家（2013年至2024年8月）"]


def test_english_affiliation_spells_the_month(client, researcher):
    page = get(client, researcher.get_absolute_url(), ENGLISH)
    assert affiliations(page) == ["Google, Research scientist (2013–August 2024)"]


def test_organisation_page_names_its_people_in_chinese(client, researcher):
    google = Entity.objects.organisations().get(slug="google")
    page = get(client, google.get_absolute_url(), CHINESE)
    assert affiliations(page) == ["艾达，研究科学家（2013年至2024年8月）"]


def test_an_affiliation_with_only_an_end_date_reads_until_it(client, researcher):
    Affiliation.objects.update(since="", role_zh="", role="")
    page = get(client, researcher.get_absolute_url(), CHINESE)
    assert affiliations(page) == ["谷歌（至2024年8月）"]


def test_a_date_not_in_the_registry_format_is_shown_as_stored(client, researcher):
    Affiliation.objects.update(since="c. 2010", until="")
    page = get(client, researcher.get_absolute_url(), ENGLISH)
    assert affiliations(page) == ["Google, Research scientist (since c. 2010)"]


def test_chinese_aliases_are_separated_by_the_enumeration_comma(client, altman):
    page = get(client, altman.get_absolute_url(), CHINESE)
    line = text(re.search(r'<p class="aliases">(.*?)</p>', page, re.S).group(1))
    assert re.sub(r"\s+", "", line) == "又作：Altman、Sam（有歧义）、奥特曼"


def test_english_aliases_are_separated_by_commas(client, altman):
    page = get(client, altman.get_absolute_url(), ENGLISH)
    line = text(re.search(r'<p class="aliases">(.*?)</p>', page, re.S).group(1))
    assert re.sub(r"\s+", " ", line) == "Also written: Altman, Sam (ambiguous), 奥特曼"


def test_chinese_description_is_shown_in_chinese_and_english_in_english(client, altman):
    chinese = get(client, altman.get_absolute_url(), CHINESE)
    english = get(client, altman.get_absolute_url(), ENGLISH)
    assert altman.description in chinese and altman.description_en in english


def test_description_in_one_language_only_is_shown_in_both(client, altman):
    Entity.objects.filter(pk=altman.pk).update(description_en="")
    assert altman.description in get(client, altman.get_absolute_url(), ENGLISH)


def test_people_list_shows_chinese_names_in_the_chinese_interface(client, altman):
    make_article(author="Sam Altman")
    page = get(client, reverse("archive:person_list"), CHINESE)
    assert ">萨姆·奥特曼</a>" in page


def test_article_page_lists_people_by_their_chinese_name_in_chinese(client, altman):
    article = make_article(body="Sam Altman表示，模型会更好。")
    page = get(client, article.get_absolute_url(), CHINESE)
    aside = re.search(r'<aside class="article-aside".*?</aside>', page, re.S).group(0)
    assert ">萨姆·奥特曼</a>" in aside


def test_mention_card_gives_the_role_and_organisation_in_chinese(client, altman):
    article = make_article(body="Sam Altman表示，模型会更好。")
    response = client.get(article.get_absolute_url(), headers=CHINESE)
    assert [m["affiliation"] for m in response.context["mentions"]] == ["OpenAI首席执行官"]


def test_network_names_nodes_in_chinese(client, altman):
    make_article(body="Sam Altman与Ilya Sutskever都曾在OpenAI。")
    page = get(client, reverse("archive:network"), CHINESE)
    assert re.search(r"<text [^>]*>萨姆·奥特曼</text>", page)


def test_home_filtered_by_a_person_names_them_in_chinese(client, altman):
    make_article(body="Sam Altman表示，模型会更好。")
    page = get(client, reverse("archive:home") + "?person=" + altman.slug, CHINESE)
    assert "萨姆·奥特曼" in re.search(r'<p class="active-filter">(.*?)</p>', page, re.S).group(1)


def test_a_month_out_of_range_is_shown_as_stored(client, researcher):
    Affiliation.objects.update(until="2024-13")
    page = get(client, researcher.get_absolute_url(), ENGLISH)
    assert affiliations(page) == ["Google, Research scientist (2013–2024-13)"]
