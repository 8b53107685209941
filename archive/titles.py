"""Titles as their authors wrote them: inline Markdown in the page's heading, plain elsewhere.

Developers' blogs put code in titles (``Why `git rebase` rewrites history``), so the heading
renders the title's inline Markdown (code, emphasis) while the browser tab, lists of names and
search keep its plain text. A title is one line of inline text: one that Markdown would read as
a block (``1. Intro``, ``# C#``) is shown as written.

Many engines also repeat the title as the body's first ``# heading``; shown under the page's own
heading, it reads twice, so it is dropped.
"""

import re
from html import escape

from .markdown_limits import converter
from .rendering import html_to_text, sanitise

TITLE_TAGS = {"code", "em", "strong", "b", "i", "del", "s", "sub", "sup", "mark", "kbd"}
ONE_PARAGRAPH_RE = re.compile(r"^<p>(?P<inline>.*)</p>$", re.S)
ATX_H1_RE = re.compile(r"^ {0,3}#[ \t]+(?P<text>.+?)(?:[ \t]+#+)?[ \t]*$")
SETEXT_H1_RE = re.compile(r"^ {0,3}=+[ \t]*$")
# A title without any character that Markdown or the sanitiser would change renders as itself
# (a test checks it against the renderer on random titles): most titles, which then cost no
# Markdown run (0.15 ms each: 1.5 of the 65 CPU seconds an import of 10,000 files takes).
PLAIN_TITLE_RE = re.compile(r"[^\\`*_\[\]<>&!~=^#|{}$@+\x00-\x1f\x7f\xa0\ufeff]*")


def render_title(title: str) -> str:
    """The title's inline Markdown as sanitised HTML, or the title escaped when it is not."""
    if title == title.strip() and PLAIN_TITLE_RE.fullmatch(title):
        return title
    return rendered_title(title)


def rendered_title(title: str) -> str:
    """What ``render_title`` gives, always through Markdown and the sanitiser."""
    html = converter("title", []).convert(title)
    inline = ONE_PARAGRAPH_RE.match(html)
    if inline is None or "\n" in inline.group("inline"):
        return escape(title, quote=False)
    return sanitise(inline.group("inline"), tags=TITLE_TAGS, attributes={})


def plain_title(title_html: str) -> str:
    return " ".join(html_to_text(title_html).split())


def drop_repeated_title(body: str, title: str) -> str:
    """``body`` without a leading level-one heading that says the title again."""
    lines = body.split("\n")
    first = next((index for index, line in enumerate(lines) if line.strip()), None)
    if first is None:
        return body
    heading = ATX_H1_RE.match(lines[first])
    length = 1
    if heading is None:
        if first + 1 >= len(lines) or not SETEXT_H1_RE.match(lines[first + 1]):
            return body
        text, length = lines[first], 2
    else:
        text = heading.group("text")
    if _key(plain_title(render_title(text.strip()))) != _key(title):
        return body
    return "\n".join(lines[:first] + lines[first + length :]).lstrip("\n")


def _key(text: str) -> str:
    return "".join(text.split()).casefold()
