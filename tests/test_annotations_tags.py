"""Tags: sizes checked before any work, then one normal form, which the filter uses too."""

import json
from unittest import mock

import pytest

from annotations import cleaning
from annotations.models import Annotation
from tests.factories import make_annotation, make_article, make_user
from tests.test_annotations_api import Reader, collection, selection

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    return make_article(body="没有人敢轻易质疑一家引领时代的公司，前提是它自己不出问题。")


def post_tags(article, tags):
    raw = json.dumps(selection(article, tags=tags), separators=(",", ":"))
    return Reader(make_user()).send("post", collection(article), raw=raw)


def test_thousands_of_tags_are_refused_before_any_is_normalised(article):
    tags = [f"{i:x}" for i in range(9000)]  # about 60 KB, under the body limit
    with mock.patch.object(cleaning, "normalise_tag", wraps=cleaning.normalise_tag) as normalise:
        response = post_tags(article, tags)
    assert response.status_code == 400
    assert response.json()["errors"]["tags"] == ["at most 20 tags"]
    assert normalise.call_count == 0


def test_full_width_tag_is_stored_in_nfkc(article):
    assert make_annotation(article=article, tags=["ＡＩ"]).tags == ["AI"]


def test_zero_width_and_bidi_controls_are_removed_from_tags(article):
    tags = ["A\u200bI\ufeff", "\u202eevil\u202c", "\u2066安\u200d全\u2069\u200f"]
    assert make_annotation(article=article, tags=tags).tags == ["AI", "evil", "安全"]


@pytest.mark.parametrize("tag", ["", "   ", "\u200b\u2060", "\u202e\u202c\u061c"])
def test_tag_with_nothing_visible_is_refused(article, tag):
    response = post_tags(article, ["fine", tag])
    assert response.status_code == 400
    assert response.json()["errors"]["tags"] == ["a tag needs some visible text"]


def test_tag_that_nfkc_lengthens_past_the_limit_is_refused(article):
    response = post_tags(article, ["㍿" * 17])  # 17 characters, 68 once normalised
    assert response.status_code == 400 and "tags" in response.json()["errors"]


@pytest.mark.parametrize("query", ["ＡＩ", "a\u200bi", "\u202eAI"])
def test_tag_filter_normalises_the_query_as_tags_are(article, query):
    tagged = make_annotation(article=article, tags=["AI"])
    assert list(Annotation.objects.tagged(query)) == [tagged]
