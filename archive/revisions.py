"""A readable diff between two revisions of an article's text.

Paragraphs are compared first, so an inserted or deleted paragraph shows whole; paragraphs
that changed are then compared character by character, which suits Chinese (no spaces to
split words on) and English alike.
"""

from dataclasses import dataclass
from difflib import SequenceMatcher


@dataclass(frozen=True)
class Segment:
    kind: str  # "same", "added", "removed"
    text: str


@dataclass(frozen=True)
class Paragraph:
    kind: str  # "same", "added", "removed", "changed"
    segments: tuple[Segment, ...]


def paragraph_diff(old: str, new: str) -> list[Paragraph]:
    old_paragraphs = [p for p in old.split("\n") if p.strip()]
    new_paragraphs = [p for p in new.split("\n") if p.strip()]
    matcher = SequenceMatcher(None, old_paragraphs, new_paragraphs, autojunk=False)
    result: list[Paragraph] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            result += [Paragraph("same", (Segment("same", p),)) for p in old_paragraphs[i1:i2]]
        elif tag == "delete":
            result += [
                Paragraph("removed", (Segment("removed", p),)) for p in old_paragraphs[i1:i2]
            ]
        elif tag == "insert":
            result += [Paragraph("added", (Segment("added", p),)) for p in new_paragraphs[j1:j2]]
        else:
            result += _changed(old_paragraphs[i1:i2], new_paragraphs[j1:j2])
    return result


def _changed(olds: list[str], news: list[str]) -> list[Paragraph]:
    pairs = list(zip(olds, news, strict=False))
    result = [Paragraph("changed", tuple(_characters(a, b))) for a, b in pairs]
    result += [Paragraph("removed", (Segment("removed", p),)) for p in olds[len(pairs) :]]
    result += [Paragraph("added", (Segment("added", p),)) for p in news[len(pairs) :]]
    return result


def _characters(old: str, new: str) -> list[Segment]:
    segments = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag == "equal":
            segments.append(Segment("same", old[i1:i2]))
            continue
        if i2 > i1:
            segments.append(Segment("removed", old[i1:i2]))
        if j2 > j1:
            segments.append(Segment("added", new[j1:j2]))
    return segments
