"""Lists that start right under a line of text, as CommonMark reads them.

``参考链接：`` then ``- https://…`` on the next line, or ``two ways`` then ``1. …``: in
CommonMark and GFM (which the engines that wrote these files follow) a list may interrupt a
paragraph, so these are lists; Python-Markdown wants a blank line first and shows the items as
text. ``ListInterruption`` puts that blank line in, under CommonMark's conditions: a bullet
item, or an ordered item numbered 1, with text after its marker, at most three spaces in, and
not already inside a list (where the line is a nested item or a continuation).

mdx-breakless-lists does the same with fewer conditions (any number, any indentation, and
inside fenced code too), which would turn a hard-wrapped ``2024. 年`` into a list.

Nesting: in CommonMark an item's nested items and paragraphs are indented to where its text
starts (two spaces under ``- ``, three under ``1. ``), as editors and formatters write them;
Python-Markdown wants four spaces a level, and flattens the rest into one list. ``ListNesting``
re-indents the lines inside a list to four spaces a level, keeping what is indented beyond an
item's text (indented code) as it is, and writes ``1)`` items as ``1.`` (CommonMark allows
both; Python-Markdown only the second). mdx-truly-sane-lists does the re-indenting, but also
drops an ordered list's start and splits a loose list into separate lists.
"""

import re

from markdown import Markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

BULLET_RE = re.compile(r"^ {0,3}[-+*][ \t]+\S")
ORDERED_RE = re.compile(r"^ {0,3}\d{1,9}[.)][ \t]+\S")
ORDERED_ONE_RE = re.compile(r"^ {0,3}0*1[.)][ \t]+\S")
HEADING_RE = re.compile(r"^ {0,3}#{1,6}(?:[ \t]|$)")
QUOTE_RE = re.compile(r"^ {0,3}>")
TABLE_RE = re.compile(r"^ {0,3}\|")
INDENTED_RE = re.compile(r"^(?: {4}|\t)")
PLACEHOLDER_RE = re.compile("^\x02wzxhzdk:\\d+\x03$")
# Any item, at any depth: its indentation, its marker, the spaces before its text.
THEMATIC_BREAK_RE = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
ITEM_RE = re.compile(r"^( *)([-+*]|\d{1,9}[.)])( {1,4})(?=\S)")


def is_list_item(line: str) -> bool:
    return bool(BULLET_RE.match(line) or ORDERED_RE.match(line))


def can_interrupt(line: str) -> bool:
    """Whether the line starts a list even right under a paragraph's line."""
    return bool(BULLET_RE.match(line) or ORDERED_ONE_RE.match(line))


def is_structural(line: str) -> bool:
    """A line that is a block of its own (or part of one) rather than running text."""
    return bool(
        is_list_item(line)
        or HEADING_RE.match(line)
        or QUOTE_RE.match(line)
        or TABLE_RE.match(line)
        or PLACEHOLDER_RE.match(line)
    )


def separate_lists(lines: list[str]) -> list[str]:
    out: list[str] = []
    in_list = False  # inside a list: its lines may be nested items, continuations, lazy lines
    in_text = False  # right under a line of a paragraph
    for line in lines:
        after_blank = not out or not out[-1].strip()
        if not line.strip():
            in_text = False
        elif is_list_item(line):
            if in_text and not in_list and can_interrupt(line):
                out.append("")
            in_list, in_text = True, False
        elif in_list and not (after_blank and not INDENTED_RE.match(line)):
            pass  # a continuation or lazy line of the item above
        else:
            in_list = False
            # An indented line after a blank line is code, not text.
            in_text = not is_structural(line) and not (after_blank and INDENTED_RE.match(line))
        out.append(line)
    return out


def nest_lists(lines: list[str]) -> list[str]:
    out: list[str] = []
    # The open items: (the column their text starts at, the indentation they are given).
    items: list[tuple[int, int]] = []
    for line in lines:
        stripped = line.lstrip(" ")
        indent = len(line) - len(stripped)
        item = ITEM_RE.match(line)
        if not stripped:
            out.append(line)
            continue
        after_blank = not out or not out[-1].strip()
        if THEMATIC_BREAK_RE.match(line):
            items.clear()  # "* * *" is a rule, not an item, and ends the list
            out.append(line)
        elif item and (items or indent <= 3):
            while items and indent < items[-1][0]:
                items.pop()
            given = items[-1][1] + 4 if items else indent
            marker = item.group(2)
            if marker.endswith(")"):
                marker = marker[:-1] + "."
            items.append((item.end(), given))
            out.append(" " * given + marker + item.group(3) + line[item.end() :])
        elif items and indent >= items[0][0]:
            while indent < items[-1][0]:
                items.pop()
            text_column, given = items[-1]
            out.append(" " * (given + 4 + indent - text_column) + stripped)
        else:
            if after_blank:  # a line that is not indented enough after a blank ends the list
                items.clear()
            out.append(line)  # or it is a lazy line of the item above
    return out


class ListNestingPreprocessor(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        return nest_lists(lines)


class ListNesting(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        # After lists are separated from the text above them (18).
        md.preprocessors.register(ListNestingPreprocessor(md), "list_nesting", 17)


class ListInterruptionPreprocessor(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        return separate_lists(lines)


class ListInterruption(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        # After line breaks (21) are decided and raw HTML blocks (20) are out of the text.
        md.preprocessors.register(ListInterruptionPreprocessor(md), "list_interruption", 18)
