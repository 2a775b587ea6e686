from django.apps import AppConfig


class DirectivesConfig(AppConfig):
    name = "cchc.directives"
    verbose_name = "Văn bản chỉ đạo, nhiệm vụ"
