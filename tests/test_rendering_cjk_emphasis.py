"""Emphasis next to Chinese and Japanese text (cjk_emphasis)."""

from archive.rendering import render


def test_double_underscore_inside_a_chinese_sentence_is_strong():
    assert render("它是__重点__内容") == "<p>它是<strong>重点</strong>内容</p>"


def test_single_underscore_inside_a_japanese_sentence_is_emphasis():
    assert render("これは_大事_です") == "<p>これは<em>大事</em>です</p>"


def test_underscores_inside_a_latin_word_stay_text():
    assert render("snake_case_name and foo__bar__baz") == (
        "<p>snake_case_name and foo__bar__baz</p>"
    )


def test_asterisks_before_a_full_width_full_stop_are_strong():
    assert render("按照**时间排序**。然后") == "<p>按照<strong>时间排序</strong>。然后</p>"


def test_asterisks_between_chinese_characters_are_strong():
    assert render("这是**重点**内容") == "<p>这是<strong>重点</strong>内容</p>"


def test_strong_with_a_space_before_its_closing_asterisks_next_to_chinese():
    assert render("按照**时间排序 **。") == "<p>按照<strong>时间排序</strong>。</p>"


def test_strong_with_a_space_after_its_opening_asterisks_next_to_chinese():
    assert render("这是** 重点**内容") == "<p>这是<strong>重点</strong>内容</p>"


def test_spaced_asterisks_around_latin_text_stay_text():
    assert render("a ** b ** c and **x **") == "<p>a ** b ** c and **x **</p>"


def test_asterisks_closing_a_pair_do_not_open_a_spaced_one():
    assert render("这是**重点** 和**另一个**") == (
        "<p>这是<strong>重点</strong> 和<strong>另一个</strong></p>"
    )
