from django.core.management.base import BaseCommand, CommandError

from archive.rendering import RENDERER_VERSION
from archive.rerendering import rerender, stale_articles

PROGRESS_EVERY = 500


class Command(BaseCommand):
    help = (
        "Render stored articles again with the current renderer, from their front matter and "
        "Markdown (no source files needed). A changed text becomes a new revision and the "
        "annotations on it re-anchor; nothing is deleted."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--all", action="store_true", help="Every article, not only older renderers' ones."
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Say how many would be rendered; write nothing."
        )

    def handle(self, *args, all, dry_run, verbosity, **options):
        if dry_run:
            count = stale_articles(everything=all).count()
            self.stdout.write(
                f"dry run: would re-render {count} article(s) with {RENDERER_VERSION}"
            )
            return
        done = [0]

        def on_article(article, changed: bool) -> None:
            done[0] += 1
            if verbosity >= 2:
                self.stdout.write(
                    f"{'new text' if changed else 'same text':9} {article.source_key}"
                )
            elif verbosity == 1 and done[0] % PROGRESS_EVERY == 0:
                self.stdout.write(f"… {done[0]} articles")

        report = rerender(everything=all, on_article=on_article)
        for failure in report.failures:
            self.stderr.write(self.style.ERROR(f"failed    {failure}"))
        if verbosity >= 1:
            for note in report.notes:
                self.stdout.write(f"re-anchored {note}")
            style = self.style.SUCCESS if not report.failures else self.style.WARNING
            self.stdout.write(style(report.summary()))
        if report.failures:
            raise CommandError(f"{len(report.failures)} article(s) could not be re-rendered")
