from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from cchc.core.events import record


class Command(BaseCommand):
    help = "Nạp dữ liệu trình diễn UBND thành phố Vũng Tàu năm 2022 (chạy lại nhiều lần vẫn an toàn)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--only", default="", help="chỉ nạp các bước này, ví dụ --only org,calendar (mặc định: tất cả)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        from cchc.demo.steps import STEPS

        only = {key.strip() for key in options["only"].split(",") if key.strip()}
        known = {key for key, _, _ in STEPS}
        if only - known:
            raise CommandError(
                f"Bước không tồn tại: {', '.join(sorted(only - known))}. Có: {', '.join(sorted(known))}"
            )
        for key, name, step in STEPS:
            if only and key not in only:
                continue
            with transaction.atomic():
                summary = step()
            self.stdout.write(f"✓ {name}: {summary}")
        record(
            "load-demo",
            "demo.loaded",
            object_type="demo",
            object_id="vungtau-2022",
            summary="Nạp dữ liệu trình diễn Vũng Tàu 2022",
        )
