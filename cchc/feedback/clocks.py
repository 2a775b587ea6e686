"""The legal time limits of a petition, kept by the product's one deadline machine (``cchc.deadlines``).

A petition gets one ``Clock`` per limit that applies to it, each with its own ``Deadline`` (pauses,
extensions with the original due date kept, the reminder and escalation ladder). Which clocks exist:

- feedback and petitions (766 ind. 5.2, docs/rules/indices.md): TRIAGE (reject within 2 working days) and
  PROCESS (15 working days) from receipt; PUBLISH (2 working days) from the answer, with consent;
- accountability requests (ND 59/2019, docs/rules/petitions.md): ACCEPT (5 working days) from receipt, then
  ANSWER (15 days) from the acceptance notice, suspendable and extendable once by ≤ 15 days;
- complaints and denunciations entered by staff: TRIAGE, closed when the citizen is redirected.

Every limit counts from the day the receipt counts from (``WorkCalendar.received_day``: a petition sent
on a Sunday or after the cut-off counts from the next working day), through the working-day calendar.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from cchc.calendar.queries import work_calendar_for
from cchc.deadlines import actions as deadlines
from cchc.deadlines.models import Deadline
from cchc.feedback.conf import setting
from cchc.feedback.models import Clock, ClockKind, Kind, Petition
from cchc.lib import deadlines as dl
from cchc.org.models import Jurisdiction, Unit


def limit_for(kind: str) -> dl.Limit:
    if kind == ClockKind.TRIAGE:
        return dl.Limit(int(setting("CCHC_FEEDBACK_REJECT_WORKING_DAYS")), dl.LimitUnit.WORKING_DAYS)
    if kind == ClockKind.PROCESS:
        return dl.Limit(int(setting("CCHC_FEEDBACK_PROCESS_WORKING_DAYS")), dl.LimitUnit.WORKING_DAYS)
    if kind == ClockKind.PUBLISH:
        return dl.Limit(int(setting("CCHC_FEEDBACK_PUBLISH_WORKING_DAYS")), dl.LimitUnit.WORKING_DAYS)
    if kind == ClockKind.ACCEPT:
        return dl.Limit(int(setting("CCHC_ACCOUNTABILITY_ACCEPT_WORKING_DAYS")), dl.LimitUnit.WORKING_DAYS)
    if kind == ClockKind.ANSWER:
        # ND 59/2019 Art. 13: "15 ngày" — calendar days (docs/rules/petitions.md, CONFIRMED).
        return dl.Limit(int(setting("CCHC_ACCOUNTABILITY_ANSWER_DAYS")), dl.LimitUnit.DAYS)
    raise ValueError(f"unknown clock kind {kind!r}")


def calendar(petition: Petition) -> dl.CalendarLike:
    return deadlines.calendar_for(petition.jurisdiction)


def received_day(jurisdiction: Jurisdiction, at: dt.datetime) -> dt.date:
    """The day a receipt at ``at`` counts from (next working day after the cut-off or on a day off)."""
    return work_calendar_for(jurisdiction).received_day(timezone.localtime(at).replace(tzinfo=None))


def local_day(at: dt.datetime) -> dt.date:
    return timezone.localtime(at).date()


def staff_url(petition: Petition) -> str:
    try:
        return reverse("feedback:detail", args=[petition.code])
    except NoReverseMatch:  # the staff screens are not mounted (a bare API installation)
        return ""


TITLES = {
    ClockKind.TRIAGE: "Phân loại phản ánh",
    ClockKind.PROCESS: "Trả lời phản ánh, kiến nghị",
    ClockKind.ACCEPT: "Tiếp nhận/từ chối yêu cầu giải trình",
    ClockKind.ANSWER: "Giải trình",
    ClockKind.PUBLISH: "Công khai kết quả trả lời",
}


def open_clock(actor: Any, petition: Petition, kind: str, *, start: dt.date, round: int = 1) -> Clock:
    clock = Clock.objects.create(petition=petition, kind=kind, round=round, opened_on=start)
    deadline = deadlines.open_deadline(
        actor,
        clock,
        title=f"{TITLES[ClockKind(kind)]} {petition.code}: {petition.title}"[:500],
        jurisdiction=petition.jurisdiction,
        unit=petition.unit,
        start=start,
        limit=limit_for(kind),
        official=petition.official,
        url=staff_url(petition),
    )
    clock.deadline = deadline
    clock.save(update_fields=["deadline"])
    return clock


def open_clocks(petition: Petition) -> QuerySet[Clock]:
    return petition.clocks.filter(closed_on__isnull=True).select_related("deadline")


def current(petition: Petition, kind: str) -> Clock | None:
    return (
        petition.clocks.filter(kind=kind, closed_on__isnull=True)
        .select_related("deadline")
        .order_by("-round")
        .first()
    )


def latest(petition: Petition, kind: str) -> Clock | None:
    return petition.clocks.filter(kind=kind).select_related("deadline").order_by("-round").first()


def close_clock(actor: Any, clock: Clock, *, on: dt.date, note: str = "") -> bool:
    """Stop a clock on day ``on``; returns whether that was within its (current) due date."""
    deadline = clock.deadline
    assert deadline is not None
    if deadline.pauses.filter(end__isnull=True).exists():
        deadlines.resume(actor, deadline, end=on)
        deadline.refresh_from_db()
    if deadline.reported_on is None:
        deadlines.report_done(actor, deadline, on=on)
    if deadline.done_on is None:
        deadlines.confirm_done(actor, deadline, on=on)
    on_time = deadline.due is None or on <= deadline.due
    clock.closed_on = on
    clock.on_time = on_time
    clock.closed_note = note[:255]
    clock.save(update_fields=["closed_on", "on_time", "closed_note"])
    return on_time


def close_all(actor: Any, petition: Petition, *, on: dt.date, note: str, kinds: tuple[str, ...] = ()) -> None:
    for clock in open_clocks(petition):
        if not kinds or clock.kind in kinds:
            close_clock(actor, clock, on=on, note=note)


def main_clock(petition: Petition) -> Clock | None:
    """The clock that says whether the petition was answered in time."""
    if petition.kind == Kind.ACCOUNTABILITY:
        return latest(petition, ClockKind.ANSWER) or latest(petition, ClockKind.ACCEPT)
    if petition.kind in (Kind.COMPLAINT, Kind.DENUNCIATION):
        return latest(petition, ClockKind.TRIAGE)
    return latest(petition, ClockKind.PROCESS) or latest(petition, ClockKind.TRIAGE)


def sync_due(petition: Petition) -> None:
    """Copy the governing due date onto the petition (figures read it without joins)."""
    clock = main_clock(petition)
    due = clock.deadline.due if clock is not None and clock.deadline is not None else None
    if due != petition.due_on:
        petition.due_on = due
        Petition.objects.filter(pk=petition.pk).update(due_on=due)


def move_to_unit(actor: Any, petition: Petition, unit: Unit) -> None:
    """Open clocks follow a transfer: reminders go to the new unit (the deadlines' own action)."""
    for clock in open_clocks(petition):
        if clock.deadline is not None:
            deadlines.change_unit(actor, clock.deadline, unit=unit, reason=f"phản ánh {petition.code}")


def set_official(petition: Petition) -> None:
    ids = [c.deadline_id for c in open_clocks(petition) if c.deadline_id]
    if ids:
        Deadline.objects.filter(pk__in=ids).update(official=petition.official)
