from django.apps import AppConfig


class UnitsiteConfig(AppConfig):
    name = "cchc.unitsite"
    verbose_name = "Trang thông tin của đơn vị: văn bản và tiện ích nhúng"
