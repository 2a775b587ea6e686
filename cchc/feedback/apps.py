from django.apps import AppConfig


class FeedbackConfig(AppConfig):
    name = "cchc.feedback"
    verbose_name = "Phản ánh, kiến nghị"
