from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _shipped_checklists(sender: Any, **kwargs: Any) -> None:
    from cchc.oversight.checklists import install
    from cchc.oversight.models import ChecklistItem, ChecklistTemplate

    install(ChecklistTemplate, ChecklistItem)


class OversightConfig(AppConfig):
    name = "cchc.oversight"
    label = "oversight"
    verbose_name = "Kiểm tra, xử lý trách nhiệm"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # The data migration writes the shipped checklists once; emptying the database (a browser test's
        # flush) removes them, so they are written again after each migrate, as content types are.
        post_migrate.connect(_shipped_checklists, sender=self, dispatch_uid="cchc.oversight.checklists")
        # Concluded findings naming an official become training needs (training reads them by its hook).
        from cchc.oversight.training_needs import finding_needs
        from cchc.training.needs import register_finding_source

        register_finding_source(finding_needs)
