"""The context rules of linking (issue 11, point 3) on every path that writes mentions.

Real-shaped posts (tests/fixtures/context) are imported with the shipped registry: in the
import's own process, in its parsing workers, and linked again by ``relink_all``. Each path
must link the prose and nothing inside code, addresses, link texts that are addresses or the
captions of missing pictures, nor a name where it is a common word (``Meta Block``).
"""

import shutil
from pathlib import Path

import pytest
from django.db import transaction

from archive.importer import import_paths
from archive.models import Article, Mention
from archive.registry import read_registry, registry_import, relink_all
from tests.test_mentions_evaluation import REGISTRY

pytestmark = pytest.mark.django_db  # the posts are imported through the database, once a path
POSTS = Path(__file__).parent / "fixtures" / "context"


@pytest.fixture(scope="module", params=["import", "workers", "relink"])
def mentions_by_post(request, django_db_setup, django_db_blocker, tmp_path_factory):
    """The (surface, registry id, line) of each mention of each post, in text order, as the
    path under test wrote them. One import per path: the rows are rolled back afterwards."""
    folder = tmp_path_factory.mktemp("posts")
    for post in POSTS.glob("*.md"):
        shutil.copy(post, folder / post.name)
    with django_db_blocker.unblock(), transaction.atomic(), pytest.MonkeyPatch.context() as patch:
        registry_import(data=read_registry(REGISTRY))
        if request.param == "workers":
            patch.setattr("archive.parallel.PARALLEL_FROM", 1)
        import_paths([str(folder)])
        if request.param == "relink":
            Mention.objects.all().delete()
            relink_all()
        found = {
            article.source_path: [
                (m.surface, m.entity.registry_id, _line(article.text, m.start))
                for m in Mention.objects.filter(article=article).select_related("entity")
            ]
            for article in Article.objects.all()
        }
        transaction.set_rollback(True)
    return found


@pytest.fixture
def linked(mentions_by_post):
    return mentions_by_post.__getitem__


def _line(text: str, position: int) -> str:
    start = text.rfind("\n", 0, position) + 1
    end = text.find("\n", position)
    return text[start : end if end >= 0 else len(text)]


def _surfaces(mentions, words: str) -> list[str]:
    """The surfaces linked in lines that contain ``words``."""
    return [surface for surface, _, line in mentions if words in line]


def test_names_in_the_prose_of_a_developer_post_are_linked(linked):
    mentions = linked("cutlass.md")
    assert _surfaces(mentions, "实测下来") == ["NVIDIA", "Meta"]


def test_nothing_is_linked_inside_a_code_block(linked):
    assert _surfaces(linked("cutlass.md"), "pip install") == []


def test_nothing_is_linked_inside_inline_code(linked):
    assert _surfaces(linked("cutlass.md"), "调用时要传入") == []


def test_nothing_is_linked_in_a_link_whose_text_is_its_address(linked):
    assert _surfaces(linked("cutlass.md"), "模板库的代码") == ["英伟达"]


def test_nothing_is_linked_in_the_caption_or_file_name_of_a_missing_picture(linked):
    mentions = linked("cutlass.md")
    assert (_surfaces(mentions, "SM 结构示意"), _surfaces(mentions, "Llama-bench")) == ([], [])


def test_meta_as_a_note_block_or_metadata_is_not_the_company(linked):
    mentions = linked("notes.md")
    assert [surface for surface, _, line in mentions if "Llama" not in line] == []


def test_meta_the_company_is_linked_in_the_same_post(linked):
    assert [(s, entity) for s, entity, _ in linked("notes.md")] == [("Meta", "meta")]


def _bytedance(mentions) -> list[tuple[str, str]]:
    return [(s, entity) for s, entity, _ in mentions if s.startswith("字节")]


def test_bytedance_seed_teams_are_bytedance_beside_its_full_name(linked):
    assert _bytedance(linked("seed.md")) == [
        ("字节", "bytedance"),
        ("字节", "bytedance"),
        ("字节跳动", "bytedance"),
    ]


def test_bytedance_seed_is_bytedance_by_the_registry_rule_alone(linked):
    assert _bytedance(linked("seed_video.md")) == [("字节", "bytedance"), ("字节", "bytedance")]


def test_chinese_and_latin_forms_of_a_name_are_one_person(linked):
    mentions = linked("altman.md")
    people = {entity for surface, entity, _ in mentions if surface != "OpenAI"}
    surfaces = {surface for surface, _, _ in mentions if surface != "OpenAI"}
    assert (people, surfaces) == ({"sam-altman"}, {"萨姆·奥特曼", "Sam Altman"})
