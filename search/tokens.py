"""Turn text into search tokens: the same function for what is indexed and what is asked.

Chinese and Japanese are written without spaces, so a run of CJK characters becomes its
overlapping bigrams (首席科学家 -> 首席 席科 科学 学家), as Lucene's CJKAnalyzer does; a lone
CJK character between other text stays a unigram. Runs of other letters and digits become
words. Everything is folded first: NFKC (full-width ＯｐｅｎＡＩ -> OpenAI), casefold, and accents
stripped (café -> cafe). Punctuation and spaces only separate tokens, so a token is always a
run of letters or digits: nothing in it means anything to a search engine's query syntax.
"""

import re
import unicodedata
from itertools import pairwise
from operator import add

# Han (with extensions and compatibility ideographs), kana and Hangul, as CJKBigramFilter does.
# The kana blocks also hold punctuation (゠ U+30A0, the middle dot ・ U+30FB) and sound marks
# (U+3099-309C): left out, they separate tokens as other punctuation does, so 萨姆・奥特曼 and
# 萨姆·奥特曼 are the same tokens.
CJK = (
    "\u1100-\u11ff\u3005-\u3007\u3041-\u3098\u309d-\u309f\u30a1-\u30fa\u30fc-\u30ff"
    "\u3130-\u318f\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff"
    "\U00020000-\U0003134f"
)
_TOKEN = re.compile(f"([{CJK}]+)|([^\\W_{CJK}]+)")
_CJK_CHAR = re.compile(f"[{CJK}]")
_WORD_CHAR = re.compile(f"[^\\W_{CJK}]")  # a letter or digit of a word, not of a CJK run
# Only text with a letter from these blocks can carry an accent: skip the work otherwise.
_ACCENTABLE = re.compile("[\u00c0-\u04ff\u1e00-\u1fff]")
_MARKS = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+")
# Longer "words" are data (hashes, base64), not language; PostgreSQL would drop them anyway.
MAX_WORD = 100
# Full-width punctuation (，！？：；（） and the rest of U+FF01-FF5E that NFKC makes ASCII
# punctuation) only separates tokens, as a space does: replaced first, Chinese text is
# usually NFKC already, and normalising it costs more than the rest of the tokenising.
_FULL_WIDTH_PUNCTUATION = re.compile("[\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff5e]")


def fold(text: str) -> str:
    """NFKC, casefold and strip accents."""
    if not unicodedata.is_normalized("NFKC", text):
        text = unicodedata.normalize("NFKC", text)
    text = text.casefold()
    if text.isascii() or not (_ACCENTABLE.search(text) or _MARKS.search(text)):
        return text
    stripped = _MARKS.sub("", unicodedata.normalize("NFD", text))
    return unicodedata.normalize("NFC", stripped)


def tokens(text: str) -> list[str]:
    """The search tokens of ``text``, in order."""
    found: list[str] = []
    for cjk, word in _TOKEN.findall(fold(_FULL_WIDTH_PUNCTUATION.sub(" ", text))):
        if word:
            if len(word) <= MAX_WORD:
                found.append(word)
        elif len(cjk) == 1:
            found.append(cjk)
        else:
            found.extend(map(add, cjk, cjk[1:]))
    return found


def token_text(text: str) -> str:
    """The tokens joined by spaces: what the engines index (each splits it on the spaces)."""
    return " ".join(tokens(text))


def article_tokens(parsed) -> tuple[str, str, str, list[tuple[int, int, str]]]:
    """A parsed article's title and text, the title's token text, and the token texts of the
    text's pieces between the edges of the blocks that may become boilerplate.

    Computed where an import parses the file (archive.derivation), so that the process writing
    the import does not tokenise; ``search.index`` joins the pieces that are not boilerplate,
    if the saved article still has that title and text. Tokens of the pieces are those of the
    whole only where no token runs across an edge: where a space or line break is beside it,
    as between blocks. Otherwise the text is one piece (and its boilerplate is cut in the
    receiver, by tokenising again).
    """
    text = parsed.text
    edges = sorted({0, len(text)} | {edge for _, *span in parsed.blocks for edge in span})
    if not all(_separates(text, edge) for edge in edges):
        edges = [0, len(text)]
    pieces = [(start, end, token_text(text[start:end])) for start, end in pairwise(edges)]
    return parsed.title, text, token_text(parsed.title), pieces


def _separates(text: str, index: int) -> bool:
    """Whether tokens of the text on each side of ``index`` are the tokens of the whole."""
    return index in (0, len(text)) or text[index - 1].isspace() or text[index].isspace()


def is_cjk_char(token: str) -> bool:
    """A one-character CJK token: searched as a prefix, see ``search.query``."""
    return len(token) == 1 and _CJK_CHAR.match(token) is not None


def word_starts_at(text: str, index: int) -> bool:
    """Whether a word token may start at ``text[index]``: no letter or digit of a word before."""
    return index == 0 or _WORD_CHAR.match(text, index - 1) is None


def spans(folded: str, start: int = 0, end: int | None = None) -> list[tuple[str, int, int]]:
    """(token, start, end) in already folded text between ``start`` and ``end``."""
    found = []
    for match in _TOKEN.finditer(folded, start, len(folded) if end is None else end):
        run, first = match.group(), match.start()
        if match.group(2):
            if len(run) <= MAX_WORD:
                found.append((run, first, match.end()))
        elif len(run) == 1:
            found.append((run, first, first + 1))
        else:
            found.extend((run[i : i + 2], first + i, first + i + 2) for i in range(len(run) - 1))
    return found


def fold_with_offsets(text: str) -> tuple[str, list[int] | None]:
    """Folded text and, when folding changed its length, each folded character's source index.

    Most text folds character for character (full-width letters, case, precomposed accents
    stripped in place), so no map is needed; ligatures, ß and decomposed accents need one.
    """
    folded = fold(text)
    if len(folded) == len(text):
        return folded, None
    pieces, offsets = [], []
    for index, char in enumerate(text):
        piece = fold(char)
        pieces.append(piece)
        offsets.extend([index] * len(piece))
    offsets.append(len(text))
    return "".join(pieces), offsets
