"""``cchc dossier-stats --from 2022-01-01 --to 2022-06-30 [--unit CODE] --format json|csv``.

Prints per handling unit and in total: received, early, on_time, late, open_within_time, open_overdue,
on_time_rate (definitions in ``cchc.dossiers.stats``), read from the daily facts only.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from cchc.dossiers.stats import COUNT_FIELDS, stats_document, unit_stats
from cchc.org.models import Unit


class Command(BaseCommand):
    help = (
        "Số liệu hồ sơ theo đơn vị trong một kỳ (đọc từ số liệu ngày): tiếp nhận, "
        "trước/đúng/trễ hạn, đang giải quyết."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--from", dest="date_from", required=True, help="từ ngày yyyy-mm-dd")
        parser.add_argument("--to", dest="date_to", required=True, help="đến ngày yyyy-mm-dd")
        parser.add_argument("--unit", help="mã đơn vị (kèm các đơn vị trực thuộc)")
        parser.add_argument("--format", choices=("json", "csv"), default="json")

    def fail(self, message: str) -> None:
        self.stderr.write(message)
        sys.exit(2)

    def handle(self, *args: Any, **opts: Any) -> None:
        try:
            date_from = dt.date.fromisoformat(opts["date_from"])
            date_to = dt.date.fromisoformat(opts["date_to"])
        except ValueError:
            self.fail("Ngày phải có dạng yyyy-mm-dd, ví dụ 2022-06-30.")
            return
        if date_to < date_from:
            self.fail("Ngày --to phải sau hoặc bằng ngày --from.")
        units = None
        if opts.get("unit"):
            unit = Unit.objects.filter(code=opts["unit"]).first()
            if unit is None:
                self.fail(f"Không có đơn vị mã «{opts['unit']}».")
                return
            units = unit.subtree()
        rows, total = unit_stats(date_from, date_to, units=units)
        if opts["format"] == "json":
            doc = stats_document(date_from, date_to, rows, total)
            self.stdout.write(json.dumps(doc, ensure_ascii=False, indent=2))
            return
        writer = csv.writer(self.stdout, lineterminator="\n")
        writer.writerow(["unit", "name", *COUNT_FIELDS, "on_time_rate"])
        for r in [*rows, total]:
            rate = "" if r.on_time_rate is None else f"{r.on_time_rate:.4f}"
            writer.writerow([r.unit or "TOTAL", r.name, *(getattr(r, f) for f in COUNT_FIELDS), rate])
