from django.apps import AppConfig


class SurveysConfig(AppConfig):
    name = "cchc.surveys"
    verbose_name = "Khảo sát mức độ hài lòng"
