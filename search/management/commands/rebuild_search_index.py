"""Rebuild the search index in one transaction, so that it is never seen half built.

On SQLite that transaction holds the database's write lock from start to end (minutes for a
large archive): an import or an annotation saved meanwhile waits for the busy timeout (20 s,
``config.settings``) and then fails. Rebuilding in batches that each commit would free the
lock, but searches would see a partial index and an article edited behind a finished batch
would have to be indexed again; a rebuild is rare (after a change of the tokeniser, or to
compact the index), so it stays one transaction: run it when nobody writes. On PostgreSQL,
dropping the GIN index to build it once at the end locks the documents' table: searches and
imports wait until the rebuild commits.
"""

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, transaction

from archive.models import Article
from search.index import rebuild

PROGRESS_EVERY = 10_000


class Command(BaseCommand):
    help = (
        "Rebuild the full-text search index of every article from scratch, in batches, in one "
        "transaction, never seen half built. It holds a lock throughout (minutes for a large "
        "archive): on SQLite, imports and annotations saved meanwhile fail after the busy "
        "timeout; on PostgreSQL, searches and imports wait. Run it when nobody writes."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--batch-size", type=int, default=500, help="Articles tokenised and written at once."
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Say how many articles would be indexed."
        )

    def handle(self, *args, batch_size, dry_run, verbosity, **options):
        if dry_run:
            count = Article.objects.count()
            self.stdout.write(f"dry run, nothing written: would index {count} articles")
            return
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1")

        shown = [0]

        def on_batch(done: int) -> None:
            if verbosity >= 2 or (verbosity == 1 and done - shown[0] >= PROGRESS_EVERY):
                self.stdout.write(f"… {done} articles")
                shown[0] = done

        started = time.perf_counter()
        try:
            with transaction.atomic():
                count = rebuild(batch_size=batch_size, on_batch=on_batch)
        except DatabaseError as exc:
            raise CommandError(f"the index could not be rebuilt: {exc}") from exc
        if verbosity >= 1:
            seconds = time.perf_counter() - started
            self.stdout.write(self.style.SUCCESS(f"indexed {count} articles in {seconds:.1f} s"))
