from django.apps import AppConfig


class OversightConfig(AppConfig):
    name = "cchc.oversight"
    label = "oversight"
    verbose_name = "Kiểm tra, xử lý trách nhiệm"
    default_auto_field = "django.db.models.BigAutoField"
