"""Newlines in a block: soft wraps or line ends, decided per block from evidence (linebreaks)."""

from archive.linebreaks import decide
from archive.rendering import render

WECHAT = (
    "今天我们来聊聊大模型的推理成本。这是背景部分的第一段。\n"
    "## 一、背景\n"
    "过去一年里，推理价格下降了很多。各家公司都在降价。\n"
    "参考链接：\n"
    "- https://a.example/x\n"
    "- https://b.example/y\n"
    "最后一段文字。"
)
HARD_WRAPPED_ZH = (
    "这是一段被编辑器按照八十列折行的中文文字，它在第四十个字的位置换行了所以没\n"
    "有标点符号结尾，后面的行也是一样的长度，一直持续到段落的最后一行为止才会\n"
    "结束。"
)
HARD_WRAPPED_EN = (
    "The quick brown fox jumps over the lazy dog and keeps running across the field\n"
    "until it reaches the river, where it stops to drink some water before going on\n"
    "with its day."
)


def test_chinese_line_per_paragraph_becomes_paragraphs():
    html = render("第一段讲背景。\n第二段讲方法。\n第三段讲结果。")
    assert html == "<p>第一段讲背景。</p>\n<p>第二段讲方法。</p>\n<p>第三段讲结果。</p>"


def test_heading_inside_a_chinese_block_is_a_heading():
    assert "<h2>一、背景</h2>" in render(WECHAT)


def test_list_inside_a_chinese_block_is_a_list():
    html = render(WECHAT)
    assert html.count("<li>") == 2 and "- " not in html


def test_text_after_a_list_in_a_chinese_block_is_its_own_paragraph():
    assert render(WECHAT).endswith("</ul>\n<p>最后一段文字。</p>")


def test_chinese_lines_without_terminal_punctuation_keep_line_breaks():
    assert render("床前明月光\n疑是地上霜\n举头望明月") == (
        "<p>床前明月光<br>\n疑是地上霜<br>\n举头望明月</p>"
    )


def test_bold_line_in_a_chinese_block_is_a_paragraph_of_its_own():
    assert render("**二、方法**\n我们用了三种方法。") == (
        "<p><strong>二、方法</strong></p>\n<p>我们用了三种方法。</p>"
    )


def test_hard_wrapped_chinese_is_joined_without_spaces():
    html = render(HARD_WRAPPED_ZH)
    assert html.count("<p>") == 1 and "\n" not in html


def test_hard_wrapped_english_is_joined():
    assert render(HARD_WRAPPED_EN) == f"<p>{HARD_WRAPPED_EN}</p>"


def test_english_one_sentence_per_line_is_joined():
    text = "One sentence per line.\nAnother sentence here.\nAnd a third one."
    assert render(text) == f"<p>{text}</p>"


def test_english_lines_of_whole_paragraphs_become_paragraphs():
    first = "This is the first paragraph. It has two sentences in it."
    second = "Here is the second one. It also has two sentences."
    assert render(f"{first}\n{second}") == f"<p>{first}</p>\n<p>{second}</p>"


def test_mixed_article_decides_each_block_on_its_own():
    html = render(f"{HARD_WRAPPED_EN}\n\n第一段。\n第二段。")
    assert html.count("<p>") == 3


def test_block_of_one_line_of_text_is_left_alone():
    assert decide(["## 标题", "只有一行。"]) == "join"


def test_table_is_left_alone():
    assert "<table>" in render("名称 | 数量\n--- | ---\n苹果 | 3")


def test_chinese_quote_with_one_paragraph_per_line_keeps_its_paragraphs():
    assert render("> 第一段引文。\n> 第二段引文。") == (
        "<blockquote>\n<p>第一段引文。</p>\n<p>第二段引文。</p>\n</blockquote>"
    )


def test_equals_underline_in_a_chinese_block_still_makes_a_heading():
    assert render("第一段。\n标题\n===\n第二段。").count("<h1>标题</h1>") == 1


def test_html_line_in_a_chinese_block_does_not_swallow_the_lines_after_it():
    html = render(
        '第一段。\n<p align="center"><img src="a.png"></p>\n**第二段**是重点。\n## 小标题'
    )
    assert ("<strong>第二段</strong>" in html, "<h2>小标题</h2>" in html) == (True, True)


def test_pre_lines_inside_a_chinese_block_are_kept_as_they_are():
    html = render("第一段。\n<pre>\n代码一行\n代码二行\n</pre>\n最后一段。\n再一段。")
    assert "<pre>代码一行\n代码二行\n</pre>" in html and html.count("<p>") == 3
