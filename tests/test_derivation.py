"""Other apps' work done where an import parses its files (archive/derivation.py): search
tokenises in the parsing workers, and what it indexes is what it would have computed itself."""

from itertools import combinations
from types import SimpleNamespace

import pytest

from archive import derivation
from archive.frontmatter import ArticleFileError
from archive.importer import import_paths
from archive.models import Article
from archive.parallel import PARALLEL_FROM
from search import index
from search.backends import fingerprint
from search.models import SearchDocument
from search.tokens import article_tokens, token_text
from tests.conftest import FIXTURES, SEED
from tests.factories import article_bytes, make_article


def write_articles(folder, count: int, body: str = "OpenAI的首席科学家离职了。") -> None:
    for number in range(count):
        raw = article_bytes(title=f"第{number}篇 Ａｌｔｍａｎ", body=f"{body}第{number}段。")
        (folder / f"a{number}.md").write_bytes(raw)


def indexed_as_computed_now(article: Article) -> bool:
    tokens = token_text(article.title), token_text(index.indexed_text(article.text, []))
    return SearchDocument.objects.get(article=article).fingerprint == fingerprint(*tokens)


@pytest.mark.django_db
def test_tokens_from_the_parsing_workers_are_those_the_index_computes(articles_dir):
    write_articles(articles_dir, PARALLEL_FROM)  # enough files for worker processes
    import_paths([str(articles_dir)])
    assert all(indexed_as_computed_now(article) for article in Article.objects.all())


@pytest.mark.django_db
def test_the_writing_process_does_not_tokenise_what_parsing_tokenised(articles_dir, monkeypatch):
    write_articles(articles_dir, 3)
    calls = []
    monkeypatch.setattr(index, "token_text", lambda text: calls.append(text) or token_text(text))
    import_paths([str(articles_dir)])
    assert (Article.objects.count(), calls) == (3, [])


@pytest.mark.django_db
def test_tokens_of_another_text_are_not_indexed():
    article = make_article(title="旧标题", body="旧的正文。")
    article.text = "新的正文。"
    article.derived = {"search": ("旧标题", "旧的正文。", "旧标 标题", "旧的 的正 正文")}
    article.save()
    assert indexed_as_computed_now(article)


@pytest.mark.django_db
def test_a_failing_function_leaves_the_work_to_its_receiver(articles_dir, monkeypatch):
    def broken(parsed):
        raise ValueError("broken")

    monkeypatch.setitem(derivation._DERIVERS, "search", broken)
    write_articles(articles_dir, 2)
    report = import_paths([str(articles_dir)])
    assert (report.created, report.failed) == (2, 0)
    assert all(indexed_as_computed_now(article) for article in Article.objects.all())


def fixture_articles():
    from archive.parsing import parse_file

    paths = sorted(FIXTURES.glob("**/*.md")) + [SEED]
    for path in paths:
        try:
            yield parse_file(path, relative=path.name)
        except ArticleFileError:
            continue  # the broken fixtures


def test_pieces_of_every_fixture_join_to_the_tokens_without_any_boilerplate():
    mismatched = []
    for parsed in fixture_articles():
        title, text, _, pieces = article_tokens(parsed)
        ranges = [[start, end] for _, start, end in parsed.blocks]
        for size in range(len(ranges) + 1):
            for boilerplate in combinations(ranges, size):
                expected = token_text(index.indexed_text(text, list(boilerplate)))
                if index._tokens_without(pieces, list(boilerplate)) not in (expected, None):
                    mismatched.append((title, boilerplate))
    assert mismatched == []


def test_pieces_of_text_between_blocks_are_used_with_boilerplate():
    parsed = next(p for p in fixture_articles() if len(p.blocks) >= 2)
    *_, pieces = article_tokens(parsed)
    boilerplate = [list(parsed.blocks[-1][1:])]
    assert index._tokens_without(pieces, boilerplate) is not None


def test_text_is_not_cut_into_pieces_where_a_token_runs_across_a_block_edge():
    parsed = SimpleNamespace(title="标题", text="安全第一", blocks=[("fingerprint", 2, 4)])
    *_, pieces = article_tokens(parsed)
    assert index._tokens_without(pieces, [[2, 4]]) is None
