"""``cchc import-procedures FILE [--dry-run]``: the procedure catalogue (TTHC) from CSV or XLSX.

Exit status: 0 imported, 1 rows rejected (nothing written), 2 unreadable input.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from cchc.dossiers.actions_procedures import import_procedures
from cchc.dossiers.importing import UnreadableInput


class Command(BaseCommand):
    help = (
        "Nhập danh mục thủ tục hành chính (CSV/XLSX). "
        "Mã thoát: 0 đã nhập, 1 có dòng lỗi, 2 không đọc được tệp."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file")
        parser.add_argument("--dry-run", action="store_true", help="chỉ kiểm tra, không ghi")

    def handle(self, *args: Any, **opts: Any) -> None:
        path = Path(opts["file"])
        try:
            data = path.read_bytes()
            result = import_procedures(
                data, path.name, actor="cchc import-procedures", dry_run=opts["dry_run"]
            )
        except OSError as exc:
            self.stderr.write(f"Không đọc được tệp {path}: {exc.strerror or exc}")
            sys.exit(2)
        except UnreadableInput as exc:
            self.stderr.write(f"Không đọc được tệp {path.name}: {exc}")
            sys.exit(2)
        if result.errors:
            for err in result.errors:
                self.stderr.write(str(err))
            self.stderr.write(result.summary())
            sys.exit(1)
        self.stdout.write(f"{path.name} ({result.rows} dòng): {result.summary()}")
