"""Emphasis next to Chinese and Japanese text, as the editors that export it write it.

* Underscores: Python-Markdown leaves underscores inside a word as they are
  (``snake_case_name``), and counts Han and kana as word characters, so underscores around a
  phrase inside a Chinese or Japanese sentence, which has no spaces, are shown as text
  (``它是__重点__内容``). ``CjkUnderscore`` counts only Latin letters and digits as the word
  around an underscore.
* A space inside the asterisks: editors that export WeChat articles to Markdown keep the space
  that ended a bold run (``**重点 **。``, ``** 重点**``); CommonMark, and Python-Markdown, then
  show the asterisks. ``SpacedCjkStrong`` reads ``**…**`` as strong when the space is on one
  side only and the phrase holds CJK text (Latin text with spaced asterisks is left alone:
  ``a ** b`` is arithmetic or a footnote mark).

Asterisks without spaces need nothing (``这是**重点**内容`` and ``**…排序**。`` already work).
"""

import re
import xml.etree.ElementTree as etree

from markdown import Markdown
from markdown.extensions import Extension
from markdown.inlinepatterns import Delimiter, InlineProcessor

CJK = r"\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
# A word character that is not CJK: not (a non-word character or CJK).
NON_CJK_WORD = rf"[^\W{CJK}]"
HAN_OR_KANA = r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"
# ``**phrase **`` or ``** phrase**``: a space on one side only, CJK in the phrase.
SPACED_STRONG_RE = (
    rf"\*\*(?:(?=[^\s*])([^*\n]*?{HAN_OR_KANA}[^*\n]*?)[ \t\u3000]+"
    rf"|[ \t\u3000]+([^*\n]*?{HAN_OR_KANA}[^*\n]*?)(?<=[^\s*]))\*\*"
)


class CjkUnderscore(Delimiter):
    def _build_patterns(self, token: str) -> str:
        result = super()._build_patterns(token)
        self.boundary = re.compile(
            self.boundary.pattern.replace(r"[\w_]", NON_CJK_WORD), re.UNICODE
        )
        return result


class SpacedCjkStrong(InlineProcessor):
    def handleMatch(self, m, data: str) -> tuple[etree.Element | None, int | None, int | None]:
        if data.count("**", 0, m.start(0)) % 2:  # these asterisks close an earlier pair
            return None, None, None
        strong = etree.Element("strong")
        strong.text = m.group(1) if m.group(1) is not None else m.group(2)
        return strong, m.start(0), m.end(0)


class CjkEmphasis(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        md.delimiters.delimiters["_"] = CjkUnderscore("_", "strong,em", smart=True, double=False)
        # Before the asterisk delimiters (60), which would leave these as text.
        md.inlinePatterns.register(SpacedCjkStrong(SPACED_STRONG_RE, md), "spaced_cjk_strong", 65)
