"""Find every mention of a registered person or organisation in an article's text.

One Aho-Corasick automaton holds every name and alias, so a text is scanned once however
large the registry grows. The rules, in order:
- Latin names match on word boundaries; Chinese characters count as boundaries, letters do
  not (``OpenAI联合创始人`` mentions OpenAI, ``Xavier`` does not mention X). Digits are a
  boundary only beside a letter of a name of three characters or more: Chinese text glues
  years to names (``OpenAI2024年``), while ``X2`` or ``YC1`` are other things.
- Full-width Latin letters and digits (``ＯｐｅｎＡＩ``) are read as their ASCII forms; each
  maps to one code point, so offsets stay those of the canonical text.
- Forms match case-sensitively: news writes names in their own case, and folding case links
  "apple", "meta-learning", "the information" and explainable "XAI" to companies that merely
  share the words.
- The longest match that keeps to word boundaries wins where matches overlap (``Sam Altman``
  over ``Altman``; ``Alibaba`` in ``Alibaba Cloudflare``), scanning left to right.
- Nothing is linked inside an address, an e-mail address, a file name or an ``owner/repo``
  path (``github.com/NVIDIA/…`` is not NVIDIA): archive/masking.py, shared with the name
  recogniser. Callers that have the rendered HTML pass it, for its fuller mask: code, the
  captions of missing pictures, links whose text is their address.
- A form is never linked where its registry rule's ``not_before`` / ``not_after`` words touch
  it (``Meta分析`` is a meta-analysis, ``亚马逊雨林`` a forest, ``X上市`` a product launch),
  nor where it is a common word beside its neighbours whatever the registry says
  (``Meta Block``, ``Meta数据``: archive/collisions.py, shared with the recogniser).
- An ambiguous Latin form next to another capitalised Latin word is part of someone else's
  name (``Sam Bankman-Fried``, ``Model X``); next to a middle dot, the same in Chinese
  (``萨姆·班克曼``). Such forms are not linked. A Chinese form is not taken into a Latin
  neighbour (``字节 Seed`` is ByteDance's team).
- An ambiguous form (a first name, a shared surname, a short acronym) is otherwise linked only
  where the same text also names that entity unambiguously, and only if exactly one such
  entity does, or where the registry's rule for the form holds: the text just before it ends
  with one of its ``before`` words, the text just after starts with one of its ``after``
  words, or the text names one of its ``with`` entities (``在X上写道`` names the network X).
"""

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import ahocorasick

from .collisions import collides
from .masking import masked_spans, overlaps

CJK_START = 0x2E80  # characters from here on (CJK scripts) are word boundaries
CONTEXT = 8  # characters either side that rules look at
# Letters and digits only: full-width punctuation (，（) is what Chinese rules are written in.
FULL_WIDTH = re.compile("[０-９Ａ-Ｚａ-ｚ]")
TO_ASCII = str.maketrans(
    "".join(chr(c) for c in range(0xFF10, 0xFF5B) if chr(c).isalnum()),
    "".join(chr(c - 0xFEE0) for c in range(0xFF10, 0xFF5B) if chr(c).isalnum()),
)
WORD_AFTER = re.compile(r"\s([A-Za-z]+)")
WORD_BEFORE = re.compile(r"([A-Za-z]+)\s$")
MIDDLE_DOTS = "·・•"


@dataclass(frozen=True)
class Rule:
    before: tuple[str, ...] = ()
    after: tuple[str, ...] = ()
    with_entities: tuple[int, ...] = ()  # primary keys of entities
    not_before: tuple[str, ...] = ()
    not_after: tuple[str, ...] = ()


@dataclass(frozen=True)
class Form:
    surface: str
    entity: int  # the primary key of an Entity
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
    entity: int


def _is_word_char(char: str) -> bool:
    return char.isalnum() and ord(char) < CJK_START


def _joins(outside: str, inside: str, long: bool) -> bool:
    """Whether ``outside`` continues the word whose edge character is ``inside``."""
    if not _is_word_char(outside):
        return False
    return not (outside.isdigit() and long and inside.isalpha())


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

    def find(
        self, text: str, *, html: str | None = None, masked: list[tuple[int, int]] | None = None
    ) -> list[Found]:
        """Mentions in ``text``: leftmost-longest matches on word boundaries, then ambiguity.

        ``masked``: sorted, merged ranges where nothing may be linked; by default those that the
        text and ``html``, the rendered body whose textContent it is, show
        (``archive.masking.masked_spans``).
        """
        if self.empty or not text:
            return []
        masked = masked_spans(text, html) if masked is None else masked
        if FULL_WIDTH.search(text):
            text = text.translate(TO_ASCII)
        size = len(text)
        candidates = []
        # Every match, not only the longest at each position (iter_long): a longest match
        # that breaks a word boundary must leave the shorter one inside it in play.
        for last, (length, latin, forms) in self._automaton.iter(text):
            start, end = last - length + 1, last + 1
            if latin:
                long = length >= 3
                if start > 0 and _joins(text[start - 1], text[start], long):
                    continue
                if end < size and _joins(text[end], text[last], long):
                    continue
            if masked and overlaps(start, end, masked):
                continue
            if collides(text, start, end):
                continue
            candidates.append((start, -end, forms))
        candidates.sort(key=lambda c: (c[0], c[1]))
        chosen, reached = [], 0
        for start, end, forms in candidates:
            if start >= reached:
                chosen.append((start, -end, forms))
                reached = -end
        return _resolve_ambiguous(text, chosen)


def _resolve_ambiguous(text: str, chosen: list[tuple[int, int, tuple[Form, ...]]]) -> list[Found]:
    kept = []
    for start, end, forms in chosen:
        forms = tuple(
            f for f in forms if f.rule is None or not _rule_forbids(f.rule, text, start, end)
        )
        if forms:
            kept.append((start, end, forms))
    certain = {f.entity for _, _, forms in kept for f in forms if not f.ambiguous}
    found = []
    for start, end, forms in kept:
        clear = [f for f in forms if not f.ambiguous]
        if clear:
            if len({f.entity for f in clear}) == 1:  # two entities claiming it: no guess
                found.append(Found(start, end, clear[0].surface, clear[0].entity))
            continue
        if _part_of_another_name(text, start, end):
            continue
        linked = [
            f for f in forms if f.entity in certain or _rule_holds(f, text, start, end, certain)
        ]
        if len({f.entity for f in linked}) == 1:
            found.append(Found(start, end, linked[0].surface, linked[0].entity))
    return found


def _part_of_another_name(text: str, start: int, end: int) -> bool:
    if (end < len(text) and text[end] in MIDDLE_DOTS) or (start and text[start - 1] in MIDDLE_DOTS):
        return True
    if not any(c.isascii() and c.isalpha() for c in text[start:end]):
        return False  # 字节 Seed: a Chinese name does not run on into a Latin word
    after = WORD_AFTER.match(text, end, end + 40)
    before = WORD_BEFORE.search(text, max(0, start - 40), start)
    return any(_name_like(m.group(1)) for m in (after, before) if m)


def _name_like(word: str) -> bool:
    # Bankman, Model, iPhone: yes. CEO, AI (titles, acronyms) and "on": no.
    return any(c.isupper() for c in word) and any(c.islower() for c in word)


def _rule_forbids(rule: Rule, text: str, start: int, end: int) -> bool:
    if not (rule.not_before or rule.not_after):
        return False
    before, after = text[max(0, start - CONTEXT) : start], text[end : end + CONTEXT]
    return any(before.endswith(w) for w in rule.not_before) or any(
        after.startswith(w) for w in rule.not_after
    )


def _rule_holds(form: Form, text: str, start: int, end: int, certain: set) -> bool:
    rule = form.rule
    if rule is None:
        return False
    before, after = text[max(0, start - CONTEXT) : start], text[end : end + CONTEXT]
    return (
        any(before.endswith(word) for word in rule.before)
        or any(after.startswith(word) for word in rule.after)
        or any(entity in certain for entity in rule.with_entities)
    )
