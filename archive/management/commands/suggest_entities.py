import json

from django.core.management.base import BaseCommand, CommandError

from archive.discovery import suggestions_refresh
from archive.models import Candidate, Entity


class Command(BaseCommand):
    help = (
        "List the names that the recogniser found but was not sure of (the suggestions queue, "
        "which editors confirm, merge or reject in the admin). With --refresh, first queue the "
        "recognition of every article again."
    )

    def add_arguments(self, parser):
        parser.add_argument("--kind", choices=Entity.Kind.values, help="Only this kind.")
        parser.add_argument(
            "--min-count", type=int, default=1, help="Only names seen at least this many times."
        )
        parser.add_argument(
            "--json", action="store_true", dest="as_json", help="Print the list as JSON."
        )
        parser.add_argument(
            "--refresh",
            action="store_true",
            help="Recognise every article again in the background (db_worker) first; open "
            "suggestions are counted again, editors' decisions are kept.",
        )

    def handle(self, *args, kind, min_count, as_json, refresh, verbosity, **options):
        if min_count < 1:
            raise CommandError("--min-count must be 1 or more")
        if refresh:
            articles, tasks = suggestions_refresh()
            if verbosity >= 1:
                self.stderr.write(f"queued {tasks} task(s) to recognise {articles} article(s)")
        rows = Candidate.objects.listed(kind=kind or "", min_count=min_count)
        items = [
            {
                "name": c.name,
                "kind": c.kind,
                "count": c.count,
                "articles": c.article_count,
                "score": c.score,
                "context": c.examples[0] if c.examples else "",
            }
            for c in rows
        ]
        if as_json:
            self.stdout.write(json.dumps(items, ensure_ascii=False, indent=1))
            return
        for item in items:
            self.stdout.write(
                f"{item['name']}\t{item['kind'] or '-'}\t{item['count']}\t{item['context']}"
            )
        if verbosity >= 1:
            self.stderr.write(self.style.SUCCESS(f"{len(items)} suggested name(s)"))
