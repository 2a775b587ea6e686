from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from cchc.deadlines import reminders
from cchc.deadlines.jobs import send_due_reminders
from cchc.notify.actions import retry_failed


class Command(BaseCommand):
    help = "Gửi nhắc việc trước hạn và báo cáo quá hạn theo thang nhắc việc (mỗi lượt nhắc chỉ gửi một lần)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--enqueue", action="store_true", help="đưa vào hàng đợi của tiến trình nền")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["enqueue"]:
            send_due_reminders.enqueue()
            self.stdout.write("Đã đưa việc gửi nhắc việc vào hàng đợi.")
            return
        sent = reminders.run()
        retried = retry_failed()
        self.stdout.write(f"Đã gửi {sent} thông báo; gửi lại {retried} thông báo lỗi.")
