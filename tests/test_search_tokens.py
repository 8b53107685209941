"""Tokenising text and reading queries: no database needed."""

import pytest

from search.backends import fts_match, tsquery
from search.highlight import highlight, snippet
from search.query import MAX_QUERY, Phrase, parse_query
from search.tokens import fold, token_text, tokens


def test_cjk_run_becomes_overlapping_bigrams():
    assert tokens("首席科学家") == ["首席", "席科", "科学", "学家"]


def test_lone_cjk_character_between_latin_is_a_unigram():
    assert tokens("GPT的4o") == ["gpt", "的", "4o"]


def test_mixed_text_splits_at_script_boundary():
    assert tokens("OpenAI联合创始人") == ["openai", "联合", "合创", "创始", "始人"]


def test_full_width_letters_fold_to_ascii():
    assert tokens("ＯｐｅｎＡＩ") == ["openai"]


def test_accents_are_stripped():
    assert fold("Café Ångström") == "cafe angstrom"


def test_decomposed_accents_are_stripped():
    assert tokens("cafe\u0301") == ["cafe"]


def test_punctuation_only_separates():
    assert token_text("AND (x) NOT: y*") == "and x not y"


def test_kana_keeps_its_voicing_marks():
    assert tokens("ガ") == ["ガ"]


def test_query_of_two_words_is_two_phrases():
    assert parse_query("ai 安全").phrases == (Phrase(("ai",)), Phrase(("安全",)))


def test_quoted_part_is_one_phrase():
    assert parse_query('"Sam Altman"').phrases == (Phrase(("sam", "altman")),)


def test_minus_excludes():
    query = parse_query("OpenAI -Anthropic")
    assert (query.phrases, query.excluded) == ((Phrase(("openai",)),), (Phrase(("anthropic",)),))


def test_lone_cjk_character_query_is_a_prefix():
    assert parse_query("安").phrases == (Phrase(("安",), prefix=True),)


def test_unbalanced_quote_runs_to_the_end():
    assert parse_query('"unbalanced quote').phrases == (Phrase(("unbalanced", "quote")),)


def test_only_exclusions_is_an_empty_query():
    assert not parse_query("-Anthropic")


def test_query_is_cut():
    assert len(parse_query("安全 " * 1000).text) <= MAX_QUERY


def test_nul_becomes_a_space():
    assert parse_query("a\x00b").phrases == (Phrase(("a",)), Phrase(("b",)))


def test_a_line_break_in_the_query_shown_back_becomes_a_space():
    assert parse_query("a\r\nb").text == "a b"


@pytest.mark.parametrize("typed", ['x" OR 1=1 --', "NEAR(a b)", "a*", "title:x", "'; DROP"])
def test_fts_query_quotes_every_token(typed):
    match = fts_match(parse_query(typed))
    unquoted = match.replace('"', " ").split()
    assert set(unquoted) <= {"(", ")", "AND", "NOT", "OR", *" ".join(tokens(typed)).split()}


def test_fts_query_combines_phrases_and_exclusions():
    assert fts_match(parse_query('安全 "sam altman" -x')) == '("安全" AND "sam altman") NOT ("x")'


def test_tsquery_combines_phrases_and_exclusions():
    assert tsquery(parse_query("首席科学 -x")) == "('首席' <-> '席科' <-> '科学') & !(('x'))"


def test_snippet_marks_the_match_and_escapes_the_rest():
    html = snippet("<b>前言</b>……他是首席科学家。", parse_query("首席科学家"))
    assert html == "&lt;b&gt;前言&lt;/b&gt;……他是<mark>首席科学家</mark>。"


def test_snippet_centres_on_a_late_match():
    text = "开头" * 200 + "OpenAI联合创始人" + "结尾" * 200
    assert "<mark>OpenAI联合创始人</mark>" in snippet(text, parse_query("OpenAI联合创始人"))


def test_highlight_ignores_characters_that_are_only_apart():
    assert "<mark>" not in highlight("安心全面", parse_query("安全"))


def test_highlight_finds_full_width_text():
    assert (
        highlight("ＯｐｅｎＡＩ的模型", parse_query("openai")) == "<mark>ＯｐｅｎＡＩ</mark>的模型"
    )


@pytest.mark.parametrize("mark", ["\u30fb", "\u30a0", "\u309b", "\u309c"])
def test_kana_block_punctuation_separates_tokens(mark):
    assert tokens(f"萨姆{mark}奥特曼") == ["萨姆", "奥特", "特曼"]


def test_phrase_ending_in_a_lone_cjk_character_is_a_prefix():
    assert parse_query("5月").phrases == (Phrase(("5", "月"), prefix=True),)


def test_phrase_starting_with_a_lone_cjk_character_is_not_a_prefix():
    assert parse_query("的AI").phrases == (Phrase(("的", "ai")),)


def test_snippet_marks_a_match_after_many_chance_occurrences():
    assert "<mark>AI</mark>" in snippet("he said it " * 60 + "AI safety", parse_query("ai"))


def test_highlight_keeps_combining_accents_inside_the_mark():
    assert highlight("cafe\u0301 au lait", parse_query("cafe")) == "<mark>cafe\u0301</mark> au lait"
