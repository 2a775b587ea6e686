"""``cchc import-published-results FILE.csv``: the province's published PAR INDEX and SIPAS results.
Exit 0 imported; 2 refused (each faulty row named, nothing written)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand

from cchc.scorecards.actions import import_published
from cchc.scorecards.published import PublishedImportError


class Command(BaseCommand):
    help = "Nhập kết quả PAR INDEX, SIPAS đã công bố (CSV)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("file")

    def handle(self, *args: Any, **opts: Any) -> None:
        path = Path(opts["file"])
        try:
            data = path.read_bytes()
        except OSError as exc:
            self.stderr.write(f"Không đọc được tệp {path}: {exc.strerror}")
            sys.exit(2)
        try:
            n = import_published("cchc import-published-results", data)
        except PublishedImportError as exc:
            for e in exc.errors:
                self.stderr.write(str(e))
            self.stderr.write("Không nhập dòng nào.")
            sys.exit(2)
        self.stdout.write(f"Đã nhập {n} kết quả công bố.")
