"""Scoring the name recogniser on the labelled set of tests/fixtures/names/.

Shared by bench/names_eval.py (which prints the figures) and tests/test_recognition_eval.py
(which holds floors under them). Two measures per kind:
- exact spans on the Markdown body as written (a predicted span is right if a gold span of that
  kind has the same offsets);
- distinct names per article, on the text as imported (rendered, bylines taken out, masked by
  the rendered HTML): a predicted name is right if it is a listed form of a gold entity of that
  kind; a gold entity is found if any of its forms is predicted. This is what a reader would be
  shown, whatever the offsets.
"""

from dataclasses import dataclass
from pathlib import Path

import yaml

NAMES = Path(__file__).parent / "fixtures" / "names"
KINDS = ("person", "organisation")


def load_articles() -> list[dict]:
    return [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted(NAMES.glob("*.yaml"))]


@dataclass
class Tally:
    right: int = 0
    predicted: int = 0
    gold: int = 0
    found: int = 0  # gold entities found (distinct names); equals right for exact spans

    @property
    def precision(self) -> float:
        return self.right / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _forms(entity: dict) -> set[str]:
    return {entity["name"], *entity.get("surfaces", [])}


def exact(article: dict, found, kind: str, tally: Tally) -> None:
    gold = {(s, e) for ent in article["entities"] if ent["kind"] == kind for s, e in ent["spans"]}
    spans = {(r.start, r.end) for r in found if r.kind == kind}
    tally.right += len(gold & spans)
    tally.found += len(gold & spans)
    tally.predicted += len(spans)
    tally.gold += len(gold)


def distinct(article: dict, names: set[str], kind: str, tally: Tally) -> list[str]:
    """Count one article's distinct names of ``kind``; return the wrong ones."""
    entities = [ent for ent in article["entities"] if ent["kind"] == kind]
    forms = [_forms(ent) for ent in entities]
    wrong = sorted(n for n in names if not any(n in f for f in forms))
    tally.predicted += len(names)
    tally.right += len(names) - len(wrong)
    tally.gold += len(entities)
    tally.found += sum(1 for f in forms if f & names)
    return wrong


def missed(article: dict, names: set[str], kind: str) -> list[str]:
    return [
        ent["name"]
        for ent in article["entities"]
        if ent["kind"] == kind and not _forms(ent) & names
    ]
