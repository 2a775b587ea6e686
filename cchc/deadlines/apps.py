from django.apps import AppConfig


class DeadlinesConfig(AppConfig):
    name = "cchc.deadlines"
    verbose_name = "Thời hạn, nhắc việc"
