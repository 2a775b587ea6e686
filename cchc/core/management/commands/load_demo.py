from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from cchc.core.events import record


class Command(BaseCommand):
    help = "Nạp dữ liệu trình diễn UBND thành phố Vũng Tàu năm 2022 (chạy lại nhiều lần vẫn an toàn)."

    def handle(self, *args: Any, **options: Any) -> None:
        from cchc.demo.steps import STEPS

        for name, step in STEPS:
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
