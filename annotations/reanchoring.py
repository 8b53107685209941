"""Keep annotations on their passages when an article's text changes.

archive sends ``article_text_changed`` inside the import transaction of the file; this module
re-anchors every annotation of the article there, so the new text and the annotations that
point into it are saved together or not at all.
"""

from collections import Counter

from django.dispatch import receiver

from archive.models import Article, ArticleRevision
from archive.signals import article_text_changed

from .anchoring import ORPHAN, Anchor, PositionMap, Quote, quote_context, reanchor
from .models import Annotation

UPDATED_FIELDS = [
    "start", "end", "exact", "prefix", "suffix", "anchor_state", "anchor_confidence",
    "anchored_revision", "needs_confirmation",
]  # fmt: skip


def apply_anchor(annotation: Annotation, anchor: Anchor, revision: ArticleRevision) -> None:
    """Point ``annotation`` at ``anchor`` in ``revision``; an orphan keeps its last place."""
    annotation.anchor_state = anchor.state
    annotation.anchor_confidence = anchor.confidence
    annotation.needs_confirmation = anchor.needs_confirmation
    if anchor.state == ORPHAN:
        return  # its quote and offsets still describe the text it was last found in
    annotation.start, annotation.end = anchor.start, anchor.end
    annotation.exact, annotation.prefix, annotation.suffix = quote_context(
        revision.text, anchor.start, anchor.end
    )
    annotation.anchored_revision = revision


def reanchor_annotations(annotations: list[Annotation], current: ArticleRevision) -> Counter:
    """Re-anchor ``annotations`` (not yet saved) against ``current``; count the outcomes."""
    maps: dict[int, PositionMap] = {}
    counts: Counter = Counter()
    for annotation in annotations:
        base = annotation.anchored_revision or annotation.revision
        if base.pk not in maps:
            maps[base.pk] = PositionMap(base.text, current.text)
        quote = Quote(
            annotation.exact, annotation.prefix, annotation.suffix, annotation.start, annotation.end
        )
        anchor = reanchor(quote, maps[base.pk])
        apply_anchor(annotation, anchor, current)
        counts[anchor.state] += 1
    return counts


def reanchor_article(*, article: Article, current: ArticleRevision) -> Counter:
    annotations = list(
        Annotation.objects.filter(article=article, parent__isnull=True)
        .exclude(anchored_revision=current)
        .select_related("anchored_revision", "revision")
    )
    counts = reanchor_annotations(annotations, current)
    Annotation.objects.bulk_update(annotations, UPDATED_FIELDS, batch_size=500)
    return counts


def summary(counts: Counter) -> str:
    return (
        f"annotations: {counts['anchored']} re-anchored exactly, {counts['moved']} moved, "
        f"{counts['fuzzy']} fuzzy, {counts['orphan']} orphaned"
    )


@receiver(article_text_changed, dispatch_uid="annotations.reanchor")
def on_article_text_changed(sender, *, article, current, **kwargs) -> str | None:
    counts = reanchor_article(article=article, current=current)
    return summary(counts) if counts else None
