"""The few lines that stand for an article in lists: its own summary, or its opening prose.

An author's summary (front-matter ``description``, ``summary`` or ``excerpt``) says best what
the article is about, so it wins. Otherwise the excerpt is the opening of the clean text: the
paragraphs of the rendered body, leaving out what is not prose a reader would start with —
pictures and their credit lines (``图片来源：由…生成``), the title repeated, and any markup that
the renderer could not understand (``{ width=60% }``, ``**``, ``![…](…)``), which reads as noise,
and the publisher's boilerplate (``archive.boilerplate``), which every article of theirs shares.
"""

import re

from django.utils.html import strip_tags

from .boilerplate import strip_marked
from .rendering import html_to_text

LIMIT = 140
# Paragraphs of the sanitised HTML, nested ones (in quotes, list items) included.
PARAGRAPH_RE = re.compile(r"<p\b[^>]*>(.*?)</p>", re.S)
# Picture credits and captions, in Chinese and English.
CAPTION_RE = re.compile(
    r"^(?:图片?(?:来源|来自|源|片)?|题图|配图|头图|封面图?|摄影|photo|image|picture|credit|"
    r"source|via)\s*(?:[:：丨|｜/]|由|来自|by\b)",
    re.IGNORECASE,
)
# Markup that reached the text because the renderer did not understand it.
LEFTOVER_MARKUP_RE = re.compile(r"^\{[^{}]*\}$|\*\*|!\[|\]\(|^#{1,6}\s|\{%|\{\{[<%]")


def excerpt_of(html: str, *, title: str = "", summary: str = "", limit: int = LIMIT) -> str:
    """The excerpt of an article whose body is ``html``: its summary, else its opening prose."""
    if summary.strip():
        return _cut(" ".join(strip_tags(summary).split()), limit)
    title_key = _key(title)
    parts: list[str] = []
    length = 0
    for match in PARAGRAPH_RE.finditer(strip_marked(html)):
        text = " ".join(html_to_text(match.group(1)).split())
        if not text or _key(text) == title_key or not is_prose(text):
            continue
        parts.append(text)
        length += len(text) + 1
        if length > limit:
            break
    return _cut(" ".join(parts), limit)


def is_prose(text: str) -> bool:
    """Whether a paragraph's text is prose, not a caption or unrendered markup."""
    return not (CAPTION_RE.match(text) or LEFTOVER_MARKUP_RE.search(text))


def _key(text: str) -> str:
    return "".join(text.split()).casefold()


def _cut(flat: str, limit: int) -> str:
    if len(flat) <= limit:
        return flat
    return flat[:limit].rstrip() + "…"
