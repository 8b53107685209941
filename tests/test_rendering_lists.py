"""Lists that start right under a line of text, as CommonMark reads them (lists)."""

from archive.rendering import render


def test_bullet_list_under_a_chinese_line_is_a_list():
    html = render("参考链接：\n- https://a.example/x\n- 第二条")
    assert html.startswith("<p>参考链接：</p>\n<ul>\n<li>") and html.count("<li>") == 2


def test_ordered_list_numbered_one_interrupts_a_paragraph():
    html = render("There are two ways\n1. the first\n2. the second")
    assert html.startswith("<p>There are two ways</p>\n<ol>") and html.count("<li>") == 2


def test_number_other_than_one_does_not_interrupt_a_paragraph():
    assert render("It happened in\n2024. Then it ended.") == (
        "<p>It happened in\n2024. Then it ended.</p>"
    )


def test_ordered_list_keeps_its_start():
    assert render("3. three\n4. four").startswith('<ol start="3">')


def test_lazy_line_of_a_list_item_stays_in_the_item():
    assert render("- one\ncontinued\n- two").count("<li>") == 2


def test_list_marker_in_indented_code_stays_code():
    assert "<li>" not in render("para\n\n    code\n    - not an item")


def test_item_indented_two_spaces_is_nested():
    assert render("- a\n  - b\n- c") == (
        "<ul>\n<li>a<ul>\n<li>b</li>\n</ul>\n</li>\n<li>c</li>\n</ul>"
    )


def test_item_indented_three_spaces_under_an_ordered_item_is_nested():
    assert "<li>a<ul>\n<li>b</li>" in render("1. a\n   - b\n2. c")


def test_paragraph_indented_to_the_items_text_stays_in_the_item():
    assert "<li>\n<p>a</p>\n<p>more of a</p>\n</li>" in render("- a\n\n  more of a\n\n- b")


def test_code_indented_beyond_the_items_text_stays_code_in_the_item():
    assert "<li>\n<p>a</p>\n<pre><code>code\n</code></pre>" in render("- a\n\n      code\n\n- b")


def test_four_space_nesting_still_nests():
    assert "<li>a<ul>\n<li>deep</li>" in render("- a\n    - deep\n- c")


def test_parenthesis_numbered_items_are_an_ordered_list():
    assert render("1) one\n2) two") == "<ol>\n<li>one</li>\n<li>two</li>\n</ol>"


def test_starred_rule_under_a_list_is_a_rule():
    assert "<hr>" in render("- a\n\n* * *\n\n  text")
