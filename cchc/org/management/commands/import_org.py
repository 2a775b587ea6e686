"""``cchc import-org FILE [--kind units|officials] [--dry-run] --jurisdiction CODE``

Exit status: 0 imported (or, with --dry-run, would import), 1 rows rejected (nothing written),
2 unreadable input or bad arguments. The Vietnamese report goes to stderr when rows are rejected.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, NoReturn

from django.core.management.base import BaseCommand, CommandParser

from cchc.org.import_rows import import_org
from cchc.org.importing import OFFICIALS, UNITS, UnreadableFile
from cchc.org.models import Jurisdiction


class Command(BaseCommand):
    help = "Nhập danh sách đơn vị hoặc cán bộ từ tệp XLSX/CSV (tất cả hoặc không dòng nào)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="tệp .xlsx hoặc .csv (UTF-8)")
        parser.add_argument(
            "--kind", default="", help="units (đơn vị) hoặc officials (cán bộ); mặc định tự nhận biết"
        )
        parser.add_argument("--dry-run", action="store_true", help="chỉ kiểm tra, không ghi")
        parser.add_argument(
            "--jurisdiction", default="", help="mã địa bàn giới hạn phạm vi nhập (bắt buộc), ví dụ 747"
        )

    def fail(self, message: str, status: int) -> NoReturn:
        self.stderr.write(message)
        sys.exit(status)

    def handle(self, *args: Any, **options: Any) -> None:
        kind = options["kind"].strip().lower()
        if kind and kind not in (UNITS, OFFICIALS):
            self.fail(
                f"Loại danh sách «{kind}» không hợp lệ; dùng units (đơn vị) hoặc officials (cán bộ).", 2
            )
        code = options["jurisdiction"].strip()
        if not code:
            self.fail("Thiếu --jurisdiction MÃ: mã địa bàn mà tệp được phép thay đổi (ví dụ 747).", 2)
        area = Jurisdiction.objects.filter(code=code).first()
        if area is None:
            self.fail(f"Không có địa bàn mã «{code}».", 2)
        path = Path(options["file"])
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            self.fail(f"Không có tệp {path}.", 2)
        except IsADirectoryError:
            self.fail(f"{path} là một thư mục, không phải tệp.", 2)
        except PermissionError:
            self.fail(f"Không có quyền đọc tệp {path}.", 2)
        except OSError as exc:
            self.fail(f"Không đọc được tệp {path} (lỗi hệ thống {exc.errno}).", 2)
        try:
            report = import_org(
                data,
                path.name,
                actor=f"Dòng lệnh import-org ({path.name})",
                jurisdiction=area,
                kind=kind or None,
                dry_run=options["dry_run"],
            )
        except UnreadableFile as exc:
            self.fail(f"{path.name}: {exc}", 2)
        if not report.ok:
            self.fail(report.text(), 1)
        self.stdout.write(report.text())
