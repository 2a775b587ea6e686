from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from cchc.feedback import mailbox
from cchc.feedback.jobs import poll_feedback_mailbox


class Command(BaseCommand):
    help = "Đọc hộp thư phản ánh (IMAP): mỗi thư chưa đọc thành một phản ánh có mã theo dõi."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--enqueue", action="store_true", help="đưa vào hàng đợi của tiến trình nền")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["enqueue"]:
            poll_feedback_mailbox.enqueue()
            self.stdout.write("Đã đưa việc đọc hộp thư phản ánh vào hàng đợi.")
            return
        result = mailbox.poll()
        self.stdout.write(result.summary())
