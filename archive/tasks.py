"""Background tasks of the archive (Django's Tasks API through the django-tasks backport).

They run in `manage.py db_worker` processes (scripts/serve starts them beside the web server),
never inside a request: recognising names costs the model's load and about a second per
hundred articles.
"""

from django.db import transaction
from django_tasks import task

from .masking import masked_spans, merge
from .models import Article

BATCH = 50  # articles a worker recognises at once; more only costs memory
TASK_ARTICLES = 100  # articles per discovery task: a few seconds of work, split over workers


@task()
def recognise_articles(article_ids: list[int]) -> dict[str, list[list]]:
    """Names that the recogniser finds in each article, by article id.

    Returns ``{"<id>": [[start, end, kind, surface, score, source], ...]}`` (JSON, as task
    results are stored): offsets in the canonical text, outside code, addresses and the
    publisher's boilerplate. Nothing is written; what becomes an entity is decided elsewhere.
    """
    return {
        str(pk): [[n.start, n.end, n.kind, n.surface, n.score, n.source] for n in names]
        for pk, (_, names) in recognised(article_ids).items()
    }


@task()
def discover_names(article_ids: list[int]) -> dict[str, int]:
    """Recognise the articles, make entities of the confident names and suggestions of the
    doubtful ones (archive.discovery), and link the new entities wherever articles name them."""
    from .discovery import names_discover
    from .discovery_links import discovered_link

    found = recognised(article_ids)  # the long part, outside any transaction
    with transaction.atomic():  # an entity is never left without its mentions
        report = names_discover(found=found)
        mentions = discovered_link(article_ids=list(found), entities=report.entities)
    return {
        "articles": len(found),
        "entities": len(report.entities),
        "aliases": report.aliases,
        "suggested": report.suggested,
        "promoted": report.promoted,
        "mentions": mentions,
    }


def discovery_enqueue(article_ids: list[int]) -> int:
    """Queue ``discover_names`` for the articles, a task per TASK_ARTICLES; how many tasks."""
    ids = sorted(article_ids)
    batches = [ids[i : i + TASK_ARTICLES] for i in range(0, len(ids), TASK_ARTICLES)]
    for batch in batches:
        discover_names.enqueue(batch)
    return len(batches)


def recognised(article_ids: list[int]) -> dict[int, tuple[str, list]]:
    """{article id: (its text, [Recognised])} for the articles that exist, by id."""
    from .recognition import recognise_many  # loads the model in the worker, once

    results: dict[int, tuple[str, list]] = {}
    articles = Article.objects.filter(pk__in=article_ids).values_list(
        "pk", "text", "html", "boilerplate"
    )
    rows = list(articles.order_by("pk"))
    for first in range(0, len(rows), BATCH):
        chunk = rows[first : first + BATCH]
        masks = [merge(masked_spans(text, html) + _ranges(b)) for _, text, html, b in chunk]
        found = recognise_many([text for _, text, _, _ in chunk], masked=masks)
        for (pk, text, *_), names in zip(chunk, found, strict=True):
            results[pk] = (text, names)
    return results


def _ranges(boilerplate) -> list[tuple[int, int]]:
    return sorted((int(start), int(end)) for start, end in boilerplate or [])


@task()
def relink_articles(run_id: int) -> dict[str, int]:
    """Link every article's mentions again for a queued ``RelinkRun`` (archive.relinking)."""
    from .relinking import relink_run

    return relink_run(run_id=run_id)
