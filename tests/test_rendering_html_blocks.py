"""Raw HTML blocks end at a blank line; an element never closed is closed there (html_blocks)."""

from archive.parsing import parse_file
from archive.rendering import render, render_article
from tests.conftest import FIXTURES


def test_markdown_after_an_unclosed_div_is_rendered():
    html = render(
        '<div class="note">\n<p>Intro</p>\n\n![pic](https://x.example/a.png)\n\n**bold**\n\n## Next'
    )
    assert ("<img" in html, "<strong>bold</strong>" in html, "<h2>Next</h2>" in html) == (
        True,
        True,
        True,
    )


def test_unclosed_div_is_closed_at_the_next_blank_line():
    html = render("<div>\n<p>Intro</p>\n\nAfter the box.")
    assert html.index("</div>") < html.index("After the box.")


def test_unclosed_div_is_reported_as_a_warning():
    warnings = render_article('<div class="note">\nIntro\n\nAfter.').warnings
    assert warnings == ['an unclosed <div class="note"> was closed at the next blank line']


def test_div_closed_after_a_blank_line_keeps_the_markdown_inside_it():
    html = render('<div class="note">\n\n**inside**\n\n</div>\n\nafter')
    assert html == "<div>\n<p><strong>inside</strong></p>\n</div>\n<p>after</p>"


def test_div_closed_later_is_not_reported():
    assert render_article("<div>\n\ntext\n\n</div>").warnings == []


def test_html_block_interrupts_a_paragraph():
    html = render("para\n<div>box</div>\n\nmore")
    assert html.startswith("<p>para</p>\n<div>box</div>")


def test_html_comment_ends_at_its_closing_marker():
    assert render("<!-- a\nnote -->\n**after**").strip() == "<p><strong>after</strong></p>"


def test_nested_unclosed_elements_are_closed_inner_first():
    html = render("<blockquote><div>\nquote\n\nafter")
    assert html.startswith("<blockquote><div>\nquote</div></blockquote>")


def test_script_block_runs_to_its_end_tag_across_blank_lines():
    html = render("<script>\nalert(1)\n\n**x**</script>\n\nok")
    assert ("alert" in html, "x" in html, html.endswith("<p>ok</p>")) == (False, False, True)


def test_jekyll_post_with_an_unclosed_div_reports_it_on_import():
    path = FIXTURES / "engines" / "jekyll-unclosed-div.md"
    warnings = parse_file(path, relative=path.name).warnings
    assert [w for w in warnings if "unclosed" in w] == [
        'an unclosed <div class="post-intro" markdown="1"> was closed at the next blank line'
    ]


def test_many_unclosed_elements_are_summed_up_after_the_first_ten():
    warnings = render_article("<div>\n" * 25 + "\ntext").warnings
    assert (len(warnings), warnings[-1]) == (11, "15 more unclosed elements were closed")
