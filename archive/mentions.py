"""Find every mention of a registered person or organisation in an article's text.

One Aho-Corasick automaton holds every name and alias, so a text is scanned once however
large the registry grows. The rules, in order:
- Latin names match on word boundaries; Chinese characters count as boundaries, letters and
  digits do not (``OpenAI联合创始人`` mentions OpenAI, ``Xavier`` does not mention X).
- Forms match case-sensitively: news writes names in their own case, and folding case links
  "apple", "meta-learning", "the information" and explainable "XAI" to companies that merely
  share the words.
- The longest match wins where matches overlap (``Sam Altman`` over ``Altman``), scanning
  left to right (leftmost-longest, as pyahocorasick's ``iter_long`` finds it).
- An ambiguous form (a first name, a shared surname, a short acronym) is linked only where the
  same text also names that entity unambiguously, and only if exactly one such entity does,
  or where the registry's rule for the form holds: the text just before it ends with one of
  its ``before`` words, the text just after starts with one of its ``after`` words, or the
  text names one of its ``with`` entities (``在X上写道`` names the network X).
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

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

    @property
    def needs_boundaries(self) -> bool:
        return any(c.isascii() and c.isalnum() for c in self.surface)


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
        by_surface: dict[str, list[Form]] = defaultdict(list)
        for form in forms:
            if form.surface.strip():
                by_surface[form.surface].append(form)
        for surface, group in by_surface.items():
            latin = group[0].needs_boundaries
            self._automaton.add_word(surface, (len(surface), latin, tuple(group)))
        self.empty = not by_surface
        if not self.empty:
            self._automaton.make_automaton()

    def find(self, text: str) -> list[Found]:
        """Mentions in ``text``: leftmost-longest matches on word boundaries, then ambiguity."""
        if self.empty or not text:
            return []
        chosen = []
        size = len(text)
        # iter_long yields the longest match at each position, left to right, never
        # overlapping: "Sam Altman" rather than "Altman" inside it.
        for last, (length, latin, forms) in self._automaton.iter_long(text):
            start, end = last - length + 1, last + 1
            if latin and (
                (start > 0 and _is_word_char(text[start - 1]))
                or (end < size and _is_word_char(text[end]))
            ):
                continue
            chosen.append((start, end, forms))
        return _resolve_ambiguous(text, chosen)


def _resolve_ambiguous(text: str, chosen: list[tuple[int, int, tuple[Form, ...]]]) -> list[Found]:
    certain = {f.entity for _, _, forms in chosen for f in forms if not f.ambiguous}
    found = []
    for start, end, forms in chosen:
        clear = [f for f in forms if not f.ambiguous]
        if clear:
            if len({f.entity for f in clear}) == 1:  # two entities claiming it: no guess
                found.append(Found(start, end, clear[0].surface, clear[0].entity))
            continue
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
