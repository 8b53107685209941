"""Read what a reader typed into phrases of tokens; never pass their text on to an engine.

``ai 安全`` is two phrases that must both match; ``"Sam Altman"`` is one phrase; ``-Anthropic``
excludes. Each part is tokenised like the indexed text (``search.tokens``), so ``首席科学家``
becomes the phrase 首席 席科 科学 学家 and ``OpenAI联合创始人`` the phrase openai 联合 合创 创始
始人. Whatever else was typed (operators, brackets, stars, NUL) only separates tokens.
"""

import re
import unicodedata
from dataclasses import dataclass, replace

from archive.control_characters import ONE_LINE_CONTROL_RE

from .tokens import is_cjk_char, tokens

MAX_QUERY = 200  # characters kept of what was typed
MAX_PHRASES = 12  # each phrase is a join in the engine: a wall of words should not be
MAX_PHRASE_TOKENS = 64
# A quoted part (an opening quote without a closing one runs to the end), or a bare word.
_PART = re.compile(r'(-?)"([^"]*)"?|(\S+)')
_EDGES = re.compile(r"^[\W_]+|[\W_]+$")


@dataclass(frozen=True)
class Phrase:
    """Tokens that must appear in this order, next to each other.

    ``prefix``: the last token may be the start of a longer one. A lone CJK character at the
    end of a phrase is searched so, since the index holds bigrams: 安 finds 安全 and 安心, and
    5月 (the tokens 5 月) finds 5月离职 (5 月离 离职). A lone CJK character at the start of
    a longer phrase (的AI) stays whole: it can only match where the text has it alone
    (OpenAI的AI), not at the end of a run (他的AI holds 他的 ai), as no index of bigrams can
    find the second character of one.
    """

    tokens: tuple[str, ...]
    prefix: bool = False


@dataclass(frozen=True)
class Query:
    text: str = ""  # what was typed, cleaned and cut: shown back in the search box
    phrases: tuple[Phrase, ...] = ()
    excluded: tuple[Phrase, ...] = ()
    needles: tuple[str, ...] = ()  # the positive parts as typed, for substring matching
    excluded_needles: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        """Only a query with something to find runs: exclusions alone match nothing."""
        return bool(self.phrases)

    def as_you_type(self) -> "Query":
        """The same query with its last phrase open-ended, for suggestions while typing."""
        if not self.phrases:
            return self
        last = Phrase(self.phrases[-1].tokens, prefix=True)
        return replace(self, phrases=(*self.phrases[:-1], last))


def clean(text: str) -> str:
    """Control characters (NUL included) become spaces; at most MAX_QUERY characters."""
    return ONE_LINE_CONTROL_RE.sub(" ", text)[:MAX_QUERY].strip()


def parse_query(text: str) -> Query:
    """The phrases and exclusions in ``text``; a part without letters or digits is dropped."""
    text = clean(text)
    wanted: dict[bool, list[tuple[Phrase, str]]] = {True: [], False: []}
    for minus, quoted, bare in _PART.findall(text):
        exclude = bool(minus) or (bare.startswith("-") and len(bare) > 1)
        part = quoted if quoted or minus else bare.removeprefix("-") if exclude else bare
        found = tokens(part)[:MAX_PHRASE_TOKENS]
        if found:
            phrase = Phrase(tuple(found), prefix=is_cjk_char(found[-1]))
            wanted[not exclude].append((phrase, needle(part)))
    positive, negative = wanted[True][:MAX_PHRASES], wanted[False][:MAX_PHRASES]
    return Query(
        text=text,
        phrases=tuple(dict.fromkeys(p for p, _ in positive)),
        excluded=tuple(dict.fromkeys(p for p, _ in negative)),
        needles=tuple(dict.fromkeys(n for _, n in positive if n)),
        excluded_needles=tuple(dict.fromkeys(n for _, n in negative if n)),
    )


def needle(part: str) -> str:
    """A part as a substring to look for in names and notes: NFKC, spaces folded, no edges."""
    text = " ".join(unicodedata.normalize("NFKC", part).split())
    return _EDGES.sub("", text)[:100]
