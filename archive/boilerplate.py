"""Publisher boilerplate: the promo footer or "follow us" line one publisher puts on every article.

Nothing here knows any publisher's words. A candidate is one of the first two or last three
top-level blocks of an article's HTML that has some text; it is fingerprinted by its normalised
text (whitespace collapsed, case folded, digits kept: "第3期" and "第4期" differ). Articles are
grouped by who put them out: the publisher, else the source, else the first author. When the
same fingerprint stands in THRESHOLD articles of one group, it is boilerplate for the whole
group (``archive.boilerplate_marking`` records it and marks the earlier articles too).

A block never spans more than half of an article on its side, so an article always keeps its
middle: a short piece republished three times is not folded away whole.

Marking never changes the canonical text, so annotations' offsets stay where they were: the
blocks are wrapped, in the stored HTML, in ``<details class="boilerplate">`` whose ``<summary>``
is empty (the visible label is CSS generated content, which ``textContent`` leaves out). The
ranges of the marked blocks, in code points of the text, are kept on the article; excerpts,
search, reading time and mentions read the text without them.
"""

import hashlib
from dataclasses import dataclass
from html import unescape

from .rendering import NEWLINE_EATERS, TAG_RE

THRESHOLD = 3  # articles of one group with the same block before it counts as boilerplate
LEADING, TRAILING = 2, 3
MIN_TEXT = 10  # characters: shorter blocks ("参考链接", a lone emoji) say too little
VOID = {"area", "br", "col", "embed", "hr", "img", "input", "source", "track", "wbr"}
GROUP_ROLES = ("publisher", "source", "author")
OPEN = '<details class="boilerplate"><summary class="boilerplate-label"></summary>'
CLOSE = "</details>"
EMPTY_SUMMARY = '<summary class="boilerplate-label"></summary>'


@dataclass(frozen=True)
class Block:
    """A top-level element of an article's HTML: where it is in the HTML and in the text."""

    html_start: int
    html_end: int
    text_start: int
    text_end: int
    wrapper: bool = False  # one of our own boilerplate wrappers


def top_level_blocks(html: str) -> list[Block]:
    """The top-level elements of sanitised HTML, with their spans in HTML and in text."""
    blocks: list[Block] = []
    depth, position, length = 0, 0, 0
    start = text_start = 0
    wrapper = eat_newline = False
    for tag in TAG_RE.finditer(html):
        length += _text_length(html[position : tag.start()], eat_newline)
        position = tag.end()
        closing, name = tag.group(1), tag.group(2).lower()
        eat_newline = not closing and name in NEWLINE_EATERS
        if closing:
            depth -= 1
            if depth == 0:
                blocks.append(Block(start, tag.end(), text_start, length, wrapper))
        elif name in VOID or tag.group(0).endswith("/>"):
            if depth == 0:
                blocks.append(Block(tag.start(), tag.end(), length, length))
        else:
            if depth == 0:
                start, text_start = tag.start(), length
                wrapper = tag.group(0) == OPEN[: OPEN.index(">") + 1]
            depth += 1
    return blocks


def _text_length(chunk: str, eat_newline: bool) -> int:
    """Its length in ``html_to_text``'s output (which this must agree with)."""
    if eat_newline and chunk.startswith("\n"):
        chunk = chunk[1:]
    return len(unescape(chunk)) if "&" in chunk else len(chunk)


FINGERPRINT_DIGITS = 32  # hexadecimal digits of a block's fingerprint


def fingerprint(text: str) -> str:
    digest = hashlib.blake2b(
        " ".join(text.split()).casefold().encode(), digest_size=FINGERPRINT_DIGITS // 2
    )
    return digest.hexdigest()


def candidates(html: str, text: str) -> list[tuple[str, int, int]]:
    """(fingerprint, start, end in the text) of the blocks that could be boilerplate.

    ``html`` is as rendered (no wrappers yet), ``text`` its canonical text.
    """
    blocks = [
        b
        for b in top_level_blocks(html)
        if len(text[b.text_start : b.text_end].strip()) >= MIN_TEXT
    ]
    side = (len(blocks) - 1) // 2
    chosen = blocks[: min(LEADING, side)] + blocks[len(blocks) - min(TRAILING, side) :]
    found, seen = [], set()
    for block in chosen if side else []:
        key = fingerprint(text[block.text_start : block.text_end])
        if key not in seen:  # one vote per article
            seen.add(key)
            found.append((key, block.text_start, block.text_end))
    return found


def group_of(contributors) -> str:
    """Whose house style an article carries: ``publisher:Name``, else source, else author."""
    for role in GROUP_ROLES:
        name = next((c.name for c in contributors if c.role == role), "")
        if name:
            return f"{role}:{name}"[:300]
    return ""


def unwrap(html: str) -> str:
    """The HTML without our boilerplate wrappers (the author's own ``<details>`` stay)."""
    if OPEN not in html:
        return html
    parts, position = [], 0
    for block in top_level_blocks(html):
        if block.wrapper:
            parts.append(html[position : block.html_start])
            parts.append(html[block.html_start + len(OPEN) : block.html_end - len(CLOSE)])
            position = block.html_end
    parts.append(html[position:])
    return "".join(parts)


def wrap(html: str, ranges) -> str:
    """``html`` with each run of top-level blocks inside ``ranges`` in one wrapper."""
    html = unwrap(html)
    marked = {(start, end) for start, end in ranges}
    if not marked:
        return html
    parts, position, run, last_end = [], 0, None, 0  # run: where the open wrapper starts
    blocks = top_level_blocks(html)
    for block in blocks:
        inside = (block.text_start, block.text_end) in marked
        if inside and run is None:
            parts.append(html[position : block.html_start] + OPEN)
            position = run = block.html_start
        elif not inside and run is not None and block.text_end > block.text_start:
            # A rule or a picture between two marked blocks joins them; text ends the run.
            parts.append(html[position:last_end] + CLOSE)
            position, run = last_end, None
        if inside:
            last_end = block.html_end
    if run is not None:
        parts.append(html[position:last_end] + CLOSE)
        position = last_end
    parts.append(html[position:])
    return "".join(parts)


def strip_marked(html: str) -> str:
    """The HTML without the blocks marked as boilerplate (for excerpts)."""
    if OPEN not in html:
        return html
    parts, position = [], 0
    for block in top_level_blocks(html):
        if block.wrapper:
            parts.append(html[position : block.html_start])
            position = block.html_end
    parts.append(html[position:])
    return "".join(parts)


def labelled(html: str, label: str) -> str:
    """The stored HTML with the wrappers' label, for the page (``label`` is escaped already)."""
    return html.replace(
        EMPTY_SUMMARY, f'<summary class="boilerplate-label" data-label="{label}"></summary>'
    )


def without(text: str, ranges) -> str:
    """The text with the boilerplate ranges cut out (a line break where each was)."""
    if not ranges:
        return text
    parts, position = [], 0
    for start, end in sorted(ranges):
        parts.append(text[position:start])
        position = max(position, end)
    parts.append(text[position:])
    return "\n".join(parts)


def inside(start: int, end: int, ranges) -> bool:
    """Whether the span [start, end) overlaps one of the ranges."""
    return any(start < stop and end > begin for begin, stop in ranges)
