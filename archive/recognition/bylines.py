"""Names in the byline lines at the top of a Markdown body (作者丨山茶, 来源：机器之心).

Imported articles have their bylines taken out of the body (archive/byline.py makes credits of
them), so this matters for text handed in as it was written; the kind of each name comes from
the same decision as credits' (archive/credit_kinds.py).
"""

import re

from ..byline import BYLINE_SCAN_LINES, LABELS, SEGMENT_RE
from ..credit_kinds import decide_kind
from .latin import latin_names

_SPLIT = re.compile(r"[、,，/&]|\s+(?:and|和|与)\s+|\s{2,}")
_BRACKETS = '[]【】《》「」"“”*_ '


def byline_names(text: str, clear: str) -> list[tuple[int, int, str, float]]:
    """(start, end, kind, score) of the names credited in the first lines of ``text``."""
    found = []
    position = 0
    for number, line in enumerate(text.split("\n")):
        if number >= BYLINE_SCAN_LINES:
            break
        for match in SEGMENT_RE.finditer(line):
            role = LABELS.get(match.group("label").lower())
            if role is None:
                continue
            offset = position + match.start("value")
            value = clear[offset : position + match.end("value")]
            found += _names(value, offset, role)
        position += len(line) + 1
    return found


def _names(value: str, offset: int, role: str) -> list[tuple[int, int, str, float]]:
    names, cursor = [], 0
    for piece in [*_SPLIT.split(value)]:
        start = value.find(piece, cursor)
        cursor = start + len(piece)
        stripped = piece.strip(_BRACKETS)
        if not stripped or len(stripped) > 40:
            continue
        begin = offset + start + piece.index(stripped)
        kind = byline_kind(name=stripped, role=role)
        names.append((begin, begin + len(stripped), kind, 0.9))
    return names


def byline_kind(*, name: str, role: str, registry_kind: str | None = None) -> str:
    """``person`` or ``organisation`` for a name credited in ``role``, with what the recogniser
    says of the name without its model: the Latin rules (``Lambda Labs``, ``Stanford
    University``, ``Alex Albert``) cost microseconds, so an import may ask them per credit."""
    return decide_kind(
        name=name, role=role, recognised_kind=_latin_kind(name), registry_kind=registry_kind
    )


def _latin_kind(name: str) -> str | None:
    found = latin_names(name)
    if len(found) == 1 and (found[0][0], found[0][1]) == (0, len(name)):
        return found[0][2]
    return None
