"""``cchc load-workdays [--jurisdiction CODE] [FILE]``: load a schedule of holidays, days off in lieu and
make-up working days into the database (idempotent; all rows or none).

Without ``--jurisdiction`` the file goes into the calendar of every root jurisdiction (created if
missing): the national schedule lives once at the top and every area below inherits it. FILE defaults
to the bundled table (settings.CCHC_WORKDAYS_CSV).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from cchc.calendar.actions import WorkdaysImportError, ensure_calendar, load_workdays
from cchc.calendar.management.cli import VietnameseCommand, fail
from cchc.calendar.queries import bundled_csv_path
from cchc.org.models import Jurisdiction

ACTOR = "cchc load-workdays"


class Command(VietnameseCommand):
    help = "Nạp lịch nghỉ lễ, nghỉ bù, làm bù từ tệp CSV vào lịch làm việc (chạy lại nhiều lần vẫn an toàn)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("file", nargs="?", help="tệp CSV (mặc định: bảng kèm theo phần mềm)")
        parser.add_argument(
            "--jurisdiction", metavar="MÃ", help="mã địa bàn (mặc định: mọi địa bàn cấp cao nhất)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"]) if options.get("file") else bundled_csv_path()
        if not path.is_file():
            fail(f"không tìm thấy tệp {path}")
        code = options.get("jurisdiction")
        if code:
            targets = list(Jurisdiction.objects.filter(code=code))
            if not targets:
                fail(f"không có địa bàn mã '{code}'")
        else:
            targets = list(Jurisdiction.objects.filter(parent__isnull=True).order_by("code"))
            if not targets:
                fail("chưa có địa bàn nào; hãy nạp tổ chức bộ máy trước (cchc load-demo hoặc nhập danh sách)")
        for jurisdiction in targets:
            calendar = ensure_calendar(jurisdiction, ACTOR)
            try:
                report = load_workdays(calendar, path, ACTOR)
            except WorkdaysImportError as exc:
                fail(f"tệp {path.name} chưa được nạp, không có thay đổi nào:\n" + "\n".join(exc.errors))
            self.stdout.write(f"✓ {jurisdiction.name}: {report.summary()}")
