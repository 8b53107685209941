"""archive.masking: where in an article's text no mention may be found."""

from archive.masking import blank, masked_spans, merge, overlaps
from archive.rendering import html_to_text, render


def _masked(text, html=None):
    return [text[s:e] for s, e in masked_spans(text, html)]


def test_a_web_address_is_masked_whole():
    assert _masked("读 https://openai.com/blog/sora 了解") == ["https://openai.com/blog/sora"]


def test_an_address_stops_before_chinese_text():
    assert _masked("见https://x.com/OpenAI了解更多") == ["https://x.com/OpenAI"]


def test_an_address_stops_before_the_sentences_full_stop():
    assert _masked("See github.com/NVIDIA/cutlass.") == ["github.com/NVIDIA/cutlass"]


def test_a_bare_host_with_a_path_is_masked():
    assert _masked("基准在 github.com/NVIDIA/cutlass 中") == ["github.com/NVIDIA/cutlass"]


def test_an_email_address_is_masked():
    assert _masked("Write to press@anthropic.com today") == ["press@anthropic.com"]


def test_a_file_name_is_masked():
    assert _masked("见附件 Meta-team.png 和 report.pdf") == ["Meta-team.png", "report.pdf"]


def test_an_owner_repo_path_is_masked():
    assert _masked("权重在 pfnet/plamo-2-8b 上") == ["pfnet/plamo-2-8b"]


def test_two_names_joined_by_a_slash_are_not_a_path():
    assert _masked("Google/Microsoft 都在做") == []


def test_markdown_inline_code_is_masked():
    assert _masked("call `OpenAI()` first") == ["`OpenAI()`"]


def test_a_markdown_image_is_masked_with_its_alt_text():
    image = "![Jensen Huang on stage](gtc.jpg)"
    assert _masked(f"{image} said") == [image]


def test_a_markdown_link_keeps_its_text_but_not_its_target():
    assert _masked("[Anthropic](https://anthropic.com) said") == ["](https://anthropic.com)"]


def test_engine_tags_are_masked():
    text = '{% asset_img meta.png Meta团队 %} and {{< figure alt="Sam Altman" >}}'
    assert _masked(text) == ["{% asset_img meta.png Meta团队 %}", '{{< figure alt="Sam Altman" >}}']


def test_plain_prose_has_nothing_masked():
    assert masked_spans("OpenAI 的 Sam Altman 说，模型会更好。") == []


def test_code_in_the_rendered_html_is_masked_in_the_canonical_text():
    html = render("Use `Anthropic()` here.\n\n```python\nimport openai\n```\n")
    text = html_to_text(html)
    assert _masked(text, html) == ["Anthropic()", "import openai\n"]


def test_a_missing_pictures_caption_is_masked():
    html = render("![Meta logo](meta-logo.png)\n\nMeta said so.")
    text = html_to_text(html)
    assert _masked(text, html) == ["Meta logo"]


def test_a_link_whose_text_is_an_address_is_masked():
    html = render("[github.com/NVIDIA](https://github.com/NVIDIA) and [NVIDIA](https://nvidia.com)")
    text = html_to_text(html)
    assert _masked(text, html) == ["github.com/NVIDIA"]


def test_html_offsets_count_code_points_of_the_canonical_text():
    html = render("😀 emoji first, then `xAI()`.")
    text = html_to_text(html)
    assert _masked(text, html) == ["xAI()"]


def test_merge_joins_overlapping_and_touching_ranges():
    assert merge([(5, 9), (0, 3), (3, 4), (8, 12)]) == [(0, 4), (5, 12)]


def test_overlaps_tells_whether_a_range_touches_a_masked_one():
    spans = [(2, 4), (10, 20)]
    assert [overlaps(0, 2, spans), overlaps(3, 5, spans), overlaps(19, 25, spans)] == [
        False,
        True,
        True,
    ]


def test_blank_keeps_the_length_and_offsets():
    assert blank("see a.png now", [(4, 9)]) == "see       now"
