from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "cchc.accounts"
    verbose_name = "Tài khoản"
