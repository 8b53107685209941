"""Code blocks keep their language and are highlighted with classes only (code_blocks)."""

import re

from django.conf import settings

from archive.code_blocks import code_class, code_stylesheet
from archive.rendering import html_to_text, render, sanitise


def test_fence_language_is_kept_as_a_class():
    assert render("```python\nx = 1\n```").startswith('<pre><code class="language-python">')


def test_unknown_language_is_kept_too():
    assert render("```mermaid\ngraph TD\n```").startswith('<pre><code class="language-mermaid">')


def test_code_without_language_has_no_class():
    assert render("```\nplain\n```") == "<pre><code>plain\n</code></pre>"


def test_code_is_highlighted_with_token_classes():
    assert '<span class="k">def</span>' in render("```python\ndef f(): pass\n```")


def test_highlighted_code_has_no_style_attribute():
    assert "style=" not in render("```python\ndef f(): pass\n```")


def test_highlighting_keeps_the_code_text():
    code = "def f(x):\n    return x < 2  # small\n"
    assert html_to_text(render(f"```python\n{code}```")) == code


def test_sanitiser_drops_classes_other_than_language_on_code():
    assert sanitise('<code class="language-js mention-card">x</code>') == (
        '<code class="language-js">x</code>'
    )


def test_sanitiser_keeps_only_token_classes_on_span():
    assert sanitise('<span class="k visible">x</span>') == '<span class="k">x</span>'


def test_sanitiser_drops_classes_from_other_elements():
    assert sanitise('<p class="language-python">x</p>') == "<p>x</p>"


def test_sanitiser_drops_the_sites_own_language_classes():
    css = (settings.BASE_DIR / "static" / "css" / "glossa.css").read_text(encoding="utf-8")
    site = set(re.findall(r"\.(language-[\w-]+)", css))
    assert site and all(code_class("code", name) is None for name in site)


def test_code_stylesheet_is_the_one_generated_from_the_pygments_styles():
    css = settings.BASE_DIR / "static" / "css" / "code.css"
    assert css.read_text(encoding="utf-8") == code_stylesheet()


def test_code_stylesheet_colours_the_dark_theme():
    assert "@media (prefers-color-scheme: dark)" in code_stylesheet()
