"""Whether a newline inside a block is a soft wrap or the end of a line, decided per block.

Markdown joins the lines of a block into one paragraph: right for English hard-wrapped at 80
columns, wrong for the Chinese and Japanese sources that put one paragraph per line with no
blank line between (WeChat exports; Hexo renders them with ``breaks: true``), where a
50-line article became one wall of text with its headings and lists shown as ``## `` and ``- ``.

The rule, for each block (lines between blank lines, outside code and raw HTML), looking at its
lines of running text (not headings, list items, quotes, table rows or rules):

* Fewer than two such lines: nothing to decide.
* **Script.** A block is CJK when it has at least as many Han and kana characters as Latin
  words (five letters to a word), as ``detect_language`` counts.
* **CJK block:** its newlines are line ends, unless the block *looks hard-wrapped*: every
  line but the last is at least 40 columns and at most 120 wide (a CJK character is two),
  their widths lie in a narrow band (within 16 columns of each other, as an editor's wrap
  leaves them), and fewer than half of them end in terminal punctuation. A hard-wrapped CJK
  block is joined without the newline between two CJK characters (which a browser would show as
  a space in the middle of a sentence).
* **Other scripts:** joined (CommonMark), unless the lines are whole paragraphs: at least 80%
  of them end in terminal punctuation, and half of them hold more than one sentence (a
  hard-wrapped line ends mid-sentence; a one-sentence-per-line source holds one sentence).
* Where newlines are line ends: a line that ends a sentence (terminal punctuation, a closing
  quote or bracket, or a wholly bold line, as section heads are written) ends its paragraph;
  another line is a line break (``<br>``) inside the paragraph, as ``breaks: true`` showed it.
  Headings, list items, quotes and raw HTML lines become blocks of their own, with a blank line
  around them (in CommonMark an HTML line would run on, as raw HTML, to the next blank line: in
  these sources, to the end of the article). The lines of a ``<pre>``, ``<script>`` or comment
  are not text: they are left as they are, and the text around them decided apart.
* A block quoted line by line (``> …``) is decided on its lines without the markers.
"""

import re

from markdown import Markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

from .html_blocks import html_start, raw_block_end
from .lists import INDENTED_RE, is_list_item, is_structural

CJK_RE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
LATIN_RE = re.compile(r"[A-Za-z]")
# Wide in a terminal: CJK, full-width forms and punctuation, Hangul.
WIDE_RE = re.compile(
    r"[\u1100-\u115f\u2e80-\u303e\u3040-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f"
    r"\uff00-\uff60\uffe0-\uffe6]"
)
TERMINAL_RE = re.compile(r"[。！？!?…；;.:：」』”’）)】》\"'~～]\**$")
BOLD_LINE_RE = re.compile(r"^(\*\*|__).+\1$")
SENTENCE_INSIDE_RE = re.compile(r"[.!?][\"”’)]?\s+[\"“(]?[A-Z]")
RULE_RE = re.compile(r"^ {0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,}|=+[ \t]*)$")
# Characters that join a hard-wrapped CJK line to the next without a space.
CJK_JOIN_RE = re.compile(r"[\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]")
# Reference and footnote definitions: ``[1]: https://…``, ``[^1]: …``.
DEFINITION_RE = re.compile(r"^ {0,3}\[[^\]]+\]:")
TABLE_DELIMITER_RE = re.compile(r"^ {0,3}\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)+\|?\s*$")
QUOTE_MARKER_RE = re.compile(r"^ {0,3}> ?")
SETEXT_RE = re.compile(r"^ {0,3}=+[ \t]*$")
HARD_WRAP_MIN, HARD_WRAP_MAX, HARD_WRAP_BAND = 40, 120, 16


def width(line: str) -> int:
    return len(line) + len(WIDE_RE.findall(line))


def is_terminal(line: str) -> bool:
    line = line.rstrip()
    return bool(TERMINAL_RE.search(line) or BOLD_LINE_RE.match(line.strip()))


def is_cjk(text: str) -> bool:
    cjk = len(CJK_RE.findall(text))
    return cjk > 0 and cjk >= len(LATIN_RE.findall(text)) / 5  # about five letters a word


def looks_hard_wrapped(lines: list[str]) -> bool:
    body = [width(line.rstrip()) for line in lines[:-1]]
    terminal = sum(is_terminal(line) for line in lines[:-1])
    return (
        min(body) >= HARD_WRAP_MIN
        and max(body) <= HARD_WRAP_MAX
        and max(body) - min(body) <= HARD_WRAP_BAND
        and terminal * 2 < len(body)
    )


def lines_are_paragraphs(lines: list[str]) -> bool:
    """Lines of a non-CJK block that are whole paragraphs, each ending a sentence."""
    terminal = sum(is_terminal(line) for line in lines)
    several = sum(bool(SENTENCE_INSIDE_RE.search(line)) for line in lines)
    return terminal >= 0.8 * len(lines) and several * 2 >= len(lines)


def decide(block: list[str]) -> str:
    """ "join", "cjk-join" or "lines" for a block's lines of running text."""
    text = [line for line in block if not _is_block(line)]
    if len(text) < 2 or any(TABLE_DELIMITER_RE.match(line) for line in block):
        return "join"
    if is_cjk("".join(text)):
        return "cjk-join" if looks_hard_wrapped(text) else "lines"
    return "lines" if lines_are_paragraphs(text) else "join"


def join_cjk(block: list[str]) -> list[str]:
    out = [block[0]]
    for line in block[1:]:
        previous = out[-1]
        if previous and line and CJK_JOIN_RE.match(previous[-1]) and CJK_JOIN_RE.match(line[0]):
            out[-1] = previous + line
        else:
            out.append(line)
    return out


def _is_block(line: str) -> bool:
    return (
        is_structural(line)
        or bool(RULE_RE.match(line) or DEFINITION_RE.match(line))
        or html_start(line) is not None
    )


def break_lines(block: list[str]) -> list[str]:
    """The block with a paragraph or line break after each line of text, and blocks apart."""
    out = [block[0]]
    for previous, line in zip(block, block[1:], strict=False):
        if INDENTED_RE.match(line) or (is_list_item(line) and is_list_item(previous)):
            pass  # a list goes on: a nested item, a continuation, the next item
        elif SETEXT_RE.match(line):
            pass  # the underline of the heading above
        elif _is_block(line) or _is_block(previous) or is_terminal(previous):
            out.append("")
        else:
            out[-1] = previous.rstrip() + "  "  # a hard line break
        out.append(line)
    return out


def split_blocks(lines: list[str]) -> list[list[str]]:
    blocks: list[list[str]] = [[]]
    for line in lines:
        if line.strip():
            blocks[-1].append(line)
        else:
            blocks.append([])
    return blocks


def raw_apart(block: list[str]) -> list[tuple[bool, list[str]]]:
    """The block in pieces: (True, lines) for each ``<pre>``, ``<script>``, comment... whose
    lines are not running text, (False, lines) for the text between them."""
    pieces: list[tuple[bool, list[str]]] = []
    index = start = 0
    while index < len(block):
        if html_start(block[index]) == "raw":
            end = raw_block_end(block, index)
            pieces.extend([(False, block[start:index]), (True, block[index:end])])
            index = start = end
        else:
            index += 1
    pieces.append((False, block[start:]))
    return [(raw, lines) for raw, lines in pieces if lines]


def decide_block(block: list[str]) -> list[str]:
    decision = decide(block)
    if decision == "lines":
        return break_lines(block)
    if decision == "cjk-join":
        return join_cjk(block)
    return block


def decide_lines(lines: list[str]) -> list[str]:
    """The lines, each block's newlines decided (inside quotes too)."""
    out: list[str] = []
    for number, block in enumerate(split_blocks(lines)):
        if number:
            out.append("")
        if not block or INDENTED_RE.match(block[0]):  # nothing, or indented code
            out.extend(block)
        elif all(QUOTE_MARKER_RE.match(line) for line in block):
            inner = decide_lines([QUOTE_MARKER_RE.sub("", line, count=1) for line in block])
            out.extend(f"> {line}" if line else ">" for line in inner)
        else:
            pieces = raw_apart(block)
            for position, (raw, piece) in enumerate(pieces):
                if position:
                    out.append("")  # these blocks end at their marker: a blank changes nothing
                out.extend(piece if raw else decide_block(piece))
    return out


class LineBreakPreprocessor(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        return decide_lines(lines)


class LineBreaks(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        # After fenced code (25) is out of the text, as placeholders; before raw HTML blocks
        # (20), so that an HTML line in a one-paragraph-per-line source is a block of its own
        # rather than the start of one that runs to the end of the article.
        md.preprocessors.register(LineBreakPreprocessor(md), "line_breaks", 21)
