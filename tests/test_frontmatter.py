import pytest

from archive.frontmatter import ArticleFileError, normalise_newlines, split_front_matter


def test_blank_lines_inside_yaml_front_matter_are_allowed():
    split = split_front_matter("---\n\ntitle: A\n\ndate: 2024-08-09\n\n---\n\nBody")
    assert split.meta["title"] == "A"


def test_body_starts_after_closing_delimiter():
    split = split_front_matter("---\ntitle: A\n---\nBody line")
    assert split.body == "Body line"


def test_dash_lines_in_body_are_not_front_matter():
    split = split_front_matter("---\ntitle: A\n---\n\nOne\n\n---\n\nkey: not meta\n---\n")
    assert split.meta == {"title": "A"}


def test_toml_front_matter_between_plus_lines():
    split = split_front_matter('+++\ntitle = "Hugo"\ntags = ["a", "b"]\n+++\nBody')
    assert (split.format, split.meta["tags"]) == ("toml", ["a", "b"])


def test_fence_wrapping_whole_file_is_removed_with_its_partner():
    text = "```markdown\n---\ntitle: A\n---\n\nBody\n\n```py\ncode\n```\n\nEnd\n```\n"
    split = split_front_matter(text)
    assert split.body.strip().endswith("End")


def test_fence_wrapping_keeps_code_blocks_in_body():
    text = "```\n---\ntitle: A\n---\n\n```py\ncode\n```\n```\n"
    split = split_front_matter(text)
    assert "```py\ncode\n```" in split.body


def test_fenced_yaml_block_can_itself_be_front_matter():
    split = split_front_matter("```yaml\ntitle: Fenced\ndate: 2024-01-01\n```\n\nBody")
    assert (split.meta["title"], split.body.strip()) == ("Fenced", "Body")


def test_keys_are_lower_cased():
    assert "title" in split_front_matter("---\nTitle: A\n---\n").meta


def test_unclosed_front_matter_names_its_line():
    with pytest.raises(ArticleFileError) as error:
        split_front_matter("\n---\ntitle: A\nBody without a closing line\n")
    assert error.value.line == 2


def test_broken_yaml_reports_message_and_line():
    with pytest.raises(ArticleFileError) as error:
        split_front_matter("---\ntitle: A\ndate: [2024\n---\n")
    assert "broken YAML" in error.value.message and error.value.line is not None


def test_broken_toml_reports_message():
    with pytest.raises(ArticleFileError, match="broken TOML"):
        split_front_matter('+++\ntitle = "unterminated\n+++\n')


def test_front_matter_that_is_not_a_mapping_is_refused():
    with pytest.raises(ArticleFileError, match="key: value"):
        split_front_matter("---\n- just\n- a list\n---\nBody")


def test_yaml_alias_bomb_is_refused():
    bomb = "---\na: &a [x, x, x, x, x, x, x, x, x]\n"
    for level in "bcdefgh":
        previous = chr(ord(level) - 1)
        bomb += f"{level}: &{level} [*{previous}, *{previous}, *{previous}, *{previous}]\n"
    with pytest.raises(ArticleFileError, match="too large"):
        split_front_matter(bomb + "title: x\n---\n")


def test_yaml_python_tags_are_not_executed():
    with pytest.raises(ArticleFileError):
        split_front_matter("---\ntitle: !!python/object/apply:os.system ['true']\n---\n")


def test_empty_text_is_refused():
    with pytest.raises(ArticleFileError, match="empty"):
        split_front_matter("\n\n  \n")


def test_normalise_newlines_removes_bom_and_carriage_returns():
    assert normalise_newlines("\ufeffa\r\nb\rc") == "a\nb\nc"


def test_hexo_front_matter_without_opening_marker():
    split = split_front_matter("title: X\ndate: 2024-08-09\n---\nBody")
    assert (split.meta["title"], split.body) == ("X", "Body")


def test_body_starting_with_a_colon_line_and_a_rule_is_not_front_matter():
    split = split_front_matter("Note: read this first.\nMore text.\n---\nBody")
    assert split.format == "none"
