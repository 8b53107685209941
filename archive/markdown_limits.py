"""Python-Markdown, made safe to run on hostile text and from several threads.

Two problems with using the library as it comes:

* A ``markdown.Markdown`` object keeps state while it converts (stashes, references, footnotes),
  so one shared object garbles output when two threads convert at once: a reader's note could
  end up holding another reader's text. ``converter()`` gives each thread its own.
* Its link patterns scan from every ``[`` to the end of the paragraph for the closing bracket
  and parenthesis, so a paragraph of ten thousand ``[`` takes tens of seconds (``[`` alone,
  ``[x](``, ``![``...). ``BracketGuard`` runs before them and turns a bracket that cannot open a
  link within ``SCAN_LIMIT`` characters into plain text, using ``str.find`` (C speed), so every
  bracket the link patterns still see is scanned over at most that span.
"""

import threading

import markdown
from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor

# Longer than any sensible link text plus URL (tracking URLs run to a few hundred characters).
SCAN_LIMIT = 2000


class BracketGuard(InlineProcessor):
    """Leave ``[`` (or ``![``) as text when no link can start at it within SCAN_LIMIT."""

    def handleMatch(self, m, data: str) -> tuple[str | None, int | None, int | None]:
        start, after = m.start(0), m.end(0)
        close = data.find("]", after, after + SCAN_LIMIT)
        if close != -1 and not _unclosed_destination(data, close + 1):
            return None, None, None  # a link may start here: the link patterns decide
        return m.group(0), start, after


def _unclosed_destination(data: str, index: int) -> bool:
    """Whether ``](`` opens a destination with no ``)`` within SCAN_LIMIT."""
    if data[index : index + 1] != "(":
        return False
    return data.find(")", index, index + SCAN_LIMIT) == -1


class BoundedLinks(Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:
        # After code spans (190) and backslash escapes (180), before every link pattern (<=170).
        md.inlinePatterns.register(BracketGuard(r"!?\[", md), "bracket_guard", 175)


def converter(key: str, extensions: list) -> markdown.Markdown:
    """This thread's Markdown converter for ``key``, made once with ``extensions``."""
    converters = _local.__dict__.setdefault("converters", {})
    if key not in converters:
        converters[key] = markdown.Markdown(
            extensions=[*extensions, BoundedLinks()], output_format="html"
        )
    return converters[key].reset()


_local = threading.local()
