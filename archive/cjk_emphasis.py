"""Underscore emphasis next to Chinese and Japanese text: ``它是__重点__内容``.

Python-Markdown leaves underscores inside a word as they are (``snake_case_name``), and
counts Han and kana as word characters, so underscores around a phrase inside a Chinese or
Japanese sentence, which has no spaces, are shown as text. ``CjkEmphasis`` counts only Latin
letters and digits as the word around an underscore; asterisks need no change (``这是**重点**内容``
and ``**…排序**。`` already work).
"""

import re

from markdown import Markdown
from markdown.extensions import Extension
from markdown.inlinepatterns import Delimiter

CJK = r"\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
# A word character that is not CJK: not (a non-word character or CJK).
NON_CJK_WORD = rf"[^\W{CJK}]"


class CjkUnderscore(Delimiter):
    def _build_patterns(self, token: str) -> str:
        result = super()._build_patterns(token)
        self.boundary = re.compile(
            self.boundary.pattern.replace(r"[\w_]", NON_CJK_WORD), re.UNICODE
        )
        return result


class CjkEmphasis(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        md.delimiters.delimiters["_"] = CjkUnderscore("_", "strong,em", smart=True, double=False)
