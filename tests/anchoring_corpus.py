"""An evaluation corpus for re-anchoring: real article text, varied annotations, varied edits.

Every edit is applied to a text whose characters remember where they came from, so the right
outcome for every annotation is known rather than guessed: the characters of its quote that
survive, and where they now stand. Shared by tests/test_anchoring_evaluation.py and
bench/reanchor_bench.py.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from annotations.anchoring import (
    ANCHORED,
    MOVED,
    ORPHAN,
    Anchor,
    PositionMap,
    Quote,
    quote_context,
    reanchor,
)
from archive.parsing import parse_file

FIXTURES = Path(__file__).parent / "fixtures"
ARTICLES = [
    Path(__file__).resolve().parent.parent / "seeds" / "000_b393f1c8d4a0daca.txt",
    FIXTURES / "anchoring" / "chips.md",
    FIXTURES / "anchoring" / "safety.md",
]
NAMES = [
    "Altman",
    "OpenAI",
    "Schulman",
    "Anthropic",
    "SSI",
    "英伟达",
    "宫斗",
    "安全",
    "黄仁勋",
    "CUDA",
]
FULL_TO_HALF = str.maketrans("，。：；！？（）“”", ',.:;!?()""')

Chars = list[tuple[str, int]]  # each character with its offset in the original text (-1: new)


@dataclass(frozen=True)
class Case:
    article: str
    edit: str
    kind: str  # "name", "sentence", "paragraph", "mixed"
    quote: Quote
    new_text: str
    expected: tuple[int, int] | None  # None: the quote is gone
    touched: bool  # some of its characters were edited


def load_texts() -> dict[str, str]:
    return {path.stem: parse_file(path, relative=path.name).text for path in ARTICLES}


def paragraphs(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]{20,}", text)]


def sentences(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n。！？]{6,}[。！？]", text)]


def annotations_for(text: str) -> list[tuple[str, int, int]]:
    """Short names, sentences, whole paragraphs and Latin-Chinese passages of one text."""
    chosen = []
    for name in NAMES:
        for match in list(re.finditer(re.escape(name), text))[:3]:
            chosen.append(("name", match.start(), match.end()))
    for start, end in sentences(text)[::2]:
        kind = "mixed" if re.search(r"[A-Za-z]{2,}", text[start:end]) else "sentence"
        chosen.append((kind, start, end))
    chosen += [("paragraph", start, end) for start, end in paragraphs(text)[1::3]]
    return chosen


def _replace(chars: Chars, start: int, end: int, new: str) -> Chars:
    return chars[:start] + [(c, -1) for c in new] + chars[end:]


def _edits(text: str) -> dict[str, Callable[[Chars], Chars]]:
    paras = paragraphs(text)
    sents = sentences(text)
    middle = paras[len(paras) // 2]
    last = paras[-1]
    sentence = sents[len(sents) // 3]
    inside = sentence[0] + (sentence[1] - sentence[0]) // 2

    def move(chars: Chars) -> Chars:
        block = chars[middle[0] : middle[1] + 1]
        rest = chars[: middle[0]] + chars[middle[1] + 1 :]
        return rest + [("\n", -1)] + block

    def near_duplicate(chars: Chars) -> Chars:
        copy = [(c, -1) for c, _ in chars[middle[0] : middle[1]]]
        copy[len(copy) // 2] = ("某", -1)
        return chars[: last[1]] + [("\n", -1)] + copy + chars[last[1] :]

    return {
        "typo outside quotes": lambda c: _replace(c, last[1] - 3, last[1] - 2, "囧"),
        "typo inside a quote": lambda c: _replace(c, inside, inside + 1, "错"),
        "paragraph inserted": lambda c: _replace(c, paras[1][0], paras[1][0], "新增的一段话。\n\n"),
        "paragraph deleted": lambda c: _replace(c, middle[0], middle[1] + 1, ""),
        "paragraph moved": move,
        "punctuation to half-width": lambda c: [
            (ch.translate(FULL_TO_HALF), o)
            if ch.translate(FULL_TO_HALF) == ch
            else (ch.translate(FULL_TO_HALF), -1)
            for ch, o in c
        ],
        "whitespace changed": lambda c: [(" ", -1) if ch == "\n" else (ch, o) for ch, o in c],
        "quoted sentence deleted": lambda c: _replace(c, sentence[0], sentence[1], ""),
        "near-duplicate paragraph added": near_duplicate,
    }


def expected_range(chars: Chars, start: int, end: int) -> tuple[tuple[int, int] | None, bool]:
    """Where the quote's surviving characters stand now, and whether any was edited."""
    survivors = [i for i, (_, origin) in enumerate(chars) if start <= origin < end]
    touched = len(survivors) != end - start or (
        survivors and survivors[-1] - survivors[0] + 1 != len(survivors)
    )
    if len(survivors) < 0.8 * (end - start):
        return None, True
    return (survivors[0], survivors[-1] + 1), bool(touched)


def build_cases() -> list[Case]:
    cases = []
    for article, text in load_texts().items():
        original: Chars = [(c, i) for i, c in enumerate(text)]
        for edit, apply in _edits(text).items():
            chars = apply(original)
            new_text = "".join(c for c, _ in chars)
            for kind, start, end in annotations_for(text):
                exact, prefix, suffix = quote_context(text, start, end)
                expected, touched = expected_range(chars, start, end)
                quote = Quote(exact, prefix, suffix, start, end)
                cases.append(Case(article, edit, kind, quote, new_text, expected, touched))
    return cases


def overlap(a: tuple[int, int], b: tuple[int, int]) -> float:
    inter = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    return inter / max(a[1] - a[0], b[1] - b[0])


@dataclass
class Rates:
    untouched: int = 0
    untouched_exact: int = 0
    light: int = 0
    light_right: int = 0
    wrong: int = 0
    orphaned: int = 0
    lost: int = 0
    total: int = 0

    def line(self) -> str:
        return (
            f"untouched re-anchored exactly: {self.untouched_exact}/{self.untouched} "
            f"({100 * self.untouched_exact / max(1, self.untouched):.1f}%); "
            f"lightly edited at the right place: {self.light_right}/{self.light} "
            f"({100 * self.light_right / max(1, self.light):.1f}%); "
            f"wrong place: {self.wrong}; orphaned: {self.orphaned}; lost: {self.lost}; "
            f"annotations: {self.total}"
        )


def evaluate(cases: list[Case]) -> tuple[Rates, list[tuple[Case, Anchor]]]:
    rates, wrong = Rates(), []
    maps: dict[tuple[str, str], PositionMap] = {}
    texts = load_texts()
    for case in cases:
        key = (case.article, case.edit)
        if key not in maps:
            maps[key] = PositionMap(texts[case.article], case.new_text)
        anchor = reanchor(case.quote, maps[key])
        rates.total += 1
        placed = anchor.state != ORPHAN
        rates.orphaned += not placed
        at = (anchor.start, anchor.end)
        if case.expected is not None and not case.touched:
            rates.untouched += 1
            rates.untouched_exact += anchor.state in (ANCHORED, MOVED) and at == case.expected
        elif case.expected is not None:
            rates.light += 1
            rates.light_right += placed and overlap(at, case.expected) >= 0.8
        misplaced = case.expected is None or overlap(at, case.expected) < 0.8
        if placed and not anchor.needs_confirmation and misplaced:
            rates.wrong += 1
            wrong.append((case, anchor))
    return rates, wrong
