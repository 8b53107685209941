"""Where in an article's text no person or organisation may be found.

A name inside an address, a file name or code is part of something else: ``github.com/NVIDIA/…``
is a repository, ``meta.png`` a picture, ``OpenAI()`` a constructor, ``sam@openai.com`` a mailbox.
``masked_spans`` returns ``[start, end)`` ranges in code points of the text, sorted and merged,
for the mention linker (archive/mentions.py) and the name recogniser (archive/recognition) alike.

Two sources of evidence:
- the text alone: web addresses, bare hosts with a path, e-mail addresses, file names,
  ``owner/repo`` paths, and (for Markdown handed in as it is) code spans and fences, image and
  link targets, engine tags (``{% … %}``, ``{{< … >}}``) and HTML tags;
- the rendered HTML, when given: everything inside ``code``, ``pre``, ``kbd``, ``samp`` and
  ``var``, the captions of pictures whose file is missing (their alt text or file name), and
  links whose text is their address. The canonical text is the HTML's ``textContent``
  (archive/rendering.py), so positions in the HTML's text nodes are positions in the text.
"""

import re
from bisect import bisect_right
from html import unescape

from .rendering import NEWLINE_EATERS, TAG_RE

_TLD = r"(?:com|org|net|io|ai|co|cn|dev|app|edu|gov|jp|uk|de|me|so|sh|tech|xyz|info)"
_FILE_EXTENSIONS = (
    r"png|jpe?g|gif|webp|svg|bmp|ico|avif|pdf|csv|tsv|json|ya?ml|toml|ini|xml|html?|md|txt|"
    r"py|ipynb|js|ts|tsx|jsx|css|rs|go|java|rb|php|sh|c|cc|cpp|h|hpp|zip|gz|tgz|tar|whl|onnx|"
    r"pt|bin|safetensors|gguf|mp4|mov|mp3|wav|docx?|xlsx?|pptx?"
)
# What an address is made of: ASCII only, so Chinese text right after one is not taken in.
_URL_CHARS = r"[\w\-.~:/?#@!$&*+,;=%]+"
_TEXT_PATTERNS = [
    r"```.*?```",  # fenced code (Markdown)
    r"~~~.*?~~~",
    r"`[^`\n]+`",  # inline code (Markdown)
    r"!\[[^\]\n]*\]\([^)\n]*\)",  # a whole Markdown image: its alt text names a picture
    r"\]\([^)\n]*\)",  # a Markdown link's target
    r"\{%.*?%\}",  # Hexo and Jekyll tags
    r"\{\{[<%].*?[>%]\}\}",  # Hugo shortcodes
    r"</?[A-Za-z][^>\n]*>",  # HTML tags
    rf"(?:https?|ftp)://{_URL_CHARS}",
    rf"\bwww\.{_URL_CHARS}",
    rf"\b[\w-]+(?:\.[\w-]+)*\.{_TLD}/(?:{_URL_CHARS})?",  # github.com/NVIDIA/cutlass
    r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+",  # e-mail
    rf"[\w.-]*\w\.(?:{_FILE_EXTENSIONS})\b",  # foo.png, Meta-team.png, config.yaml
    # owner/repo paths: a part with a digit, hyphen, underscore or dot, or lower case only, or
    # three parts; "Google/Microsoft" is two names, not a path.
    r"(?<![\w/])[A-Za-z0-9_.-]+(?:/[A-Za-z0-9_.-]+){2,}",
    r"(?<![\w/])[A-Za-z0-9_.-]*[0-9_.-][A-Za-z0-9_.-]*/[A-Za-z0-9_.-]+",
    r"(?<![\w/])[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]*[0-9_.-][A-Za-z0-9_.-]*",
    r"(?<![\w/])[A-Za-z][A-Za-z]*/[a-z][a-z0-9]*(?![\w/])",
]
# ASCII: \w and \b must not take Chinese characters for letters ("访问github.com/…").
_TEXT_MASK = re.compile("|".join(f"(?:{p})" for p in _TEXT_PATTERNS), re.S | re.ASCII)
# Cheap tests that let most prose skip the regular expression.
_HINTS = ("`", "](", "{%", "{{", "<", "://", "www.", "@", ".", "/")

_MASKED_TAGS = {"code", "pre", "kbd", "samp", "var"}
_VOID_TAGS = {"area", "br", "col", "embed", "hr", "img", "input", "source", "track", "wbr"}
_CLASS = re.compile(r'\bclass="([^"]*)"')
_HREF = re.compile(r'\bhref="([^"]*)"')
_URL_LIKE = re.compile(r"^(?:[a-z]+://|www\.)|^[\w.-]+\.[a-z]{2,}(?:/|$)", re.I)


def text_spans(text: str) -> list[tuple[int, int]]:
    """Masked ranges found from the text alone."""
    if not any(hint in text for hint in _HINTS):
        return []
    spans = []
    for match in _TEXT_MASK.finditer(text):
        # An address ends before the sentence's punctuation ("see github.com/x.")
        end = match.start() + len(match.group().rstrip(".,;:!?"))
        if end > match.start():
            spans.append((match.start(), end))
    return spans


def html_spans(html: str) -> list[tuple[int, int]]:
    """Masked ranges of ``html``'s textContent: code, missing pictures' captions, mail links.

    Walks the sanitiser's output as ``rendering.html_to_text`` does, so offsets agree with it.
    """
    spans: list[tuple[int, int]] = []
    # (tag, masks its content, where its text starts, is a missing picture's figure)
    stack: list[tuple[str, bool, int, bool]] = []
    position = length = 0
    eat_newline = False
    for tag in TAG_RE.finditer(html):
        chunk = unescape(html[position : tag.start()])
        if eat_newline and chunk.startswith("\n"):
            chunk = chunk[1:]
        length += len(chunk)
        position = tag.end()
        closing, name = bool(tag.group(1)), tag.group(2).lower()
        eat_newline = not closing and name in NEWLINE_EATERS
        if name in _VOID_TAGS:
            continue
        if not closing:
            classes = (_CLASS.search(tag.group()) or [None, ""])[1].split()
            missing = name == "figure" and "missing" in classes
            in_missing = name == "figcaption" and bool(stack) and stack[-1][3]
            masks = in_missing or _masks(name, tag.group(), classes)
            stack.append((name, masks, length, missing))
            continue
        while stack:
            opened, masks, start, _ = stack.pop()
            if masks and length > start:
                spans.append((start, length))
            if opened == name:
                break
    return spans


def _masks(name: str, tag: str, classes: list[str]) -> bool:
    if name in _MASKED_TAGS:
        return True
    if name == "span" and "missing" in classes:
        return True  # an inline picture whose file is missing: its alt text or file name
    if name == "a":
        return (_HREF.search(tag) or [None, ""])[1].startswith("mailto:")
    return False


def bare_link_spans(html: str, text: str) -> list[tuple[int, int]]:
    """Links whose text is an address (``github.com/NVIDIA/cutlass``) are addresses."""
    return [(s, e) for s, e in _link_texts(html) if _URL_LIKE.match(text[s:e].strip())]


def _link_texts(html: str) -> list[tuple[int, int]]:
    found, opened, position, length, eat_newline = [], [], 0, 0, False
    for tag in TAG_RE.finditer(html):
        chunk = unescape(html[position : tag.start()])
        if eat_newline and chunk.startswith("\n"):
            chunk = chunk[1:]
        length += len(chunk)
        position = tag.end()
        closing, name = bool(tag.group(1)), tag.group(2).lower()
        eat_newline = not closing and name in NEWLINE_EATERS
        if name == "a":
            if closing and opened:
                found.append((opened.pop(), length))
            elif not closing:
                opened.append(length)
    return found


def merge(spans) -> list[tuple[int, int]]:
    """Sorted, non-overlapping ranges covering the same characters."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def masked_spans(text: str, html: str | None = None) -> list[tuple[int, int]]:
    """Every range of ``text`` where no mention may be found, sorted and merged.

    ``html`` is the rendered body whose textContent ``text`` is; without it only the text's own
    evidence counts (enough for addresses, file names and e-mail, not for code).
    """
    spans = text_spans(text)
    if html:
        spans += html_spans(html) + bare_link_spans(html, text)
    return merge(spans)


def overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    """Whether ``[start, end)`` touches a range of the sorted, merged ``spans``."""
    index = bisect_right(spans, (start, float("inf"))) - 1
    if index >= 0 and spans[index][1] > start:
        return True
    return index + 1 < len(spans) and spans[index + 1][0] < end


def blank(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with every masked range replaced by spaces: offsets stay the same."""
    if not spans:
        return text
    parts, position = [], 0
    for start, end in spans:
        parts.append(text[position:start])
        parts.append(" " * (end - start))
        position = end
    parts.append(text[position:])
    return "".join(parts)
