from annotations.anchoring import (
    ANCHORED,
    FUZZY,
    MOVED,
    ORPHAN,
    PositionMap,
    Quote,
    quote_context,
    reanchor,
)

TEXT = (
    "没有人敢轻易质疑一家引领时代的公司，前提是它自己不出问题。但OpenAI的问题显然一直在暴露。\n"
    "2023年11月，一场围绕着OpenAI CEO Sam Altman去留的“宫斗”成为了当时科技圈最重要的新闻之一。"
)


def quote(text: str, passage: str, occurrence: int = 0) -> Quote:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(passage, start + 1)
    exact, prefix, suffix = quote_context(text, start, start + len(passage))
    return Quote(exact, prefix, suffix, start, start + len(passage))


def anchor_after(edited: str, passage: str, occurrence: int = 0):
    return reanchor(quote(TEXT, passage, occurrence), PositionMap(TEXT, edited))


def test_unchanged_text_keeps_the_anchor():
    assert anchor_after(TEXT, "Sam Altman").state == ANCHORED


def test_edit_before_the_quote_moves_it_exactly():
    result = anchor_after("新的开头。" + TEXT, "Sam Altman")
    assert (result.state, result.start) == (MOVED, TEXT.index("Sam Altman") + 5)


def test_typo_fix_inside_a_long_quote_is_fuzzy_at_the_right_place():
    edited = TEXT.replace("引领时代的公司", "引领时代的企业")
    result = anchor_after(edited, "引领时代的公司，前提是它自己不出问题")
    assert (result.state, edited[result.start : result.end]) == (
        FUZZY,
        "引领时代的企业，前提是它自己不出问题",
    )


def test_edited_short_name_becomes_an_orphan_not_a_guess():
    assert anchor_after(TEXT.replace("质疑", "怀疑"), "质疑").state == ORPHAN


def test_deleted_quote_becomes_an_orphan():
    assert anchor_after(TEXT.replace("Sam Altman", ""), "Sam Altman").state == ORPHAN


def test_same_words_in_another_context_are_not_taken():
    edited = TEXT.replace("OpenAI CEO Sam Altman", "某公司CEO") + "另外，Sam Altman表示不予置评。"
    assert anchor_after(edited, "Sam Altman").state == ORPHAN


def test_second_occurrence_stays_the_second_after_the_first_is_deleted():
    edited = TEXT.replace("但OpenAI的问题", "但它的问题")
    result = anchor_after(edited, "OpenAI", occurrence=1)
    assert edited[: result.start].endswith("2023年11月，一场围绕着")


def test_quote_in_a_moved_paragraph_follows_it():
    first, second = TEXT.split("\n")
    result = anchor_after(second + "\n" + first, "引领时代的公司")
    assert result.state == MOVED and (second + "\n" + first)[result.start :].startswith("引领时代")


def test_low_confidence_fuzzy_match_asks_for_confirmation():
    edited = TEXT.replace("前提是它自己不出问题", "前提是它自身不出问题")
    result = anchor_after(edited, "前提是它自己不出问题")
    assert result.state == FUZZY and result.needs_confirmation


def test_heavily_rewritten_quote_is_an_orphan():
    edited = TEXT.replace("一场围绕着OpenAI CEO Sam Altman去留", "关于该公司掌门人的一次风波")
    assert anchor_after(edited, "一场围绕着OpenAI CEO Sam Altman去留").state == ORPHAN


def test_quote_context_is_thirty_two_characters_each_side():
    exact, prefix, suffix = quote_context("a" * 50 + "QUOTE" + "b" * 50, 50, 55)
    assert (exact, len(prefix), len(suffix)) == ("QUOTE", 32, 32)


def test_offsets_count_code_points_not_utf16_units():
    text = "前文😀𠀀后文 Target text"
    exact, _, _ = quote_context(text, 7, 13)
    assert exact == "Target"
