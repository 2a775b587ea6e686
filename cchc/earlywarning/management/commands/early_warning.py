import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from cchc.earlywarning.actions import refresh_risks
from cchc.earlywarning.digest import send_digests
from cchc.earlywarning.jobs import morning


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise CommandError(f"Ngày không hợp lệ: {text!r} (cần dạng YYYY-MM-DD).", returncode=2) from exc


class Command(BaseCommand):
    help = (
        "Tính lại nguy cơ trễ hạn của mọi hồ sơ, bước xử lý, nhiệm vụ và phản ánh đang mở, rồi gửi thư "
        "tổng hợp buổi sáng (mỗi người một thư mỗi ngày)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--enqueue", action="store_true", help="đưa vào hàng đợi của tiến trình nền")
        parser.add_argument("--today", type=_day, help="tính như vào sáng ngày này (YYYY-MM-DD)")
        parser.add_argument("--no-digest", action="store_true", help="không gửi thư tổng hợp")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["enqueue"]:
            morning.enqueue()
            self.stdout.write("Đã đưa việc tính nguy cơ trễ hạn vào hàng đợi.")
            return
        result = refresh_risks(options["today"])
        self.stdout.write(result.summary())
        if not options["no_digest"]:
            queued = send_digests(options["today"] or timezone.localdate())
            self.stdout.write(f"Đã gửi {queued} thư tổng hợp.")
