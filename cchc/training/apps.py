from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _topics(sender: Any, **kwargs: Any) -> None:
    from cchc.training.topics import ensure_topics

    ensure_topics(using=kwargs.get("using", "default"))


class TrainingConfig(AppConfig):
    name = "cchc.training"
    verbose_name = "Đào tạo, bồi dưỡng"

    def ready(self) -> None:
        # The founding letter's topics exist in every installation, written after each migrate (and,
        # like content types, again after a test database is emptied).
        post_migrate.connect(_topics, sender=self, dispatch_uid="cchc.training.topics")
