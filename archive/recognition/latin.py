"""People and organisations written in Latin letters: capitalised sequences and rules.

The rules, applied to text whose masked ranges are already blanked (archive/masking.py):
- a sequence is capitalised words (CamelCase ``OpenAI``, acronyms ``TSMC``, ``xAI`` too), joined
  by spaces or by ``of``/``de``/``van``…; a possessive ends it (``Neil Barnwell's CQRS``);
- sentence words and titles split it (``OpenAI CEO Sam Altman`` is OpenAI and Sam Altman) and are
  stripped from its ends; places alone are not names;
- a product or model is neither a person nor an organisation: a word with a digit or a version
  after it (``Nvidia H100``, ``Llama 3.1``, ``GPT-4o``), or a known product word (``Google Cloud``);
- an organisation word makes an organisation (``Lambda Labs``, ``University of Washington``);
  two or three plain words are a person; one CamelCase word or acronym an organisation;
- one plain word is the person already named in full (``Baker`` after ``David Baker``), else an
  organisation, except at the start of a sentence, where it is a name only if the text also
  writes it capitalised elsewhere (``Thanks``, ``Shares`` start sentences, ``Stardog`` recurs).
Each result carries a score in 0..1: how sure the rule is.
"""

import re

from ..collisions import collides
from .words import COMMON, JOINERS, ORG_WORDS, PLACES, PRODUCTS

_LETTER = r"A-Za-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u024F"
_UPPER = r"A-Z\u00C0-\u00D6\u00D8-\u00DE"
_WORD = (
    rf"(?:[{_UPPER}][{_LETTER}0-9]*|[a-z]+[A-Z][{_LETTER}0-9]*)"  # Word, OpenAI, xAI, iPhone
    rf"(?:['’][{_UPPER}][{_LETTER}]*|-[{_LETTER}0-9]+)*"  # O'Brien, Bankman-Fried, GPT-4o
)
_JOIN = "|".join(sorted(JOINERS, key=len, reverse=True))
_SEQUENCE = re.compile(
    rf"(?<![{_LETTER}0-9_.\-/@#&]){_WORD}(?:(?: | (?:{_JOIN}) ){_WORD})*(?![{_LETTER}0-9_\-/@])"
)
_VERSION_AFTER = re.compile(r"(?: ?[A-Z]{0,3}\d[\w.]*| ?-\w)(?![年月日号])")
_YEAR = re.compile(r" ?(?:19|20)\d\d(?!\d)")
_SENTENCE_END = set(".!?。！？\n")  # after a colon English need not capitalise
_OPENING = set(" \t\"'“‘([「『*#>-–—•·0123456789")
_HAN = re.compile(r"[\u3400-\u9FFF]")


# Surnames written with an inner capital are still people's: LeCun, McDonald, DiCaprio, O'Neil.
_SURNAME_PREFIX = re.compile(
    r"^(?:Mc|Mac|Le|La|De|Di|Du|Da|Van|Von|Al|El|Ben|Abu|O['’])[A-Z][a-z]+$"
)


def _is_camel_or_acronym(word: str) -> bool:
    if _SURNAME_PREFIX.match(word):
        return False
    return any(c.isupper() for c in word[1:]) or word[0].islower()


def _sentence_initial(text: str, start: int) -> bool:
    position = start - 1
    while position >= 0 and text[position] in _OPENING:
        position -= 1
    return position < 0 or text[position] in _SENTENCE_END


_DATELINE = re.compile(r"\s?[—–-]{1,2}\s")


def _line_start(text: str, position: int) -> bool:
    return position == 0 or text[position - 1] == "\n"


def _is_product_word(word: str) -> bool:
    return word in PRODUCTS or any(c.isdigit() for c in word)


def _pieces(text: str, match: re.Match) -> list[tuple[int, list[str]]]:
    """Split a sequence at sentence words and titles; strip joiners and places at its ends."""
    pieces, current, start, position = [], [], match.start(), match.start()
    for index, word in enumerate(match.group().split(" ")):
        title = word == "The" and index == 0 and not _sentence_initial(text, position)
        if word in COMMON and not title:  # "The Information" mid-sentence is a title
            if current:
                pieces.append((start, current))
            current, start = [], position + len(word) + 1
        else:
            current.append(word)
        position += len(word) + 1
    if current:
        pieces.append((start, current))
    pieces = [piece for start, words in pieces for piece in _split_of(start, words)]
    cleaned = []
    for start, words in pieces:
        while words and (words[0] in JOINERS or words[0] in PLACES and len(words) > 1):
            start += len(words.pop(0)) + 1
        while words and words[-1] in JOINERS:
            words.pop()
        if words and words != ["The"]:
            cleaned.append((start, words))
    return cleaned


def _split_of(start: int, words: list[str]) -> list[tuple[int, list[str]]]:
    """``Mohammed AlQuraishi of Columbia University``: a person of an organisation, two names;
    ``University of Washington`` stays one."""
    if "of" not in words:
        return [(start, words)]
    at = words.index("of")
    left, right = words[:at], words[at + 1 :]
    organisation = ORG_WORDS & set(right) or any(_is_camel_or_acronym(w) for w in right)
    if ORG_WORDS & set(left) or not organisation or len(left) not in (2, 3):
        return [(start, words)]
    return [(start, left), (start + len(" ".join(left)) + 4, right)]


def latin_names(text: str) -> list[tuple[int, int, str, float]]:
    """(start, end, kind, score) of the Latin-script names in ``text`` (already masked)."""
    if not re.search("[A-Z]", text):
        return []
    spans, brands = [], set()
    for match in _SEQUENCE.finditer(text):
        if _DATELINE.match(text, match.end()) and _line_start(text, match.start()):
            continue  # "SAN FRANCISCO —", "TORONTO —": where the news was written
        if len(match.group()) > 3 and " " in match.group() and match.group().isupper():
            continue  # a shouted heading
        after = text[match.end() : match.end() + 8]
        if _VERSION_AFTER.match(after) and not _YEAR.match(after):
            brands.add(match.group().split(" ")[0])
            continue  # "Nvidia H100", "Llama 3.1": a product or model
        for start, words in _pieces(text, match):
            # "Sakana AI" is a company; "Anthropic AI安全" reads AI with the Chinese after it.
            end = start + len(" ".join(words))
            company = len(words) > 1 and words[-1] in ORG_WORDS and not _HAN.match(text, end)
            named = words[:-1] if company else words
            if any(_is_product_word(w) for w in named):  # "Sakana AI" is a company
                if not _is_product_word(words[0]):
                    brands.add(words[0])  # "Cloudflare Workers": Cloudflare makes it
                continue
            if len(words) == 1 and "-" in words[0] and words[0][0].isupper():
                continue  # "Seed-Coder", "Llama-Guard": one hyphenated word names a model
            if all(w in PLACES for w in words) or collides(text, start, end):
                continue  # "Meta Block" names no one, and its Meta is no one's first name
            spans.append((start, words))
    full_names = [
        ws for _, ws in spans if len(ws) in (2, 3) and not ORG_WORDS & set(ws) and ws[0] != "The"
    ]
    surnames = {ws[-1] for ws in full_names} | {ws[0] for ws in full_names}
    elsewhere = brands | {
        ws[0] for s, ws in spans if len(ws) == 1 and not _sentence_initial(text, s)
    }
    found = []
    for start, words in spans:
        decided = _decide(text, start, words, surnames, elsewhere)
        if decided:
            end = start + len(" ".join(words))
            found.append((start, end, *decided))
    return found


def _decide(text, start, words, surnames, elsewhere) -> tuple[str, float] | None:
    if len(words) == 1 and len(words[0]) == 1:
        return None  # a letter: "X" is also a variable, a grade, a model suffix
    if ORG_WORDS & set(words):
        if len(words) == 1:
            return None  # "Labs", "University" alone name nothing
        return "organisation", 0.85
    if len(words) >= 4:
        return None  # a title in title case, not a name
    if len(words) > 1:
        if words[0] == "The":
            return "organisation", 0.6  # The Information, The Verge: publications
        if any(w in JOINERS for w in words) or any(_is_camel_or_acronym(w) for w in words):
            return "organisation", 0.6
        return "person", 0.75
    word = words[0]
    if word in surnames:
        return "person", 0.7
    chinese_context = bool(_HAN.search(text[max(0, start - 1) : start + len(word) + 1]))
    if _is_camel_or_acronym(word):
        if word.isupper() and len(word) <= 2:
            return None  # "KX", "AI": initials and short acronyms need a byline or a registry
        return "organisation", 0.7 if not word.isupper() else 0.5
    if chinese_context:
        return "organisation", 0.6  # a Latin word among Chinese characters is a name
    possessive = text[start + len(word) : start + len(word) + 2] in ("'s", "’s")
    if _sentence_initial(text, start) and word not in elsewhere and not possessive:
        return None  # "Mozilla's MDN" is a name; "Thanks" and "Shares" start sentences
    return "organisation", 0.45
