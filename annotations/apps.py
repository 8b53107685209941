from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnnotationsConfig(AppConfig):
    name = "annotations"
    verbose_name = _("Annotations")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Each of these receives a signal of archive's.
        from . import entity_notes, page_state, reanchoring  # noqa: F401

        page_state.connect()
