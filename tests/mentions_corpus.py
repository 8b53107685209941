"""Hand-labelled mentions: the seed (labels in seed_labels.yaml) and five articles written in
its style whose mentions are marked inline as [[surface|registry-id]].

Labels are (start, end, registry id) in each article's canonical text, resolved from the
labelled surfaces; every label is checked to cover exactly its surface.
"""

import re
from pathlib import Path

import yaml

from archive.mentions import CJK_START
from archive.parsing import parse_bytes

FIXTURES = Path(__file__).parent / "fixtures" / "mentions"
SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_b393f1c8d4a0daca.txt"
MARK = re.compile(r"\[\[([^|\]]+)\|([^\]]+)\]\]")

Label = tuple[int, int, str]


def _standalone(text: str, start: int, end: int) -> bool:
    def word(char: str) -> bool:
        return char.isalnum() and ord(char) < CJK_START

    return not (start > 0 and word(text[start - 1])) and not (end < len(text) and word(text[end]))


def _occurrences(text: str, surface: str) -> list[int]:
    found = [m.start() for m in re.finditer(re.escape(surface), text)]
    if surface.isascii():
        found = [s for s in found if _standalone(text, s, s + len(surface))]
    return found


def seed_labels() -> tuple[str, list[Label]]:
    text = parse_bytes(SEED.read_bytes(), relative=SEED.name).text
    rules = yaml.safe_load((FIXTURES / "seed_labels.yaml").read_text(encoding="utf-8"))
    labels: list[Label] = []
    taken = bytearray(len(text))
    for rule in sorted(rules, key=lambda r: -len(r["surface"])):
        starts = _occurrences(text, rule["surface"])
        if rule["occurrences"] != "all":
            starts = [starts[n - 1] for n in rule["occurrences"]]
        for start in starts:
            end = start + len(rule["surface"])
            if not any(taken[start:end]):
                taken[start:end] = b"\x01" * (end - start)
                labels.append((start, end, rule["entity"]))
    return text, sorted(labels)


def written_labels(path: Path) -> tuple[str, list[Label]]:
    marked = path.read_text(encoding="utf-8")
    plain, wanted, position = "", [], 0
    for match in MARK.finditer(marked):
        plain += marked[position : match.start()]
        surface = match.group(1)
        wanted.append(
            (surface, _occurrences(plain + surface, surface).index(len(plain)), match.group(2))
        )
        plain += surface
        position = match.end()
    plain += marked[position:]
    text = parse_bytes(plain.encode(), relative=path.name).text
    labels = []
    for surface, index, entity in wanted:
        start = _occurrences(text, surface)[index - _removed_before(plain, text, surface)]
        labels.append((start, start + len(surface), entity))
    return text, sorted(labels)


def _removed_before(plain: str, text: str, surface: str) -> int:
    """Occurrences the importer removed from the body (front matter, byline) come first."""
    return len(_occurrences(plain, surface)) - len(_occurrences(text, surface))


def corpus() -> list[tuple[str, str, list[Label]]]:
    articles = [("seed", *seed_labels())]
    for path in sorted(FIXTURES.glob("*.md")):
        articles.append((path.stem, *written_labels(path)))
    for name, text, labels in articles:
        for start, end, entity in labels:
            assert text[start:end], (name, start, end, entity)
    return articles
