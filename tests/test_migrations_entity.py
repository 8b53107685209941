"""Migrations 0011-0013: people and organisations of the old schema become entities, and every
mention, credit, alias, affiliation, candidate and address is kept.

The old rows are made through the historical models at 0010, then the schema migrates forward;
the same test runs on SQLite and on PostgreSQL (whichever DATABASE_URL names).
"""

import datetime

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from archive.models import Affiliation, Alias, Candidate, Credit, Entity, Mention
from search import index

BEFORE = [("archive", "0010_boilerplate")]
CREATED = datetime.datetime(2024, 3, 1, 12, 0, tzinfo=datetime.UTC)
TEXT = "OpenAI的Sam Altman说，ByteAILab也在做。"


def _migrate(targets) -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(targets)


@pytest.fixture(scope="module")
def migrated(django_db_setup, django_db_blocker):
    """The archive at 0010 with a person and an organisation of every sort of link, migrated
    forward once for the module (each migration takes seconds); emptied afterwards."""
    with django_db_blocker.unblock():
        _migrate(BEFORE)
        apps = MigrationExecutor(connection).loader.project_state(BEFORE).apps
        rows = _old_rows(apps)
        _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
        yield rows
        call_command("flush", interactive=False, verbosity=0)
        index.rebuild()  # flush leaves SQLite's FTS rows (no model of their own) behind


@pytest.fixture
def old(migrated, db):
    return migrated


def _old_rows(apps) -> dict:
    Person = apps.get_model("archive", "Person")
    Organisation = apps.get_model("archive", "Organisation")
    Article = apps.get_model("archive", "Article")
    altman = Person.objects.create(
        name="Sam Altman",
        slug="sam-altman",
        registry_id="sam-altman",
        names={"zh": "萨姆·奥特曼"},
        description="CEO",
        links={"wikipedia": "https://en.wikipedia.org/wiki/Sam_Altman"},
        find_in_text=True,
    )
    # The same name and slug as a person and as an organisation, as bylines make them.
    lab_person = Person.objects.create(name="ByteAILab", slug="byteailab")
    parent = Organisation.objects.create(name="Microsoft", slug="microsoft", kind="company")
    openai = Organisation.objects.create(
        name="OpenAI",
        slug="openai",
        registry_id="openai",
        kind="lab",
        url="https://openai.com",
        parent=parent,
        find_in_text=True,
    )
    lab = Organisation.objects.create(name="ByteAILab", slug="byteailab", kind="publication")
    Person.objects.filter(pk=altman.pk).update(created=CREATED)
    Organisation.objects.filter(pk=openai.pk).update(created=CREATED)
    article = Article.objects.create(
        source_key="k1", source_path="a.md", file_hash="h", slug="a1", title="A1",
        html=f"<p>{TEXT}</p>", text=TEXT, content_hash="c",
    )  # fmt: skip
    Mention = apps.get_model("archive", "Mention")
    Mention.objects.create(article=article, person=altman, start=7, end=17, surface="Sam Altman")
    Mention.objects.create(article=article, organisation=openai, start=0, end=6, surface="OpenAI")
    Credit = apps.get_model("archive", "Credit")
    Credit.objects.create(article=article, person=lab_person, role="author", position=0)
    Credit.objects.create(article=article, organisation=lab, role="publisher", position=1)
    Alias = apps.get_model("archive", "Alias")
    Alias.objects.create(person=altman, text="奥特曼", ambiguous=True, rule={"with": ["openai"]})
    Alias.objects.create(organisation=openai, text="Open AI")
    apps.get_model("archive", "Affiliation").objects.create(
        person=altman, organisation=openai, role="CEO", since="2019"
    )
    Candidate = apps.get_model("archive", "Candidate")
    Candidate.objects.create(name="Altman", kind="person", status="mapped", person=altman)
    Candidate.objects.create(
        name="Open-AI", kind="organisation", status="mapped", organisation=openai
    )
    return {"people": Person.objects.count(), "organisations": Organisation.objects.count()}


def test_every_person_and_organisation_becomes_an_entity_of_its_kind(old):
    kinds = sorted(Entity.objects.values_list("kind", "name", "slug"))
    assert (
        (Entity.objects.people().count(), Entity.objects.organisations().count())
        == (
            old["people"],
            old["organisations"],
        )
        and ("organisation", "ByteAILab", "byteailab") in kinds
        and (
            "person",
            "ByteAILab",
            "byteailab",
        )
        in kinds
    )


def test_entity_keeps_registry_id_names_links_description_and_date(old):
    altman = Entity.objects.people().get(registry_id="sam-altman")
    assert (
        altman.names,
        altman.links,
        altman.description,
        altman.find_in_text,
        altman.created,
    ) == (
        {"zh": "萨姆·奥特曼"},
        {"wikipedia": "https://en.wikipedia.org/wiki/Sam_Altman"},
        "CEO",
        True,
        CREATED,
    )


def test_organisation_keeps_its_type_website_and_parent(old):
    openai = Entity.objects.organisations().get(registry_id="openai")
    assert (openai.category, openai.url, openai.parent.name, openai.parent.kind) == (
        "lab",
        "https://openai.com",
        "Microsoft",
        "organisation",
    )


def test_mentions_point_to_the_entity_they_named(old):
    assert sorted(Mention.objects.values_list("surface", "entity__kind", "entity__name")) == [
        ("OpenAI", "organisation", "OpenAI"),
        ("Sam Altman", "person", "Sam Altman"),
    ]


def test_credits_keep_their_role_and_kind(old):
    assert list(Credit.objects.order_by("position").values_list("role", "entity__kind")) == [
        ("author", "person"),
        ("publisher", "organisation"),
    ]


def test_aliases_keep_their_entity_ambiguity_and_rule(old):
    assert sorted(Alias.objects.values_list("text", "entity__name", "ambiguous", "rule")) == [
        ("Open AI", "OpenAI", False, {}),
        ("奥特曼", "Sam Altman", True, {"with": ["openai"]}),
    ]


def test_affiliation_joins_the_person_and_the_organisation(old):
    affiliation = Affiliation.objects.get()
    assert (affiliation.person.name, affiliation.organisation.name, affiliation.role) == (
        "Sam Altman",
        "OpenAI",
        "CEO",
    ) and affiliation.since == "2019"


def test_candidates_stay_mapped_onto_their_entity(old):
    assert sorted(Candidate.objects.values_list("name", "entity__kind", "entity__name")) == [
        ("Altman", "person", "Sam Altman"),
        ("Open-AI", "organisation", "OpenAI"),
    ]


@pytest.mark.parametrize(
    "url, name",
    [
        ("/people/sam-altman/", "Sam Altman"),
        ("/people/byteailab/", "ByteAILab"),
        ("/organisations/openai/", "OpenAI"),
        ("/organisations/byteailab/", "ByteAILab"),
    ],
)
def test_old_addresses_still_answer(client, old, url, name):
    response = client.get(url)
    assert response.status_code == 200 and response.context["entity"].name == name


def test_person_address_does_not_answer_for_an_organisation(client, old):
    assert client.get("/people/openai/").status_code == 404
