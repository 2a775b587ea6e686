from django.apps import AppConfig
from django.utils.translation import gettext_lazy


class HomeConfig(AppConfig):
    """The role home pages: no models, only views, templates and URLs. It sits above every domain app
    because each page gathers figures from all of them."""

    name = "cchc.home"
    verbose_name = gettext_lazy("Trang làm việc")
