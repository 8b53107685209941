import pytest
from django.urls import reverse

from archive.candidates import candidates_refresh
from archive.importer import import_paths
from archive.models import Alias, Candidate, Entity, Mention
from archive.registry import read_registry, registry_import
from archive.suggestions import collect, names_in
from tests.conftest import FIXTURES, SEEDS
from tests.factories import make_user


def names(text: str, chinese: bool = True) -> list[str]:
    return [name for name, *_ in names_in(text, chinese=chinese)]


def test_capitalised_run_in_chinese_text_is_a_name():
    assert names("前CTO Mira Murati离职") == ["Mira Murati"]


def test_stopwords_split_a_run():
    assert names("OpenAI CEO Sam Altman去留") == ["OpenAI", "Sam Altman"]


def test_the_information_keeps_its_article():
    assert names("据The Information报道") == ["The Information"]


def test_single_capitalised_word_in_english_is_not_enough():
    assert names("Yesterday the market fell.", chinese=False) == []


def test_chinese_name_after_a_cue():
    assert names("创始人兼CEO黄仁勋表示") == ["黄仁勋"]


def test_cue_followed_by_a_title_is_not_a_name():
    assert names("联合创始人兼首席科学家离职") == []


def test_known_names_are_not_suggested():
    suggestions = collect([("Sam Altman与Mira Murati", "zh-Hans")], {"Sam Altman"})
    assert [s.name for s in suggestions] == ["Mira Murati"]


def test_suggestions_count_and_keep_example_sentences():
    suggestion = collect([("Mira Murati离职。Mira Murati创业。", "zh-Hans")], set())[0]
    assert (suggestion.count, suggestion.examples[0]) == (2, "Mira Murati离职。")


@pytest.fixture
def candidates(db):
    registry_import(data=read_registry(FIXTURES / "registry.yaml"))
    import_paths([str(SEEDS)])
    candidates_refresh()


def test_seed_suggests_people_missing_from_the_registry(candidates):
    assert Candidate.objects.filter(name="John Schulman").exists()


def test_seed_does_not_suggest_registered_names(candidates):
    assert not Candidate.objects.filter(name__in=["Sam Altman", "OpenAI"]).exists()


def test_refresh_keeps_ignored_names_ignored(candidates):
    Candidate.objects.filter(name="Greg Brockman").update(status=Candidate.Status.IGNORED)
    candidates_refresh()
    assert Candidate.objects.get(name="Greg Brockman").status == "ignored"


@pytest.fixture
def editor(client, db):
    user = make_user(staff=True)
    user.is_superuser = True
    user.save()
    client.force_login(user)
    return client


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
