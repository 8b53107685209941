import pytest

from archive.candidates import candidate_accept
from archive.merging import alias_split
from archive.models import Alias, Candidate, Entity
from archive.slugs import slug_base, unique_slug

pytestmark = pytest.mark.django_db


def test_slug_keeps_cjk_and_latin_letters():
    assert slug_base("萨姆 Altman", fallback="person") == "萨姆-altman"


@pytest.mark.parametrize("text", ["★", "???", "🤖🤖"])
def test_name_without_letters_gets_the_fallback_and_a_hash(text):
    slug = slug_base(text, fallback="person")
    assert slug.startswith("person-") and len(slug) == len("person-") + 8


def test_different_names_without_letters_get_different_slugs():
    assert slug_base("★", fallback="person") != slug_base("☆", fallback="person")


def test_blank_text_gets_the_bare_fallback():
    assert slug_base("  ", fallback="article") == "article"


def test_taken_slug_gets_a_counter():
    assert unique_slug({"openai", "openai-2"}, "OpenAI", fallback="organisation") == "openai-3"


def test_slug_of_a_name_without_letters_is_never_empty_nor_a_bare_counter():
    taken = {slug_base("★", fallback="person")}
    slug = unique_slug(taken, "★", fallback="person")
    assert slug and not slug.startswith("-") and slug.endswith("-2")


def test_queryset_is_asked_for_the_slugs_it_holds():
    Entity.objects.create(kind=Entity.Kind.PERSON, name="Ada", slug="ada")
    assert unique_slug(Entity.objects.people(), "Ada", fallback="person") == "ada-2"


def test_slugs_of_the_other_kind_do_not_count():
    Entity.objects.create(kind=Entity.Kind.ORGANISATION, name="Ada", slug="ada")
    assert unique_slug(Entity.objects.people(), "Ada", fallback="person") == "ada"


def test_slug_is_cut_to_fit_the_field_with_its_counter():
    slug = unique_slug({"a" * 200}, "a" * 300, fallback="person")
    assert slug == "a" * 200 + "-2" and len(slug) <= Entity._meta.get_field("slug").max_length


def test_accepting_a_name_without_letters_makes_a_usable_address(client):
    candidate = Candidate.objects.create(name="★★", kind="person")
    entity = candidate_accept(candidate=candidate, kind=Entity.Kind.PERSON)
    assert (
        entity.slug.startswith("person-")
        and client.get(entity.get_absolute_url()).status_code == 200
    )


def test_splitting_off_an_alias_without_letters_makes_no_bare_counter():
    owner = Entity.objects.create(kind=Entity.Kind.ORGANISATION, name="OpenAI", slug="openai")
    Entity.objects.create(
        kind=Entity.Kind.ORGANISATION, name="-", slug=slug_base("！", fallback="organisation")
    )
    alias = Alias.objects.create(entity=owner, text="！")
    entity = alias_split(alias=alias)
    assert entity.slug == slug_base("！", fallback="organisation") + "-2"
