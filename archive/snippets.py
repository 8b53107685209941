"""Mention snippets (keyword in context) cut where a reader expects a cut.

The database cuts a fixed number of code points either side of a mention, plus one more
(``PEEK``) that is not shown: it tells whether the text goes on past the window and whether
the window's edge falls inside a Latin word. A snippet then starts after a sentence end found
in its left window and stops after one in its right window; failing that, it never shows half a
Latin word, and Chinese text, where any character is a possible cut, is cut at a comma or
enumeration mark when one lies in the outer half of the window. An ellipsis marks each cut.
"""

import re
from dataclasses import dataclass

PEEK = 1
# Latin, Greek and Cyrillic letters and digits: the scripts that write words between spaces.
_WORD = (
    r"0-9A-Za-z\u00aa\u00b5\u00ba\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u0370-\u03ff\u0400-\u04ff"
)
WORD_CHAR = re.compile(f"[{_WORD}]")
LEADING_WORD = re.compile(f"^[{_WORD}'’-]+")
TRAILING_WORD = re.compile(f"[{_WORD}'’-]+$")
# A full stop ends a sentence only before white space (not 3.5, not example.com); a line break
# ends one too (headings and list items often have no final punctuation).
SENTENCE_END = re.compile(r"[。！？!?]+[”’」』）)\"']*|\.(?=\s)[”’\"')]*|\n")
CLAUSE_MARKS = "，、；：,;:"
WHITE_SPACE = " \t\n\r\u3000"


@dataclass
class Snippet:
    """A stretch of an article's text with the mentions in it marked."""

    text: str  # as in the article; white space is folded only for display
    start: int  # where ``text`` starts in the article
    marks: list[tuple[int, int]]  # the mentions, as offsets within ``text``
    cut_before: bool = False
    cut_after: bool = False
    count: int = 1

    @property
    def parts(self) -> list[tuple[str, bool]]:
        """(text, is a mention) in order, white space folded outside the mentions."""
        parts, position = [], 0
        for start, end in sorted(self.marks):
            parts += [(fold_space(self.text[position:start]), False), (self.text[start:end], True)]
            position = end
        parts.append((fold_space(self.text[position:]), False))
        return [part for part in parts if part[0]]

    @property
    def key(self) -> tuple:
        return tuple(self.parts)

    def covers(self, other: "Snippet") -> bool:
        """Whether ``other``'s mention lies inside this snippet's text."""
        start, end = (other.start + offset for offset in other.marks[0])
        return self.start <= start and end <= self.start + len(self.text)

    def mark(self, other: "Snippet") -> None:
        start, end = other.marks[0]
        shift = other.start - self.start
        self.marks.append((start + shift, end + shift))


def fold_space(text: str) -> str:
    """Runs of white space (paragraph breaks included) become one space, edges kept."""
    return re.sub(r"\s+", " ", text)


def snippet(before: str, match: str, after: str, *, width: int, start: int) -> Snippet:
    """The snippet of a mention at ``start``; ``before`` and ``after`` as the database cut them:
    up to ``width + PEEK`` characters."""
    left, cut_before = _left(*_split_peek(before, width, left=True))
    right, cut_after = _right(*_split_peek(after, width, left=False))
    span = (len(left), len(left) + len(match))
    return Snippet(left + match + right, start - len(left), [span], cut_before, cut_after)


def unique_snippets(snippets, *, limit: int) -> list[Snippet]:
    """An article's snippets in text order, made readable: a mention inside the snippet before
    it is marked there instead of repeating the sentence, and a snippet whose text and marks
    occur again (a repeated line) is shown once, counting how often. The first ``limit``."""
    merged: list[Snippet] = []
    for item in snippets:
        if merged and merged[-1].covers(item):
            merged[-1].mark(item)
        else:
            merged.append(item)
    found: dict[tuple, Snippet] = {}
    for item in merged:
        if item.key in found:
            found[item.key].count += 1
        else:
            found[item.key] = item
    return list(found.values())[:limit]


def _split_peek(text: str, width: int, *, left: bool) -> tuple[str, str | None]:
    """(the window shown, the character just outside it, or None where the text ends)."""
    if len(text) <= width:
        return text, None
    return (text[PEEK:], text[0]) if left else (text[:-PEEK], text[-1])


def _left(window: str, peek: str | None) -> tuple[str, bool]:
    ends = list(SENTENCE_END.finditer(window))
    if ends:
        return window[ends[-1].end() :].lstrip(), False
    if peek is None:
        return window, False
    if window and WORD_CHAR.match(peek) and WORD_CHAR.match(window[0]):
        window = LEADING_WORD.sub("", window)
    else:
        marks = [i for i, char in enumerate(window) if char in CLAUSE_MARKS]
        if marks and marks[0] < len(window) / 2:
            window = window[marks[0] + 1 :]
    return window.lstrip(CLAUSE_MARKS + WHITE_SPACE), True


def _right(window: str, peek: str | None) -> tuple[str, bool]:
    end = SENTENCE_END.search(window)
    if end:
        return window[: end.end()], False
    if peek is None:
        return window, False
    if window and WORD_CHAR.match(peek) and WORD_CHAR.match(window[-1]):
        window = TRAILING_WORD.sub("", window)
    else:
        marks = [i for i, char in enumerate(window) if char in CLAUSE_MARKS]
        if marks and marks[-1] >= len(window) / 2:
            window = window[: marks[-1]]
    return window.rstrip(CLAUSE_MARKS + WHITE_SPACE), True
