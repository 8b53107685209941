"""Who a credit names (issue 11, point 4): one entity per real actor, of the right kind.

The posts are shaped like those of the archive: WeChat reposts with a byline block, front matter
that names the publishing account as ``author``, English blogs signed by a lab.
"""

import pytest

from archive.importer import import_paths
from archive.models import Article, Credit, Entity
from archive.registry import read_registry, registry_import
from tests.factories import article_bytes
from tests.test_mentions_evaluation import REGISTRY

pytestmark = pytest.mark.django_db

REPOST = """来源：[{source}](https://mp.weixin.qq.com/s/{n})
作者丨{author}
编辑丨KX

上周，OpenAI发布了新的推理模型。{n}
"""
ACCOUNT_POST = "OpenAI与Anthropic的竞争仍在继续。{n}\n"


def _import(folder, name: str, *, body: str, **front) -> Article:
    front.setdefault("author", None)  # the factory's default author would be credited too
    (folder / name).write_bytes(article_bytes(body=body, **front))
    import_paths([str(folder)])
    return Article.objects.get(source_path=name)


def _credits(article: Article) -> list[tuple[str, str, str]]:
    return [(c.role, c.entity.name, c.entity.kind) for c in article.credits.all()]


def test_an_account_as_author_and_as_publisher_is_one_organisation(articles_dir):
    # Alone, the front matter's author is the article's author; beside a byline author, the
    # account that published the repost.
    _import(articles_dir, "own.md", body=ACCOUNT_POST.format(n=1), author="ByteAILab")
    repost = REPOST.format(n=2, source="产业象限", author="山茶")
    _import(articles_dir, "repost.md", body=repost, author="ByteAILab")
    kinds = list(Entity.objects.filter(name="ByteAILab").values_list("kind", flat=True))
    roles = set(Credit.objects.filter(entity__name="ByteAILab").values_list("role", flat=True))
    assert (kinds, roles) == (["organisation"], {"author", "publisher"})


@pytest.mark.parametrize("publication", ["ScienceAI", "机器之心", "量子位", "半导体行业观察"])
def test_a_publication_signing_as_author_is_an_organisation(articles_dir, publication):
    body = f"作者：{publication}\n\n{ACCOUNT_POST.format(n=3)}"
    article = _import(articles_dir, "signed.md", body=body)
    assert _credits(article) == [("author", publication, "organisation")]


def test_initials_as_editor_stay_a_person(articles_dir):
    body = REPOST.format(n=4, source="新智元", author="桃子")
    article = _import(articles_dir, "initials.md", body=body)
    assert ("editor", "KX", "person") in _credits(article)


def test_a_person_credited_as_author_is_a_person(articles_dir):
    body = REPOST.format(n=5, source="新智元", author="周可心")
    article = _import(articles_dir, "person.md", body=body)
    assert ("author", "周可心", "person") in _credits(article)


def test_a_lab_signing_an_english_post_is_an_organisation_by_the_latin_rules(articles_dir):
    body = "By Carnegie Mellon University\n\nWe release a new benchmark for agents.\n"
    article = _import(articles_dir, "lab.md", body=body, lang="en")
    assert _credits(article) == [("author", "Carnegie Mellon University", "organisation")]


def test_an_english_full_name_as_author_is_a_person(articles_dir):
    body = "By Alex Albert\n\nPrompting tips from a year of building with Claude.\n"
    article = _import(articles_dir, "person_en.md", body=body, lang="en")
    assert _credits(article) == [("author", "Alex Albert", "person")]


def test_a_source_credited_by_a_registered_alias_is_the_registered_entity(articles_dir):
    registry_import(data=read_registry(REGISTRY))
    registered = Entity.objects.get(registry_id="nvidia")
    body = f"来源：英伟达\n\n{ACCOUNT_POST.format(n=6)}"
    article = _import(articles_dir, "alias.md", body=body)
    assert [(c.role, c.entity_id) for c in article.credits.all()] == [("source", registered.pk)]


def test_a_registered_person_credited_as_source_stays_the_person(articles_dir):
    registry_import(data=read_registry(REGISTRY))
    body = f"来源：Sam Altman\n\n{ACCOUNT_POST.format(n=7)}"
    article = _import(articles_dir, "registered.md", body=body)
    entity = article.credits.get().entity
    assert (entity.registry_id, entity.kind) == ("sam-altman", "person")


def test_a_name_known_as_a_person_stays_that_person_in_an_organisation_role(articles_dir):
    _import(articles_dir, "first.md", body=REPOST.format(n=8, source="新智元", author="李想"))
    body = f"来源：李想\n\n{ACCOUNT_POST.format(n=9)}"
    article = _import(articles_dir, "second.md", body=body)
    assert (_credits(article), Entity.objects.filter(name="李想").count()) == (
        [("source", "李想", "person")],
        1,
    )


def test_an_organisation_credited_as_author_keeps_its_link(articles_dir):
    body = f"作者：[量子位](https://www.qbitai.com/)\n\n{ACCOUNT_POST.format(n=10)}"
    article = _import(articles_dir, "linked.md", body=body)
    assert article.credits.get().url == "https://www.qbitai.com/"


def test_reimporting_a_changed_article_creates_no_second_entity(articles_dir):
    body = REPOST.format(n=11, source="量子位", author="梦晨")
    _import(articles_dir, "again.md", body=body, author="ByteAILab", title="第一版")
    before = set(Entity.objects.values_list("pk", "name", "kind"))
    article = _import(articles_dir, "again.md", body=body + "\n补充一段。\n", title="第二版")
    assert (set(Entity.objects.values_list("pk", "name", "kind")), article.title) == (
        before,
        "第二版",
    )


def test_credits_keep_their_roles_in_byline_order(articles_dir):
    body = REPOST.format(n=12, source="量子位", author="梦晨")
    article = _import(articles_dir, "order.md", body=body, author="ByteAILab")
    rows = list(article.credits.values_list("position", "role", "entity__name"))
    assert rows == [
        (0, "source", "量子位"),
        (1, "author", "梦晨"),
        (2, "editor", "KX"),
        (3, "publisher", "ByteAILab"),
    ]


def test_of_a_person_and_an_organisation_left_by_older_imports_the_kind_decided_is_credited(
    articles_dir,
):
    Entity.objects.create(kind="person", name="ByteAILab", slug="byteailab")
    organisation = Entity.objects.create(kind="organisation", name="ByteAILab", slug="byteailab")
    article = _import(articles_dir, "old.md", body=ACCOUNT_POST.format(n=13), author="ByteAILab")
    assert (article.credits.get().entity_id, Entity.objects.count()) == (organisation.pk, 2)
