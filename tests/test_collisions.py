"""archive.collisions: names that are also common words beside certain neighbours."""

from archive.collisions import collides


def _at(text, name):
    start = text.index(name)
    return collides(text, start, start + len(name))


def test_meta_before_block_is_not_the_company():
    assert _at("把它写进 Meta Block 里", "Meta")


def test_meta_touching_a_chinese_noun_is_metadata():
    assert _at("可灵的 Meta数据管线", "Meta")


def test_a_phrase_starting_with_meta_block_collides_whole():
    assert _at("the Meta Block syntax", "Meta Block")


def test_meta_before_a_verb_is_the_company():
    assert not _at("Meta 本周确认新建数据中心", "Meta")


def test_meta_blocks_of_another_word_are_the_company():
    assert not _at("Meta Blockchain plans", "Meta")


def test_amazon_before_rainforest_is_the_forest():
    assert _at("the Amazon rainforest burns", "Amazon")


def test_chinese_amazon_before_rainforest_is_the_forest():
    assert _at("亚马逊雨林正在消失", "亚马逊")


def test_a_name_without_an_entry_never_collides():
    assert not _at("OpenAI数据中心", "OpenAI")
