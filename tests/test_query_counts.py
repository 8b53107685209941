"""The main pages' absolute query counts, pinned (as Zulip pins its endpoints').

The tests beside each page show that its count stays the same as data grows; these say what the
count is, so that a change that adds a query to a hot page has to say so here. Each page is
measured on the seed imported with the registry, annotated by two readers.
"""

import pytest
from django.urls import reverse

from archive.importer import import_paths
from archive.models import Article, Entity
from archive.registry import read_registry, registry_import
from tests.conftest import FIXTURES, SEEDS
from tests.factories import make_annotation, make_user
from tests.queries import page_queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def seed():
    registry_import(data=read_registry(FIXTURES / "registry.yaml"))
    import_paths([str(SEEDS)])
    article = Article.objects.get()
    # Each note is about the person and the organisation whose pages are measured: their pages
    # list the public ones.
    about = _measured_entities()
    for owner in (make_user("pinned-a"), make_user("pinned-b")):
        for visibility in ("public", "private"):
            make_annotation(owner=owner, article=article, visibility=visibility, entities=about)
    return article


def _measured_entities() -> list[int]:
    return [_entity(kind).pk for kind in Entity.Kind.values]


def _entity(kind):
    return Entity.objects.filter(kind=kind, credits__isnull=False).first()


@pytest.fixture
def reader(client):
    user = make_user("pinned-reader")
    client.force_login(user)
    return user


def entity_url(kind):
    return _entity(kind).get_absolute_url()


PAGES = {
    "home": lambda seed: reverse("archive:home"),
    "article": lambda seed: seed.get_absolute_url(),
    "person": lambda seed: entity_url(Entity.Kind.PERSON),
    "organisation": lambda seed: entity_url(Entity.Kind.ORGANISATION),
    "people": lambda seed: reverse("archive:person_list"),
    "organisations": lambda seed: reverse("archive:organisation_list"),
    "network": lambda seed: reverse("archive:network"),
    "search": lambda seed: reverse("search:results") + "?q=OpenAI",
    "collection": lambda seed: reverse("annotations:api_collection", args=[seed.slug]),
    "compact": lambda seed: reverse("annotations:api_compact", args=[seed.slug]),
}
# Logged in, each page also reads the session and its user. The article page is measured with
# an empty cache: 1 query for its validators (archive.caching: the article's stamp with its
# annotations' state), then the 6 that build what is cached; test_cached_article_page_* below
# pins the page served from the cache. A person's or an organisation's page counts and reads
# the public notes about them (annotations.entity_notes); the annotations' containers read
# whom each is about in one query for the page, and the compact payload also the article's
# people and organisations, which the note editor offers.
ANONYMOUS = {
    "home": 3,
    "article": 7,
    "person": 9,
    "organisation": 9,
    "people": 2,
    "organisations": 2,
    "network": 3,  # was 4: the nodes are one model now, read in one query, not two
    "search": 10,
    "collection": 3,
    "compact": 4,
}
LOGGED_IN = {
    "home": 5,
    "article": 9,
    "person": 11,
    "organisation": 11,
    "people": 4,
    "organisations": 4,
    "network": 5,  # was 6, as above
    "search": 13,  # also the reader's own annotations
    "collection": 5,
    "compact": 6,
}


@pytest.mark.parametrize("name", PAGES)
def test_anonymous_page_runs_its_pinned_number_of_queries(client, seed, name):
    assert (name, page_queries(client, PAGES[name](seed))) == (name, ANONYMOUS.get(name))


@pytest.mark.parametrize("name", PAGES)
def test_logged_in_page_runs_its_pinned_number_of_queries(client, seed, reader, name):
    assert (name, page_queries(client, PAGES[name](seed))) == (name, LOGGED_IN.get(name))


def test_my_annotations_runs_its_pinned_number_of_queries(client, seed, reader):
    make_annotation(owner=reader, article=seed)
    assert page_queries(client, reverse("annotations:mine")) == 5


def test_cached_article_page_runs_only_its_validators_query(client, seed):
    client.get(seed.get_absolute_url())
    assert page_queries(client, seed.get_absolute_url()) == 1


def test_cached_article_page_for_a_reader_also_reads_the_session(client, seed, reader):
    client.get(seed.get_absolute_url())
    assert page_queries(client, seed.get_absolute_url()) == 3
