"""Raw HTML blocks that end where CommonMark ends them, and elements closed where they stop.

Python-Markdown keeps a raw block-level element open until its closing tag, however far away:
one ``<div>`` that an export never closes turns the rest of the article into raw text, its
images, emphasis and headings shown as Markdown source. CommonMark (which the blog engines
that wrote these files follow) instead reads an HTML block as the lines from its opening tag
to the next blank line, and reads Markdown again after it.

``CommonMarkHtmlBlocks`` replaces Python-Markdown's raw-HTML preprocessor with that rule
(CommonMark's seven kinds of HTML block, https://spec.commonmark.org/0.31.2/#html-blocks).
An element opened in one HTML block may be closed in a later one, with Markdown between
(``<div class="note">``, a blank line, Markdown, ``</div>``): that stays as it is. An element
that is never closed is closed at the end of its own block, and a warning says so.
"""

import re

from markdown import Markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

BLOCK_TAGS = (
    "address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup|dd|"
    "details|dialog|dir|div|dl|dt|fieldset|figcaption|figure|footer|form|frame|frameset|h1|"
    "h2|h3|h4|h5|h6|head|header|hr|html|iframe|legend|li|link|main|menu|menuitem|nav|"
    "noframes|ol|optgroup|option|p|param|search|section|summary|table|tbody|td|tfoot|th|"
    "thead|title|tr|track|ul"
)
ATTRIBUTE = r"""\s+[A-Za-z_:][\w.:-]*(?:\s*=\s*(?:[^\s"'=<>`]+|'[^']*'|"[^"]*"))?"""
OPEN_TAG = rf"<[A-Za-z][A-Za-z0-9-]*(?:{ATTRIBUTE})*\s*/?>"
CLOSE_TAG = r"</[A-Za-z][A-Za-z0-9-]*\s*>"
# (start, end): the first five kinds end at a line containing ``end``; the last two at a blank.
RAW_TEXT = "script|pre|style|textarea"
KINDS = [
    (re.compile(rf"<(?:{RAW_TEXT})(?:\s|>|$)", re.I), re.compile(rf"</(?:{RAW_TEXT})>", re.I)),
    (re.compile(r"<!--"), re.compile(r"-->")),
    (re.compile(r"<\?"), re.compile(r"\?>")),
    (re.compile(r"<![A-Za-z]"), re.compile(r">")),
    (re.compile(r"<!\[CDATA\["), re.compile(r"\]\]>")),
    (re.compile(rf"</?(?:{BLOCK_TAGS})(?:\s|/?>|$)", re.I), None),
]  # fmt: skip
# Kind 7: a complete tag alone on its line; it cannot interrupt a paragraph.
LONE_TAG_RE = re.compile(rf"(?:{OPEN_TAG}|{CLOSE_TAG})\s*$")
RAW_TEXT_RE = re.compile(r"<(?:script|pre|style|textarea)\b", re.I)
TAG_RE = re.compile(rf"<(/?)([A-Za-z][A-Za-z0-9-]*)((?:{ATTRIBUTE})*)\s*(/?)>")
# Elements whose end tag may be left out, or that have none: never "unclosed".
NO_END_TAG = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
    "source", "track", "wbr", "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th",
    "thead", "tbody", "tfoot", "colgroup", "caption", "rb", "rt", "rtc", "rp", "html", "head",
    "body",
}  # fmt: skip
MAX_WARNINGS = 10  # a file's report names the first ten; more would drown the other files
PLACEHOLDER_RE = re.compile("^\x02wzxhzdk:\\d+\x03$")


class HtmlBlock:
    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.closers: list[str] = []


def split_blocks(lines: list[str]) -> list[list[str] | HtmlBlock]:
    """The lines as runs of Markdown lines and HTML blocks, in order."""
    out: list[list[str] | HtmlBlock] = [[]]
    in_paragraph = False
    index = 0
    while index < len(lines):
        line = lines[index]
        kind = _start_kind(line, in_paragraph)
        if kind is None:
            out[-1].append(line) if isinstance(out[-1], list) else out.append([line])
            in_paragraph = bool(line.strip()) and not PLACEHOLDER_RE.match(line)
            index += 1
            continue
        end = _block_end(lines, index, kind)
        out.append(HtmlBlock(lines[index:end]))
        out.append([])
        in_paragraph = False
        index = end
    return out


def _start_kind(line: str, in_paragraph: bool) -> int | None:
    stripped = line.lstrip(" ")
    if len(line) - len(stripped) > 3 or not stripped.startswith("<"):
        return None
    for kind, (start, _end) in enumerate(KINDS):
        if start.match(stripped):
            return kind
    if not in_paragraph and LONE_TAG_RE.match(stripped) and not RAW_TEXT_RE.match(stripped):
        return len(KINDS)
    return None


def html_start(line: str) -> str | None:
    """ "raw" if the line opens a block that runs to an end marker (``<pre>``, ``<!--``...),
    "html" if it opens one that runs to a blank line, None if it opens none."""
    kind = _start_kind(line, in_paragraph=False)
    if kind is None:
        return None
    return "html" if kind >= len(KINDS) - 1 else "raw"


def raw_block_end(lines: list[str], index: int) -> int:
    """Just past the block that ``lines[index]`` opens, of a kind that runs to an end marker."""
    return _block_end(lines, index, _start_kind(lines[index], in_paragraph=False))


def _block_end(lines: list[str], index: int, kind: int) -> int:
    """The index just past the HTML block of ``kind`` that starts at ``index``."""
    end_re = KINDS[kind][1] if kind < len(KINDS) else None
    for position in range(index, len(lines)):
        line = lines[position]
        if end_re is not None:
            if end_re.search(line, 0 if position > index else line.find("<") + 2):
                return position + 1
        elif position > index and (not line.strip() or PLACEHOLDER_RE.match(line)):
            return position
    return len(lines)


def close_unclosed(blocks: list, warnings: list[str]) -> None:
    """Give every element that no later block closes a closing tag at the end of its block."""
    stack: list[tuple[str, HtmlBlock, str]] = []  # (tag name, its block, the tag as written)
    for block in blocks:
        if not isinstance(block, HtmlBlock) or RAW_TEXT_RE.match(block.lines[0].lstrip()):
            continue
        for tag in TAG_RE.finditer("\n".join(block.lines)):
            closing, name, self_closing = tag.group(1), tag.group(2).lower(), tag.group(4)
            if closing:
                names = [entry[0] for entry in stack]
                if name in names:
                    del stack[len(names) - 1 - names[::-1].index(name) :]
            elif name not in NO_END_TAG and not self_closing:
                stack.append((name, block, tag.group(0)))
    for _name, _block, written in stack[:MAX_WARNINGS]:
        snippet = " ".join(written.split())[:60]
        warnings.append(f"an unclosed {snippet} was closed at the next blank line")
    if len(stack) > MAX_WARNINGS:
        warnings.append(f"{len(stack) - MAX_WARNINGS} more unclosed elements were closed")
    for name, block, _written in reversed(stack):  # innermost first
        block.closers.append(f"</{name}>")


class CommonMarkHtmlBlockPreprocessor(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        blocks = split_blocks(lines)
        close_unclosed(blocks, getattr(self.md, "glossa_warnings", []))
        out: list[str] = []
        for block in blocks:
            if isinstance(block, HtmlBlock):
                raw = "\n".join(block.lines) + "".join(block.closers)
                out.extend(["", self.md.htmlStash.store(raw), ""])
            else:
                out.extend(block)
        return out


class CommonMarkHtmlBlocks(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        md.preprocessors.deregister("html_block")
        md.preprocessors.register(CommonMarkHtmlBlockPreprocessor(md), "html_block", 20)
