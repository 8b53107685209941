"""The labelled names set is consistent: spans match names, every article has both kinds."""

from pathlib import Path

import pytest
import yaml

NAMES = Path(__file__).parent / "fixtures" / "names"
ARTICLES = sorted(NAMES.glob("*.yaml"))


def _load(path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _spans(article):
    return [
        (start, end, entity) for entity in article["entities"] for start, end in entity["spans"]
    ]


def test_the_set_has_at_least_twenty_articles():
    assert len(ARTICLES) >= 20


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.stem)
def test_every_span_is_the_name_or_a_listed_surface(path):
    article = _load(path)
    wrong = [
        (start, end, article["text"][start:end], entity["name"])
        for start, end, entity in _spans(article)
        if article["text"][start:end] not in [entity["name"], *entity.get("surfaces", [])]
    ]
    assert wrong == []


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.stem)
def test_spans_do_not_overlap(path):
    spans = sorted((start, end) for start, end, _ in _spans(_load(path)))
    overlapping = [(a, b) for a, b in zip(spans, spans[1:], strict=False) if b[0] < a[1]]
    assert overlapping == []


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.stem)
def test_every_article_names_a_person_and_an_organisation(path):
    kinds = {entity["kind"] for entity in _load(path)["entities"]}
    assert kinds == {"person", "organisation"}


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.stem)
def test_every_entity_has_a_span(path):
    assert all(entity["spans"] for entity in _load(path)["entities"])
