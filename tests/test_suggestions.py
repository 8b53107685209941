"""Suggested names from the seed (archive.discovery), and editors' decisions on them."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from archive.importer import import_paths
from archive.models import Alias, Article, Candidate, Entity, Mention
from archive.registry import read_registry, registry_import
from archive.tasks import discover_names
from tests.conftest import FIXTURES, SEEDS


@pytest.fixture
def seed(db):
    registry_import(data=read_registry(FIXTURES / "registry.yaml"))
    import_paths([str(SEEDS)])  # in the test's transaction: the queued discovery waits


@pytest.fixture
def candidates(seed):
    """Names as discovery suggests them, for the editors' actions."""
    for name in ("John Schulman", "Greg Brockman"):
        Candidate.objects.create(name=name, kind="person", count=3, article_count=1, score=0.5)


def test_discovery_on_the_seed_suggests_no_registered_name(seed):
    discover_names.enqueue(list(Article.objects.values_list("pk", flat=True)))
    registered = ["Sam Altman", "OpenAI", "Ilya Sutskever", "Sutskever"]
    assert not Candidate.objects.filter(name__in=registered).exists()


def test_discovery_on_the_seed_creates_no_registered_name_again(seed):
    discover_names.enqueue(list(Article.objects.values_list("pk", flat=True)))
    assert Entity.objects.filter(name__in=["Sam Altman", "OpenAI"]).count() == 2


def test_refresh_keeps_rejected_names_rejected(seed):
    Candidate.objects.create(name="Greg Brockman", status=Candidate.Status.IGNORED)
    call_command("suggest_entities", "--refresh", verbosity=0)
    rejected = Candidate.objects.get(name="Greg Brockman")
    assert rejected.status == "ignored" and not Entity.objects.filter(name="Greg Brockman")


def test_accepting_a_candidate_creates_a_linked_person(
    editor, candidates, django_capture_on_commit_callbacks
):
    candidate = Candidate.objects.get(name="John Schulman")
    with django_capture_on_commit_callbacks(execute=True):  # the relinking task it queues
        editor.post(
            reverse("admin:archive_candidate_changelist"),
            {"action": "accept_as_person", "_selected_action": [candidate.pk]},
        )
    person = Entity.objects.people().get(name="John Schulman")
    assert person.find_in_text and Mention.objects.filter(entity=person).count() == 3


def test_mapping_a_candidate_adds_an_alias(editor, candidates):
    candidate = Candidate.objects.get(name="Greg Brockman")
    openai = Entity.objects.organisations().get(registry_id="openai")
    editor.post(
        reverse("admin:archive_candidate_change", args=[candidate.pk]),
        {"kind": "person", "status": "new", "entity": openai.pk},
    )
    assert Alias.objects.filter(text="Greg Brockman", entity=openai).exists()
