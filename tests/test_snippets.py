"""Mention snippets: cut at word and sentence boundaries, each text shown once."""

import re

import pytest

from archive.models import Entity
from archive.snippets import PEEK, Snippet, snippet, unique_snippets
from tests.factories import make_article

WIDTH = 20


def cut(text: str, match: str, *, width: int = WIDTH, occurrence: int = 0) -> Snippet:
    """What the database hands over for a ``match`` in ``text``: ``width`` characters and the
    peek either side, or up to the text's ends."""
    start = [m.start() for m in re.finditer(re.escape(match), text)][occurrence]
    end = start + len(match)
    margin = width + PEEK
    before = text[max(start - margin, 0) : start]
    return snippet(before, match, text[end : end + margin], width=width, start=start)


def shown(item: Snippet) -> str:
    text = "".join(f"[{part}]" if is_mention else part for part, is_mention in item.parts)
    return ("…" if item.cut_before else "") + text + ("…" if item.cut_after else "")


def test_a_cut_inside_a_latin_word_on_the_left_drops_the_half_word():
    text = "the extraordinary announcement by Sam Altman"
    assert shown(cut(text, "Sam Altman")) == "…announcement by [Sam Altman]"


def test_a_cut_inside_a_latin_word_on_the_right_drops_the_half_word():
    text = "Sam Altman said the company reconsidered everything"
    assert shown(cut(text, "Sam Altman")) == "[Sam Altman] said the company…"


def test_a_cut_between_two_words_keeps_the_whole_word():
    text = "xxxx abc defgh ijklm nop Sam"  # the window starts at "abc", the peek is a space
    assert shown(cut(text, "Sam")) == "…abc defgh ijklm nop [Sam]"


def test_text_that_ends_inside_the_window_has_no_ellipsis():
    assert shown(cut("Sam Altman spoke.", "Altman")) == "Sam [Altman] spoke."


def test_a_snippet_starts_after_the_sentence_before_it():
    text = "It rained all day. Then Sam Altman spoke at length about models"
    assert shown(cut(text, "Sam Altman")).startswith("Then [Sam Altman]")


def test_a_snippet_ends_with_its_sentence():
    text = "Sam Altman spoke. Everyone else listened quietly"
    assert shown(cut(text, "Sam Altman")) == "[Sam Altman] spoke."


def test_a_full_stop_inside_a_number_does_not_end_the_sentence():
    assert shown(cut("GPT-3.5 came after Sam", "Sam")) == "GPT-3.5 came after [Sam]"


def test_a_chinese_snippet_starts_after_a_sentence_end():
    text = "今天天气很好，大家都出门了。奥特曼在发布会上宣布了新模型"
    assert shown(cut(text, "奥特曼")) == "[奥特曼]在发布会上宣布了新模型"


def test_a_chinese_snippet_ends_at_a_sentence_end():
    assert shown(cut("奥特曼宣布了新模型。随后股价大涨，市场反应热烈", "奥特曼")) == (
        "[奥特曼]宣布了新模型。"
    )


def test_a_chinese_cut_prefers_a_comma_in_the_outer_half_of_the_window():
    text = "在过去的很多年里，研究人员一直认为奥特曼是关键人物"
    assert shown(cut(text, "奥特曼", width=16)) == "…研究人员一直认为[奥特曼]是关键人物"


def test_a_chinese_cut_without_punctuation_is_at_a_character():
    text = "一二三四五六七八九十甲乙丙丁戊己庚辛壬癸奥特曼"
    assert shown(cut(text, "奥特曼", width=10)) == "…甲乙丙丁戊己庚辛壬癸[奥特曼]"


def test_a_line_break_ends_the_sentence_before_a_mention():
    assert shown(cut("OpenAI发布新模型\n\n奥特曼表示", "奥特曼")) == "[奥特曼]表示"


def test_white_space_inside_a_snippet_is_folded():
    assert shown(cut("said  \t Sam Altman", "Sam Altman")) == "said [Sam Altman]"


def test_a_mention_inside_the_snippet_before_it_is_marked_there():
    text = "Sam met Sam again."
    items = unique_snippets([cut(text, "Sam"), cut(text, "Sam", occurrence=1)], limit=5)
    assert [shown(item) for item in items] == ["[Sam] met [Sam] again."]


def test_the_same_text_twice_is_one_snippet_with_a_count():
    text = "Sam spoke.\nRain.\nSam spoke."
    items = unique_snippets([cut(text, "Sam"), cut(text, "Sam", occurrence=1)], limit=5)
    assert [(shown(item), item.count) for item in items] == [("[Sam] spoke.", 2)]


def test_different_texts_are_kept_up_to_the_limit():
    text = "\n".join(f"Sam {n}." for n in range(7))
    items = [cut(text, "Sam", occurrence=n) for n in range(7)]
    assert [shown(item) for item in unique_snippets(items, limit=5)] == [
        f"[Sam] {n}." for n in range(5)
    ]


@pytest.mark.django_db
def test_person_page_shows_a_repeated_sentence_once_with_its_count(client):
    entity = Entity.objects.create(
        kind=Entity.Kind.PERSON, name="Ada Example", slug="ada", find_in_text=True
    )
    line = "Ada Example opened the meeting."
    make_article(body=f"{line}\n\nSomething else entirely.\n\n{line}")
    page = client.get(entity.get_absolute_url(), headers={"accept-language": "en"})
    items = re.findall(r'<ul class="kwic">(.*?)</ul>', page.content.decode(), re.S)
    assert items[0].count("<li>") == 1 and "(2 times)" in items[0]


@pytest.mark.django_db
def test_person_page_snippet_keeps_whole_words(client):
    entity = Entity.objects.create(
        kind=Entity.Kind.PERSON, name="Ada Example", slug="ada", find_in_text=True
    )
    words = "lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor"
    make_article(body=f"{words} Ada Example {words}")
    page = client.get(entity.get_absolute_url()).content.decode()
    snippet_text = re.sub(
        r"<[^>]+>", "", re.search(r'<ul class="kwic"><li>(.*?)</li>', page).group(1)
    )
    inner = snippet_text.strip("…").split()
    assert all(word in words.split() + ["Ada", "Example"] for word in inner)


def test_a_snippet_cut_after_a_latin_word_does_not_start_with_a_comma():
    text = "和Ilya Sutskever，以及边缘化的Brockman"
    assert shown(cut(text, "Brockman", width=12)) == "…以及边缘化的[Brockman]"
