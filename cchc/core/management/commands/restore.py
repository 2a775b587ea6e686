"""cchc restore TỆP: the archive of ``cchc backup`` into the configured database, which must be freshly
created (no tables; SQLite: no file yet), and MEDIA_ROOT, which must be empty; then every table's count,
the sampled records and every file's checksum are compared with the archive's manifest.

Exit 0 when restored and matching; 1 when restored but something differs (listed); 2 when refused (a
corrupt, truncated or foreign archive, a target that is not empty): nothing is changed then.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connections

from cchc.core.backup import BackupFailed, RestoreRefused, restore


class Command(BaseCommand):
    help = "Khôi phục một bản sao lưu vào cơ sở dữ liệu mới tạo và thư mục tệp trống, rồi đối chiếu số liệu."
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive", help="Tệp do cchc backup ghi")

    def handle(self, *args: Any, **opts: Any) -> None:
        try:
            report = restore(
                Path(opts["archive"]), connections["default"].settings_dict, Path(settings.MEDIA_ROOT)
            )
        except (RestoreRefused, BackupFailed) as exc:
            raise CommandError(str(exc), returncode=2) from exc
        rows = f"{report.rows:,}".replace(",", ".")
        self.stdout.write(
            f"Đã khôi phục {report.tables} bảng ({rows} bản ghi) và {report.files} tệp; "
            f"đã đối chiếu số bản ghi từng bảng, bản ghi mẫu của {report.sampled_tables} bảng và mã kiểm tra "
            "từng tệp."
        )
        if report.differences:
            for line in report.differences:
                self.stdout.write(f"KHÔNG KHỚP — {line}")
            raise SystemExit(1)
        self.stdout.write("Mọi số liệu khớp với bản sao lưu.")
