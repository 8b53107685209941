import pytest

from archive.excerpts import excerpt_of
from archive.parsing import parse_bytes
from archive.rendering import render


def test_long_opening_is_cut_with_an_ellipsis():
    assert excerpt_of(render("字" * 300), limit=10) == "字" * 10 + "…"


def test_front_matter_description_wins_over_the_text():
    parsed = parse_bytes(
        "---\ntitle: T\ndescription: 作者写的摘要。\n---\n正文第一段。\n".encode(), relative="a.md"
    )
    assert parsed.excerpt == "作者写的摘要。"


@pytest.mark.parametrize("key", ["summary", "excerpt"])
def test_front_matter_summary_or_excerpt_is_the_excerpt(key):
    parsed = parse_bytes(f"---\ntitle: T\n{key}: A summary.\n---\nBody.\n".encode(), relative="a")
    assert parsed.excerpt == "A summary."


def test_summary_markup_is_dropped():
    assert excerpt_of("", summary="<p>A <b>bold</b>\n summary</p>") == "A bold summary"


def test_picture_and_its_credit_line_are_left_out():
    html = render("![配图](https://x.example/a.png)\n\n图片来源：由AI生成\n\n正文第一段。")
    assert excerpt_of(html) == "正文第一段。"


@pytest.mark.parametrize(
    "caption", ["图源：网络", "题图 | 视觉中国", "Photo: Jane Doe", "Image by the author"]
)
def test_caption_lines_are_not_prose(caption):
    assert excerpt_of(render(f"{caption}\n\nThe opening.")) == "The opening."


def test_title_repeated_as_the_first_paragraph_is_left_out():
    assert excerpt_of(render("一篇文章\n\n正文。"), title="一篇 文章") == "正文。"


@pytest.mark.parametrize(
    "leftover", ["{ width=60% }", "**未闭合的粗体", "![坏图](", "{% tweet 1 %}"]
)
def test_markup_the_renderer_left_as_text_is_left_out(leftover):
    assert excerpt_of(render(f"{leftover}\n\n正文。")) == "正文。"


def test_headings_are_not_in_the_excerpt():
    assert excerpt_of(render("## 第一节\n\n正文。")) == "正文。"


def test_paragraphs_join_until_the_limit():
    assert excerpt_of(render("第一段。\n\n第二段。\n\n第三段。"), limit=9) == "第一段。 第二段。"
