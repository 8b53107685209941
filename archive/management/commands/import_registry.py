from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from archive.registry import RegistryError, read_registry, registry_import, relink_all


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
            counts = relink_all()
            if verbosity >= 1:
                self.stdout.write(
                    f"linked {counts['mentions']} mentions in {counts['articles']} articles"
                )
