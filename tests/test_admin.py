import pytest
from django.urls import reverse

from archive.importer import import_paths
from archive.models import Alias, Mention, Organisation, Person
from archive.registry import read_registry, registry_import
from tests.conftest import FIXTURES, SEEDS
from tests.factories import make_article, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client):
    user = make_user(staff=True)
    user.is_superuser = True
    user.save()
    client.force_login(user)
    return client


@pytest.fixture
def linked_seed():
    registry_import(data=read_registry(FIXTURES / "registry.yaml"))
    import_paths([str(SEEDS)])


def test_admin_lists_people_with_search(editor, linked_seed):
    response = editor.get(reverse("admin:archive_person_changelist"), {"q": "Altman"})
    assert response.status_code == 200 and "Sam Altman" in response.content.decode()


def test_admin_adds_an_alias_and_relinks(editor, linked_seed):
    ilya = Person.objects.get(registry_id="ilya-sutskever")
    make_article(body="苏茨克维离开了OpenAI。")
    url = reverse("admin:archive_person_change", args=[ilya.pk])
    form = editor.get(url).context["adminform"].form
    data = {name: form.initial.get(name) or "" for name in form.fields}
    data |= {"names": "{}", "links": "{}", "find_in_text": "on", "name": ilya.name}
    data |= {"affiliations-TOTAL_FORMS": "0", "affiliations-INITIAL_FORMS": "0"}
    existing = list(ilya.aliases.all())
    data["aliases-TOTAL_FORMS"] = str(len(existing) + 1)
    data["aliases-INITIAL_FORMS"] = str(len(existing))
    for index, alias in enumerate(existing):
        data |= {
            f"aliases-{index}-id": alias.pk,
            f"aliases-{index}-text": alias.text,
            f"aliases-{index}-rule": "{}",
        }
        if alias.ambiguous:
            data[f"aliases-{index}-ambiguous"] = "on"
    data[f"aliases-{len(existing)}-text"] = "苏茨克维"
    data[f"aliases-{len(existing)}-rule"] = "{}"
    response = editor.post(url, data)
    assert response.status_code == 302 and Mention.objects.filter(surface="苏茨克维").count() == 1


def test_merge_moves_mentions_and_keeps_the_name_as_alias(editor, linked_seed):
    duplicate = Organisation.objects.create(name="Open AI", slug="open-ai", find_in_text=True)
    make_article(body="Open AI发布了新模型。")
    openai = Organisation.objects.get(registry_id="openai")
    editor.post(
        reverse("admin:archive_organisation_changelist"),
        {"action": "merge_into_first", "_selected_action": [openai.pk, duplicate.pk]},
    )
    assert not Organisation.objects.filter(pk=duplicate.pk).exists()
    assert Alias.objects.filter(organisation=openai, text="Open AI").exists()


def test_split_off_makes_a_wrong_alias_its_own_entity(editor, linked_seed):
    wrong = Alias.objects.create(
        person=Person.objects.get(registry_id="sam-altman"), text="Sam Bankman"
    )
    editor.post(
        reverse("admin:archive_alias_changelist"),
        {"action": "split_off", "_selected_action": [wrong.pk]},
    )
    assert (
        Person.objects.filter(name="Sam Bankman").exists()
        and not Alias.objects.filter(pk=wrong.pk).exists()
    )
