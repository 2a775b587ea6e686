"""``cchc feedback-stats --from 2022-01-01 --to 2022-12-31 [--unit CODE] --format json|csv``.

Prints per responsible unit and in total: received, answered_on_time, answered_late, open_within_time,
open_overdue, on_time_rate, satisfied, not_satisfied, satisfaction_rate (definitions in
``cchc.feedback.stats``).
"""

from __future__ import annotations

import csv
import json
from typing import Any

from cchc.feedback.stats import COUNT_FIELDS, document, figures
from cchc.org.unit_period_command import UnitPeriodCommand


class Command(UnitPeriodCommand):
    help = (
        "Số liệu phản ánh, kiến nghị theo đơn vị trong một kỳ: tiếp nhận, trả lời đúng/trễ hạn, "
        "đang xử lý trong/quá hạn, hài lòng."
    )
    example_day = "2022-12-31"

    def handle(self, *args: Any, **opts: Any) -> None:
        date_from, date_to, units = self.period_and_units(opts)
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
