from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArchiveConfig(AppConfig):
    name = "archive"
    verbose_name = _("Archive")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django_tasks.signals import task_finished

        from .registry_generation import connect_registry_receivers
        from .relinking import run_failed_with_its_task

        connect_registry_receivers()
        task_finished.connect(run_failed_with_its_task, dispatch_uid="archive.relinking")
