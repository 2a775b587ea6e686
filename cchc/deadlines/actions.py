"""State changes of a deadline. The owning app (tasks, petitions) decides *who* may do each one;
these functions keep the arithmetic and the record straight and write the audit event."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone

from cchc.core.events import record
from cchc.deadlines.audit_events import DeadlinesEvents
from cchc.deadlines.models import Deadline, DeadlineExtension, DeadlinePause, ExtensionStatus
from cchc.lib import deadlines as dl
from cchc.org.models import Jurisdiction, Official, Unit


def calendar_for(jurisdiction: Jurisdiction) -> dl.CalendarLike:
    from cchc.calendar.queries import work_calendar_for

    return work_calendar_for(jurisdiction)


def _limit(deadline: Deadline) -> dl.Limit | None:
    if deadline.limit_value is None:
        return None
    return dl.Limit(deadline.limit_value, dl.LimitUnit(deadline.limit_unit))


def _base_due(deadline: Deadline) -> dt.date | None:
    approved = (
        deadline.extensions.filter(status=ExtensionStatus.APPROVED).order_by("-decided_at", "-pk").first()
    )
    return approved.proposed_due if approved else deadline.original_due


def recompute_due(deadline: Deadline, today: dt.date | None = None) -> dt.date | None:
    """The current due date: the original one (from the limit, or as given), replaced by the last approved
    extension, then moved by the paused time counted in the limit's unit (working days by default)."""
    cal = calendar_for(deadline.jurisdiction)
    today = today or timezone.localdate()
    approved = (
        deadline.extensions.filter(status=ExtensionStatus.APPROVED).order_by("-decided_at", "-pk").first()
    )
    base = approved.proposed_due if approved else deadline.original_due
    if base is None:
        return None
    # An approved date on a non-working day ends on the next working day, as an opened one does
    # (BLDS 2015 Art. 148, docs/rules/working-days.md); the original is already a working day.
    base = _next_working(base, cal)
    unit = dl.LimitUnit(deadline.limit_unit)
    pauses = [dl.Pause(p.start, p.end) for p in deadline.pauses.all()]
    shift = dl.paused_length(pauses, unit, cal, today)
    if shift == 0:
        return base
    return (
        cal.add_working_days(base, shift)
        if unit == dl.LimitUnit.WORKING_DAYS
        else cal.add_calendar_days(base, shift)
    )


@transaction.atomic
def open_deadline(
    actor: Any,
    obj: models.Model,
    *,
    title: str,
    jurisdiction: Jurisdiction,
    unit: Unit,
    start: dt.date,
    due: dt.date | None = None,
    limit: dl.Limit | None = None,
    official: Official | None = None,
    assigner_unit: Unit | None = None,
    url: str = "",
) -> Deadline:
    """Start the clock for ``obj``: either an explicit due date (tasks) or a legal limit counted through
    the calendar (petitions). A due date on a non-working day moves to the next working day (BLDS 2015
    Art. 148, docs/rules/working-days.md)."""
    if due is not None and limit is not None:
        raise ValidationError("Chỉ nhập hạn cụ thể hoặc thời hạn theo quy định, không nhập cả hai.")
    cal = calendar_for(jurisdiction)
    if limit is not None:
        original = dl.due_date(start, limit, cal)
    elif due is not None:
        if due < start:
            raise ValidationError({"due": "Hạn hoàn thành không được trước ngày bắt đầu."})
        original = _next_working(due, cal)
    else:
        original = None
    deadline = Deadline.objects.create(
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        title=title[:500],
        url=url,
        jurisdiction=jurisdiction,
        unit=unit,
        official=official,
        assigner_unit=assigner_unit,
        start_date=start,
        limit_value=limit.value if limit else None,
        limit_unit=(limit.unit if limit else dl.LimitUnit.WORKING_DAYS).value,
        original_due=original,
        due=original,
    )
    record(
        actor,
        DeadlinesEvents.OPENED,
        deadline,
        summary=f"Bắt đầu tính hạn: {title[:200]}",
        data={"due": str(original) if original else None},
    )
    return deadline


def _next_working(day: dt.date, cal: dl.CalendarLike) -> dt.date:
    d = day
    while not cal.is_working_day(d):
        d += dt.timedelta(days=1)
    return d


@transaction.atomic
def pause(actor: Any, deadline: Deadline, *, start: dt.date, reason: str) -> DeadlinePause:
    if deadline.pauses.filter(end__isnull=True).exists():
        raise ValidationError("Thời hạn đang tạm dừng.")
    if not reason.strip():
        raise ValidationError({"reason": "Cần ghi lý do tạm dừng."})
    p = DeadlinePause.objects.create(deadline=deadline, start=start, reason=reason)
    record(
        actor, DeadlinesEvents.PAUSED, deadline, summary=f"Tạm dừng tính hạn từ {start:%d/%m/%Y}: {reason}"
    )
    return p


@transaction.atomic
def resume(actor: Any, deadline: Deadline, *, end: dt.date) -> Deadline:
    p = deadline.pauses.filter(end__isnull=True).first()
    if p is None:
        raise ValidationError("Thời hạn không ở trạng thái tạm dừng.")
    if end < p.start:
        raise ValidationError({"end": "Ngày tiếp tục không được trước ngày tạm dừng."})
    p.end = end
    p.save(update_fields=["end"])
    old = deadline.due
    deadline.due = recompute_due(deadline, end)
    deadline.save(update_fields=["due", "updated_at"])
    record(
        actor,
        DeadlinesEvents.RESUMED,
        deadline,
        summary=f"Tiếp tục tính hạn từ {end:%d/%m/%Y}",
        data={"due": [str(old), str(deadline.due)]},
    )
    return deadline


@transaction.atomic
def request_extension(
    actor: Any, deadline: Deadline, *, proposed_due: dt.date, reason: str
) -> DeadlineExtension:
    if deadline.done_on is not None:
        raise ValidationError("Nhiệm vụ đã hoàn thành, không thể gia hạn.")
    if deadline.extensions.filter(status=ExtensionStatus.PENDING).exists():
        raise ValidationError("Đã có một đề nghị gia hạn đang chờ quyết định.")
    # Compare with the due date before paused time is added back: recompute_due applies the pauses on
    # top of the approved date, so comparing with ``due`` would refuse extensions shorter than a pause.
    base = _base_due(deadline)
    if base is not None and proposed_due <= base:
        raise ValidationError({"proposed_due": f"Hạn đề nghị phải sau ngày {base:%d/%m/%Y}."})
    if not reason.strip():
        raise ValidationError({"reason": "Cần nêu lý do đề nghị gia hạn."})
    ext = DeadlineExtension.objects.create(
        deadline=deadline,
        requested_by=actor if getattr(actor, "pk", None) else None,
        proposed_due=proposed_due,
        reason=reason,
    )
    record(
        actor,
        DeadlinesEvents.EXTENSION_REQUESTED,
        deadline,
        summary=f"Đề nghị gia hạn đến {proposed_due:%d/%m/%Y}: {reason[:200]}",
    )
    return ext


@transaction.atomic
def decide_extension(
    actor: Any, ext: DeadlineExtension, *, approve: bool, note: str = ""
) -> DeadlineExtension:
    """Only the assigner decides (the caller checks that). A refusal keeps the current due date; an
    approval moves ``due`` and leaves ``original_due`` on record for the statistics."""
    if ext.status != ExtensionStatus.PENDING:
        raise ValidationError("Đề nghị gia hạn này đã được quyết định.")
    ext.status = ExtensionStatus.APPROVED if approve else ExtensionStatus.REFUSED
    ext.decided_by = actor if getattr(actor, "pk", None) else None
    ext.decided_at = timezone.now()
    ext.decision_note = note
    ext.save()
    deadline = ext.deadline
    old = deadline.due
    if approve:
        deadline.due = recompute_due(deadline)
        deadline.save(update_fields=["due", "updated_at"])
    record(
        actor,
        DeadlinesEvents.EXTENSION_APPROVED if approve else DeadlinesEvents.EXTENSION_REFUSED,
        deadline,
        summary=("Đồng ý" if approve else "Không đồng ý") + f" gia hạn đến {ext.proposed_due:%d/%m/%Y}",
        data={"due": [str(old), str(deadline.due)], "note": note},
    )
    return ext


@transaction.atomic
def report_done(actor: Any, deadline: Deadline, *, on: dt.date) -> Deadline:
    if deadline.done_on is not None:
        raise ValidationError("Đã được xác nhận hoàn thành.")
    deadline.reported_on = on
    deadline.save(update_fields=["reported_on", "updated_at"])
    record(actor, DeadlinesEvents.REPORTED_DONE, deadline, summary=f"Báo cáo hoàn thành ngày {on:%d/%m/%Y}")
    return deadline


@transaction.atomic
def confirm_done(actor: Any, deadline: Deadline, *, on: dt.date) -> Deadline:
    if deadline.reported_on is None:
        raise ValidationError("Đơn vị chưa báo cáo hoàn thành.")
    deadline.done_on = on
    deadline.save(update_fields=["done_on", "updated_at"])
    record(actor, DeadlinesEvents.CONFIRMED_DONE, deadline, summary=f"Xác nhận hoàn thành ngày {on:%d/%m/%Y}")
    return deadline


@transaction.atomic
def send_back(actor: Any, deadline: Deadline, *, note: str) -> Deadline:
    """The assigner refuses the reported completion: the clock keeps running from the same due date."""
    if deadline.reported_on is None or deadline.done_on is not None:
        raise ValidationError("Không có báo cáo hoàn thành đang chờ xác nhận.")
    if not note.strip():
        raise ValidationError({"note": "Cần ghi lý do trả lại."})
    deadline.reported_on = None
    deadline.save(update_fields=["reported_on", "updated_at"])
    record(actor, DeadlinesEvents.SENT_BACK, deadline, summary=f"Trả lại báo cáo hoàn thành: {note[:200]}")
    return deadline


@transaction.atomic
def cancel(actor: Any, deadline: Deadline, *, on: dt.date, reason: str) -> Deadline:
    """Stop the clock for good: the item was withdrawn, so nobody is reminded or counted late for it."""
    if deadline.done_on is not None:
        raise ValidationError("Đã được xác nhận hoàn thành, không hủy được.")
    if deadline.cancelled_on is not None:
        raise ValidationError("Đã hủy trước đó.")
    if not reason.strip():
        raise ValidationError({"reason": "Cần ghi lý do hủy."})
    deadline.cancelled_on = on
    deadline.save(update_fields=["cancelled_on", "updated_at"])
    record(actor, DeadlinesEvents.CANCELLED, deadline, summary=f"Hủy ngày {on:%d/%m/%Y}: {reason[:200]}")
    return deadline


@transaction.atomic
def change_unit(
    actor: Any, deadline: Deadline, *, unit: Unit, reason: str, official: Official | None = None
) -> Deadline:
    """Hand the item to another unit (a transfer): the clock keeps running; who answers for it changes."""
    if not reason.strip():
        raise ValidationError({"reason": "Cần ghi lý do chuyển."})
    old = deadline.unit
    deadline.unit = unit
    deadline.official = official
    deadline.save(update_fields=["unit", "official", "updated_at"])
    record(
        actor,
        DeadlinesEvents.UNIT_CHANGED,
        deadline,
        summary=f"Chuyển từ {old.name} sang {unit.name}: {reason[:200]}",
        data={"unit": [old.code, unit.code]},
    )
    return deadline


def state(deadline: Deadline, today: dt.date | None = None) -> dl.State:
    return dl.state_of(
        deadline.due,
        today=today or timezone.localdate(),
        done_on=deadline.done_on,
        reported_on=deadline.reported_on,
    )
