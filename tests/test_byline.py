import pytest

from archive.byline import Contributor, extract_byline, parse_byline_line


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("作者丨山茶", [Contributor("author", "山茶")]),
        ("编辑丨钱江", [Contributor("editor", "钱江")]),
        ("编辑 | KX", [Contributor("editor", "KX")]),
        ("作者：张三", [Contributor("author", "张三")]),
        ("责任编辑：李四", [Contributor("editor", "李四")]),
        ("Source: Reuters", [Contributor("source", "Reuters")]),
    ],
)
def test_single_byline_lines(line, expected):
    assert parse_byline_line(line) == expected


def test_source_link_gives_name_and_url():
    line = "来源：[产业象限](https://mp.weixin.qq.com/s/AB8wsXKqpep7DVtZ5dvVgQ)"
    assert parse_byline_line(line) == [
        Contributor("source", "产业象限", "https://mp.weixin.qq.com/s/AB8wsXKqpep7DVtZ5dvVgQ")
    ]


def test_article_source_label_is_a_source():
    line = "文章来源：[半导体行业观察](https://example.com/semi)"
    assert parse_byline_line(line)[0].name == "半导体行业观察"


def test_two_labels_on_one_bold_line():
    assert parse_byline_line("**作者丨山茶  编辑丨钱江**") == [
        Contributor("author", "山茶"),
        Contributor("editor", "钱江"),
    ]


def test_several_authors_are_split():
    assert [c.name for c in parse_byline_line("文 / 张三、李四")] == ["张三", "李四"]


def test_english_by_line():
    names = [c.name for c in parse_byline_line("By Jane Doe and John Smith")]
    assert names == ["Jane Doe", "John Smith"]


def test_prose_starting_with_a_label_is_not_a_byline():
    line = "来源：据报道，这家公司今天宣布了一项非常重要的决定，这将影响整个行业的未来发展方向"
    assert parse_byline_line(line) is None


def test_word_containing_a_label_is_not_a_byline():
    assert parse_byline_line("作者很开心地说") is None


def test_javascript_link_in_source_keeps_the_name_and_drops_the_url():
    assert parse_byline_line("来源：[坏人](javascript:void0)") == [Contributor("source", "坏人")]


def test_placeholder_source_is_removed_without_an_organisation():
    result = extract_byline("来源：网络\n\n正文")
    assert (result.contributors, result.body.strip()) == ((), "正文")


def test_byline_lines_are_removed_from_the_body():
    body = "来源：[产业象限](https://a.example)\n作者丨山茶\n编辑丨钱江\n\n正文第一段。"
    assert extract_byline(body).body.strip() == "正文第一段。"


def test_label_line_far_into_the_body_is_left_alone():
    paragraphs = "\n\n".join(f"第{i}段。" for i in range(12))
    body = paragraphs + "\n\n来源：某报告"
    assert extract_byline(body).body == body


def test_bar_between_segments_ends_the_name():
    assert [c.name for c in parse_byline_line("作者：张三 | 编辑：李四")] == ["张三", "李四"]


def test_other_credit_labels_are_not_absorbed_into_names():
    assert parse_byline_line("编辑：KX  审核：钱七") == [Contributor("editor", "KX")]


def test_picture_credit_after_the_author_is_left_out():
    assert parse_byline_line("文 | 王五 图 | 赵六") == [Contributor("author", "王五")]


def test_line_of_only_other_credits_stays_in_the_text():
    assert parse_byline_line("审核：钱七") is None


def test_account_id_is_stripped_from_the_source():
    line = "来源：产业象限（ID：cyxx2024）"
    assert parse_byline_line(line) == [Contributor("source", "产业象限")]


def test_bold_label_is_recognised():
    assert parse_byline_line("**作者**：张三") == [Contributor("author", "张三")]


def test_english_job_title_after_a_comma_is_not_a_person():
    assert parse_byline_line("By Jane Doe, Staff Writer") == [Contributor("author", "Jane Doe")]


@pytest.mark.parametrize("line", ["By The Numbers", "By Design"])
def test_english_phrase_after_by_is_not_a_byline(line):
    assert parse_byline_line(line) is None


def test_bare_url_source_is_named_by_its_host():
    assert parse_byline_line("Source: https://www.example.com/a") == [
        Contributor("source", "example.com", "https://www.example.com/a")
    ]


def test_benwen_laiyuan_is_a_source_label():
    assert parse_byline_line("本文来源：量子位") == [Contributor("source", "量子位")]
