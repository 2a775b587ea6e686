"""``cchc dossier-stats --from 2022-01-01 --to 2022-06-30 [--unit CODE] --format json|csv``.

Prints per handling unit and in total: received, early, on_time, late, open_within_time, open_overdue,
on_time_rate (definitions in ``cchc.dossiers.stats``), read from the daily facts only.
"""

from __future__ import annotations

import csv
import json
from typing import Any

from cchc.dossiers.stats import COUNT_FIELDS, stats_document, unit_stats
from cchc.org.unit_period_command import UnitPeriodCommand


class Command(UnitPeriodCommand):
    help = (
        "Số liệu hồ sơ theo đơn vị trong một kỳ (đọc từ số liệu ngày): tiếp nhận, "
        "trước/đúng/trễ hạn, đang giải quyết."
    )

    def handle(self, *args: Any, **opts: Any) -> None:
        date_from, date_to, units = self.period_and_units(opts)
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
