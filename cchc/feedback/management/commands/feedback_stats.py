"""``cchc feedback-stats --from 2022-01-01 --to 2022-12-31 [--unit CODE] --format json|csv``.

Prints per responsible unit and in total: received, answered_on_time, answered_late, open_within_time,
open_overdue, on_time_rate, satisfied, not_satisfied, satisfaction_rate (definitions in
``cchc.feedback.stats``).
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import sys
from typing import Any, NoReturn

from django.core.management.base import BaseCommand, CommandParser

from cchc.feedback.stats import COUNT_FIELDS, document, figures
from cchc.org.models import Unit


class Command(BaseCommand):
    help = (
        "Số liệu phản ánh, kiến nghị theo đơn vị trong một kỳ: tiếp nhận, trả lời đúng/trễ hạn, "
        "đang xử lý trong/quá hạn, hài lòng."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--from", dest="date_from", required=True, help="từ ngày yyyy-mm-dd")
        parser.add_argument("--to", dest="date_to", required=True, help="đến ngày yyyy-mm-dd")
        parser.add_argument("--unit", help="mã đơn vị (kèm các đơn vị trực thuộc)")
        parser.add_argument("--format", choices=("json", "csv"), default="json")

    def fail(self, message: str) -> NoReturn:
        self.stderr.write(message)
        sys.exit(2)

    def handle(self, *args: Any, **opts: Any) -> None:
        try:
            date_from = dt.date.fromisoformat(opts["date_from"])
            date_to = dt.date.fromisoformat(opts["date_to"])
        except ValueError:
            self.fail("Ngày phải có dạng yyyy-mm-dd, ví dụ 2022-12-31.")
        if date_to < date_from:
            self.fail("Ngày --to phải sau hoặc bằng ngày --from.")
        units = None
        if opts.get("unit"):
            unit = Unit.objects.filter(code=opts["unit"]).first()
            if unit is None:
                self.fail(f"Không có đơn vị mã «{opts['unit']}».")
            units = unit.subtree()
        rows, total = figures(date_from, date_to, units=units)
        if opts["format"] == "json":
            self.stdout.write(
                json.dumps(document(date_from, date_to, rows, total), ensure_ascii=False, indent=2)
            )
            return
        writer = csv.writer(self.stdout, lineterminator="\n")
        writer.writerow(["unit", "name", *COUNT_FIELDS, "on_time_rate", "satisfaction_rate"])
        for r in [*rows, total]:
            rates = ["" if x is None else f"{x:.4f}" for x in (r.on_time_rate, r.satisfaction_rate)]
            writer.writerow([r.unit or "TOTAL", r.name, *(getattr(r, f) for f in COUNT_FIELDS), *rates])
