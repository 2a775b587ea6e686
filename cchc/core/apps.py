from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "cchc.core"
    verbose_name = "Hệ thống"

    def ready(self) -> None:
        from cchc.core import checks  # noqa: F401  (registers the deployment checks)
