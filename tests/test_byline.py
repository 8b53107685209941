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


def test_other_credit_labels_end_the_name_before_them():
    assert parse_byline_line("编辑：KX  审核：钱七") == [
        Contributor("editor", "KX"),
        Contributor("reviewer", "钱七"),
    ]


def test_picture_credit_after_the_author_is_an_images_credit():
    assert parse_byline_line("文 | 王五 图 | 赵六") == [
        Contributor("author", "王五"),
        Contributor("images", "赵六"),
    ]


@pytest.mark.parametrize(
    ("line", "role"),
    [
        ("译者：陈七", "translator"),
        ("编译 | 陈七", "translator"),
        ("策划：周八", "planner"),
        ("审校：吴九", "reviewer"),
        ("出品：腾讯科技", "producer"),
        ("排版：郑十", "designer"),
    ],
)
def test_every_credit_label_keeps_its_role(line, role):
    assert [c.role for c in parse_byline_line(line)] == [role]


def test_credit_the_header_does_not_show_is_still_a_byline_line():
    assert parse_byline_line("运营：钱七") is None


def test_second_source_line_compiled_from_names_the_original():
    body = "来源：[机器之心](https://a.example)\n来源：内容编译自The Information\n\n正文。"
    result = extract_byline(body)
    assert (result.contributors, result.body) == (
        (
            Contributor("source", "机器之心", "https://a.example"),
            Contributor("source", "The Information"),
        ),
        "正文。",
    )


def test_unlabelled_compiled_from_line_is_a_source():
    assert parse_byline_line("本文转载自：量子位") == [Contributor("source", "量子位")]


# Past the first lines, where a byline stands: what follows is under the text.
ARTICLE = "\n\n".join(f"第{number}段。" for number in range(12))


def test_closing_reposted_from_line_is_a_source_out_of_the_body():
    body = f"作者：张三\n\n{ARTICLE}\n\n来源 / 转载于[半导体行业观察](https://b.example)"
    result = extract_byline(body)
    assert (result.contributors, result.body) == (
        (
            Contributor("author", "张三"),
            Contributor("source", "半导体行业观察", "https://b.example"),
        ),
        ARTICLE,
    )


def test_closing_source_line_that_cites_a_report_stays_in_the_text():
    body = f"{ARTICLE}\n\n来源：某研究机构的年度报告"
    assert extract_byline(body).body == body


def test_closing_picture_credit_stays_in_the_text():
    body = f"{ARTICLE}\n\n图：转载于网络的示意图"
    assert extract_byline(body).body == body


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
