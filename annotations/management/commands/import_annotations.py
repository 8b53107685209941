from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from annotations.errors import Invalid
from annotations.import_parsing import parse_file
from annotations.importing import CREATED, annotations_import, summary


class Command(BaseCommand):
    help = (
        "Import a reader's annotations from Glossa's W3C JSON-LD export or a Hypothesis export "
        "(JSON). Annotations already here are skipped; those that cannot be placed are kept as "
        "orphans."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="The JSON or JSON-LD file.")
        parser.add_argument("--user", required=True, help="The username who will own them.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Report what would happen; write nothing."
        )

    def handle(self, *args, path, user, dry_run, verbosity, **options):
        reader = get_user_model().objects.filter(username=user).first()
        if reader is None:
            raise CommandError(f"no user named {user!r}")
        try:
            with open(path, "rb") as file:
                kind, entries = parse_file(file.read())
            lines = annotations_import(reader=reader, entries=entries, dry_run=dry_run)
        except OSError as exc:
            raise CommandError(f"cannot read {path}: {exc.strerror}") from exc
        except Invalid as exc:
            raise CommandError(f"{path}: {exc.message}") from exc
        for line in lines:
            if verbosity >= 2 or (verbosity >= 1 and line.status != CREATED):
                place = f" {line.article}" if line.article else ""
                self.stdout.write(f"{line.number:6} {line.status:9}{place}: {line.message}")
        if verbosity >= 1:
            prefix = "dry run, nothing written: " if dry_run else ""
            self.stdout.write(self.style.SUCCESS(f"{prefix}{kind}: {summary(lines)}"))
