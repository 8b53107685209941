"""Articles shaped like real posts of each blog engine render as their authors meant.

Each ``tests/fixtures/engines/<engine>-<case>.md`` is written for this project (shaped like
real posts of that engine, not a copy of anyone's), and ``<same name>.outline`` beside it is
the reviewed outline of its rendered body (tests/outline.py): headings, paragraphs, list
items, code blocks with their language, links and figures. A change that alters a page's
structure shows here as a diff a reviewer can read.

To write the outline of a new fixture: ``GLOSSA_WRITE_OUTLINES=1 scripts/test
tests/test_engine_fixtures.py``, then read it, and commit it only if the page reads that way.
"""

import os
from pathlib import Path

import pytest

from archive.parsing import parse_file
from tests.conftest import FIXTURES
from tests.outline import outline

ENGINES = FIXTURES / "engines"
ARTICLES = sorted(ENGINES.glob("*.md"))


def rendered_outline(path: Path) -> str:
    parsed = parse_file(path, relative=path.name)
    return f"title {parsed.title}\n" + outline(parsed.html)


@pytest.mark.parametrize("path", ARTICLES, ids=lambda path: path.stem)
def test_article_renders_to_its_reviewed_outline(path):
    golden = path.with_suffix(".outline")
    actual = rendered_outline(path)
    if os.environ.get("GLOSSA_WRITE_OUTLINES") and not golden.exists():
        golden.write_text(actual, encoding="utf-8")
    assert actual == golden.read_text(encoding="utf-8")


def test_outline_lists_blocks_links_and_code_languages():
    html = (
        '<h2>Setup</h2><p>See <a href="https://x.example/">the docs</a>.</p>'
        '<ul><li>one</li><li>two</li></ul><pre><code class="language-sh">a\nb\n</code></pre>'
    )
    assert outline(html) == (
        "h2 5 chars: Setup\np 13 chars: See the docs.\n  a https://x.example/\n"
        "ul\n  li 3 chars: one\n  li 3 chars: two\npre language-sh (2 lines)\n"
    )
