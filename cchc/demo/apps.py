from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo's commands (``load-demo``, ``demo-logins``); no models. Above every app: its steps call
    each app's own ``demo`` module."""

    name = "cchc.demo"
    verbose_name = "Dữ liệu trình diễn"
