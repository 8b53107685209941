"""The re-anchoring targets, on the evaluation corpus of tests/anchoring_corpus.py."""

import pytest
from django.db import transaction

from tests.anchoring_corpus import build_cases, evaluate

pytestmark = pytest.mark.django_db  # the evaluation re-anchors through the database


@pytest.fixture(scope="module")
def results(django_db_setup, django_db_blocker):
    """Evaluated once for the module, through the database, and rolled back."""
    cases = build_cases()
    with django_db_blocker.unblock(), transaction.atomic():
        rates, wrong = evaluate(cases)
        transaction.set_rollback(True)
    return cases, rates, wrong


def test_corpus_covers_every_edit_and_kind_of_passage(results):
    cases, _, _ = results
    assert {c.edit for c in cases} >= {
        "typo inside a quote",
        "paragraph moved",
        "punctuation to half-width",
        "quoted sentence deleted",
        "near-duplicate paragraph added",
        "rewritten as another article",
        "sentence with a repeated name deleted",
        "sentence with a repeated short phrase deleted",
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


def test_destroyed_quotes_become_orphans_or_wait_for_confirmation(results):
    _, rates, _ = results
    assert rates.gone > 100 and rates.gone_not_shown_as_certain == rates.gone


def test_no_annotation_is_lost(results):
    _, rates, _ = results
    assert rates.total > 900 and rates.lost == 0


def test_rewritten_article_places_no_annotation_anywhere(results):
    cases, _, wrong = results
    rewritten = [c for c in cases if c.edit == "rewritten as another article"]
    assert len(rewritten) > 50 and not [c for c, _ in wrong if c in rewritten]


def test_annotations_whose_fate_the_text_cannot_tell_are_not_shown_as_certain(results):
    _, rates, _ = results
    assert rates.ambiguous >= 4 and rates.ambiguous_not_shown_as_certain == rates.ambiguous
