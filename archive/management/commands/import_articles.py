from django.core.management.base import BaseCommand, CommandError

from archive.importer import Failure, Outcome, Source, import_paths

PROGRESS_EVERY = 500


class Command(BaseCommand):
    help = (
        "Import Markdown articles with YAML or TOML front matter from files, folders or globs. "
        "Unchanged files are skipped; a changed file keeps its previous text as a revision."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="Files, folders or glob patterns.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Report what would happen; write nothing."
        )

    def handle(self, *args, paths, dry_run, verbosity, **options):
        done = [0]

        def on_file(source: Source, outcome: Outcome, warnings: list[str], notes: list[str]):
            done[0] += 1
            if verbosity >= 2:
                self.stdout.write(f"{outcome:9} {source.path}")
            elif verbosity == 1 and done[0] % PROGRESS_EVERY == 0:
                self.stdout.write(f"… {done[0]} files")
            if verbosity >= 2:  # what could not be read or rendered as the author meant
                for warning in warnings:
                    self.stdout.write(self.style.WARNING(f"warning   {source.path}: {warning}"))
            if verbosity >= 1:
                for note in notes:
                    self.stdout.write(f"{outcome:9} {source.path}: {note}")

        def on_failure(failure: Failure) -> None:
            self.stderr.write(self.style.ERROR(f"failed    {failure}"))

        report = import_paths(paths, dry_run=dry_run, on_file=on_file, on_failure=on_failure)
        if verbosity >= 1:
            prefix = "dry run, nothing written: would have " if dry_run else ""
            style = self.style.SUCCESS if not report.failed else self.style.WARNING
            self.stdout.write(style(prefix + report.summary()))
            if report.warnings and verbosity == 1:
                self.stdout.write(
                    f"{report.files_with_warnings} file(s) with warnings: -v 2 lists them"
                )
        if report.failed:
            raise CommandError(f"{report.failed} file(s) could not be imported (listed above)")
