"""Where the code is in a Markdown text, and the engine tags outside it.

Everything here runs in linear time on hostile input: each search for a closing delimiter is
bounded or cached (``Finder``), so a 100 KB line of ``{%`` or ``{{<`` costs one pass, never one
pass per opener.
"""

import bisect
import re
from dataclasses import dataclass

# A fence opens on any line whose content (after list indentation or ">") starts with one.
FENCE_RE = re.compile(r"^[ \t>]*(`{3,}|~{3,})")
LIST_ITEM_RE = re.compile(r"^ {0,3}(?:[-*+]|\d{1,9}[.)])[ \t]")
BACKTICKS_RE = re.compile(r"`+")
BLANK_LINE_RE = re.compile(r"\n[ \t>]*(?=\n)")
# The openers of everything this package rewrites; the closer is found separately.
# (Two patterns: every branch of the first starts with "{" or "<", which lets the regular
# expression engine skip to those characters; line starts would defeat that.)
OPENER_RE = re.compile(
    r"(?P<liquid>\{%-?)|(?P<hugo>\{\{[<%])|(?P<output>\{\{)"
    r"|(?P<html><(?:object|embed|iframe|video|audio)\b)",
    re.IGNORECASE,
)
LINE_OPENER_RE = re.compile(r"^(?:(?P<ial>[ \t>]*\{:)|(?P<quote> {0,3}>))", re.MULTILINE)
MAX_TAG = 1000  # longer than any real tag with its parameters
ARG_RE = re.compile(
    r"""(?P<key>[A-Za-z_][\w-]*)=(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|`(?P<bq>[^`]*)`|(?P<bare>\S*))"""
    r"""|"(?P<q1>[^"]*)"|'(?P<q2>[^']*)'|`(?P<q3>[^`]*)`|(?P<word>\S+)"""
)


class Finder:
    """``str.find`` that remembers its last answer per needle, so that searches from
    increasing positions cost one pass over the text in all."""

    def __init__(self, text: str):
        self.text = text
        self.lower = text.lower()
        self.cache: dict[str, tuple[int, int]] = {}

    def find(self, needle: str, start: int, *, fold: bool = False) -> int:
        key = ("i:" if fold else "s:") + needle
        cached = self.cache.get(key)
        if cached and cached[0] <= start and (cached[1] == -1 or start <= cached[1]):
            return cached[1]
        found = (self.lower if fold else self.text).find(needle, start)
        self.cache[key] = (start, found)
        return found


@dataclass(frozen=True)
class Code:
    """Ranges of the text that are code: fenced or indented blocks, raw <pre>, comments and
    code spans. Tags inside them are shown as written."""

    blocks: list[tuple[int, int]]
    spans: list[tuple[int, int]]

    def contains(self, position: int) -> bool:
        return _inside(self.blocks, position) or _inside(self.spans, position)

    def block_at(self, position: int) -> tuple[int, int] | None:
        index = bisect.bisect_right(self.blocks, (position, float("inf"))) - 1
        if index >= 0 and self.blocks[index][0] <= position < self.blocks[index][1]:
            return self.blocks[index]
        return None


def _inside(ranges: list[tuple[int, int]], position: int) -> bool:
    index = bisect.bisect_right(ranges, (position, float("inf"))) - 1
    return index >= 0 and ranges[index][0] <= position < ranges[index][1]


def find_code(text: str, finder: Finder) -> Code:
    blocks = _merge(_line_blocks(text) + _html_blocks(text, finder))
    return Code(blocks, _code_spans(text, blocks))


def _merge(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(ranges):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _line_blocks(text: str) -> list[tuple[int, int]]:
    """Fenced code blocks, and indented ones (four spaces after a blank line, outside lists)."""
    ranges: list[tuple[int, int]] = []
    fence, start, position = "", 0, 0
    previous_blank, in_list, indented = True, False, False
    for line in text.split("\n"):
        end = position + len(line)
        opener = FENCE_RE.match(line)
        if fence:
            if opener and opener.group(1).startswith(fence) and not line[opener.end() :].strip():
                ranges.append((start, end))
                fence = ""
        elif opener:
            fence, start = opener.group(1), position
        elif line.startswith(("    ", "\t")) and (previous_blank or indented) and not in_list:
            if not indented and line.strip():
                ranges.append((position, end))
                indented = True
            elif indented:
                ranges[-1] = (ranges[-1][0], end)
        elif line.strip():
            indented = False
            if not line.startswith((" ", "\t")):
                in_list = bool(LIST_ITEM_RE.match(line))
        previous_blank = not line.strip()
        position = end + 1
    if fence:
        ranges.append((start, len(text)))
    return ranges


def _html_blocks(text: str, finder: Finder) -> list[tuple[int, int]]:
    """Raw <pre> elements and HTML comments."""
    ranges: list[tuple[int, int]] = []
    for opener, closer in (("<pre", "</pre>"), ("<!--", "-->")):
        position = 0
        while (start := finder.find(opener, position, fold=True)) != -1:
            end = finder.find(closer, start + len(opener), fold=True)
            end = len(text) if end == -1 else end + len(closer)
            ranges.append((start, end))
            position = end
    return ranges


def _code_spans(text: str, blocks: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Backtick code spans, paired as CommonMark pairs them: a run of n backticks closes at the
    next run of exactly n in the same paragraph."""
    runs = [m.span() for m in BACKTICKS_RE.finditer(text) if not _inside(blocks, m.start())]
    breaks = [m.start() for m in BLANK_LINE_RE.finditer(text)]
    paragraph = [bisect.bisect(breaks, start) for start, _ in runs]
    following: list[int | None] = [None] * len(runs)
    last: dict[tuple[int, int], int] = {}
    for index in range(len(runs) - 1, -1, -1):
        key = (runs[index][1] - runs[index][0], paragraph[index])
        following[index] = last.get(key)
        last[key] = index
    spans: list[tuple[int, int]] = []
    index = 0
    while index < len(runs):
        closer = following[index]
        if closer is None:
            index += 1
            continue
        spans.append((runs[index][0], runs[closer][1]))
        index = closer + 1
    return spans


class Quoted(str):
    """A positional parameter that was written in quotes (Hexo's ``"title" "alt"``)."""


def parse_args(body: str) -> tuple[list[str], dict[str, str]]:
    """Positional and named parameters of a tag, quoted as Liquid and Hugo quote them."""
    positional: list[str] = []
    named: dict[str, str] = {}
    for m in ARG_RE.finditer(body):
        if m.group("key"):
            value = next((v for v in m.group("dq", "sq", "bq", "bare") if v is not None), "")
            named[m.group("key").lower()] = value
        else:
            word = m.group("word")
            quoted = next((v for v in m.group("q1", "q2", "q3") if v is not None), None)
            positional.append(word if word is not None else Quoted(quoted))
    return positional, named
