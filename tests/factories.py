"""Plain factory functions: each call makes rows through the real parse-and-apply path."""

import itertools

import yaml

from archive.models import Article
from archive.parsing import parse_bytes
from archive.services import ImportCache, article_apply

_counter = itertools.count(1)

SEED_LIKE_BODY = """来源：[{source}](https://example.com/{n})
作者丨{author}
编辑丨{editor}

这是第{n}篇测试文章的正文。OpenAI的Sam Altman再次成为新闻焦点。

---

**小标题**

Anthropic与OpenAI的竞争仍在继续，而英伟达的芯片依旧紧俏。
"""


def article_bytes(*, body: str | None = None, **front) -> bytes:
    n = next(_counter)
    front.setdefault("title", f"测试文章 {n}")
    front.setdefault("date", f"2024-01-{n % 28 + 1:02d}")
    front.setdefault("author", "ByteAILab")
    if body is None:
        body = SEED_LIKE_BODY.format(n=n, source=f"来源{n}", author=f"作者{n}", editor=f"编辑{n}")
    matter = yaml.safe_dump(front, allow_unicode=True, sort_keys=False)
    return f"---\n{matter}---\n\n{body}".encode()


def make_article(*, relative: str | None = None, body: str | None = None, **front) -> Article:
    """An article imported from generated Markdown; front-matter keys are keyword arguments."""
    raw = article_bytes(body=body, **front)
    relative = relative or f"generated/{next(_counter)}.md"
    parsed = parse_bytes(raw, relative=relative)
    article_apply(parsed=parsed, cache=ImportCache())
    return Article.objects.get(source_key=parsed.source_key)


def make_user(username: str | None = None, *, staff: bool = False):
    from django.contrib.auth.models import User

    username = username or f"reader{next(_counter)}"
    return User.objects.create_user(username, f"{username}@example.org", "pw", is_staff=staff)


def make_annotation(*, owner=None, article=None, start: int = 0, end: int = 4, **fields):
    """An annotation made through the service, as a reader would make it."""
    from annotations.services import annotation_create

    owner = owner or make_user()
    article = article or make_article()
    data = {"start": start, "end": end, "exact": article.text[start:end], **fields}
    return annotation_create(reader=owner, article=article, data=data)
