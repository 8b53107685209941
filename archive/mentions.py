"""Find every mention of a registered person or organisation in an article's text.

One Aho-Corasick automaton holds every name and alias, so a text is scanned once however
large the registry grows. The rules, in order:
- Latin names match on word boundaries; Chinese characters count as boundaries, letters and
  digits do not (``OpenAI联合创始人`` mentions OpenAI, ``Xavier`` does not mention X).
- Forms match case-sensitively: news writes names in their own case, and folding case links
  "apple", "meta-learning", "the information" and explainable "XAI" to companies that merely
  share the words.
- The longest match wins where matches overlap (``Sam Altman`` over ``Altman``).
- An ambiguous form (a first name, a shared surname, a short acronym) is linked only where the
  same text also names that entity unambiguously, and only if exactly one such entity does,
  or where the registry's rule for the form holds: the text just before it ends with one of
  its ``before`` words, the text just after starts with one of its ``after`` words, or the
  text names one of its ``with`` entities (``在X上写道`` names the network X).
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

import ahocorasick

CJK_START = 0x2E80  # characters from here on (CJK scripts) are word boundaries


@dataclass(frozen=True)
class Rule:
    before: tuple[str, ...] = ()
    after: tuple[str, ...] = ()
    with_entities: tuple[tuple[str, int], ...] = ()


@dataclass(frozen=True)
class Form:
    surface: str
    entity: tuple[str, int]  # ("person" | "organisation", primary key)
    ambiguous: bool = False
    rule: Rule | None = None
    case_sensitive: bool = field(init=False)
    needs_boundaries: bool = field(init=False)

    def __post_init__(self) -> None:
        # Worked out once here: the matcher asks for every match in every article.
        object.__setattr__(self, "case_sensitive", True)
        latin = any(c.isascii() and c.isalnum() for c in self.surface)
        object.__setattr__(self, "needs_boundaries", latin)


@dataclass(frozen=True)
class Found:
    start: int
    end: int
    surface: str
    entity: tuple[str, int]


def _is_word_char(char: str) -> bool:
    return char.isalnum() and ord(char) < CJK_START


class Linker:
    def __init__(self, forms: Iterable[Form]):
        self._automaton = ahocorasick.Automaton()
        by_key: dict[str, list[Form]] = defaultdict(list)
        for form in forms:
            if form.surface.strip():
                by_key[form.surface.lower()].append(form)
        for key, group in by_key.items():
            self._automaton.add_word(key, (len(key), tuple(group)))
        self.empty = not by_key
        if not self.empty:
            self._automaton.make_automaton()

    def find(self, text: str) -> list[Found]:
        if self.empty or not text:
            return []
        lowered = text.lower()
        if len(lowered) != len(text):  # a few characters lower-case to two; keep offsets
            lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
        candidates = list(self._candidates(text, lowered))
        chosen = _longest_first(candidates)
        return _resolve_ambiguous(text, chosen)

    def _candidates(self, text: str, lowered: str):
        for last, (length, forms) in self._automaton.iter(lowered):
            start, end = last - length + 1, last + 1
            for form in forms:
                if form.case_sensitive and text[start:end] != form.surface:
                    continue
                if form.needs_boundaries and not _on_boundaries(text, start, end):
                    continue
                yield start, end, form


def _on_boundaries(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return not _is_word_char(before) and not _is_word_char(after)


def _longest_first(candidates: list[tuple[int, int, Form]]) -> list[tuple[int, int, list[Form]]]:
    """Non-overlapping spans, longer ones first; every form that matched a span is kept."""
    spans: dict[tuple[int, int], list[Form]] = defaultdict(list)
    for start, end, form in candidates:
        spans[(start, end)].append(form)
    taken = bytearray(max((end for _, end in spans), default=0))
    chosen = []
    for start, end in sorted(spans, key=lambda span: (span[0] - span[1], span[0])):
        if not any(taken[start:end]):
            taken[start:end] = b"\x01" * (end - start)
            chosen.append((start, end, spans[(start, end)]))
    return sorted(chosen)


def _resolve_ambiguous(text: str, chosen: list[tuple[int, int, list[Form]]]) -> list[Found]:
    certain = set()
    for _, _, forms in chosen:
        certain.update(f.entity for f in forms if not f.ambiguous)
    found = []
    for start, end, forms in chosen:
        clear = [f for f in forms if not f.ambiguous]
        if len({f.entity for f in clear}) == 1:
            found.append(Found(start, end, clear[0].surface, clear[0].entity))
            continue
        if clear:
            continue  # two entities claim this form outright: no guess
        linked = [
            f for f in forms if f.entity in certain or _rule_holds(f, text, start, end, certain)
        ]
        if len({f.entity for f in linked}) == 1:
            found.append(Found(start, end, linked[0].surface, linked[0].entity))
    return found


def _rule_holds(form: Form, text: str, start: int, end: int, certain: set) -> bool:
    rule = form.rule
    if rule is None:
        return False
    before, after = text[max(0, start - 8) : start], text[end : end + 8]
    return (
        any(before.endswith(word) for word in rule.before)
        or any(after.startswith(word) for word in rule.after)
        or any(entity in certain for entity in rule.with_entities)
    )
