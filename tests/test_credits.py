"""Credits from a byline block: each credit line becomes a credit with its role, out of the body."""

import pytest

from archive.importer import import_paths
from archive.models import Article

pytestmark = pytest.mark.django_db

BYLINE_BLOCK = """---
title: 一篇编译文章
date: 2024-08-01
---
来源：[机器之心](https://a.example)
来源：内容编译自The Information
作者：张三
译者：李四
策划：王五
审校：赵六
出品：腾讯科技

正文第一段。
"""


@pytest.fixture
def article(articles_dir):
    (articles_dir / "compiled.md").write_text(BYLINE_BLOCK, encoding="utf-8")
    import_paths([str(articles_dir)])
    return Article.objects.get()


def test_every_credit_line_of_the_byline_block_becomes_a_credit_with_its_role(article):
    credits = [(c.role, c.entity.name) for c in article.credits.all()]
    assert credits == [
        ("source", "机器之心"),
        ("source", "The Information"),
        ("author", "张三"),
        ("translator", "李四"),
        ("planner", "王五"),
        ("reviewer", "赵六"),
        ("producer", "腾讯科技"),
    ]


def test_producer_and_sources_are_organisations_and_the_rest_people(article):
    kinds = {c.role: c.entity.kind for c in article.credits.all()}
    assert kinds == {
        "source": "organisation",
        "author": "person",
        "translator": "person",
        "planner": "person",
        "reviewer": "person",
        "producer": "organisation",
    }


def test_byline_block_leaves_the_body(article):
    assert article.text.strip() == "正文第一段。"


def test_article_header_names_each_role_in_chinese(client, article):
    page = client.get(article.get_absolute_url(), headers={"accept-language": "zh-CN"})
    roles = [
        label for label in ("译者", "策划", "审校", "出品") if f"<dt>{label}</dt>" in page.text
    ]
    assert roles == ["译者", "策划", "审校", "出品"]
