from django.apps import AppConfig


class ScorecardsConfig(AppConfig):
    name = "cchc.scorecards"
    verbose_name = "Chỉ số cải cách hành chính"
