from django.core.management.base import BaseCommand

from archive.candidates import candidates_refresh


class Command(BaseCommand):
    help = (
        "Collect names that look like people or organisations but are not in the registry, "
        "for editors to accept, map or ignore in the admin (Suggested names)."
    )

    def handle(self, *args, verbosity, **options):
        count = candidates_refresh()
        if verbosity >= 1:
            self.stdout.write(self.style.SUCCESS(f"{count} suggested names"))
