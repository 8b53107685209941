"""Python-Markdown made safe for hostile text and for threads (archive.markdown_limits)."""

import sys
from concurrent.futures import ThreadPoolExecutor

import pytest

from annotations.notes import render_note
from archive.markdown_limits import SCAN_LIMIT
from archive.rendering import render


def test_links_still_render():
    assert render("[Glossa](https://glossa.example)") == (
        '<p><a href="https://glossa.example" rel="noopener noreferrer nofollow">Glossa</a></p>'
    )


def test_reference_links_and_footnotes_still_render():
    html = render("See [the site][s] and a note.[^1]\n\n[s]: https://s.example\n\n[^1]: Here.")
    assert 'href="https://s.example"' in html and 'id="fn:1"' in html


def test_unclosed_brackets_stay_text():
    assert render("[" * 5000) == "<p>" + "[" * 5000 + "</p>"


def test_destination_without_a_closing_parenthesis_stays_text():
    assert render("[x](" * 100) == "<p>" + "[x](" * 100 + "</p>"


def test_link_text_longer_than_the_scan_limit_stays_text():
    text = "[" + "a" * SCAN_LIMIT + "](https://x.example)"
    assert "<a" not in render(text)


def test_brackets_inside_code_spans_are_kept_as_code():
    assert render("`[` and `![`") == "<p><code>[</code> and <code>![</code></p>"


@pytest.fixture
def eager_thread_switching():
    """Switch threads as often as CPython allows, so that shared state shows at once."""
    previous = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    yield
    sys.setswitchinterval(previous)


@pytest.mark.usefixtures("eager_thread_switching")
@pytest.mark.parametrize("renderer", [render, render_note])
def test_concurrent_rendering_gives_each_thread_its_own_output(renderer):
    sources = [
        f"**Reader {n}** wrote [a link](https://{n}.example) and `code {n}`." for n in range(8)
    ]
    expected = [renderer(source) for source in sources]
    with ThreadPoolExecutor(max_workers=8) as pool:
        for _ in range(25):
            assert list(pool.map(renderer, sources)) == expected
