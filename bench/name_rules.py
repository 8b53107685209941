"""Rule-based parts of the name recognisers compared by bench/recognisers_bench.py.

A recogniser here returns ``[(start, end, kind)]`` with kind ``person`` or ``organisation``,
offsets in Python characters of the text it was given. Masking replaces what must never hold a
mention (code, URLs, images, link targets, file names, repository paths) with spaces of the
same length, so offsets stay those of the original text.
"""

import re

_MASKED = [
    re.compile(r"```.*?```", re.S),  # fenced code
    re.compile(r"`[^`\n]+`"),  # inline code
    re.compile(r"!\[[^\]]*\]\([^)]*\)"),  # a whole image: alt text names the picture, not actors
    re.compile(r"\]\([^)]*\)"),  # link targets
    re.compile(r"(?:https?://|www\.)[^\s)\]，。；、]+"),
    # bare hosts with a path (github.com/NVIDIA/...) and owner/repo paths (pfnet/plamo-2-8b)
    re.compile(r"\b[\w.-]+\.(?:com|io|co|org|cn|net|ai)/[^\s，。；、]*"),
    re.compile(r"\b[\w.-]+/[\w./-]+"),
    re.compile(r"\b[\w-]+\.(?:png|jpe?g|gif|webp|svg|csv|json|ya?ml|py|ts|js|md|txt)\b", re.I),
]


def mask(text: str) -> str:
    for pattern in _MASKED:
        text = pattern.sub(lambda m: " " * len(m.group()), text)
    return text


# Capitalised words, CamelCase (OpenAI, GitHub) and acronyms; "of" may join them
# (University of Washington). Digits or a hyphen with digits make a product or model word.
_WORD = r"[A-Z][A-Za-z\u00C0-\u024F]*(?:[-'’][A-Z][a-z]+)?"
_SEQUENCE = re.compile(rf"(?<![\w.-]){_WORD}(?:(?: | of | de | van ){_WORD})*(?![\w-])")
_POSSESSIVE = re.compile(r"['’]s?$")


# Words that start sentences or headings, and metadata or code words ("Title", "None").
def _words(spaced: str) -> frozenset[str]:
    return frozenset(spaced.split())


_COMMON = _words(
    """A An The This That These Those It Its I We Our Us You Your He She They Their His Her
    If When While After Before As At By In On Of For From To With Without And But Or Not No So
    Why What How Who Where Which Two One Last Next Every Thanks Shares Analysts Rivals Enterprises
    Title None True False Null Screenshot Notes Nature Lancet Digital Health TORONTO"""
)
# Product, model and technology words: never people, and not organisations either.
_PRODUCTS = _words(
    """GPT ChatGPT Claude Llama Sora Veo Gemini Qwen DeepSeek-V Command Azure Cloud Postgres
    CUDA ROCm HELM API APIs AI LLM LLMs RL VAE GPU GPUs CPU NeurIPS CoWoS Obsidian RFdiffusion
    CMedBench PLaMo Ultra Seed Seed-Coder OpenHands CQRS Python TypeScript TypeError B200 H100
    Markdown CC BY NC ASIC Web"""
)
_ORG_WORDS = _words(
    """Labs Lab Inc Corp Corporation Ltd Ventures Capital Partners Networks University Institute
    College Foundation Group Technologies Systems Research Bank Stanley Sachs AI"""
)
_PLACES = _words("Europe Vancouver Toronto York Beijing Shanghai Tokyo Canada China Japan")


def _is_camel_or_acronym(word: str) -> bool:
    return any(c.isupper() for c in word[1:])


def latin_plain(text: str) -> list[tuple[int, int, str]]:
    """The baseline: every capitalised sequence; two or more words a person, one an organisation."""
    found = []
    for m in _SEQUENCE.finditer(text):
        kind = "person" if " " in m.group() else "organisation"
        found.append((m.start(), m.end(), kind))
    return found


def latin_rules(text: str) -> list[tuple[int, int, str]]:
    """Capitalised sequences with the issue's rules, on masked text.

    Possessives and leading sentence words are stripped; a sequence followed by a model number
    ("Nvidia H100", "Llama 3.1") or holding a product word is a product; org words make an
    organisation; two or three plain words a person; one word an organisation, unless it is the
    surname of a person named in full in the same article (Baker after David Baker).
    """
    text = mask(text)
    spans = []
    for m in _SEQUENCE.finditer(text):
        words, start = m.group().split(" "), m.start()
        while words and (words[0] in _COMMON | _PLACES or words[0].islower()):
            start += len(words.pop(0)) + 1  # "Shares of Nvidia": the sentence word and "of"
        if not words:
            continue
        words[-1] = _POSSESSIVE.sub("", words[-1])
        if (
            re.match(r" ?[\w.+-]*\d", text[m.end() : m.end() + 6])
            or m.end() < len(text)
            and (text[m.end()] == "-")
        ):
            continue  # "Nvidia H100", "Llama 3.1", "Qwen2.5": the name of a model or product
        if any(w in _PRODUCTS or w in _COMMON or w in _PLACES for w in words):
            continue
        phrase = " ".join(words)
        spans.append((start, start + len(phrase), words))
    people = {ws[-1] for _, _, ws in spans if len(ws) > 1 and not _ORG_WORDS & set(ws)}
    found = []
    for start, end, words in spans:
        if _ORG_WORDS & set(words) or len(words) == 1 and _is_camel_or_acronym(words[0]):
            kind = "organisation"
        elif len(words) in (2, 3) and "of" not in words:
            kind = "person"
        elif len(words) == 1:
            kind = "person" if words[0] in people else "organisation"
        else:
            kind = "organisation"
        found.append((start, end, kind))
    return found


# Japanese: katakana names joined by a middle dot are people (サム・アルトマン); kanji names
# before an honorific are people (松尾豊先生, 西川徹氏).
_KATAKANA_NAME = re.compile(r"[\u30A1-\u30FAー]{2,}(?:[・=][\u30A1-\u30FAー]{2,})+")
_HONORIFIC_NAME = re.compile(
    r"(?<![\u4E00-\u9FFF])[\u4E00-\u9FFF]{2,4}(?=(?:氏|さん|先生|教授|院士|研究员|总裁|董事长))"
)


def japanese_rules(text: str) -> list[tuple[int, int, str]]:
    text = mask(text)
    found = [(m.start(), m.end(), "person") for m in _KATAKANA_NAME.finditer(text)]
    if re.search(r"[\u3040-\u309F]", text):  # honorifics after kanji only in Japanese text
        found += [(m.start(), m.end(), "person") for m in _HONORIFIC_NAME.finditer(text)]
    return found


_BYLINE = re.compile(r"(?m)(?:^|\s)(?:作者|文|记者|编辑)[：:]\s*([^\s，、]+(?:、[^\s，、]+)*)")


def byline_people(text: str) -> list[tuple[int, int, str]]:
    """Names after 作者/记者/编辑/文 in a byline are people (KX, 梦晨); Latin ones: the rules."""
    found = []
    for m in _BYLINE.finditer(text):
        offset = m.start(1)
        for name in m.group(1).split("、"):
            found.append((offset, offset + len(name), "person"))
            offset += len(name) + 1
    return found
