from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from archive.registry import RegistryError, read_registry, registry_import
from archive.relinking import relink_now


class Command(BaseCommand):
    help = (
        "Import the curated registry of people and organisations (YAML), then link their "
        "mentions in every article again."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default="seeds/registry.yaml")
        parser.add_argument("--no-relink", action="store_true", help="Do not relink articles.")

    def handle(self, *args, path, no_relink, verbosity, **options):
        try:
            report = registry_import(data=read_registry(Path(path)))
        except RegistryError as exc:
            raise CommandError(str(exc)) from exc
        if verbosity >= 1:
            self.stdout.write(self.style.SUCCESS(report.summary()))
        if not no_relink:
            # Here, not in the background: whoever runs the command (scripts/serve, before the
            # workers start) expects the articles linked when it returns. It is recorded as a
            # run, so the admin shows it like the others.
            try:
                run = relink_now(reason="import_registry")
            except Exception as exc:
                raise CommandError(f"relinking failed: {exc}") from exc
            if verbosity >= 1:
                self.stdout.write(f"linked {run.mentions} mentions in {run.articles} articles")
