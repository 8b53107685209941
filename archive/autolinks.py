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

    def handleMatch(self, m, data: str) -> tuple[etree.Element | None, int, int]:
        url = trim(m.group(0))
        if url.startswith("www.") and "." not in url[4:] or self._inside_raw_link(data, m.start()):
            return None, None, None
        link = etree.Element("a", {"href": url if "://" in url else "https://" + url})
        link.text = url
        return link, m.start(0), m.start(0) + len(url)

    def _inside_raw_link(self, data: str, position: int) -> bool:
        """Whether raw HTML before ``position`` opened an ``<a>`` that it has not closed."""
        inside = False
        stashed = self.md.treeprocessors["inline"].stashed_nodes
        for placeholder in INLINE_PLACEHOLDER_RE.finditer(data, 0, position):
            node = stashed.get(placeholder.group(1))
            html = HTML_PLACEHOLDER_RE.fullmatch(node) if isinstance(node, str) else None
            if html is None:
                continue
            raw = str(self.md.htmlStash.rawHtmlBlocks[int(html.group(1))]).lower()
            if RAW_LINK_OPEN_RE.match(raw):
                inside = True
            elif raw.startswith("</a"):
                inside = False
        return inside


class BareUrls(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        # After raw inline HTML (90) and entities (80) are placeholders, before emphasis (60).
        md.inlinePatterns.register(BareUrlProcessor(URL_RE, md), "bare_url", 75)
