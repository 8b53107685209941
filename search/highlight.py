"""Show where a query matched: a snippet of the text with each match in <mark>, the rest escaped.

Matches are found the way the index finds them (a phrase of adjacent tokens), on a small window
of text: the whole article is folded only when a quick case-folded look finds nothing. The
places tried are where the phrase's first token could start a token of the text (``ai`` is
not tried inside "said"), so that a word's many chance occurrences do not hide its match.
"""

import re
import unicodedata
from itertools import islice

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .query import Phrase, Query
from .tokens import CJK, fold_with_offsets, is_cjk_char, spans

SNIPPET_LENGTH = 160
SNIPPET_LEAD = 40  # characters shown before the first match
RUN_LIMIT = 64  # how far a window is widened to reach the edge of a word or CJK run
TRIES = 50  # candidate places checked per phrase before giving up on a snippet centre


def snippet(text: str, query: Query, *, length: int = SNIPPET_LENGTH) -> SafeString:
    """About ``length`` characters around the first match (else the opening), marked up."""
    first = _first_match(text, query.phrases)
    start = 0 if first is None else max(0, first - SNIPPET_LEAD)
    end = min(len(text), start + length)
    html = _render(text, start, end, _matches(text, start, end, query.phrases))
    # Safe: _render escapes every piece of the text; only the <mark> tags are ours.
    return mark_safe(("…" if start else "") + html + ("…" if end < len(text) else ""))


def highlight(text: str, query: Query) -> SafeString:
    """The whole (short) text, every match marked up: titles, quotes, notes."""
    marks = _matches(text, 0, len(text), query.phrases)
    return mark_safe(_render(text, 0, len(text), marks))


def _render(text: str, start: int, end: int, marks: list[tuple[int, int]]) -> str:
    parts, cursor = [], start
    for mark_start, mark_end in marks:
        parts += [escape(text[cursor:mark_start]), "<mark>", escape(text[mark_start:mark_end])]
        parts.append("</mark>")
        cursor = mark_end
    parts.append(escape(text[cursor:end]))
    return "".join(parts)


def _first_match(text: str, phrases: tuple[Phrase, ...]) -> int | None:
    """Where the earliest verified match of any phrase starts, in ``text``; None if nowhere."""
    haystack, offsets = text.casefold(), None
    found = _first_in(text, haystack, offsets, phrases)
    if found is None or len(haystack) != len(text):
        # Full-width letters, accents or ß: fold it all (slow, so only when the quick look fails).
        haystack, offsets = fold_with_offsets(text)
        found = _first_in(text, haystack, offsets, phrases)
    return found


def _first_in(text, haystack: str, offsets, phrases) -> int | None:
    if offsets is None and len(haystack) != len(text):
        return None  # positions in the case-folded text would not be positions in the text
    best = None
    for phrase in phrases:
        anchor, position = phrase.tokens[0], -1
        for position in _places(haystack, anchor, TRIES):
            if best is not None and position >= best:
                break
            raw = offsets[position] if offsets else position
            reach = raw + 4 * sum(map(len, phrase.tokens)) + 8
            if any(start == raw for start, _ in _matches(text, raw, reach, (phrase,))):
                best = raw
                break
    return best


def _places(haystack: str, anchor: str, tries: int) -> list[int]:
    """Up to ``tries`` places where ``anchor`` occurs and could start a token of the text."""
    if is_cjk_char(anchor[0]):  # a CJK run has a bigram starting at every character
        pattern = re.compile(re.escape(anchor))
    else:
        pattern = re.compile(f"(?<![^\\W_{CJK}])" + re.escape(anchor))
    return [match.start() for match in islice(pattern.finditer(haystack), tries)]


def _matches(text: str, start: int, end: int, phrases) -> list[tuple[int, int]]:
    """(start, end) of each phrase match inside text[start:end], sorted, overlaps merged."""
    tokens = _spans_around(text, start, end)
    found = sorted(
        (max(first, start), min(last, end))
        for phrase in phrases
        for first, last in _find(tokens, phrase)
        if first < end and last > start
    )
    merged: list[tuple[int, int]] = []
    for first, last in found:
        if merged and first <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(last, merged[-1][1]))
        else:
            merged.append((first, last))
    return merged


def _spans_around(text: str, start: int, end: int) -> list[tuple[str, int, int]]:
    """(token, start, end in ``text``) of text[start:end] widened to whole words.

    A CJK run may be cut anywhere (its bigrams start at every character), a word may not.
    """
    low, high = start, end
    while low > max(0, start - RUN_LIMIT) and _in_word(text[low - 1]):
        low -= 1
    while high < min(len(text), end + RUN_LIMIT) and _in_word(text[high]):
        high += 1
    folded, offsets = fold_with_offsets(text[low:high])
    if offsets is None:
        return [(token, low + first, low + last) for token, first, last in spans(folded)]
    return [
        (token, low + offsets[first], _after_marks(text, low + offsets[last - 1] + 1))
        for token, first, last in spans(folded)
    ]


def _after_marks(text: str, end: int) -> int:
    """``end`` moved past combining accents, which belong to the letter marked before them."""
    while end < len(text) and unicodedata.combining(text[end]):
        end += 1
    return end


def _in_word(char: str) -> bool:
    return char.isalnum() and not is_cjk_char(char)


def _find(tokens: list[tuple[str, int, int]], phrase: Phrase) -> list[tuple[int, int]]:
    """Where the phrase's tokens follow each other; a prefix marks only its typed part."""
    wanted, last = phrase.tokens, len(phrase.tokens) - 1
    words, leading = [token for token, _, _ in tokens], list(wanted[:last])
    found = []
    for i in range(len(words) - last):
        if last and words[i] != wanted[0]:
            continue  # the common case, checked first
        if words[i : i + last] == leading and _same(words[i + last], wanted[last], phrase.prefix):
            end_token = tokens[i + last]
            end = end_token[1] + len(wanted[last]) if phrase.prefix else end_token[2]
            found.append((tokens[i][1], end))
    return found


def _same(token: str, wanted: str, prefix: bool) -> bool:
    return token.startswith(wanted) if prefix else token == wanted
