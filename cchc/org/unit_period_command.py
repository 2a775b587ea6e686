"""What the per-unit statistics commands (``cchc dossier-stats``, ``cchc feedback-stats``) share: the
period (``--from``/``--to``), the unit with those under it (``--unit CODE``) and ``--format json|csv``,
read with a Vietnamese message and exit status 2 on bad input, before anything is read."""

from __future__ import annotations

import datetime as dt
import sys
from typing import Any, NoReturn

from django.core.management.base import BaseCommand, CommandParser

from cchc.org.models import Unit, UnitQuerySet


class UnitPeriodCommand(BaseCommand):
    # The day a wrong date's message shows as an example (each command's own period).
    example_day = "2022-06-30"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--from", dest="date_from", required=True, help="từ ngày yyyy-mm-dd")
        parser.add_argument("--to", dest="date_to", required=True, help="đến ngày yyyy-mm-dd")
        parser.add_argument("--unit", help="mã đơn vị (kèm các đơn vị trực thuộc)")
        parser.add_argument("--format", choices=("json", "csv"), default="json")

    def fail(self, message: str) -> NoReturn:
        self.stderr.write(message)
        sys.exit(2)

    def period_and_units(self, opts: dict[str, Any]) -> tuple[dt.date, dt.date, UnitQuerySet | None]:
        """The period asked for and the units to count (``None``: every unit)."""
        try:
            date_from = dt.date.fromisoformat(opts["date_from"])
            date_to = dt.date.fromisoformat(opts["date_to"])
        except ValueError:
            self.fail(f"Ngày phải có dạng yyyy-mm-dd, ví dụ {self.example_day}.")
        if date_to < date_from:
            self.fail("Ngày --to phải sau hoặc bằng ngày --from.")
        if not opts.get("unit"):
            return date_from, date_to, None
        unit = Unit.objects.filter(code=opts["unit"]).first()
        if unit is None:
            self.fail(f"Không có đơn vị mã «{opts['unit']}».")
        return date_from, date_to, unit.subtree()
