from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from cchc.feedback.actions.citizen import close_answered
from cchc.feedback.jobs import close_answered_petitions


class Command(BaseCommand):
    help = "Việc hằng ngày của phản ánh: kết thúc các phản ánh đã trả lời quá thời hạn đề nghị xem xét lại."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--enqueue", action="store_true", help="đưa vào hàng đợi của tiến trình nền")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["enqueue"]:
            close_answered_petitions.enqueue()
            self.stdout.write("Đã đưa việc hằng ngày của phản ánh vào hàng đợi.")
            return
        self.stdout.write(f"Đã kết thúc {close_answered()} phản ánh đã trả lời.")
