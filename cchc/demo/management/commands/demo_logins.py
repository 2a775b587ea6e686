from typing import Any

from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "In địa chỉ và tài khoản đăng nhập trình diễn, mỗi vai trò một tài khoản."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--url", default="http://127.0.0.1:8000/")

    def handle(self, *args: Any, **options: Any) -> None:
        from cchc.accounts.demo import DEMO_LOGINS, DEMO_PASSWORD

        self.stdout.write("")
        self.stdout.write(f"CCHC đang chạy tại {options['url']}")
        self.stdout.write(f"Tài khoản trình diễn (mật khẩu chung: {DEMO_PASSWORD}):")
        for login in DEMO_LOGINS:
            self.stdout.write(f"  {login.username:<10} {login.role.label}")
        self.stdout.write("")
