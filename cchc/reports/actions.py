"""State changes of periodic reports: draft, edit, approve, send; and the city asking its units for a
period's reports. Each writes an audit event; the sending deadline runs on the deadline machine
(``cchc.deadlines``), whose reminder ladder chases the units before and after the due date."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from cchc.accounts.models import User
from cchc.core.events import diff, record
from cchc.core.roles import Role
from cchc.deadlines import actions as deadlines
from cchc.deadlines.models import Deadline
from cchc.lib.dossier_period import Period
from cchc.notify.actions import send
from cchc.org.models import Jurisdiction, Unit
from cchc.reports import drafting
from cchc.reports.audit_events import ReportsEvents
from cchc.reports.models import PeriodicReport, State
from cchc.reports.periods import Slot
from cchc.reports.queries import city_unit, may_approve, reporting_area, reporting_units, reports_for


def _deadline(report: PeriodicReport) -> Deadline | None:
    return Deadline.objects.filter(object_type=report._meta.label_lower, object_id=str(report.pk)).first()


def _open_clock(actor: Any, report: PeriodicReport) -> None:
    if _deadline(report) is not None:
        return
    committee = city_unit(report.jurisdiction) if not report.is_city else None
    deadlines.open_deadline(
        actor,
        report,
        title=f"Gửi báo cáo cải cách hành chính {report.period_label}",
        jurisdiction=report.jurisdiction,
        unit=report.unit,
        start=min(report.period_end, timezone.localdate()),
        due=report.due_on,
        assigner_unit=committee,
        url=reverse("reports:periodic_detail", args=[report.pk]),
    )


def _create(
    actor: Any, unit: Unit, area: Jurisdiction, slot: Slot, *, is_city: bool
) -> tuple[PeriodicReport, bool]:
    report, created = PeriodicReport.objects.get_or_create(
        unit=unit,
        kind=slot.kind,
        year=slot.year,
        part=slot.part,
        defaults={
            "jurisdiction": area,
            "period_start": slot.start,
            "period_end": slot.end,
            "due_on": slot.due,
            "is_city": is_city,
            "created_by": actor if getattr(actor, "is_authenticated", False) else None,
            "sections": dict.fromkeys(drafting.SECTION_KEYS, ""),
        },
    )
    if created:
        record(actor, ReportsEvents.DRAFTED, report, summary=f"Lập dự thảo {report}")
    return report, created


@transaction.atomic
def draft(actor: Any, unit: Unit, slot: Slot, *, is_city: bool = False) -> PeriodicReport:
    """The unit's report for the period (created as a draft if it does not exist yet)."""
    area = unit.jurisdiction if is_city else reporting_area(unit)
    report, _ = _create(actor, unit, area, slot, is_city=is_city)
    # The city's own report runs on a clock too: the reminder ladder reaches its committee's head.
    _open_clock(actor, report)
    return report


@transaction.atomic
def open_round(actor: Any, area: Jurisdiction, slot: Slot) -> int:
    """The city asks every reporting unit for the period's report: a draft for each, with its sending
    deadline (reminders follow). Returns the number of units newly asked."""
    asked = 0
    for unit in reporting_units(area, slot.end):
        report, created = _create(actor, unit, area, slot, is_city=False)
        if created:
            asked += 1
        _open_clock(actor, report)
    record(
        actor,
        ReportsEvents.ROUND_OPENED,
        object_type="reports.round",
        object_id=f"{area.pk}:{slot.kind}:{slot.year}:{slot.part}",
        summary=f"Yêu cầu {asked} đơn vị gửi báo cáo kỳ {slot.start:%d/%m/%Y}–{slot.end:%d/%m/%Y}",
        data={"due": slot.due.isoformat(), "asked": asked},
    )
    return asked


def _writable(actor: Any, report: PeriodicReport) -> None:
    if not reports_for(actor, write=True).filter(pk=report.pk).exists():
        raise PermissionDenied(gettext("Bạn không được sửa báo cáo này."))


@transaction.atomic
def edit_sections(actor: Any, report: PeriodicReport, sections: dict[str, str]) -> PeriodicReport:
    _writable(actor, report)
    report = PeriodicReport.objects.select_for_update().get(pk=report.pk)
    if report.state != State.DRAFT:
        raise ValidationError(gettext("Báo cáo đã được phê duyệt, không sửa được nữa."))
    before = dict(report.sections)
    after = {key: sections.get(key, before.get(key, "")) for key in drafting.SECTION_KEYS}
    report.sections = after
    report.save(update_fields=["sections"])
    changed = diff(before, after)
    record(
        actor,
        ReportsEvents.EDITED,
        report,
        summary=f"Sửa nội dung {report}",
        data={"sections": sorted(changed)},
    )
    return report


def assembled_from(report: PeriodicReport) -> list[PeriodicReport]:
    """The units' approved (or sent) reports of the same period: what the city's report adds up."""
    return list(
        PeriodicReport.objects.filter(
            jurisdiction=report.jurisdiction,
            kind=report.kind,
            year=report.year,
            part=report.part,
            is_city=False,
            state__in=[State.APPROVED, State.SUBMITTED],
        )
        .select_related("unit")
        .order_by("unit__code")
    )


def current_figures(report: PeriodicReport) -> dict[str, Any]:
    """The figures counted now: a unit's from every module, the city's from its units' approved ones."""
    period = Period(report.period_start, report.period_end)
    if report.is_city:
        return drafting.assemble((r.figures for r in assembled_from(report)), period)
    return drafting.unit_figures(report.unit, period)


def _number(report: PeriodicReport) -> str:
    taken = PeriodicReport.objects.filter(unit=report.unit, year=report.year).exclude(number="").count()
    symbol = report.unit.abbreviation or "UBND"
    return f"{taken + 1:02d}/BC-{symbol}"


@transaction.atomic
def approve(actor: Any, report: PeriodicReport) -> PeriodicReport:
    """The head (the leader, for the city's report) approves: the figures are frozen, a number given."""
    if not may_approve(actor, report):
        raise PermissionDenied(gettext("Chỉ người đứng đầu đơn vị phê duyệt báo cáo này."))
    return record_approval(actor, report, at=timezone.now())


@transaction.atomic
def record_approval(actor: Any, report: PeriodicReport, *, at: dt.datetime) -> PeriodicReport:
    """The approval itself, once the caller has checked who approves (``approve``; the demo records its
    heads' approvals of past quarters by name, at their dates)."""
    report = PeriodicReport.objects.select_for_update().get(pk=report.pk)
    if report.state != State.DRAFT:
        raise ValidationError(gettext("Báo cáo không ở trạng thái dự thảo."))
    report.figures = current_figures(report)
    report.number = _number(report)
    report.state = State.APPROVED
    report.approved_by = actor if getattr(actor, "is_authenticated", False) else None
    report.approved_at = at
    report.save(update_fields=["figures", "number", "state", "approved_by", "approved_at"])
    record(
        actor,
        ReportsEvents.APPROVED,
        report,
        summary=f"Phê duyệt {report} (số {report.number})",
        data={"number": report.number},
    )
    return report


@transaction.atomic
def submit(actor: Any, report: PeriodicReport, *, today: dt.date | None = None) -> PeriodicReport:
    """Send the approved report up; what was sent never changes again."""
    _writable(actor, report)
    day = today or timezone.localdate()
    at = (
        timezone.now()
        if today is None
        else dt.datetime.combine(day, dt.time(16, 0), tzinfo=timezone.get_current_timezone())
    )
    return record_sending(actor, report, at=at)


def _tell_the_city(report: PeriodicReport) -> None:
    """E-mail the city's office and secretariat that a unit's report has arrived (after commit)."""
    people = User.objects.filter(
        role__in=[Role.OFFICE, Role.SECRETARIAT], is_active=True, jurisdiction=report.jurisdiction
    ).exclude(email="")
    link = settings.SITE_URL.rstrip("/") + reverse("reports:periodic_detail", args=[report.pk])
    subject = f"[CCHC] {report.unit.name} đã gửi báo cáo {report.period_label}"
    body = f"{report.unit.name} đã gửi báo cáo số {report.number}.\nXem báo cáo: {link}"
    for person in people:
        send(
            "email",
            person.email,
            subject,
            body,
            dedupe_key=f"report-sent:{report.pk}:{person.email}"[:200],
            object_type="reports.periodicreport",
            object_id=str(report.pk),
        )


@transaction.atomic
def record_sending(
    actor: Any, report: PeriodicReport, *, at: dt.datetime, tell: bool = True
) -> PeriodicReport:
    """The sending itself, once the caller has checked who sends (``submit``; the demo's past quarters,
    without telling anyone)."""
    report = PeriodicReport.objects.select_for_update().get(pk=report.pk)
    if report.state != State.APPROVED:
        raise ValidationError(gettext("Báo cáo phải được phê duyệt trước khi gửi."))
    day = timezone.localtime(at).date()
    report.state = State.SUBMITTED
    report.submitted_by = actor if getattr(actor, "is_authenticated", False) else None
    report.submitted_at = at
    report.save(update_fields=["state", "submitted_by", "submitted_at"])
    clock = _deadline(report)
    if clock is not None and clock.reported_on is None:
        deadlines.report_done(actor, clock, on=day)
        deadlines.confirm_done(actor, clock, on=day)
    record(actor, ReportsEvents.SUBMITTED, report, summary=f"Gửi {report} lên cấp trên")
    if tell and not report.is_city:
        sent = report
        transaction.on_commit(lambda: _tell_the_city(sent))
    return report
