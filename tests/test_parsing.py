import datetime as dt

import pytest

from archive.frontmatter import ArticleFileError
from archive.parsing import parse_bytes, parse_file
from tests.conftest import FIXTURES, SEED

ARTICLES = FIXTURES / "articles"
BROKEN = FIXTURES / "broken"


def parse(name: str):
    return parse_file(ARTICLES / name, relative=name)


def test_seed_title():
    assert parse_file(SEED, relative=SEED.name).title == "OpenAI，雪崩开始了吗？"


def test_seed_date():
    assert parse_file(SEED, relative=SEED.name).date == dt.date(2024, 8, 9)


def test_seed_byline_and_publisher():
    contributors = parse_file(SEED, relative=SEED.name).contributors
    assert [(c.role, c.name) for c in contributors] == [
        ("source", "产业象限"),
        ("author", "山茶"),
        ("editor", "钱江"),
        ("publisher", "ByteAILab"),
    ]


def test_seed_source_url_comes_from_the_byline():
    parsed = parse_file(SEED, relative=SEED.name)
    assert parsed.source_url == "https://mp.weixin.qq.com/s/AB8wsXKqpep7DVtZ5dvVgQ"


def test_seed_byline_is_not_in_the_text():
    text = parse_file(SEED, relative=SEED.name).text
    assert "作者丨" not in text and "来源：" not in text


def test_seed_cut_marks_are_rules_not_headings():
    html = parse_file(SEED, relative=SEED.name).html
    assert "<h2>" not in html and html.count("<hr>") == 3


def test_seed_is_chinese():
    assert parse_file(SEED, relative=SEED.name).lang == "zh-Hans"


def test_fenced_file_body_is_not_code():
    parsed = parse("fenced.md")
    assert parsed.html.startswith("<p>美国商务部") and parsed.html.count("<pre>") == 1


def test_fenced_file_byline_with_spaced_bar():
    contributors = parse("fenced.md").contributors
    assert ("editor", "KX") in [(c.role, c.name) for c in contributors]


def test_fenced_file_article_source_label():
    assert parse("fenced.md").contributors[0].name == "半导体行业观察"


def test_rules_under_text_do_not_make_headings():
    html = parse("rules.md").html
    assert "<h2>" not in html and html.count("<hr>") == 3


def test_no_trailing_newline():
    assert parse("no_trailing_newline.md").text == "The last line has no newline."


def test_crlf_line_endings():
    assert "\r" not in parse("crlf.md").text


def test_utf8_bom_is_ignored():
    assert parse("bom.md").title == "带BOM的文件"


def test_hugo_toml_front_matter():
    parsed = parse("hugo.md")
    assert (parsed.title, parsed.tags, parsed.source_key) == (
        "Hugo front matter in TOML",
        ["hugo", "toml"],
        "slug:hugo-toml",
    )


def test_hugo_toml_datetime_keeps_its_offset():
    published = parse("hugo.md").published_at
    assert published.utcoffset() == dt.timedelta(hours=2)


def test_list_valued_tags_and_categories_merge_without_duplicates():
    assert parse("lists.md").tags == ["AI", "大模型", "科技"]


def test_missing_date_imports_with_a_warning():
    parsed = parse("no_date.md")
    assert parsed.date is None and any("no date" in w for w in parsed.warnings)


def test_unquoted_datetime_with_offset_keeps_the_written_day():
    parsed = parse("offset.md")
    assert parsed.date == dt.date(2024, 6, 30)


def test_unquoted_datetime_with_offset_is_the_right_moment():
    published = parse("offset.md").published_at
    assert published == dt.datetime(2024, 7, 1, 4, 30, tzinfo=dt.UTC)


def test_front_matter_author_without_byline_is_the_author():
    contributors = parse("no_date.md").contributors
    assert [(c.role, c.name) for c in contributors] == [("author", "张三")]


def test_front_matter_lang_wins_over_detection():
    assert parse("english.md").lang == "en"


def test_raw_html_is_sanitised_and_closed():
    html = parse("english.md").html
    assert "<script" not in html and "onclick" not in html and html.count("<div") == 1


def test_path_is_the_source_key_without_slug_or_id():
    assert parse("rules.md").source_key == "path:rules.md"


def test_front_matter_id_is_the_source_key():
    parsed = parse_bytes(b"---\ntitle: A\nid: 42\n---\nBody", relative="a.md")
    assert parsed.source_key == "id:42"


def test_chinese_date_format_is_read():
    parsed = parse_bytes("---\ntitle: A\ndate: 2024年8月9日\n---\nBody".encode(), relative="a")
    assert parsed.date == dt.date(2024, 8, 9)


def test_unreadable_date_is_a_warning_not_a_failure():
    parsed = parse_bytes(b"---\ntitle: A\ndate: someday\n---\nBody", relative="a.md")
    assert parsed.date is None and "someday" in parsed.warnings[0]


def test_heading_gives_the_title_without_front_matter():
    parsed = parse_bytes("# 标题\n\n正文".encode(), relative="a.md")
    assert (parsed.title, parsed.text) == ("标题", "正文")


def test_control_characters_are_dropped():
    parsed = parse_bytes(b"---\ntitle: A\n---\nBe\x07ll \x1b[31mred", relative="a.md")
    assert parsed.text == "Bell [31mred"


@pytest.mark.parametrize(
    ("name", "message", "line"),
    [
        ("not_utf8.md", "not UTF-8", 2),
        ("binary.md", "not a text file", None),
        ("empty.md", "empty", None),
        ("no_title.md", "no title", None),
        ("broken_yaml.md", "broken YAML", 5),
        ("not_markdown.md", "no front matter", 1),
    ],
)
def test_broken_files_fail_with_a_clear_message(name, message, line):
    with pytest.raises(ArticleFileError) as error:
        parse_file(BROKEN / name, relative=name)
    assert message in error.value.message and error.value.line == line


def test_too_large_file_fails_before_reading(tmp_path, settings):
    settings.GLOSSA_MAX_ARTICLE_BYTES = 1000
    path = tmp_path / "big.md"
    path.write_text("---\ntitle: Big\n---\n" + "字" * 1000, encoding="utf-8")
    with pytest.raises(ArticleFileError, match="too large"):
        parse_file(path, relative="big.md")


def test_a_keyword_dump_keeps_fifty_tags():
    tags = ", ".join(f"t{n}" for n in range(500))
    parsed = parse_bytes(f"---\ntitle: A\ntags: {tags}\n---\nB".encode(), relative="a")
    assert len(parsed.tags) == 50


def test_a_very_long_title_is_cut():
    title = "字" * 2000
    assert len(parse_bytes(f"---\ntitle: {title}\n---\nB".encode(), relative="a").title) == 500


def article(front_matter: str, body: str = "Body") -> bytes:
    return f"---\n{front_matter}\n---\n{body}".encode()


def test_unquoted_impossible_date_is_a_warning_not_a_failure():
    parsed = parse_bytes(article("title: A\ndate: 2024-02-30"), relative="a")
    assert parsed.date is None and "2024-02-30" in parsed.warnings[0]


@pytest.mark.parametrize("value", ["0001-01-01", "9999-12-31T23:00:00-10:00"])
def test_out_of_range_date_is_a_warning_not_a_failure(value):
    parsed = parse_bytes(article(f"title: A\ndate: {value}"), relative="a")
    assert parsed.date is None and "out of range" in parsed.warnings[0]


@pytest.mark.parametrize("value", ["Aug 9, 2024", "August 9, 2024", "9 Aug 2024", "Aug. 9, 2024"])
def test_english_written_date_is_read(value):
    assert parse_bytes(article(f"title: A\ndate: {value}"), relative="a").date == dt.date(
        2024, 8, 9
    )


def test_unix_timestamp_date_is_read():
    parsed = parse_bytes(article("title: A\ndate: 1723190400"), relative="a")
    assert parsed.published_at == dt.datetime(2024, 8, 9, 8, 0, tzinfo=dt.UTC)


def test_yaml_yes_title_stays_a_word():
    assert parse_bytes(article("title: yes"), relative="a").title == "yes"


def test_control_characters_are_dropped_from_front_matter_values():
    parsed = parse_bytes(article('title: "A\\0B\\x07C"'), relative="a")
    assert parsed.title == "ABC"


def test_author_mapping_gives_one_person_by_name():
    meta = (
        "title: A\nauthor:\n  name: Jane Doe\n  email: jane@example.com\n  url: https://j.example"
    )
    contributors = parse_bytes(article(meta), relative="a").contributors
    assert [(c.role, c.name) for c in contributors] == [("author", "Jane Doe")]


def test_nested_category_lists_are_flattened():
    parsed = parse_bytes(article("title: A\ncategories: [[x, y], z]"), relative="a")
    assert parsed.tags == ["x", "y", "z"]


def test_mapping_of_keywords_gives_no_tags():
    assert parse_bytes(article("title: A\nkeywords: {k: v}"), relative="a").tags == []


def test_invalid_language_tag_is_ignored_with_a_warning():
    parsed = parse_bytes(
        article("title: A\nlang: 'en\" onmouseover=\"x'", "中文正文。" * 20), relative="a"
    )
    assert parsed.lang == "zh-Hans" and any("not a language tag" in w for w in parsed.warnings)


def test_utf16_file_fails_naming_the_encoding():
    with pytest.raises(ArticleFileError, match="UTF-16"):
        parse_bytes("---\ntitle: A\n---\nB".encode("utf-16"), relative="a")


def test_broken_toml_names_one_line():
    with pytest.raises(ArticleFileError) as error:
        parse_bytes(b'+++\ntitle = "x"\nbroken line\n+++\nBody', relative="a")
    assert "line" not in error.value.message and error.value.line == 3
