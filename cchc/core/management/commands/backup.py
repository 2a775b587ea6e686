"""cchc backup TỆP: the database and the uploaded files in one archive, with a manifest of counts,
sampled records and checksums (core.backup; docs/deploying.md).

Exit 0 when written; 2 when refused (the file exists, the database cannot be dumped).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connections

from cchc.core.backup import BackupFailed, RestoreRefused, backup


class Command(BaseCommand):
    help = "Sao lưu cơ sở dữ liệu và các tệp tải lên vào một tệp, kèm bản kê để kiểm tra khi khôi phục."
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive", help="Tệp sao lưu sẽ ghi (chưa có), ví dụ cchc-2026-12-06.cchc-backup")

    def handle(self, *args: Any, **opts: Any) -> None:
        archive = Path(opts["archive"])
        try:
            manifest = backup(archive, connections["default"].settings_dict, Path(settings.MEDIA_ROOT))
        except (RestoreRefused, BackupFailed) as exc:
            raise CommandError(str(exc), returncode=2) from exc
        rows = sum(manifest["tables"].values())
        files = sum(1 for name in manifest["members"] if name.startswith("media/"))
        size = archive.stat().st_size / 1e6
        rows_vn = f"{rows:,}".replace(",", ".")
        size_vn = f"{size:,.1f}".replace(",", " ").replace(".", ",").replace(" ", ".")
        self.stdout.write(
            f"Đã sao lưu {len(manifest['tables'])} bảng ({rows_vn} bản ghi) và {files} tệp vào {archive} "
            f"({size_vn} MB)."
        )
