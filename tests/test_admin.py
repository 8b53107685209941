import pytest
from django.urls import reverse

from archive.importer import import_paths
from archive.models import Affiliation, Alias, Mention, Organisation, Person
from archive.registry import read_registry, registry_import, relink_all
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


@pytest.fixture
def duplicate(linked_seed):
    """A second OpenAI, as accepting a suggestion might make it, with a mention of its own."""
    entity = Organisation.objects.create(
        name="Open AI", slug="open-ai", find_in_text=True, links={"website": "https://openai.com"}
    )
    make_article(body="Open AI发布了新模型。")
    relink_all()
    return entity


def merge(editor, survivor, *others):
    return editor.post(
        reverse("admin:archive_organisation_changelist"),
        {
            "action": "merge",
            "_selected_action": [survivor.pk, *(o.pk for o in others)],
            "survivor": survivor.pk,
        },
    )


def test_merge_first_asks_which_entity_survives(editor, duplicate):
    openai = Organisation.objects.get(registry_id="openai")
    response = editor.post(
        reverse("admin:archive_organisation_changelist"),
        {"action": "merge", "_selected_action": [openai.pk, duplicate.pk]},
    )
    page = response.content.decode()
    assert response.status_code == 200 and page.count('name="survivor"') == 2


def test_merge_moves_mentions_to_the_survivor(editor, duplicate):
    openai = Organisation.objects.get(registry_id="openai")
    assert Mention.objects.filter(organisation=duplicate).exists()
    merge(editor, openai, duplicate)
    assert list(
        Mention.objects.filter(surface="Open AI").values_list("organisation", flat=True)
    ) == [openai.pk]


def test_merge_keeps_the_merged_name_as_an_alias(editor, duplicate):
    openai = Organisation.objects.get(registry_id="openai")
    merge(editor, openai, duplicate)
    assert not Organisation.objects.filter(pk=duplicate.pk).exists()
    assert Alias.objects.filter(organisation=openai, text="Open AI").exists()


def test_merge_into_the_chosen_newer_entity_takes_the_registry_id_and_description(
    editor, duplicate
):
    openai = Organisation.objects.get(registry_id="openai")
    merge(editor, duplicate, openai)
    survivor = Organisation.objects.get(pk=duplicate.pk)
    assert (survivor.registry_id, survivor.description) == ("openai", openai.description)


def test_merge_keeps_the_survivors_links_and_adds_the_others(editor, duplicate):
    openai = Organisation.objects.get(registry_id="openai")
    merge(editor, openai, duplicate)
    assert Organisation.objects.get(pk=openai.pk).links == {**duplicate.links, **openai.links}


def test_merge_repoints_child_organisations_to_the_survivor(editor, duplicate):
    child = Organisation.objects.create(name="OpenAI Japan", slug="openai-japan", parent=duplicate)
    openai = Organisation.objects.get(registry_id="openai")
    merge(editor, openai, duplicate)
    assert Organisation.objects.get(pk=child.pk).parent_id == openai.pk


def test_merge_collapses_duplicate_affiliations(editor, duplicate):
    altman = Person.objects.get(registry_id="sam-altman")
    Affiliation.objects.create(person=altman, organisation=duplicate, role="CEO")
    openai = Organisation.objects.get(registry_id="openai")
    merge(editor, openai, duplicate)
    assert Affiliation.objects.filter(person=altman, organisation=openai, role="CEO").count() == 1


def test_alias_added_in_the_alias_admin_relinks(editor, linked_seed):
    ilya = Person.objects.get(registry_id="ilya-sutskever")
    make_article(body="苏茨克维离开了OpenAI。")
    editor.post(
        reverse("admin:archive_alias_add"), {"text": "苏茨克维", "person": ilya.pk, "rule": "{}"}
    )
    assert Mention.objects.filter(surface="苏茨克维", person=ilya).count() == 1


def test_alias_deleted_in_the_alias_admin_relinks(editor, linked_seed):
    alias = Alias.objects.get(text="Altman")
    editor.post(reverse("admin:archive_alias_delete", args=[alias.pk]), {"post": "yes"})
    assert not Mention.objects.filter(surface="Altman").exists()


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


def test_split_off_keeps_an_ambiguous_alias_ambiguous(editor, linked_seed):
    article = make_article(body="SSI是一种接口。")
    editor.post(
        reverse("admin:archive_alias_changelist"),
        {"action": "split_off", "_selected_action": [Alias.objects.get(text="SSI").pk]},
    )
    assert Organisation.objects.filter(name="SSI").exists()
    assert not Mention.objects.filter(article=article).exists()
