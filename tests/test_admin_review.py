"""Editors' review of recognised people and organisations in the admin (archive.admin_review)."""

import pytest
from django.urls import reverse

from archive import registry
from archive.discovery import suggestions_refresh
from archive.models import Affiliation, Alias, Candidate, Credit, Entity, Mention, RelinkRun
from archive.registry import read_registry, registry_import, relink_all
from tests.conftest import FIXTURES
from tests.factories import make_annotation, make_article, make_user
from tests.test_admin import change_form

pytestmark = pytest.mark.django_db
CHANGELIST = "admin:archive_entity_changelist"


@pytest.fixture
def relinked(django_capture_on_commit_callbacks):
    """Runs the relinking task that a request queues, as a worker would after the commit."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def found(name, kind=Entity.Kind.PERSON, **fields) -> Entity:
    """An entity as the recogniser makes one: found in text, not reviewed."""
    slug = name.lower().replace(" ", "-")
    return Entity.objects.create(
        kind=kind, name=name, slug=slug, find_in_text=True, reviewed=False, **fields
    )


@pytest.fixture
def dowling():
    entity = found("Jim Dowling")
    make_article(body="Jim Dowling founded the company. Later Jim Dowling left.")
    relink_all()
    return entity


def act(editor, action, *entities, **data):
    return editor.post(
        reverse(CHANGELIST),
        {"action": action, "_selected_action": [e.pk for e in entities], **data},
        follow=True,
    )


def messages_of(response) -> str:
    return " ".join(str(m) for m in response.context["messages"])


def test_the_list_narrows_to_unreviewed_entities(editor, dowling):
    Entity.objects.create(kind=Entity.Kind.PERSON, name="Sam Altman", slug="sam-altman")
    response = editor.get(reverse(CHANGELIST), {"reviewed__exact": "0"})
    assert [e.name for e in response.context["cl"].result_list] == ["Jim Dowling"]


def test_confirm_marks_the_entity_reviewed(editor, dowling):
    act(editor, "confirm", dowling)
    assert Entity.objects.get(pk=dowling.pk).reviewed


def test_confirm_says_relinking_is_queued(editor, dowling):
    response = act(editor, "confirm", dowling)
    assert "Relinking every article is queued" in messages_of(response)


def test_rename_in_the_change_form_keeps_the_old_name_as_an_alias(editor, dowling):
    url, data = change_form(editor, dowling)
    editor.post(url, data | {"name": "James Dowling"})
    assert Alias.objects.filter(entity=dowling, text="Jim Dowling").exists()


def test_rename_in_the_change_form_still_links_the_old_name(editor, dowling, relinked):
    url, data = change_form(editor, dowling)
    with relinked():
        editor.post(url, data | {"name": "James Dowling"})
    assert Mention.objects.filter(entity=dowling, surface="Jim Dowling").count() == 2


def test_rename_to_a_taken_name_is_a_form_error(editor, dowling):
    Entity.objects.create(kind=Entity.Kind.PERSON, name="Sam Altman", slug="sam-altman")
    url, data = change_form(editor, dowling)
    response = editor.post(url, data | {"name": "Sam Altman"})
    assert response.status_code == 200 and response.context["adminform"].form.errors
    assert Entity.objects.get(pk=dowling.pk).name == "Jim Dowling"


@pytest.fixture
def target():
    return Entity.objects.create(
        kind=Entity.Kind.PERSON, name="James Dowling", slug="james-dowling", find_in_text=True
    )


def test_merge_into_first_asks_for_the_target(editor, dowling, target):
    response = act(editor, "merge_into", dowling)
    assert response.status_code == 200 and 'name="target"' in response.content.decode()


def merge_into(editor, target, *entities):
    return act(editor, "merge_into", *entities, target=target.pk, post="yes")


def test_merge_into_moves_the_mentions(editor, dowling, target):
    merge_into(editor, target, dowling)
    assert Mention.objects.filter(surface="Jim Dowling", entity=target).count() == 2


def test_merge_into_moves_the_credits(editor, dowling, target):
    credit = Credit.objects.create(article=make_article(), entity=dowling, role=Credit.Role.AUTHOR)
    merge_into(editor, target, dowling)
    assert Credit.objects.get(pk=credit.pk).entity_id == target.pk


def test_merge_into_makes_every_surface_an_alias_of_the_target(editor, target):
    other = found("J. Dowling", names={"zh": "道林"})
    Alias.objects.create(entity=other, text="Dowling")
    merge_into(editor, target, other)
    assert set(target.aliases.values_list("text", flat=True)) == {"J. Dowling", "道林", "Dowling"}


def test_merge_into_keeps_readers_notes_about_the_merged(editor, dowling, target):
    note = make_annotation()
    note.entities.add(dowling)
    merge_into(editor, target, dowling)
    assert list(note.entities.all()) == [target]


def test_merge_into_deletes_the_merged(editor, dowling, target):
    merge_into(editor, target, dowling)
    assert not Entity.objects.filter(pk=dowling.pk).exists()


def test_merge_into_an_entity_of_another_kind_is_refused_on_the_page(editor, dowling):
    company = Entity.objects.create(kind=Entity.Kind.ORGANISATION, name="Hopsworks", slug="h")
    response = merge_into(editor, company, dowling)
    assert response.status_code == 200 and "Merge people with people" in response.content.decode()
    assert Entity.objects.filter(pk=dowling.pk).exists()


def test_merge_into_then_the_old_name_links_the_target(editor, dowling, target, relinked):
    with relinked():
        merge_into(editor, target, dowling)
    assert Mention.objects.filter(surface="Jim Dowling", entity=target).count() == 2


def test_change_kind_makes_a_person_an_organisation(editor):
    entity = found("ScienceAI")
    act(editor, "make_organisation", entity)
    assert Entity.objects.get(pk=entity.pk).kind == Entity.Kind.ORGANISATION


def test_change_kind_moves_the_page_to_the_organisations(editor):
    entity = found("ScienceAI")
    act(editor, "make_organisation", entity)
    assert Entity.objects.get(pk=entity.pk).get_absolute_url().startswith("/organisations/")


def test_change_kind_onto_a_taken_name_is_a_clear_error(editor):
    entity = found("ScienceAI")
    Entity.objects.create(kind=Entity.Kind.ORGANISATION, name="ScienceAI", slug="scienceai")
    response = act(editor, "make_organisation", entity)
    assert response.status_code == 200
    assert "There is already an organisation named ScienceAI" in messages_of(response)
    assert Entity.objects.get(pk=entity.pk).kind == Entity.Kind.PERSON


def test_change_kind_of_a_person_with_affiliations_is_refused(editor):
    person = found("Jim Dowling")
    company = Entity.objects.create(kind=Entity.Kind.ORGANISATION, name="Hopsworks", slug="h")
    Affiliation.objects.create(person=person, organisation=company, role="CEO")
    response = act(editor, "make_organisation", person)
    assert "affiliation" in messages_of(response)
    assert Entity.objects.get(pk=person.pk).kind == Entity.Kind.PERSON


def reject(editor, *entities):
    return act(editor, "reject", *entities, post="yes")


def test_reject_first_asks_to_confirm(editor, dowling):
    response = act(editor, "reject", dowling)
    assert 'name="post"' in response.content.decode()
    assert Entity.objects.filter(pk=dowling.pk).exists()


def test_reject_deletes_the_entity_and_its_mentions(editor, dowling):
    reject(editor, dowling)
    assert not Entity.objects.filter(pk=dowling.pk).exists()
    assert not Mention.objects.filter(surface="Jim Dowling").exists()


def test_reject_records_the_name_as_rejected(editor, dowling):
    reject(editor, dowling)
    assert Candidate.objects.get(name="Jim Dowling").status == Candidate.Status.IGNORED


def test_a_rejected_name_is_never_proposed_again(editor, dowling):
    reject(editor, dowling)
    suggestions_refresh()  # the whole archive recognised again
    assert Candidate.objects.get(name="Jim Dowling").status == Candidate.Status.IGNORED


def test_reject_keeps_a_byline_credit(editor, dowling):
    credit = Credit.objects.create(article=make_article(), entity=dowling, role=Credit.Role.AUTHOR)
    reject(editor, dowling)
    assert Credit.objects.get(pk=credit.pk).entity.name == "Jim Dowling"


def test_reject_of_a_credited_name_stops_linking_it_in_text(editor, dowling, relinked):
    Credit.objects.create(article=make_article(), entity=dowling, role=Credit.Role.AUTHOR)
    with relinked():
        reject(editor, dowling)
    assert not Mention.objects.filter(entity=dowling).exists()
    assert not Entity.objects.get(pk=dowling.pk).find_in_text


def test_reject_of_a_registry_entry_is_refused(editor):
    registry_import(data=read_registry(FIXTURES / "registry.yaml"))
    altman = Entity.objects.people().get(registry_id="sam-altman")
    response = reject(editor, altman)
    assert "registry" in messages_of(response) and Entity.objects.filter(pk=altman.pk).exists()


def test_an_admin_change_queues_a_relinking_run(editor, dowling):
    act(editor, "confirm", dowling)
    assert RelinkRun.objects.get().status == RelinkRun.Status.QUEUED


def test_the_entity_list_shows_that_relinking_is_queued(editor, dowling):
    act(editor, "confirm", dowling)
    assert "Relinking queued…" in editor.get(reverse(CHANGELIST)).content.decode()


def test_the_entity_list_says_when_queued_relinking_lost_its_task(editor, dowling, database_tasks):
    RelinkRun.objects.create(reason="lost")  # the process stopped before it queued the task
    assert "Relinking did not start." in editor.get(reverse(CHANGELIST)).content.decode()


def test_an_admin_change_after_a_lost_task_queues_a_new_run(editor, dowling, database_tasks):
    lost = RelinkRun.objects.create(reason="lost")
    act(editor, "confirm", dowling)
    latest = RelinkRun.objects.latest_first().first()
    assert (latest.pk != lost.pk, latest.status) == (True, RelinkRun.Status.QUEUED)


def test_the_entity_form_shows_when_relinking_finished(editor, dowling, relinked):
    with relinked():
        act(editor, "confirm", dowling)
    url = reverse("admin:archive_entity_change", args=[dowling.pk])
    assert "Relinked 1 article at" in editor.get(url).content.decode()


def test_the_relinking_state_speaks_the_editors_language(editor, dowling):
    act(editor, "confirm", dowling)
    page = editor.get(reverse(CHANGELIST), headers={"accept-language": "zh-hans"})
    assert "重新链接已排队" in page.content.decode()


def test_the_runs_are_listed_in_the_admin(editor, dowling):
    act(editor, "confirm", dowling)
    response = editor.get(reverse("admin:archive_relinkrun_changelist"))
    assert response.status_code == 200 and len(response.context["cl"].result_list) == 1


def test_runs_are_not_added_by_hand(editor):
    assert editor.get(reverse("admin:archive_relinkrun_add")).status_code == 403


def test_no_admin_request_relinks_in_the_request(editor, dowling, target, monkeypatch):
    calls = []
    monkeypatch.setattr(registry, "relink_all", lambda **kwargs: calls.append(kwargs))
    candidate = Candidate.objects.create(name="Hopsworks")
    url, data = change_form(editor, dowling)
    editor.post(url, data | {"name": "Jim Dowling Jr"})
    editor.post(reverse("admin:archive_alias_add"), {"text": "JD", "entity": target.pk})
    act(editor, "confirm", target)
    act(editor, "relink", target)
    editor.post(
        reverse("admin:archive_candidate_changelist"),
        {"action": "accept_as_organisation", "_selected_action": [candidate.pk]},
    )
    merge_into(editor, target, dowling)
    assert calls == [] and RelinkRun.objects.get().status == RelinkRun.Status.QUEUED


def test_merge_into_without_the_forms_csrf_token_is_refused(dowling, target):
    from django.test import Client

    user = make_user(staff=True)
    user.is_superuser = True
    user.save()
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    response = merge_into(client, target, dowling)
    assert response.status_code == 403 and b"CSRF" in response.content
    assert Entity.objects.filter(pk=dowling.pk).exists()


def test_merge_into_finds_the_target_through_the_admin_search(editor, dowling, target):
    query = {"app_label": "archive", "model_name": "alias", "field_name": "entity", "term": "James"}
    response = editor.get(reverse("admin:autocomplete"), query)
    assert [row["text"] for row in response.json()["results"]] == ["James Dowling"]


def test_the_run_an_admin_change_queues_finishes_with_the_counts(editor, dowling, relinked):
    with relinked():
        act(editor, "confirm", dowling)
    run = RelinkRun.objects.get()
    assert (run.status, run.articles, run.mentions) == (RelinkRun.Status.FINISHED, 1, 2)


def test_change_kind_of_a_registry_entry_is_refused(editor):
    registry_import(data=read_registry(FIXTURES / "registry.yaml"))
    altman = Entity.objects.people().get(registry_id="sam-altman")
    response = act(editor, "make_organisation", altman)
    assert "registry" in messages_of(response)
    assert Entity.objects.get(pk=altman.pk).kind == Entity.Kind.PERSON
