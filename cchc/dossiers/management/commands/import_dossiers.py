"""``cchc import-dossiers FILE [--dry-run] [--as-user USERNAME] [--jurisdiction CODE]``.

Exit status: 0 imported (or, with --dry-run, would import), 1 rows rejected (nothing written; each
rejected row is listed on stderr), 2 unreadable input or bad arguments.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandParser

from cchc.accounts.models import User
from cchc.dossiers.importing import UnreadableInput, import_path
from cchc.dossiers.progress import ProgressLine
from cchc.org.models import Jurisdiction

MAX_LISTED = 200


class Command(BaseCommand):
    help = (
        "Nhập hồ sơ TTHC từ tệp CSV, XLSX, JSON hoặc JSON theo dòng (tên trường theo Cổng DVC quốc gia). "
        "Mã thoát: 0 đã nhập, 1 có dòng bị từ chối (không ghi gì), 2 không đọc được tệp."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="tệp .csv, .xlsx, .json, .ndjson hoặc .jsonl")
        parser.add_argument("--dry-run", action="store_true", help="chỉ kiểm tra, không ghi")
        parser.add_argument("--as-user", help="nhập với quyền của tài khoản này (phạm vi đơn vị của họ)")
        parser.add_argument("--jurisdiction", help="mã địa bàn: chỉ nhận hồ sơ của đơn vị thuộc địa bàn này")
        parser.add_argument("--as-of", help="ngày đánh giá kết quả (yyyy-mm-dd), mặc định hôm nay")
        parser.add_argument("--quiet", action="store_true", help="không hiện thanh tiến độ")

    def fail(self, message: str, code: int = 2) -> None:
        self.stderr.write(message)
        sys.exit(code)

    def handle(self, *args: Any, **opts: Any) -> None:
        path = Path(opts["file"])
        if not path.is_file():
            self.fail(f"Không đọc được tệp {path}: không tìm thấy tệp")
        area = None
        if opts.get("jurisdiction"):
            area = Jurisdiction.objects.filter(code=opts["jurisdiction"]).first()
            if area is None:
                self.fail(f"Không có địa bàn mã «{opts['jurisdiction']}».")
        actor: Any = "cchc import-dossiers"
        if opts.get("as_user"):
            actor = User.objects.filter(username=opts["as_user"]).first()
            if actor is None:
                self.fail(f"Không có tài khoản «{opts['as_user']}».")
        as_of = None
        if opts.get("as_of"):
            try:
                as_of = dt.date.fromisoformat(opts["as_of"])
            except ValueError:
                self.fail(f"Ngày --as-of «{opts['as_of']}» không hợp lệ; dùng yyyy-mm-dd.")
        bar = None if opts.get("quiet") else ProgressLine(sys.stderr)
        try:
            outcome = import_path(
                path,
                path.name,
                actor=actor,
                dry_run=opts["dry_run"],
                jurisdiction=area,
                as_of=as_of,
                source=f"cchc import-dossiers {path.name}",
                progress=bar,
            )
        except UnreadableInput as exc:
            if bar:
                bar.close()
            self.fail(f"Không đọc được tệp {path.name}: {exc}")
            return
        except PermissionDenied as exc:
            if bar:
                bar.close()
            self.fail(str(exc))
            return
        if bar:
            bar.close()
        result = outcome.result
        if result.errors:
            for err in result.errors[:MAX_LISTED]:
                self.stderr.write(str(err))
            if len(result.errors) > MAX_LISTED:
                self.stderr.write(f"… và {len(result.errors) - MAX_LISTED} lỗi khác.")
            self.stderr.write(result.summary())
            sys.exit(1)
        self.stdout.write(f"{path.name} ({outcome.format}, {outcome.rows} dòng): {result.summary()}")
