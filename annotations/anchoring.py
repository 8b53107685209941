"""Where an annotation sits in an article's canonical text, and where it went after an edit.

Offsets are Unicode code points, as Python indexes ``str``: the W3C TextPositionSelector
counts characters, and the browser code converts from its UTF-16 units before sending them.

Re-anchoring never guesses silently. A place is only taken when something other than the quote
itself says it is the same passage: the text around it still agrees with the quote's prefix
and suffix, on both sides, or on one side when the character diff of the two texts put the
quote there too, or when no other occurrence of the quote explains the side that changed. In
order, an annotation is:
1. ``anchored``: its quote is still where the diff put its old position, context agreeing;
2. ``moved``: its exact quote stands elsewhere with its context, chosen by that agreement,
   then by the diff, then nearness;
3. ``fuzzy``: the quote was lightly edited (the text where the diff put it is at least 80%
   similar, with its context), or its exact quote stands where the evidence is thin; below a
   high confidence the owner is asked to confirm it;
4. ``orphan``: none of these; kept with its quote and note, never deleted.
Short quotes (a name of a few characters) are never fuzzy-matched and never placed on thin
evidence: an edited name is a different name, and a name occurs in many places.
"""

from bisect import bisect_right
from dataclasses import dataclass

from rapidfuzz import fuzz
from rapidfuzz.distance import Indel

CONTEXT_LENGTH = 32
SHORT_QUOTE = 5  # quotes shorter than this anchor exactly, with their context, or not at all
FUZZY_THRESHOLD = 0.8  # similarity to the old quote: at most about 20% of it edited
CONFIRM_BELOW = 0.95  # fuzzy matches less certain than this wait for the owner's word
AGREE = 0.5  # share of one side's old context that must still stand next to the quote
WHOLE_SIDE = 0.9  # one side agreeing this far stands on its own when nothing contests it
UNSURE = 0.75  # confidence of an exact quote found on thin evidence: the owner confirms it
FUZZY_CONTEXT = 0.8  # similarity the context of a fuzzy match must keep on one side at least
LONG_QUOTE = 32  # a passage this long, once in each text, is itself, whatever surrounds it
MAX_OCCURRENCES = 500

ANCHORED, MOVED, FUZZY, ORPHAN = "anchored", "moved", "fuzzy", "orphan"

# Punctuation normalised between full and half width, and whitespace reflowed, leave the
# context of a quote as it was; the mapping keeps lengths, so offsets still line up.
_NORMAL = str.maketrans("，。：；！？（）“”‘’、\n\r\t\u3000\xa0", ",.:;!?()\"\"'',     ")


@dataclass(frozen=True)
class Quote:
    exact: str
    prefix: str
    suffix: str
    start: int
    end: int


@dataclass(frozen=True)
class Anchor:
    state: str
    start: int
    end: int
    confidence: float

    @property
    def needs_confirmation(self) -> bool:
        return self.state == FUZZY and self.confidence < CONFIRM_BELOW


def quote_context(text: str, start: int, end: int) -> tuple[str, str, str]:
    """The quote at ``start..end`` and about 32 characters on either side of it."""
    return (
        text[start:end],
        text[max(0, start - CONTEXT_LENGTH) : start],
        text[end : end + CONTEXT_LENGTH],
    )


class PositionMap:
    """Maps offsets in an old text to the new text through a character diff of the two."""

    def __init__(self, old: str, new: str):
        self.old, self.new = old, new
        self._blocks = [op for op in Indel.opcodes(old, new) if op.tag == "equal"]
        self._starts = [op.src_start for op in self._blocks]

    def __call__(self, position: int) -> int | None:
        """Where ``position`` went, or None when the text around it was deleted."""
        index = bisect_right(self._starts, position) - 1
        if index < 0:
            return None
        block = self._blocks[index]
        if position > block.src_end:
            return None
        return block.dest_start + (position - block.src_start)


def reanchor(quote: Quote, positions: PositionMap) -> Anchor:
    new, length = positions.new, len(quote.exact)
    expected = positions(quote.start)
    mapped = None
    if (
        expected is not None
        and new[expected : expected + length] == quote.exact
        and positions(quote.end) == expected + length
    ):
        mapped = expected
        if _judge(quote, positions, mapped, diff_agrees=True)[0] == 1.0:
            state = ANCHORED if mapped == quote.start else MOVED
            return Anchor(state, mapped, mapped + length, 1.0)
    found = _exact_elsewhere(quote, positions, expected, mapped)
    if found is not None:
        return found
    if length >= SHORT_QUOTE:
        fuzzy = _fuzzy(quote, positions, expected)
        if fuzzy is not None:
            return fuzzy
    return Anchor(ORPHAN, quote.start, quote.end, 0.0)


def _exact_elsewhere(
    quote: Quote, positions: PositionMap, expected: int | None, mapped: int | None
) -> Anchor | None:
    new, length = positions.new, len(quote.exact)
    candidates = _occurrences(new, quote.exact)
    if not candidates:
        return None
    if (
        length >= LONG_QUOTE
        and len(candidates) == 1
        and len(_occurrences(positions.old, quote.exact)) == 1
    ):
        return Anchor(MOVED, candidates[0], candidates[0] + length, 1.0)
    near = quote.start if expected is None else expected
    judged = []
    for at in candidates:
        confidence, agreement = _judge(quote, positions, at, diff_agrees=at == mapped)
        if confidence is not None:
            judged.append((confidence, agreement, at == mapped, -abs(at - near), at))
    if not judged:
        return None
    judged.sort(reverse=True)
    confidence, agreement, by_diff, _, best = judged[0]
    if len(judged) > 1 and judged[1][:3] == (confidence, agreement, by_diff) and not by_diff:
        confidence = UNSURE  # two places agree as well: nearness alone is a guess
    if confidence == 1.0:
        return Anchor(MOVED, best, best + length, 1.0)
    if length < SHORT_QUOTE:
        return None
    return Anchor(FUZZY, best, best + length, confidence)


def _judge(
    quote: Quote, positions: PositionMap, at: int, *, diff_agrees: bool
) -> tuple[float | None, float]:
    """How sure a place for the exact quote at ``at`` is (1.0, UNSURE or None: not it), and
    how much of its context agrees, to rank places by."""
    before, after = _sides(quote, positions.new, at)
    agreement = before + after
    if before >= AGREE and after >= AGREE:
        return 1.0, agreement
    if max(before, after) < AGREE:
        return None, agreement  # the same words in another context are another passage
    # One side changed: an edit right next to the quote, or this is a different occurrence
    # whose own context happens to continue like ours on the side that survived.
    if _contested(quote, positions, at, before_changed=before < AGREE):
        return None, agreement
    if diff_agrees or max(before, after) >= WHOLE_SIDE:
        return 1.0, agreement
    return UNSURE, agreement


def _contested(quote: Quote, positions: PositionMap, at: int, *, before_changed: bool) -> bool:
    """Whether another occurrence of the quote in the old text agrees with the text around
    ``at`` on the side where ours does not: the edit may have removed ours and kept it."""
    old, length = positions.old, len(quote.exact)
    for other in _occurrences(old, quote.exact):
        if other == quote.start:
            continue
        rival = Quote(*quote_context(old, other, other + length), other, other + length)
        before, after = _sides(rival, positions.new, at)
        if (before if before_changed else after) >= AGREE:
            return True
    return False


def _occurrences(text: str, needle: str) -> list[int]:
    found, position = [], text.find(needle)
    while position != -1 and len(found) < MAX_OCCURRENCES:
        found.append(position)
        position = text.find(needle, position + 1)
    return found


def _sides(quote: Quote, new: str, start: int) -> tuple[float, float]:
    """How much of the old prefix and of the old suffix still stands around ``start``."""
    end = start + len(quote.exact)
    return (
        _agreement(quote.prefix[::-1], new[max(0, start - CONTEXT_LENGTH) : start][::-1]),
        _agreement(quote.suffix, new[end : end + CONTEXT_LENGTH]),
    )


def _agreement(old: str, new: str) -> float:
    """The share of ``old`` (read outwards from the quote) that ``new`` starts with, 0 to 1."""
    old_normal, new_normal = old.translate(_NORMAL), new.translate(_NORMAL)
    same = _common_prefix(old_normal, new_normal)
    if len(old) < CONTEXT_LENGTH:
        # The old context ran into the edge of the text: the edge is part of it, so "甲说："
        # at the very start does not agree with "甲说：" after other words.
        at_edge = same == len(old) == len(new)
        return (same + at_edge) / (len(old) + 1)
    return same / len(old)


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def _fuzzy(quote: Quote, positions: PositionMap, expected: int | None) -> Anchor | None:
    """Align the old quote within a small window around where the diff put it."""
    end = positions(quote.end)
    if expected is None or end is None:
        expected, end = _nearest_mapped(quote, positions)
        if expected is None:
            return None
    new = positions.new
    slack = max(4, len(quote.exact) // 5)
    window_start = max(0, expected - slack)
    window = new[window_start : max(end, expected) + slack]
    # Where the diff put the ends, unless an alignment in the window fits the quote better:
    # the alignment alone slides by a character when the quote's last one was edited.
    spans = [(expected, end)] if end > expected else []
    alignment = fuzz.partial_ratio_alignment(quote.exact, window)
    if alignment is not None:
        spans.append((window_start + alignment.dest_start, window_start + alignment.dest_end))
    scored = [
        (_similarity(quote.exact, new[a:b]), -rank, a, b) for rank, (a, b) in enumerate(spans)
    ]
    if not scored:
        return None
    similarity, _, start, stop = max(scored)
    if stop <= start or new[start:stop] == quote.exact:
        return None  # an exact copy was already weighed by its context, and refused
    if similarity < FUZZY_THRESHOLD:
        return None
    # The diff of two unrelated texts still aligns their common words: a match is only
    # this passage when the text around it kept the quote's context too.
    before = _similarity(quote.prefix, new[max(0, start - len(quote.prefix)) : start])
    after = _similarity(quote.suffix, new[stop : stop + len(quote.suffix)])
    if not quote.prefix:
        before = float(start == 0)
    if not quote.suffix:
        after = float(stop == len(new))
    if max(before, after) < FUZZY_CONTEXT:
        return None
    return Anchor(FUZZY, start, stop, round(min(similarity, (before + after) / 2), 3))


def _similarity(old: str, new: str) -> float:
    """Indel similarity, blind to punctuation width and whitespace: those are not edits."""
    return Indel.normalized_similarity(old.translate(_NORMAL), new.translate(_NORMAL))


def _nearest_mapped(quote: Quote, positions: PositionMap) -> tuple[int | None, int | None]:
    """Map the quote's ends from inside it when an edit swallowed a boundary."""
    inner = [positions(p) for p in range(quote.start, quote.end)]
    mapped = [p for p in inner if p is not None]
    if len(mapped) < len(inner) * FUZZY_THRESHOLD:
        return None, None  # most of the quote is gone
    return mapped[0], mapped[-1] + 1
