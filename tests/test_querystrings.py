"""URLs with a query string: every value comes back exactly as it was given."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.http import QueryDict

from archive.querystrings import url_with_query

HARD_VALUES = ["R&D #1", "C++ and Rust", "芯片 新闻", "100% = a/b?c"]


@pytest.mark.parametrize("value", HARD_VALUES)
def test_a_value_comes_back_exactly_as_given(value):
    parts = urlsplit(url_with_query("/x/", tag=value))
    assert (parts.path, parse_qs(parts.query), parts.fragment) == ("/x/", {"tag": [value]}, "")


def test_a_url_name_is_reversed():
    assert url_with_query("archive:home", tag="AI") == "/?tag=AI"


def test_without_parameters_the_url_is_the_bare_path():
    assert url_with_query("archive:home") == "/"


def test_the_given_query_is_kept_and_none_removes_a_parameter():
    url = url_with_query("/search/", QueryDict("q=a&q=b&page=3"), page=None, source="x")
    assert parse_qs(urlsplit(url).query) == {"q": ["a", "b"], "source": ["x"]}


def test_the_given_query_is_left_unchanged():
    query = QueryDict("page=3")
    url_with_query("/search/", query, page=None)
    assert query.dict() == {"page": "3"}


def test_a_list_repeats_the_parameter():
    assert url_with_query("/x/", tag=["a", "b"]) == "/x/?tag=a&tag=b"
