from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Search")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from archive.derivation import deriver_register

        from . import receivers  # noqa: F401 - keeps the index in step with the archive
        from .tokens import article_tokens

        # An import tokenises in its parsing workers, not in the process that writes.
        deriver_register("search", article_tokens)
