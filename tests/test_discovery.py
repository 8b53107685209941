"""archive.discovery and its task: recognised names become entities or suggestions."""

import json

import pytest
from django.core.management import call_command

from archive.discovery import is_confident
from archive.importer import import_paths
from archive.models import Alias, Candidate, Entity, Mention
from archive.registry import read_registry, registry_import
from archive.tasks import discover_names
from tests.conftest import FIXTURES
from tests.factories import make_annotation, make_article

pytestmark = pytest.mark.django_db

# A full name of a person: the Latin rules are sure of it (0.75) from one occurrence.
CONFIDENT = "Our team met Rita Kozlov at the conference in the spring."
# A lone capitalised word in English: a fair guess (0.45), shown only once it recurs.
DOUBTFUL = "We moved our billing to Hopsworks last spring, and the team liked it."


def discover(*articles):
    return discover_names.enqueue([a.pk for a in articles]).return_value


def test_a_confident_name_becomes_an_unreviewed_entity():
    discover(make_article(body=CONFIDENT))
    person = Entity.objects.get(name="Rita Kozlov")
    assert (person.kind, person.reviewed, person.find_in_text) == ("person", False, True)


def test_a_confident_name_is_linked_where_it_occurs():
    article = make_article(body=CONFIDENT)
    discover(article)
    mention = Mention.objects.get(article=article)
    assert article.text[mention.start : mention.end] == "Rita Kozlov"


def test_a_confident_name_is_shown_on_the_article_page(client):
    article = make_article(body=CONFIDENT)
    discover(article)
    person = Entity.objects.get(name="Rita Kozlov")
    assert person.get_absolute_url() in client.get(article.get_absolute_url()).content.decode()


def test_a_doubtful_name_becomes_a_suggestion_with_its_kind_and_counts():
    discover(make_article(body=DOUBTFUL))
    candidate = Candidate.objects.get(name="Hopsworks")
    assert (candidate.kind, candidate.count, candidate.article_count, candidate.score) == (
        "organisation",
        1,
        1,
        0.45,
    )


def test_a_suggestion_keeps_the_context_it_was_found_in():
    discover(make_article(body=DOUBTFUL))
    assert "billing to Hopsworks last spring" in Candidate.objects.get(name="Hopsworks").examples[0]


def test_a_doubtful_name_makes_no_entity():
    discover(make_article(body=DOUBTFUL))
    assert not Entity.objects.filter(name="Hopsworks").exists()


def test_a_name_that_recurs_in_an_article_is_confident():
    discover(make_article(body=f"{DOUBTFUL} Hopsworks was faster than before."))
    assert Entity.objects.filter(name="Hopsworks", reviewed=False).exists()


def test_a_suggestion_seen_in_another_article_is_promoted():
    first = make_article(body=DOUBTFUL)
    discover(first)
    discover(make_article(body="The new release of Hopsworks ships next week."))
    assert Candidate.objects.get(name="Hopsworks").status == Candidate.Status.ACCEPTED


def test_a_promoted_name_is_linked_in_the_earlier_article_too():
    first = make_article(body=DOUBTFUL)
    discover(first)
    discover(make_article(body="The new release of Hopsworks ships next week."))
    assert Mention.objects.filter(article=first, entity__name="Hopsworks").exists()


def test_recognising_an_article_again_does_not_count_it_twice():
    article = make_article(body=DOUBTFUL)
    discover(article)
    discover(article)
    candidate = Candidate.objects.get(name="Hopsworks")
    assert (candidate.article_count, candidate.status) == (1, Candidate.Status.NEW)


def test_a_new_entity_is_linked_in_other_articles_that_name_it():
    other = make_article(body="Rita Kozlov wrote the foreword.")
    discover(make_article(body=CONFIDENT))
    assert Mention.objects.filter(article=other, entity__name="Rita Kozlov").exists()


def test_a_rejected_name_is_never_created_nor_proposed_again():
    Candidate.objects.create(name="Rita Kozlov", kind="person", status=Candidate.Status.IGNORED)
    discover(make_article(body=CONFIDENT))
    rejected = Candidate.objects.get(name="Rita Kozlov")
    assert (Entity.objects.filter(name="Rita Kozlov").exists(), rejected.status) == (
        False,
        Candidate.Status.IGNORED,
    )


@pytest.fixture
def registry():
    registry_import(data=read_registry(FIXTURES / "registry.yaml"))


def test_a_registered_name_creates_nothing(registry):
    article = make_article(body="清华大学的张伟教授说，OpenAI 和 Sam Altman 都在招人。")
    before = Entity.objects.count()
    discover(article)
    created = set(Entity.objects.unreviewed().values_list("name", flat=True))
    assert created == {"清华大学", "张伟"} and Entity.objects.count() == before + 2


def test_a_name_known_under_the_other_kind_is_that_entity():
    Entity.objects.create(kind="organisation", name="Rita Kozlov", slug="rk", find_in_text=True)
    discover(make_article(body=CONFIDENT))
    assert Entity.objects.filter(name="Rita Kozlov").count() == 1


def test_a_name_known_by_an_alias_creates_nothing():
    owner = Entity.objects.create(kind="person", name="R. Kozlov", slug="r-kozlov")
    Alias.objects.create(entity=owner, text="Rita Kozlov")
    discover(make_article(body=CONFIDENT))
    assert not Entity.objects.unreviewed().exists()


def test_a_longer_form_of_a_known_name_is_not_a_new_entity():
    Entity.objects.create(kind="organisation", name="西湖大学", slug="westlake", find_in_text=True)
    discover(make_article(body="西湖大学医学院的研究团队今天发表了论文。"))
    assert not Entity.objects.unreviewed().exists()


def test_the_registry_keeps_its_mentions(registry):
    article = make_article(body="OpenAI 的研究员张伟表示，新模型下周发布。")
    before = set(Mention.objects.filter(article=article).values_list("entity", "start", "end"))
    discover(article)
    after = set(Mention.objects.filter(article=article).values_list("entity", "start", "end"))
    assert before and before < after


def test_a_surname_after_the_full_name_is_an_ambiguous_alias():
    discover(make_article(body="The talk by Jim Dowling was the best. Later, Dowling answered."))
    alias = Alias.objects.get(text="Dowling")
    assert (alias.entity.name, alias.ambiguous, Entity.objects.filter(name="Dowling").count()) == (
        "Jim Dowling",
        True,
        0,
    )


def test_annotations_of_a_relinked_article_are_untouched():
    other = make_article(body="Rita Kozlov wrote the foreword of the book.")
    annotation = make_annotation(article=other, start=0, end=11)
    discover(make_article(body=CONFIDENT))
    annotation.refresh_from_db()
    assert (annotation.start, annotation.end, annotation.exact) == (0, 11, "Rita Kozlov")


def test_the_import_queues_discovery_for_what_it_wrote(
    articles_dir, django_capture_on_commit_callbacks
):
    (articles_dir / "a.md").write_text(f"---\ntitle: A\n---\n\n{CONFIDENT}\n", encoding="utf-8")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        import_paths([str(articles_dir)])
    assert callbacks and Entity.objects.filter(name="Rita Kozlov", reviewed=False).exists()


def test_an_import_that_writes_nothing_queues_nothing(
    articles_dir, django_capture_on_commit_callbacks
):
    (articles_dir / "a.md").write_text("---\ntitle: A\n---\n\nText.\n", encoding="utf-8")
    import_paths([str(articles_dir)])
    with django_capture_on_commit_callbacks() as callbacks:
        import_paths([str(articles_dir)])
    assert callbacks == []


def test_confidence_needs_recurrence_below_the_confident_score():
    assert (
        is_confident(score=0.5, count=1, article_count=1),
        is_confident(score=0.5, count=1, article_count=2),
        is_confident(score=0.5, count=2, article_count=1),
        is_confident(score=0.9, count=1, article_count=1),
    ) == (False, True, True, True)


def test_suggest_entities_prints_name_kind_count_and_context(capsys):
    discover(make_article(body=DOUBTFUL))
    call_command("suggest_entities")
    name, kind, count, context = capsys.readouterr().out.strip().split("\t")
    assert (name, kind, count) == ("Hopsworks", "organisation", "1") and "Hopsworks" in context


def test_suggest_entities_filters_by_kind(capsys):
    discover(make_article(body=DOUBTFUL))
    call_command("suggest_entities", kind="person")
    assert capsys.readouterr().out == ""


def test_suggest_entities_filters_by_count(capsys):
    discover(make_article(body=DOUBTFUL))
    call_command("suggest_entities", min_count=2)
    assert capsys.readouterr().out == ""


def test_suggest_entities_prints_json(capsys):
    discover(make_article(body=DOUBTFUL))
    call_command("suggest_entities", "--json")
    [item] = json.loads(capsys.readouterr().out)
    assert (item["name"], item["kind"], item["count"], item["articles"]) == (
        "Hopsworks",
        "organisation",
        1,
        1,
    )


def test_suggest_entities_refresh_recognises_the_whole_archive(capsys):
    make_article(body=DOUBTFUL)
    call_command("suggest_entities", "--refresh")
    assert "Hopsworks" in capsys.readouterr().out


def test_metadata_words_and_address_parts_are_neither_entities_nor_suggestions():
    body = "Title: 技术报告\n\nNone of it is new: see https://github.com/NVIDIA/Megatron-LM now."
    discover(make_article(body=body))
    assert not Entity.objects.unreviewed().exists() and not Candidate.objects.exists()
