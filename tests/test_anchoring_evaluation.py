"""The re-anchoring targets, on the evaluation corpus of tests/anchoring_corpus.py."""

import pytest

from tests.anchoring_corpus import build_cases, evaluate


@pytest.fixture(scope="module")
def results():
    cases = build_cases()
    return cases, *evaluate(cases)


def test_corpus_covers_every_edit_and_kind_of_passage(results):
    cases, _, _ = results
    assert {c.edit for c in cases} >= {
        "typo inside a quote",
        "paragraph moved",
        "punctuation to half-width",
        "quoted sentence deleted",
        "near-duplicate paragraph added",
    } and {c.kind for c in cases} == {"name", "sentence", "paragraph", "mixed"}


def test_every_untouched_quote_re_anchors_exactly(results):
    _, rates, _ = results
    assert rates.untouched > 500 and rates.untouched_exact == rates.untouched


def test_lightly_edited_quotes_re_anchor_to_the_right_place(results):
    _, rates, _ = results
    assert rates.light > 20 and rates.light_right >= 0.95 * rates.light


def test_no_annotation_is_re_anchored_to_a_wrong_place(results):
    _, _, wrong = results
    assert [(c.edit, c.quote.exact, anchor) for c, anchor in wrong] == []


def test_destroyed_quotes_become_orphans(results):
    cases, rates, _ = results
    assert rates.orphaned >= sum(1 for c in cases if c.expected is None)
