"""An evaluation corpus for re-anchoring: real article text, varied annotations, varied edits.

Every edit is applied to a text whose characters remember where they came from, so the right
outcome for every annotation is known rather than guessed: the characters of its quote that
survive, and where they now stand; never by running the matcher. Annotations are re-anchored
through the database, as an import does, and read back. Shared by
tests/test_anchoring_evaluation.py and bench/reanchor_bench.py.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from annotations.anchoring import (
    ANCHORED,
    FUZZY,
    MOVED,
    ORPHAN,
    Anchor,
    Quote,
    quote_context,
)
from archive.parsing import parse_file

FIXTURES = Path(__file__).parent / "fixtures"
ARTICLES = [
    Path(__file__).resolve().parent.parent / "seeds" / "000_b393f1c8d4a0daca.txt",
    FIXTURES / "anchoring" / "chips.md",
    FIXTURES / "anchoring" / "safety.md",
]
# Written for the corpus in the style of the articles, around repeated short phrases and a
# repeated name: the places where a twin of a cut passage is easy to take for it.
MINUTES = (
    "据知情人士透露，董事会在周五的会议上对这项议案进行了两轮表决，结果出人意料。\n"
    "第一轮表决时，董事甲表示：同意。董事乙表示：同意。董事丙表示：反对。\n"
    "今年年初，投资人们在旧金山的一场闭门会上见到了OpenAI的CEO Altman。"
    "随后，记者在另一场发布会上又一次见到了Altman。"
    "这一次他谈到了公司的下一步计划和融资情况，并表示不会离开。\n"
    "第二轮表决前，有董事要求休会，理由是需要更多时间研究Anthropic提出的合作条件。\n"
    "最终，议案以微弱多数获得通过，Altman在会后对员工说，公司将继续推进新模型的研发工作。"
)
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
    "同意",
]
FULL_TO_HALF = str.maketrans("，。：；！？（）“”", ',.:;!?()""')

STATES = {ANCHORED, MOVED, FUZZY, ORPHAN}

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
    ambiguous: bool = False  # another reading of the same edit gives it another fate


def load_texts() -> dict[str, str]:
    texts = {path.stem: parse_file(path, relative=path.name).text for path in ARTICLES}
    return {**texts, "minutes": MINUTES}


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


def _sentence_of_a_repeated_name(text: str, latin: bool) -> tuple[int, int] | None:
    """The sentence holding the second occurrence of a name that also stands elsewhere: once
    it is cut, the name's other occurrences are the very places a careless matcher takes."""
    for name in NAMES:
        if name.isascii() != latin:
            continue
        found = [m.start() for m in re.finditer(re.escape(name), text)]
        for start, end in sentences(text):
            if len(found) > 1 and start <= found[1] < end and not start <= found[0] < end:
                return start, end
    return None


def _edits(text: str, other: str) -> dict[str, Callable[[Chars], Chars]]:
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

    edits = {
        "typo outside quotes": lambda c: _replace(c, last[1] - 3, last[1] - 2, "囧"),
        "typo inside a quote": lambda c: _replace(c, inside, inside + 1, "错"),
        "paragraph inserted": lambda c: _replace(c, paras[1][0], paras[1][0], "新增的一段话。\n\n"),
        "paragraph deleted": lambda c: _replace(c, middle[0], middle[1] + 1, ""),
        "paragraph moved": move,
        # Each mark keeps its origin: the same character in another width, edited in place.
        "punctuation to half-width": lambda c: [(ch.translate(FULL_TO_HALF), o) for ch, o in c],
        "whitespace changed": lambda c: [(" ", -1) if ch == "\n" else (ch, o) for ch, o in c],
        "quoted sentence deleted": lambda c: _replace(c, sentence[0], sentence[1], ""),
        "near-duplicate paragraph added": near_duplicate,
        # Every character is new, so nothing survives, though the names recur in it.
        "rewritten as another article": lambda c: [(ch, -1) for ch in other],
    }
    for latin, edit in ((True, "sentence with a repeated name deleted"),
                        (False, "sentence with a repeated short phrase deleted")):  # fmt: skip
        cut = _sentence_of_a_repeated_name(text, latin)
        if cut is not None:
            edits[edit] = lambda c, cut=cut: _replace(c, cut[0], cut[1], "")
    return edits


def expected_range(
    text: str, chars: Chars, start: int, end: int
) -> tuple[tuple[int, int] | None, bool]:
    """Where the quote's surviving characters stand now, and whether any was edited."""
    survivors = [i for i, (_, origin) in enumerate(chars) if start <= origin < end]
    touched = (
        len(survivors) != end - start
        or (survivors and survivors[-1] - survivors[0] + 1 != len(survivors))
        or any(chars[i][0] != text[chars[i][1]] for i in survivors)
    )
    if len(survivors) < 0.8 * (end - start):
        return None, True
    return (survivors[0], survivors[-1] + 1), bool(touched)


def deletion_readings(text: str, chars: Chars) -> list[Chars]:
    """For an edit that only cut one run of characters: every cut of the same length that
    leaves the same text. Cutting "乙：同意。" from "甲：同意。乙：同意。" leaves what cutting
    "同意。乙：" leaves: which 同意 survived is then not in the text, whoever made the edit."""
    origins = [o for _, o in chars]
    if -1 in origins or origins != sorted(origins) or len(origins) == len(text):
        return []
    missing = sorted(set(range(len(text))) - set(origins))
    start, end = missing[0], missing[-1] + 1
    if end - start != len(missing):
        return []
    left = right = 0
    while start - left > 0 and text[start - left - 1] == text[end - left - 1]:
        left += 1
    while end + right < len(text) and text[start + right] == text[end + right]:
        right += 1
    original = [(c, i) for i, c in enumerate(text)]
    return [
        original[: start + shift] + original[end + shift :] for shift in range(-left, right + 1)
    ]


def _ambiguous(text: str, readings: list[Chars], start: int, end: int) -> bool:
    """Whether two readings of the edit leave the quote in clearly different places (or one
    keeps it and another cuts it); a character more or less at its edge is the same place."""
    fates = {expected_range(text, chars, start, end)[0] for chars in readings}
    return any(
        (a is None) != (b is None) or (a is not None and overlap(a, b) < 0.8)
        for a in fates
        for b in fates
    )


def build_cases() -> list[Case]:
    cases = []
    texts = load_texts()
    names = list(texts)
    for article, text in texts.items():
        original: Chars = [(c, i) for i, c in enumerate(text)]
        other = texts[names[(names.index(article) + 1) % len(names)]]
        for edit, apply in _edits(text, other).items():
            chars = apply(original)
            new_text = "".join(c for c, _ in chars)
            readings = deletion_readings(text, chars)
            for kind, start, end in annotations_for(text):
                exact, prefix, suffix = quote_context(text, start, end)
                expected, touched = expected_range(text, chars, start, end)
                quote = Quote(exact, prefix, suffix, start, end)
                ambiguous = _ambiguous(text, readings, start, end)
                cases.append(
                    Case(article, edit, kind, quote, new_text, expected, touched, ambiguous)
                )
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
    flagged: int = 0  # placed, and waiting for the owner to confirm the place
    gone: int = 0  # the edit destroyed the quote
    gone_not_shown_as_certain: int = 0  # ... and it became an orphan or was flagged
    ambiguous: int = 0  # the edit cannot tell its fate (see deletion_readings)
    ambiguous_not_shown_as_certain: int = 0
    lost: int = 0
    total: int = 0

    def line(self) -> str:
        return (
            f"untouched re-anchored exactly: {self.untouched_exact}/{self.untouched} "
            f"({100 * self.untouched_exact / max(1, self.untouched):.1f}%); "
            f"lightly edited at the right place: {self.light_right}/{self.light} "
            f"({100 * self.light_right / max(1, self.light):.1f}%); "
            f"wrong place: {self.wrong}; orphaned: {self.orphaned}; "
            f"flagged to confirm: {self.flagged}; "
            f"destroyed quotes orphaned or flagged: {self.gone_not_shown_as_certain}/{self.gone}; "
            f"undecidable by the text, orphaned or flagged: "
            f"{self.ambiguous_not_shown_as_certain}/{self.ambiguous}; lost: {self.lost}; "
            f"annotations: {self.total}"
        )


def evaluate(cases: list[Case]) -> tuple[Rates, list[tuple[Case, Anchor]]]:
    """Re-anchor every case as an import does, through the database, and score the rows read
    back. Needs a migrated database; the tests run it inside a transaction they roll back."""
    from django.contrib.auth.models import User

    from annotations.models import Annotation
    from annotations.reanchoring import reanchor_article
    from archive.models import ArticleRevision

    groups: dict[tuple[str, str], list[Case]] = {}
    for case in cases:
        groups.setdefault((case.article, case.edit), []).append(case)
    texts = load_texts()
    owner = User.objects.create_user("anchoring-corpus")
    rates, wrong = Rates(), []
    for number, ((name, _), group) in enumerate(groups.items()):
        old, new, key = texts[name], group[0].new_text, f"anchoring-corpus-{number}"
        article, rows = annotated_article(key, old, [case.quote for case in group], owner)
        current = ArticleRevision.objects.create(article=article, number=2, markdown=new, text=new)
        reanchor_article(article=article, current=current)
        saved = Annotation.objects.in_bulk([row.pk for row in rows])
        for case, row in zip(group, rows, strict=True):
            _score(rates, wrong, case, saved.get(row.pk), current)
    return rates, wrong


def annotated_article(key: str, text: str, quotes, owner):
    """An article at revision 1 with ``text``, and one annotation per quote on it."""
    from annotations.models import Annotation
    from archive.models import Article, ArticleRevision

    article = Article.objects.create(
        source_key=key, source_path=key, file_hash="x", slug=key, title=key,
        html=text, text=text, content_hash="a",
    )  # fmt: skip
    first = ArticleRevision.objects.create(article=article, number=1, markdown=text, text=text)
    rows = Annotation.objects.bulk_create(
        Annotation(
            owner=owner,
            article=article,
            revision=first,
            anchored_revision=first,
            exact=q.exact,
            prefix=q.prefix,
            suffix=q.suffix,
            start=q.start,
            end=q.end,
        )  # fmt: skip
        for q in quotes
    )
    return article, rows


def _score(rates: Rates, wrong: list, case: Case, row, current) -> None:
    rates.total += 1
    if (
        row is None
        or row.anchor_state not in STATES
        or (row.anchor_state != ORPHAN and row.anchored_revision_id != current.pk)
    ):
        rates.lost += 1
        return
    anchor = Anchor(row.anchor_state, row.start, row.end, row.anchor_confidence)
    placed = anchor.state != ORPHAN
    rates.orphaned += not placed
    rates.flagged += placed and row.needs_confirmation
    at = (anchor.start, anchor.end)
    if case.ambiguous:
        rates.ambiguous += 1
        rates.ambiguous_not_shown_as_certain += not placed or row.needs_confirmation
    elif case.expected is not None and not case.touched:
        rates.untouched += 1
        rates.untouched_exact += anchor.state in (ANCHORED, MOVED) and at == case.expected
    elif case.expected is not None:
        rates.light += 1
        rates.light_right += placed and overlap(at, case.expected) >= 0.8
    if case.expected is None:
        rates.gone += 1
        rates.gone_not_shown_as_certain += not placed or row.needs_confirmation
    misplaced = case.expected is None or overlap(at, case.expected) < 0.8
    if placed and not row.needs_confirmation and misplaced:
        rates.wrong += 1
        wrong.append((case, anchor))
