from django.apps import AppConfig


class HomeConfig(AppConfig):
    """The role home pages: no models, only views, templates and URLs. It sits above every domain app
    because each page gathers figures from all of them."""

    name = "cchc.home"
    verbose_name = "Trang làm việc"
