"""Bare URLs in running text become links, as GFM's autolink extension makes them.

``https://…`` and ``www.…`` in text (never in code, whose spans are taken out first, nor inside
a link, raw HTML or an ``<…>`` autolink, which are placeholders by then) become links. A URL
ends at whitespace, at ``<``, at the first CJK character or full-width punctuation (Chinese
text does not put a space after a URL: ``详见https://example.com/a说明``), and loses trailing
punctuation that ends the sentence (``.,:;!?'"*_~``) and a closing parenthesis it did not open.
A URL right after ``](`` is the destination of link syntax that did not make a link (its text
too long, say): it is left as the author wrote it.
"""

import re
import xml.etree.ElementTree as etree

from markdown import Markdown
from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor

# Ends at whitespace, markup, placeholders (\x02, \x03), CJK, full-width and CJK punctuation.
STOP = (
    r"\s<>\"\x02\x03\u2018-\u201f\u2026\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff"
    r"\uac00-\ud7af\uf900-\ufaff\uff00-\uffef"
)
URL_RE = (
    rf"(?<![A-Za-z0-9@/.:_+-])(?<!\]\()(?:https?://|www\.)[A-Za-z0-9][^{STOP}]*"
)  # fmt: skip
TRAILING = ".,:;!?'*_~"
# Raw inline HTML is stashed twice: an inline placeholder holding an HTML-stash placeholder.
LOOK_BACK = 50
INLINE_PLACEHOLDER_START = "\x02klzzwxh:"
INLINE_PLACEHOLDER_RE = re.compile("\x02klzzwxh:(\\d+)\x03")
HTML_PLACEHOLDER_RE = re.compile("\x02wzxhzdk:(\\d+)\x03")
RAW_LINK_OPEN_RE = re.compile(r"<a[\s>]")


def trim(url: str) -> str:
    """The URL without the sentence's punctuation after it."""
    while url:
        if url[-1] in TRAILING or url[-1] == ")" and url.count(")") > url.count("("):
            url = url[:-1]
        else:
            break
    return url


class BareUrlProcessor(InlineProcessor):
    ANCESTOR_EXCLUDES = ("a",)
    _raw_links_seen: tuple = (None, 0, False)

    def handleMatch(self, m, data: str) -> tuple[etree.Element | None, int, int]:
        url = trim(m.group(0))
        if url.startswith("www.") and "." not in url[4:] or self._inside_raw_link(data, m.start()):
            return None, None, None
        link = etree.Element("a", {"href": url if "://" in url else "https://" + url})
        link.text = url
        return link, m.start(0), m.start(0) + len(url)

    def _inside_raw_link(self, data: str, position: int) -> bool:
        """Whether raw HTML before ``position`` opened an ``<a>`` that it has not closed."""
        if not self._stash_has_raw_links():
            return False
        stashed = self.md.treeprocessors["inline"].stashed_nodes
        # Backwards to the nearest raw <a> or </a>, over at most LOOK_BACK inline elements: a
        # link holding more is not one an author wrote, and the text stays linear to scan.
        for _step in range(LOOK_BACK):
            position = data.rfind(INLINE_PLACEHOLDER_START, 0, position)
            if position == -1:
                break
            placeholder = INLINE_PLACEHOLDER_RE.match(data, position)
            node = stashed.get(placeholder.group(1)) if placeholder else None
            html = HTML_PLACEHOLDER_RE.fullmatch(node) if isinstance(node, str) else None
            if html is None:
                continue
            raw = str(self.md.htmlStash.rawHtmlBlocks[int(html.group(1))]).lower()
            if RAW_LINK_OPEN_RE.match(raw):
                return True
            if raw.startswith("</a"):
                return False
        return False

    def _stash_has_raw_links(self) -> bool:
        """Whether this conversion has stashed a raw <a> yet (worked out again as it grows)."""
        blocks = self.md.htmlStash.rawHtmlBlocks
        # The list itself is kept, not its id: a later conversion's list cannot pass for it.
        if self._raw_links_seen[0] is not blocks or self._raw_links_seen[1] != len(blocks):
            found = any(RAW_LINK_OPEN_RE.match(str(raw).lower()) for raw in blocks)
            self._raw_links_seen = (blocks, len(blocks), found)
        return self._raw_links_seen[2]


class BareUrls(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        # After raw inline HTML (90) and entities (80) are placeholders, before emphasis (60).
        md.inlinePatterns.register(BareUrlProcessor(URL_RE, md), "bare_url", 75)
