"""``cchc load-index-set --area 747 --year 2023 [FILE]``: the index set a jurisdiction scores a year with
(the shipped file for that year when FILE is not given). Exit 0 loaded; 2 refused — a file with a
missing maximum or criteria above their parent's maximum is named with its line; a year already
scored cannot change."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, NoReturn

from django.core.management.base import BaseCommand

from cchc.org.models import Jurisdiction
from cchc.scorecards.actions import ScorecardError, load_version

MAX_BYTES = 2_000_000


class Command(BaseCommand):
    help = "Nạp bộ chỉ số CCHC của thành phố cho một năm (tệp JSON)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("file", nargs="?")
        parser.add_argument("--area", required=True, help="mã địa bàn (ví dụ 747)")
        parser.add_argument("--year", type=int, required=True)

    def handle(self, *args: Any, **o: Any) -> None:
        area = Jurisdiction.objects.filter(code=o["area"]).first()
        if area is None:
            self._fail(f"Không có địa bàn mã «{o['area']}».")
        text = name = None
        if o["file"]:
            path = Path(o["file"])
            try:
                data = path.read_bytes()
            except OSError as exc:
                self._fail(f"Không đọc được tệp {path}: {exc.strerror}")
            if len(data) > MAX_BYTES:
                self._fail(f"Tệp {path.name} lớn quá 2 MB.")
            try:
                text, name = data.decode("utf-8"), path.name
            except UnicodeDecodeError:
                self._fail(f"Tệp {path.name} không phải văn bản UTF-8.")
        try:
            version = load_version("cchc load-index-set", area, o["year"], text=text, name=name or "")
        except ScorecardError as exc:
            self._fail(str(exc))
        self.stdout.write(f"Đã nạp {version.file_name} cho năm {version.year}.")

    def _fail(self, message: str) -> NoReturn:
        self.stderr.write(message)
        sys.exit(2)
