"""Texts that name someone or something else, checked against the shipped registry.

Each trap is a phrase a reviewer found linked to the wrong entity (or a right one missed);
the labelled corpus (tests/mentions_corpus.py) counts the same traps in its precision.
"""

import pytest

from archive.models import Entity
from archive.registry import linker_for_registry, read_registry, registry_import
from tests.test_mentions_evaluation import REGISTRY

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def built() -> dict:
    return {}


@pytest.fixture
def linked(built):
    # The registry is imported once: the linker and its id map need no database afterwards.
    if not built:
        registry_import(data=read_registry(REGISTRY))
        ids = dict(Entity.objects.values_list("pk", "registry_id"))
        built.update(linker=linker_for_registry(), ids=ids)
    linker, ids = built["linker"], built["ids"]
    return lambda text: [(text[f.start : f.end], ids[f.entity]) for f in linker.find(text)]


@pytest.mark.parametrize(
    "text, first",
    [
        ("Sam Altman与Sam Bankman-Fried", "Sam Altman"),
        ("John Schulman和John Carmack", "John Schulman"),
        ("Mark Zuckerberg与Mark Cuban", "Mark Zuckerberg"),
        ("Greg Brockman和Greg Kamradt", "Greg Brockman"),
        ("Ilya Sutskever和Ilya Prigogine", "Ilya Sutskever"),
    ],
)
def test_first_name_followed_by_another_surname_is_not_linked(linked, text, first):
    assert [surface for surface, _ in linked(text)] == [first]


def test_first_name_before_a_middle_dot_is_someone_else(linked):
    assert linked("萨姆·奥特曼与萨姆·班克曼-弗里德") == [("萨姆·奥特曼", "sam-altman")]


def test_surname_after_another_first_name_is_not_linked(linked):
    assert linked("Jensen Huang与Jason Huang") == [("Jensen Huang", "jensen-huang")]


def test_first_name_after_the_full_name_still_links(linked):
    assert linked("Sam Altman说，Sam认为") == [("Sam Altman", "sam-altman"), ("Sam", "sam-altman")]


@pytest.mark.parametrize(
    "text", ["特斯拉Model X上市", "iPhone X上市时", "X上周发布", "X上市", "X上线了", "Falcon X平台"]
)
def test_x_as_a_product_or_before_a_compound_word_is_not_the_network(linked, text):
    assert ("X", "x") not in linked(text)


@pytest.mark.parametrize(
    "text", ["马斯克在X上发文称", "他在X上正式宣布离职", "在社交平台X上", "X平台", "X发帖称"]
)
def test_x_as_news_writes_the_network_links(linked, text):
    assert ("X", "x") in linked(text)


@pytest.mark.parametrize(
    "text",
    [
        "Meta分析显示",
        "他吃了一个苹果",
        "拳王阿里",
        "阿里地区",
        "亚马逊雨林",
        "奥特曼系列动画",
        "一个字节",
        "尼古拉·特斯拉",
    ],
)
def test_common_word_alone_is_not_the_entity(linked, text):
    assert linked(text) == []


def test_meta_before_analysis_is_not_the_company_even_where_meta_is_named(linked):
    assert linked("Meta发布Llama。Meta分析显示") == [("Meta", "meta")]


def test_apple_short_form_links_where_the_company_is_named(linked):
    assert linked("苹果公司表示，苹果将") == [("苹果公司", "apple"), ("苹果", "apple")]


def test_amazon_short_form_links_by_its_rule_but_not_the_rainforest(linked):
    assert linked("亚马逊云计算，亚马逊雨林") == [("亚马逊", "amazon")]


def test_alibaba_short_form_links_where_alibaba_is_named_but_not_the_region(linked):
    assert linked("阿里巴巴称，阿里地区与阿里") == [("阿里巴巴", "alibaba"), ("阿里", "alibaba")]


def test_altman_chinese_short_form_links_beside_openai(linked):
    assert linked("OpenAI的奥特曼") == [("OpenAI", "openai"), ("奥特曼", "sam-altman")]


@pytest.mark.parametrize(
    "text, name, entity",
    [
        ("Alibaba Cloudflare", "Alibaba", "alibaba"),
        ("Microsoft Corporations", "Microsoft", "microsoft"),
        ("Tesla Motorsport赛事", "Tesla", "tesla"),
    ],
)
def test_longest_match_off_a_word_boundary_leaves_the_shorter_one(linked, text, name, entity):
    assert linked(text) == [(name, entity)]


def test_name_followed_by_a_year_links(linked):
    assert linked("OpenAI2024年发布") == [("OpenAI", "openai")]


@pytest.mark.parametrize("text", ["X2发布", "YC1期"])
def test_short_form_followed_by_a_digit_is_another_word(linked, text):
    assert linked(text) == []


def test_full_width_latin_links_with_canonical_offsets(linked):
    assert linked("据ＯｐｅｎＡＩ称") == [("ＯｐｅｎＡＩ", "openai")]
