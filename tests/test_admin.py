import json
from html.parser import HTMLParser

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from archive.importer import import_paths
from archive.models import Affiliation, Alias, Article, Entity, Mention
from archive.registry import read_registry, registry_import, relink_all
from tests.conftest import FIXTURES, SEEDS
from tests.factories import make_article

pytestmark = pytest.mark.django_db


@pytest.fixture
def linked_seed():
    registry_import(data=read_registry(FIXTURES / "registry.yaml"))
    import_paths([str(SEEDS)])


def test_admin_lists_people_with_search(editor, linked_seed):
    response = editor.get(
        reverse("admin:archive_entity_changelist"), {"q": "Altman", "kind__exact": "person"}
    )
    assert response.status_code == 200 and "Sam Altman" in response.content.decode()


def test_admin_adds_an_alias_and_relinks(editor, linked_seed, django_capture_on_commit_callbacks):
    ilya = Entity.objects.people().get(registry_id="ilya-sutskever")
    make_article(body="苏茨克维离开了OpenAI。")
    url = reverse("admin:archive_entity_change", args=[ilya.pk])
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
    with django_capture_on_commit_callbacks(execute=True):  # the relinking task, after commit
        response = editor.post(url, data)
    assert response.status_code == 302 and Mention.objects.filter(surface="苏茨克维").count() == 1


@pytest.fixture
def duplicate(linked_seed):
    """A second OpenAI, as accepting a suggestion might make it, with a mention of its own."""
    entity = Entity.objects.create(
        kind=Entity.Kind.ORGANISATION,
        name="Open AI",
        slug="open-ai",
        find_in_text=True,
        links={"website": "https://openai.com"},
    )
    make_article(body="Open AI发布了新模型。")
    relink_all()
    return entity


def merge(editor, survivor, *others):
    return editor.post(
        reverse("admin:archive_entity_changelist"),
        {
            "action": "merge",
            "_selected_action": [survivor.pk, *(o.pk for o in others)],
            "survivor": survivor.pk,
        },
    )


def test_merge_first_asks_which_entity_survives(editor, duplicate):
    openai = Entity.objects.organisations().get(registry_id="openai")
    response = editor.post(
        reverse("admin:archive_entity_changelist"),
        {"action": "merge", "_selected_action": [openai.pk, duplicate.pk]},
    )
    page = response.content.decode()
    assert response.status_code == 200 and page.count('name="survivor"') == 2


def test_merge_page_speaks_the_editors_language(editor, duplicate):
    openai = Entity.objects.organisations().get(registry_id="openai")
    response = editor.post(
        reverse("admin:archive_entity_changelist"),
        {"action": "merge", "_selected_action": [openai.pk, duplicate.pk]},
        headers={"accept-language": "zh-hans"},
    )
    assert "选择保留哪一个机构" in response.content.decode()


def test_merge_moves_mentions_to_the_survivor(editor, duplicate):
    openai = Entity.objects.organisations().get(registry_id="openai")
    assert Mention.objects.filter(entity=duplicate).exists()
    merge(editor, openai, duplicate)
    assert list(Mention.objects.filter(surface="Open AI").values_list("entity", flat=True)) == [
        openai.pk
    ]


def test_merge_keeps_the_merged_name_as_an_alias(editor, duplicate):
    openai = Entity.objects.organisations().get(registry_id="openai")
    merge(editor, openai, duplicate)
    assert not Entity.objects.organisations().filter(pk=duplicate.pk).exists()
    assert Alias.objects.filter(entity=openai, text="Open AI").exists()


def test_merge_into_the_chosen_newer_entity_takes_the_registry_id_and_description(
    editor, duplicate
):
    openai = Entity.objects.organisations().get(registry_id="openai")
    merge(editor, duplicate, openai)
    survivor = Entity.objects.organisations().get(pk=duplicate.pk)
    assert (survivor.registry_id, survivor.description) == ("openai", openai.description)


def test_merge_keeps_the_survivors_links_and_adds_the_others(editor, duplicate):
    openai = Entity.objects.organisations().get(registry_id="openai")
    merge(editor, openai, duplicate)
    assert Entity.objects.organisations().get(pk=openai.pk).links == {
        **duplicate.links,
        **openai.links,
    }


def test_merge_repoints_child_organisations_to_the_survivor(editor, duplicate):
    child = Entity.objects.create(
        kind=Entity.Kind.ORGANISATION, name="OpenAI Japan", slug="openai-japan", parent=duplicate
    )
    openai = Entity.objects.organisations().get(registry_id="openai")
    merge(editor, openai, duplicate)
    assert Entity.objects.organisations().get(pk=child.pk).parent_id == openai.pk


def test_merge_collapses_duplicate_affiliations(editor, duplicate):
    altman = Entity.objects.people().get(registry_id="sam-altman")
    Affiliation.objects.create(person=altman, organisation=duplicate, role="CEO")
    openai = Entity.objects.organisations().get(registry_id="openai")
    merge(editor, openai, duplicate)
    assert Affiliation.objects.filter(person=altman, organisation=openai, role="CEO").count() == 1


def test_alias_added_in_the_alias_admin_relinks(
    editor, linked_seed, django_capture_on_commit_callbacks
):
    ilya = Entity.objects.people().get(registry_id="ilya-sutskever")
    make_article(body="苏茨克维离开了OpenAI。")
    with django_capture_on_commit_callbacks(execute=True):
        editor.post(
            reverse("admin:archive_alias_add"),
            {"text": "苏茨克维", "entity": ilya.pk, "rule": "{}"},
        )
    assert Mention.objects.filter(surface="苏茨克维", entity=ilya).count() == 1


def test_alias_deleted_in_the_alias_admin_relinks(
    editor, linked_seed, django_capture_on_commit_callbacks
):
    alias = Alias.objects.get(text="Altman")
    with django_capture_on_commit_callbacks(execute=True):
        editor.post(reverse("admin:archive_alias_delete", args=[alias.pk]), {"post": "yes"})
    assert not Mention.objects.filter(surface="Altman").exists()


def test_split_off_makes_a_wrong_alias_its_own_entity(editor, linked_seed):
    wrong = Alias.objects.create(
        entity=Entity.objects.people().get(registry_id="sam-altman"), text="Sam Bankman"
    )
    editor.post(
        reverse("admin:archive_alias_changelist"),
        {"action": "split_off", "_selected_action": [wrong.pk]},
    )
    assert (
        Entity.objects.people().filter(name="Sam Bankman").exists()
        and not Alias.objects.filter(pk=wrong.pk).exists()
    )


def test_split_off_keeps_an_ambiguous_alias_ambiguous(editor, linked_seed):
    article = make_article(body="SSI是一种接口。")
    editor.post(
        reverse("admin:archive_alias_changelist"),
        {"action": "split_off", "_selected_action": [Alias.objects.get(text="SSI").pk]},
    )
    assert Entity.objects.organisations().filter(name="SSI").exists()
    assert not Mention.objects.filter(article=article).exists()


class _Form(HTMLParser):
    """What a browser would post from the page's main form: fields as they are rendered."""

    def __init__(self):
        super().__init__()
        self.data: dict[str, list[str]] = {}
        self._select = self._textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in {"submit", "button", "file"}:
            if attrs.get("type") not in {"checkbox", "radio"}:
                self.data.setdefault(name, []).append(attrs.get("value") or "")
            elif "checked" in attrs:  # a box without a value sends "on", as browsers do
                self.data.setdefault(name, []).append(attrs.get("value") or "on")
        elif tag == "select":
            self._select = name
            self.data.setdefault(name, [])
        elif tag == "option" and self._select and "selected" in attrs:
            self.data[self._select].append(attrs.get("value") or "")
        elif tag == "textarea":
            self._textarea = name
            self.data[name] = [""]

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea][0] += data


def change_form(editor, obj) -> tuple[str, dict]:
    """The admin change form's address and the data it would post unchanged."""
    url = reverse(f"admin:archive_{obj._meta.model_name}_change", args=[obj.pk])
    parser = _Form()
    parser.feed(editor.get(url).content.decode())
    data = {k: v for k, v in parser.data.items() if "__prefix__" not in k}
    # A textarea's first newline belongs to the markup, as browsers read it.
    return url, {k: [v.removeprefix("\n") for v in values] for k, values in data.items()}


def test_article_change_form_leaves_text_html_and_title_unchanged(editor):
    article = make_article(title="Kept", body="原来的正文。")
    url, data = change_form(editor, article)
    data |= {"title": "Changed", "text": "新的正文。", "html": "<p>新的正文。</p>"}
    editor.post(url, data)
    saved = Article.objects.get(pk=article.pk)
    assert (saved.title, saved.text, saved.html, saved.revisions.count()) == (
        "Kept",
        article.text,
        article.html,
        1,
    )


def test_article_change_form_saves_the_editable_fields(editor):
    article = make_article(title="Kept", body="原来的正文。")
    url, data = change_form(editor, article)
    data["description"] = "编辑改过的简介"
    response = editor.post(url, data)
    assert response.status_code == 302
    assert Article.objects.get(pk=article.pk).description == "编辑改过的简介"


def test_admin_adds_no_article_by_hand(editor):
    assert editor.get(reverse("admin:archive_article_add")).status_code == 403


def test_admin_adds_no_revision_by_hand(editor):
    assert editor.get(reverse("admin:archive_articlerevision_add")).status_code == 403


@pytest.mark.parametrize("url", ["javascript:alert(1)", "ftp://example.org/"])
def test_article_change_form_refuses_a_source_url_that_is_not_http(editor, url):
    article = make_article(body="原来的正文。")
    form_url, data = change_form(editor, article)
    data["source_url"] = url
    response = editor.post(form_url, data)
    assert response.status_code == 200 and "source_url" in response.context["adminform"].form.errors
    assert Article.objects.get(pk=article.pk).source_url == article.source_url


def test_article_change_form_refuses_a_credit_url_that_is_not_http(editor):
    article = make_article()
    form_url, data = change_form(editor, article)
    data["credits-0-url"] = "ftp://example.org/"
    response = editor.post(form_url, data)
    errors = response.context["inline_admin_formsets"][0].formset.errors
    assert response.status_code == 200 and "url" in errors[0]


@pytest.mark.parametrize(
    "link", ["javascript:alert(1)", " JAVASCRIPT:alert(1)", "data:,x", "ftp://example.org/"]
)
def test_person_change_form_refuses_a_link_that_is_not_http(editor, linked_seed, link):
    altman = Entity.objects.people().get(registry_id="sam-altman")
    url, data = change_form(editor, altman)
    data["links"] = json.dumps({"wikipedia": link})
    response = editor.post(url, data)
    errors = response.context["adminform"].form.errors
    assert "http:// or https://" in str(errors["links"])
    assert Entity.objects.people().get(pk=altman.pk).links == altman.links


@pytest.mark.parametrize("website", ["javascript:alert(1)", "ftp://example.org/"])
def test_organisation_change_form_refuses_a_website_that_is_not_http(editor, linked_seed, website):
    openai = Entity.objects.organisations().get(registry_id="openai")
    url, data = change_form(editor, openai)
    data["url"] = website
    response = editor.post(url, data)
    assert "url" in response.context["adminform"].form.errors
    assert Entity.objects.organisations().get(pk=openai.pk).url == ""


def test_person_change_form_saves_web_links(editor, linked_seed):
    altman = Entity.objects.people().get(registry_id="sam-altman")
    url, data = change_form(editor, altman)
    data["links"] = json.dumps({"website": "https://example.org/altman"})
    assert editor.post(url, data).status_code == 302
    assert Entity.objects.people().get(pk=altman.pk).links == {
        "website": "https://example.org/altman"
    }


def test_admin_lists_people_and_organisations_in_one_list_narrowed_by_kind(editor, linked_seed):
    url = reverse("admin:archive_entity_changelist")
    names = editor.get(url, {"kind__exact": "organisation"}).context["cl"].result_list
    assert {e.kind for e in names} == {"organisation"} and len(names) == (
        Entity.objects.organisations().count()
    )


def test_merge_refuses_a_person_with_an_organisation(editor, linked_seed):
    altman = Entity.objects.people().get(registry_id="sam-altman")
    openai = Entity.objects.organisations().get(registry_id="openai")
    merge(editor, openai, altman)
    assert Entity.objects.filter(pk__in=[altman.pk, openai.pk]).count() == 2


def test_person_change_form_has_no_organisation_only_fields(editor, linked_seed):
    altman = Entity.objects.people().get(registry_id="sam-altman")
    form = (
        editor.get(reverse("admin:archive_entity_change", args=[altman.pk]))
        .context["adminform"]
        .form
    )
    assert not {"url", "category", "parent"} & set(form.fields)


def test_organisation_change_form_lists_its_people(editor, linked_seed):
    openai = Entity.objects.organisations().get(registry_id="openai")
    response = editor.get(reverse("admin:archive_entity_change", args=[openai.pk]))
    formsets = {f.formset.prefix: f.formset for f in response.context["inline_admin_formsets"]}
    people = {form.instance.person.name for form in formsets["members"].forms if form.instance.pk}
    assert "Sam Altman" in people


def test_affiliation_with_an_organisation_in_the_person_place_is_refused(linked_seed):
    openai = Entity.objects.organisations().get(registry_id="openai")
    with pytest.raises(ValidationError):
        Affiliation(person=openai, organisation=openai, role="CEO").full_clean()
