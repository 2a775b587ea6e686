"""A reporting round as the city follows it: every unit asked for the period's report, its state, and
whether it has missed the due date (the sending deadline on the deadline machine)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext_noop

from cchc.org.models import Jurisdiction, Unit
from cchc.reports.models import PeriodicReport, State
from cchc.reports.periods import Slot
from cchc.reports.queries import reporting_units


@dataclass
class Line:
    unit: Unit
    report: PeriodicReport | None
    due: dt.date
    late: bool  # not sent and the due date has passed

    @property
    def state_label(self) -> str:
        """Vietnamese (a choice label marked with ``gettext_noop``); the page translates it."""
        return self.report.get_state_display() if self.report else gettext_noop("Chưa lập báo cáo")

    @property
    def sent(self) -> bool:
        return self.report is not None and self.report.state == State.SUBMITTED


def status(area: Jurisdiction, slot: Slot, today: dt.date) -> list[Line]:
    """Every reporting unit of the area for the period, those that have missed the due date first."""
    reports = {
        r.unit_id: r
        for r in PeriodicReport.objects.filter(
            jurisdiction=area, kind=slot.kind, year=slot.year, part=slot.part, is_city=False
        )
    }
    lines = []
    for unit in reporting_units(area, slot.end):
        report = reports.get(unit.pk)
        due = report.due_on if report else slot.due
        sent = report is not None and report.state == State.SUBMITTED
        lines.append(Line(unit, report, due, late=not sent and due < today))
    lines.sort(key=lambda line: (not line.late, line.sent, line.unit.code))
    return lines


def city_report(area: Jurisdiction, slot: Slot) -> PeriodicReport | None:
    return PeriodicReport.objects.filter(
        jurisdiction=area, kind=slot.kind, year=slot.year, part=slot.part, is_city=True
    ).first()
