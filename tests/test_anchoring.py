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


def test_names_in_an_unrelated_rewrite_become_orphans():
    old = "据The Information报道，OpenAI联合创始人John Schulman已经跳槽至竞争对手Anthropic。"
    new = (
        "本文已全面改写：微软周二公布财报，其云业务增长强劲；"
        "分析师认为OpenAI的订单功不可没，Anthropic则选择了亚马逊。"
    )
    states = [
        reanchor(quote(old, name), PositionMap(old, new)).state for name in ("OpenAI", "Anthropic")
    ]
    assert states == [ORPHAN, ORPHAN]


def test_lightly_edited_quote_in_an_unrelated_text_is_an_orphan():
    passage = "引领时代的公司，前提是它自己不出问题"
    new = "微软周二公布财报。分析师说，引领时代的企业，前提是它自己不出问题，云业务增长强劲。"
    assert reanchor(quote(TEXT, passage), PositionMap(TEXT, new)).state == ORPHAN


MINUTES = "甲说：同意。乙说：同意。丙说：反对。"


def test_deleted_short_phrase_does_not_move_to_its_twin():
    edited = MINUTES.replace("乙说：同意。", "")
    assert reanchor(quote(MINUTES, "同意", 1), PositionMap(MINUTES, edited)).state == ORPHAN


def test_short_phrase_is_an_orphan_when_the_text_cannot_tell_which_twin_was_deleted():
    # Cutting "乙说：同意。" or "同意。乙说：" leaves the same text: either may be the one kept.
    edited = MINUTES.replace("乙说：同意。", "")
    assert reanchor(quote(MINUTES, "同意", 0), PositionMap(MINUTES, edited)).state == ORPHAN


def test_name_in_a_deleted_sentence_does_not_move_to_the_same_name_before_it():
    old = (
        "今年年初，投资人们在旧金山的一场闭门会上见到了OpenAI的CEO Altman。"
        "随后，记者在另一场发布会上又一次见到了Altman。"
        "这一次他谈到了公司的下一步计划和融资情况，并表示不会离开。他还说，公司将继续推进新模型的研发工作。"
    )
    edited = old.replace("随后，记者在另一场发布会上又一次见到了Altman。", "")
    assert reanchor(quote(old, "Altman", 1), PositionMap(old, edited)).state == ORPHAN


PARAGRAPHS = (
    "第一段。\nAltman表示他不会离开这家公司，并将继续推动新模型的研发工作和融资。\n"
    "第三段的内容在这里，讲述了另一件事情的来龙去脉。"
)


def test_name_after_an_inserted_paragraph_moves_exactly():
    edited = PARAGRAPHS.replace("\nAltman", "\n新插入的一段内容，与前后文都无关。\nAltman")
    result = reanchor(quote(PARAGRAPHS, "Altman"), PositionMap(PARAGRAPHS, edited))
    assert (result.state, result.start) == (MOVED, edited.index("Altman"))


def test_name_at_the_start_of_a_moved_paragraph_follows_it():
    first, second, third = PARAGRAPHS.split("\n")
    edited = "\n".join([first, third, second])
    result = reanchor(quote(PARAGRAPHS, "Altman"), PositionMap(PARAGRAPHS, edited))
    assert (result.state, result.start) == (MOVED, edited.index("Altman"))


def test_punctuation_width_change_inside_a_quote_needs_no_confirmation():
    edited = TEXT.replace("的公司，前提是", "的公司,前提是")
    result = anchor_after(edited, "引领时代的公司，前提是它自己")
    assert (result.state, result.needs_confirmation) == (FUZZY, False)


THIN = (
    "第一段很长，介绍了这家公司过去十年的发展历程、主要产品、几次关键的融资以及创始团队之间的分歧和最终的和解。\n"
    "他认为引领时代的公司需要对自己的问题保持足够的警惕，否则终将失败，这是历史反复证明过的。"
)


def thin_evidence_edit() -> str:
    """The second paragraph moved to the top with a word edited 17 characters after the quote:
    the diff loses the quote, and only part of one side of its context still agrees."""
    first, second = THIN.split("\n")
    return second.replace("终将失败", "必然失败") + "\n" + first


def test_exact_quote_on_thin_evidence_waits_for_confirmation():
    result = reanchor(quote(THIN, "引领时代的公司"), PositionMap(THIN, thin_evidence_edit()))
    assert (result.state, result.needs_confirmation) == (FUZZY, True)


def test_short_quote_on_thin_evidence_is_an_orphan():
    result = reanchor(quote(THIN, "引领时代"), PositionMap(THIN, thin_evidence_edit()))
    assert result.state == ORPHAN
