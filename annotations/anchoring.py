"""Where an annotation sits in an article's canonical text, and where it went after an edit.

Offsets are Unicode code points, as Python indexes ``str``: the W3C TextPositionSelector
counts characters, and the browser code converts from its UTF-16 units before sending them.

Re-anchoring never guesses silently. In order, an annotation is:
1. ``anchored``: its quote is still where the edit put its old position (a diff of the two
   texts maps positions, so edits elsewhere do not count as a move);
2. ``moved``: its exact quote occurs elsewhere, chosen by agreement of the text before and
   after it, then nearness; a quote found only in a different context is not taken;
3. ``fuzzy``: the quote was lightly edited: the text at its mapped position is at least 80%
   similar; below a high confidence the owner is asked to confirm it;
4. ``orphan``: none of these; kept with its quote and note, never deleted.
Short quotes (a name of a few characters) are never fuzzy-matched: an edited name is a
different name.
"""

from bisect import bisect_right
from dataclasses import dataclass

from rapidfuzz import fuzz
from rapidfuzz.distance import Indel

CONTEXT_LENGTH = 32
SHORT_QUOTE = 5  # quotes shorter than this anchor exactly or not at all
FUZZY_THRESHOLD = 0.8  # similarity to the old quote: at most about 20% of it edited
CONFIRM_BELOW = 0.95  # fuzzy matches less certain than this wait for the owner's word
MIN_CONTEXT = 0.5  # context agreement a quote found elsewhere must have
LONG_QUOTE = 32  # a passage this long found exactly once is itself, whatever surrounds it
MAX_OCCURRENCES = 500

ANCHORED, MOVED, FUZZY, ORPHAN = "anchored", "moved", "fuzzy", "orphan"


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
    new = positions.new
    expected = positions(quote.start)
    if new[quote.start : quote.end] == quote.exact and expected == quote.start:
        return Anchor(ANCHORED, quote.start, quote.end, 1.0)
    found = _exact_elsewhere(quote, new, expected)
    if found is not None:
        return found
    if len(quote.exact) >= SHORT_QUOTE:
        fuzzy = _fuzzy(quote, positions, expected)
        if fuzzy is not None:
            return fuzzy
    return Anchor(ORPHAN, quote.start, quote.end, 0.0)


def _exact_elsewhere(quote: Quote, new: str, expected: int | None) -> Anchor | None:
    length = len(quote.exact)
    if expected is not None and new[expected : expected + length] == quote.exact:
        return Anchor(MOVED, expected, expected + length, 1.0)
    candidates = _occurrences(new, quote.exact)
    if not candidates:
        return None
    scored = sorted(
        (
            (_context_agreement(quote, new, c), -abs(c - (expected or quote.start)), c)
            for c in candidates
        ),
        reverse=True,
    )
    best_score, _, best = scored[0]
    if len(candidates) == 1 and length >= LONG_QUOTE:
        return Anchor(MOVED, best, best + length, 1.0)
    if best_score < MIN_CONTEXT:
        return None  # the same words in another context are another passage
    if len(scored) > 1 and scored[1][0] == best_score and expected is None:
        return None  # two equally good places and nothing to choose between them
    return Anchor(MOVED, best, best + length, round(best_score, 3))


def _occurrences(text: str, needle: str) -> list[int]:
    found, position = [], text.find(needle)
    while position != -1 and len(found) < MAX_OCCURRENCES:
        found.append(position)
        position = text.find(needle, position + 1)
    return found


def _context_agreement(quote: Quote, new: str, start: int) -> float:
    """How much of the old prefix and suffix still stands around ``start`` (0 to 1)."""
    end = start + len(quote.exact)
    before, after = (
        new[max(0, start - len(quote.prefix)) : start],
        new[end : end + len(quote.suffix)],
    )
    total = len(quote.prefix) + len(quote.suffix)
    if total == 0:
        return 1.0
    same_before = _common_suffix(quote.prefix, before)
    same_after = _common_prefix(quote.suffix, after)
    return (same_before + same_after) / total


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def _common_suffix(a: str, b: str) -> int:
    return _common_prefix(a[::-1], b[::-1])


def _fuzzy(quote: Quote, positions: PositionMap, expected: int | None) -> Anchor | None:
    """Align the old quote within a small window around where the diff put it."""
    end = positions(quote.end)
    if expected is None or end is None:
        expected, end = _nearest_mapped(quote, positions)
        if expected is None:
            return None
    slack = max(4, len(quote.exact) // 5)
    window_start = max(0, expected - slack)
    window = positions.new[window_start : max(end, expected) + slack]
    alignment = fuzz.partial_ratio_alignment(quote.exact, window)
    if alignment is None:
        return None
    start, stop = window_start + alignment.dest_start, window_start + alignment.dest_end
    similarity = Indel.normalized_similarity(quote.exact, positions.new[start:stop])
    if similarity < FUZZY_THRESHOLD or stop <= start:
        return None
    return Anchor(FUZZY, start, stop, round(similarity, 3))


def _nearest_mapped(quote: Quote, positions: PositionMap) -> tuple[int | None, int | None]:
    """Map the quote's ends from inside it when an edit swallowed a boundary."""
    inner = [positions(p) for p in range(quote.start, quote.end)]
    mapped = [p for p in inner if p is not None]
    if len(mapped) < len(inner) * FUZZY_THRESHOLD:
        return None, None  # most of the quote is gone
    return mapped[0], mapped[-1] + 1
