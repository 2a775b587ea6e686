"""`cchc spawn-occurrences [--today YYYY-MM-DD] [--enqueue]`: create the dated occurrences of recurring
tasks whose period has begun (idempotent: one occurrence per task and period)."""

from __future__ import annotations

import datetime as dt
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from cchc.directives.actions import spawn_occurrences
from cchc.directives.jobs import spawn_due_occurrences


class Command(BaseCommand):
    help = "Tạo nhiệm vụ từng kỳ cho các nhiệm vụ định kỳ (hằng tháng, quý, 6 tháng, năm, thường xuyên)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--today", help="tính như thể hôm nay là ngày này (YYYY-MM-DD hoặc dd/mm/yyyy)")
        parser.add_argument("--enqueue", action="store_true", help="đưa vào hàng đợi của tiến trình nền")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["enqueue"]:
            spawn_due_occurrences.enqueue()
            self.stdout.write("Đã đưa việc tạo nhiệm vụ định kỳ vào hàng đợi.")
            return
        on = None
        if options.get("today"):
            on = _parse(options["today"])
            if on is None:
                sys.stderr.write(
                    f"Lỗi: ngày '{options['today']}' không hợp lệ; viết YYYY-MM-DD hoặc dd/mm/yyyy.\n"
                )
                sys.exit(2)
        made = spawn_occurrences(on)
        self.stdout.write(f"Đã tạo {made} nhiệm vụ theo kỳ.")


def _parse(text: str) -> dt.date | None:
    for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(text.strip(), fmt).date()
        except ValueError:
            continue
    return None
