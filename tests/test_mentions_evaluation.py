"""The linker and the suggestions against hand labels (tests/mentions_corpus.py).

Targets: linker precision >= 0.98 and recall >= 0.95 with the shipped registry; with the
labelled entities unknown, >= 80% of the labelled names are recognised (archive.recognition).
"""

from pathlib import Path

import pytest
from django.conf import settings

from archive.models import Entity
from archive.recognition import recognise
from archive.registry import linker_for_registry, read_registry, registry_import
from tests.mentions_corpus import corpus

REGISTRY = Path(settings.BASE_DIR) / "seeds" / "registry.yaml"


@pytest.fixture(scope="module")
def labelled():
    return corpus()


@pytest.fixture
def predictions(db, labelled):
    registry_import(data=read_registry(REGISTRY))
    ids = dict(Entity.objects.values_list("pk", "registry_id"))
    linker = linker_for_registry()
    return {
        name: {(f.start, f.end, ids[f.entity]) for f in linker.find(text)}
        for name, text, _ in labelled
    }


def scores(labelled, predictions) -> tuple[float, float, list]:
    true_positives = predicted = expected = 0
    errors = []
    for name, text, labels in labelled:
        wanted, got = set(labels), predictions[name]
        true_positives += len(wanted & got)
        predicted += len(got)
        expected += len(wanted)
        errors += [(name, "missed", text[s:e], rid) for s, e, rid in sorted(wanted - got)]
        errors += [(name, "wrong", text[s:e], rid) for s, e, rid in sorted(got - wanted)]
    return true_positives / max(1, predicted), true_positives / max(1, expected), errors


def test_corpus_has_the_seed_five_written_articles_and_the_traps(labelled):
    assert len(labelled) == 7 and sum(len(labels) for *_, labels in labelled) > 150


def test_linker_precision_is_at_least_0_98(labelled, predictions):
    precision, _, errors = scores(labelled, predictions)
    assert precision >= 0.98, [e for e in errors if e[1] == "wrong"]


def test_linker_recall_is_at_least_0_95(labelled, predictions):
    _, recall, errors = scores(labelled, predictions)
    assert recall >= 0.95, [e for e in errors if e[1] == "missed"]


def test_seed_links_every_person_and_organisation_the_issue_names(labelled, predictions):
    seed_ids = {rid for *_, rid in predictions["seed"]}
    assert seed_ids >= {
        "sam-altman", "john-schulman", "greg-brockman", "ilya-sutskever", "dario-amodei",
        "daniela-amodei", "wojciech-zaremba", "openai", "anthropic", "ssi", "the-information", "x",
    }  # fmt: skip


def test_the_recogniser_finds_most_labelled_names_without_a_registry(labelled):
    names = {text[s:e] for _, text, labels in labelled for s, e, _ in labels}
    suggested = {r.surface for _, text, _ in labelled for r in recognise(text)}
    found = {name for name in names if name in suggested}
    assert len(found) >= 0.8 * len(names), sorted(names - found)
