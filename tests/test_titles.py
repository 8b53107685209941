import random
import string

import pytest

from archive.parsing import parse_bytes
from archive.titles import PLAIN_TITLE_RE, drop_repeated_title, render_title, rendered_title
from tests.factories import make_article

pytestmark = pytest.mark.django_db


def parse(title: str, body: str = "正文。"):
    text = f"---\ntitle: '{title}'\n---\n{body}\n"
    return parse_bytes(text.encode(), relative="a.md")


def test_code_in_a_title_renders_as_code():
    assert render_title("Why `git rebase` rewrites history") == (
        "Why <code>git rebase</code> rewrites history"
    )


def test_title_text_has_no_markup_characters():
    assert parse("Why `git rebase` **rewrites** history").title == (
        "Why git rebase rewrites history"
    )


@pytest.mark.parametrize("title", ["1. Intro to Rust", "# C# tips", "- a dash", "> quoted"])
def test_title_that_markdown_would_read_as_a_block_is_shown_as_written(title):
    assert (render_title(title), parse(title).title) == (title.replace(">", "&gt;"), title)


def test_links_and_images_in_a_title_are_not_kept():
    assert render_title("See [docs](https://x.example) ![i](https://x.example/i.png)") == (
        "See docs "
    )


def test_hostile_title_is_escaped():
    assert "<script" not in render_title("<script>alert(1)</script> T")


def test_leading_heading_equal_to_the_title_is_dropped():
    assert parse("Rust 入门", "# Rust  入门\n\n正文。").html == "<p>正文。</p>"


def test_leading_setext_heading_equal_to_the_title_is_dropped():
    assert drop_repeated_title("Rust 入门\n=======\n\n正文。", "rust 入门") == "正文。"


def test_leading_heading_with_other_words_stays():
    assert parse("Rust 入门", "# Rust 进阶\n\n正文。").html.startswith("<h1>Rust 进阶</h1>")


def test_heading_equal_to_the_title_later_in_the_body_stays():
    assert "<h1>Rust 入门</h1>" in parse("Rust 入门", "开头。\n\n# Rust 入门\n\n正文。").html


def test_article_page_heading_shows_the_code_and_the_tab_the_plain_title(client):
    article = make_article(title="Why `git rebase` rewrites history")
    page = client.get(article.get_absolute_url()).content.decode()
    assert (
        '<h1 class="article-title">Why <code>git rebase</code> rewrites history</h1>' in page,
        "<title>Why git rebase rewrites history · Glossa</title>" in page,
    ) == (True, True)


def random_titles(count: int, seed: int) -> list[str]:
    """Short titles of ASCII, CJK punctuation, Unicode spaces and list or link openers."""
    pieces = [*string.printable, *"中文，。：？！“”‘’—…·é\u3000\xa0\u2028\u200b\ufeff"]
    pieces += ["1. ", "- ", "  ", "http://x.y", "www.a.com", "a@b.c", "&amp;", "<b>"]
    rng = random.Random(seed)
    return ["".join(rng.choices(pieces, k=rng.randint(1, 8))) for _ in range(count)]


def test_a_title_taken_as_plain_text_renders_as_markdown_would_render_it():
    plain = [title for title in random_titles(20_000, seed=5) if render_title(title) == title]
    assert len(plain) > 2_000  # the shortcut is taken often enough to be tested
    assert [title for title in plain if rendered_title(title) != title] == []


def test_a_title_with_markdown_characters_is_not_taken_as_plain_text():
    assert PLAIN_TITLE_RE.fullmatch("Why `git rebase` rewrites *history*") is None
