"""Bare URLs become links, never in code or in links (autolinks)."""

from archive.rendering import render

REL = 'rel="noopener noreferrer nofollow"'


def test_bare_url_becomes_a_link():
    assert render("See https://example.com/a for more.") == (
        f'<p>See <a href="https://example.com/a" {REL}>https://example.com/a</a> for more.</p>'
    )


def test_url_ends_at_the_first_chinese_character():
    assert f'<a href="https://example.com/a?b=1" {REL}>' in render(
        "详见https://example.com/a?b=1说明"
    )


def test_url_ends_at_full_width_punctuation():
    assert f'<a href="https://example.com/x" {REL}>' in render("地址是https://example.com/x，请看")


def test_url_loses_the_full_stop_after_it():
    assert f'<a href="https://example.com/x" {REL}>' in render("Go to https://example.com/x.")


def test_url_keeps_parentheses_it_opened():
    html = render("(see https://en.wikipedia.org/wiki/Foo_(bar))")
    assert f'<a href="https://en.wikipedia.org/wiki/Foo_(bar)" {REL}>' in html


def test_www_url_links_with_https():
    assert f'<a href="https://www.example.com" {REL}>www.example.com</a>' in render(
        "visit www.example.com"
    )


def test_url_in_a_code_span_is_not_linked():
    assert render("`https://example.com`") == "<p><code>https://example.com</code></p>"


def test_url_in_a_code_block_is_not_linked():
    assert "<a" not in render("```\ncurl https://example.com\n```")


def test_url_as_link_text_is_not_linked_twice():
    html = render("[https://a.example](https://b.example)")
    assert html.count("<a ") == 1


def test_url_inside_a_raw_html_link_is_not_linked_twice():
    assert render('<a href="https://a.example">https://a.example</a> x').count("<a ") == 1


def test_url_after_a_closed_raw_html_link_is_linked():
    html = render('<a href="https://a.example">a</a> then https://b.example')
    assert f'<a href="https://b.example" {REL}>https://b.example</a>' in html
