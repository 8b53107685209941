import re
from html.parser import HTMLParser

import pytest

from archive.rendering import (
    detect_language,
    html_to_text,
    reading_minutes,
    render,
    separate_rules,
)
from tests.material import xss_payloads

DANGEROUS_TAGS = {"script", "style", "iframe", "object", "embed", "form", "input", "svg", "math",
                  "frame", "frameset", "base", "link", "meta", "button", "textarea"}  # fmt: skip


class _Inspector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attributes.extend((tag, name, value or "") for name, value in attrs)


def inspect(html: str) -> _Inspector:
    inspector = _Inspector()
    inspector.feed(html)
    return inspector


def harmful(html: str) -> list[str]:
    """Everything in ``html`` that could run script or restyle the page."""
    found = inspect(html)
    problems = [tag for tag in found.tags if tag in DANGEROUS_TAGS]
    for tag, name, value in found.attributes:
        # What a browser's URL parser does first: trim C0 controls and spaces, drop tabs/newlines.
        url = re.sub(r"[\t\n\r]", "", value.strip("".join(map(chr, range(33))))).lower()
        if name.startswith("on") or name in {"style", "srcdoc", "formaction"}:
            problems.append(f"{tag}[{name}]")
        if name in {"href", "src", "cite", "action"} and url.startswith(
            ("javascript:", "data:", "vbscript:")
        ):
            problems.append(f"{tag}[{name}={value[:30]}]")
    return problems


def test_every_public_xss_payload_renders_harmless():
    failures = {p: harmful(render(p)) for p in xss_payloads() if harmful(render(p))}
    assert failures == {}


def test_xss_payloads_inside_markdown_links_render_harmless():
    payloads = xss_payloads()
    rendered = [render(f"[click]({p}) ![img]({p}) <a href='{p}'>x</a>") for p in payloads]
    assert [html for html in rendered if harmful(html)] == []


def test_script_is_removed_with_its_content():
    assert "alert" not in render("<script>alert(1)</script>")


def test_event_handlers_are_removed():
    assert "onerror" not in render('<img src="x.png" onerror="alert(1)">')


def test_javascript_url_is_removed():
    assert "javascript" not in render("[x](javascript:alert(1))")


def test_data_url_image_is_removed():
    assert "data:" not in render("![x](data:image/png;base64,AAAA)")


def test_style_attribute_is_removed():
    assert "style" not in render('<p style="position:fixed">x</p>')


def test_iframe_object_and_embed_are_removed():
    html = render('<iframe src="https://e.com"></iframe><object data="x"></object><embed src="y">')
    assert {"iframe", "object", "embed"}.isdisjoint(inspect(html).tags)


def test_unclosed_div_is_closed_inside_the_fragment():
    html = render("<div><div><p>never closed")
    assert html.count("<div>") == html.count("</div>")


def test_broken_table_is_closed_inside_the_fragment():
    html = render("<table><tr><td>cell")
    assert html.count("<table>") == html.count("</table>")


def test_closing_tags_cannot_escape_the_article():
    html = render("text</div></main></body><p>after")
    assert "</main>" not in html and "</body>" not in html


def test_remote_images_load_lazily_without_referrer():
    found = inspect(render("![alt text](https://example.com/a.png)"))
    attributes = {(name, value) for tag, name, value in found.attributes if tag == "img"}
    assert {
        ("loading", "lazy"),
        ("referrerpolicy", "no-referrer"),
        ("alt", "alt text"),
    } <= attributes


def test_links_get_noopener():
    assert 'rel="noopener noreferrer nofollow"' in render("[x](https://example.com)")


def test_dash_line_under_text_is_a_rule_not_a_heading():
    html = render("Paragraph\n---\nNext")
    assert "<h2>" not in html and "<hr>" in html


def test_equals_underline_still_makes_a_heading():
    assert "<h1>" in render("Heading\n=======\n\nText")


def test_dash_line_inside_code_is_untouched():
    assert separate_rules("```\ncode\n---\n```") == "```\ncode\n---\n```"


def test_tables_render():
    assert "<table>" in render("| a | b |\n|---|---|\n| 1 | 2 |")


def test_footnote_ids_survive_and_other_ids_do_not():
    html = render('Text[^1]\n\n[^1]: Note\n\n<p id="location">x</p>')
    assert 'id="fn:1"' in html and 'id="location"' not in html


def test_text_decodes_entities():
    assert html_to_text("<p>a &amp; b&nbsp;c</p>") == "a & b\xa0c"


def test_text_drops_newline_after_pre_like_the_browser():
    assert html_to_text("<pre>\nline</pre>") == "line"


def test_text_keeps_whitespace_between_blocks():
    assert html_to_text("<p>a</p>\n<p>b</p>") == "a\nb"


@pytest.mark.parametrize(
    ("text", "lang"),
    [("没有人敢轻易质疑一家引领时代的公司，OpenAI", "zh-Hans"), ("Plain English words here", "en")],
)
def test_detect_language(text, lang):
    assert detect_language(text) == lang


def test_reading_minutes_for_chinese():
    assert reading_minutes("字" * 2000, "zh-Hans") == 5


def test_text_ignores_a_greater_than_sign_inside_an_attribute():
    assert html_to_text(render('<img alt="a > b" src="x.png">after')) == "after"


def test_text_keeps_entities_decoded_per_text_node():
    assert html_to_text(render("AT&amp;T <b>&lt;tag&gt;</b>")) == "AT&T <tag>"


def test_hashtag_at_line_start_is_text_not_a_heading():
    assert render("#OpenAI# 发布了新模型") == "<p>#OpenAI# 发布了新模型</p>"


def test_heading_with_a_space_after_its_hashes_is_still_a_heading():
    assert render("## 小标题") == "<h2>小标题</h2>"


def test_hashtag_inside_a_code_fence_is_left_alone():
    assert render("```\n#include <x>\n```") == "<pre><code>#include &lt;x&gt;\n</code></pre>"
