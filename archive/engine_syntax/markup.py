"""The rewriter's openers for what is not an engine tag: HTML embeds (``<object>``,
``<embed>``, ``<iframe>``, ``<video>``, ``<audio>``), quotes a blank line apart, and kramdown
attribute lists (``{: ... }``).
"""

import bisect
import re

from .build import (
    Break,
    Link,
    Picture,
    file_name,
    is_remote,
    link,
    missing_inline,
    parse_attribute_list,
    picture,
    to_html,
)
from .scan import MAX_TAG

HTML_ATTRIBUTE_RE = re.compile(r"""([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+))""")
TAG_TEXT_RE = re.compile(r"<[^<>]*>")
START_TAG_END_RE = re.compile(r"""(?:[^>"']|"[^"]{0,300}"|'[^']{0,300}'){0,300}>""")
SOURCE_RE = re.compile(r"""<source\b[^>]*?\bsrc\s*=\s*["']?([^"'\s>]+)[^>]*>""", re.IGNORECASE)
QUOTE_LINE_RE = re.compile(r" {0,3}>")
TOC_LINE_RE = re.compile(r"^[ \t]*(?:[-*+]|1\.)[ \t]+\S[^\n]*$")


class MarkupOpeners:
    """A mixin of ``Rewriter`` (rewrite.py): it calls each of these by the name of the
    ``OPENER_RE`` or ``LINE_OPENER_RE`` group that found it, and they use its text, finder,
    state and output methods."""

    def _html(self, m: re.Match, in_code: bool) -> None:
        start, element = m.start(), m.group(0)[1:].lower()
        tag_end = self.finder.find(">", m.end())
        if in_code or tag_end == -1 or tag_end - start > MAX_TAG:
            return
        if '"' in self.text[m.end() : tag_end] or "'" in self.text[m.end() : tag_end]:
            quoted = START_TAG_END_RE.match(self.text, m.end())  # a ">" inside a value
            if quoted is None:
                return
            tag_end = quoted.end() - 1
        attributes = {
            a.group(1).lower(): next(v for v in a.group(2, 3, 4) if v is not None)
            for a in HTML_ATTRIBUTE_RE.finditer(self.text, m.end(), tag_end)
        }
        url = attributes.get("data" if element == "object" else "src", "").strip()
        name = attributes.get("title", "").strip() or file_name(url)
        end, content = tag_end + 1, ""
        if element != "embed":
            closing = self.finder.find(f"</{element}>", end, fold=True)
            if closing != -1:
                end, content = closing + len(element) + 3, self.text[end:closing]
        if not url and (source := SOURCE_RE.search(content)):  # <video><source src=…>
            url = source.group(1)
            name = name or file_name(url)
            content = SOURCE_RE.sub("", content)
        fallback = " ".join(TAG_TEXT_RE.sub(" ", content).split()) or "<img" in content.lower()
        # Raw HTML, not markers: the element may stand inside an HTML block (<figure>, <div>),
        # where Markdown is not read.
        if is_remote(url):
            self.state.warn(f"<{element}> {file_name(url)} replaced by a link to it")
            anchor = to_html(link(Link(url, name)))
            if not self.alone(start, end):
                anchor = anchor.removeprefix("<p>").removesuffix("</p>")
            return self.replace(
                start, end, f"{content.strip()}\n{anchor}" if content.strip() else anchor
            )
        if fallback or not url:
            self.state.warn(f"<{element}> {file_name(url) or ''} replaced by its fallback content")
            return self.replace(start, end, content)
        if self.alone(start, end):
            return self.replace(start, end, to_html(picture(Picture(url), self.state.missing)))
        self.replace(start, end, to_html(missing_inline(url, "", self.state.missing)))

    def _quote(self, m: re.Match, in_code: bool) -> None:
        """A quote after a blank line after a quote starts a new quote, as in CommonMark and
        the engines; Python-Markdown would join the two (and two callouts with them)."""
        index = bisect.bisect_right(self.line_starts, m.start()) - 1
        if in_code or index < 2 or m.start() < self.position:
            return
        blank = self.text[self.line_starts[index - 1] : m.start() - 1]
        above = self.line_starts[index - 2]
        if blank.strip() or not QUOTE_LINE_RE.match(self.text, above):
            return
        self.replace(m.start(), m.start(), self.state.mark(Break()) + "\n\n")

    def _ial(self, m: re.Match, in_code: bool) -> None:
        brace = m.end() - 2
        _, line_end = self.line_of(brace)
        attributes = parse_attribute_list(self.text[brace:line_end])
        if (
            in_code
            or attributes is None
            or self.text[brace + len(attributes.source) : line_end].strip()
        ):
            return
        if "toc" in attributes.values:
            previous_start, _ = self.line_of(max(0, m.start() - 1))
            if previous_start >= self.position and TOC_LINE_RE.match(
                self.text, previous_start, m.start() - 1
            ):
                self.remove(previous_start, line_end)
            else:
                self.remove(brace, line_end)
            return self.state.warn(
                "kramdown {:toc} removed: the table of contents is not generated"
            )
        self.replace(brace, brace + len(attributes.source), self.state.mark(attributes))
