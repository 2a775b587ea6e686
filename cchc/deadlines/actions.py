"""State changes of a deadline. The owning app (tasks, petitions) decides *who* may do each one;
these functions keep the arithmetic and the record straight and write the audit event."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext

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
        raise ValidationError(gettext("Chỉ nhập hạn cụ thể hoặc thời hạn theo quy định, không nhập cả hai."))
    cal = calendar_for(jurisdiction)
    if limit is not None:
        original = dl.due_date(start, limit, cal)
    elif due is not None:
        if due < start:
            raise ValidationError({"due": gettext("Hạn hoàn thành không được trước ngày bắt đầu.")})
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
        raise ValidationError(gettext("Thời hạn đang tạm dừng."))
    if not reason.strip():
        raise ValidationError({"reason": gettext("Cần ghi lý do tạm dừng.")})
    p = DeadlinePause.objects.create(deadline=deadline, start=start, reason=reason)
    record(
        actor, DeadlinesEvents.PAUSED, deadline, summary=f"Tạm dừng tính hạn từ {start:%d/%m/%Y}: {reason}"
    )
    return p


@transaction.atomic
def resume(actor: Any, deadline: Deadline, *, end: dt.date) -> Deadline:
    p = deadline.pauses.filter(end__isnull=True).first()
    if p is None:
        raise ValidationError(gettext("Thời hạn không ở trạng thái tạm dừng."))
    if end < p.start:
        raise ValidationError({"end": gettext("Ngày tiếp tục không được trước ngày tạm dừng.")})
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
        raise ValidationError(gettext("Nhiệm vụ đã hoàn thành, không thể gia hạn."))
    if deadline.extensions.filter(status=ExtensionStatus.PENDING).exists():
        raise ValidationError(gettext("Đã có một đề nghị gia hạn đang chờ quyết định."))
    # Compare with the due date before paused time is added back: recompute_due applies the pauses on
    # top of the approved date, so comparing with ``due`` would refuse extensions shorter than a pause.
    base = _base_due(deadline)
    if base is not None and proposed_due <= base:
        raise ValidationError(
            {"proposed_due": gettext("Hạn đề nghị phải sau ngày %(day)s.") % {"day": f"{base:%d/%m/%Y}"}}
        )
    if not reason.strip():
        raise ValidationError({"reason": gettext("Cần nêu lý do đề nghị gia hạn.")})
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
        raise ValidationError(gettext("Đề nghị gia hạn này đã được quyết định."))
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
        raise ValidationError(gettext("Đã được xác nhận hoàn thành."))
    deadline.reported_on = on
    deadline.save(update_fields=["reported_on", "updated_at"])
    record(actor, DeadlinesEvents.REPORTED_DONE, deadline, summary=f"Báo cáo hoàn thành ngày {on:%d/%m/%Y}")
    return deadline


@transaction.atomic
def confirm_done(actor: Any, deadline: Deadline, *, on: dt.date) -> Deadline:
    if deadline.reported_on is None:
        raise ValidationError(gettext("Đơn vị chưa báo cáo hoàn thành."))
    deadline.done_on = on
    deadline.save(update_fields=["done_on", "updated_at"])
    record(actor, DeadlinesEvents.CONFIRMED_DONE, deadline, summary=f"Xác nhận hoàn thành ngày {on:%d/%m/%Y}")
    return deadline


@transaction.atomic
def send_back(actor: Any, deadline: Deadline, *, note: str) -> Deadline:
    """The assigner refuses the reported completion: the clock keeps running from the same due date."""
    if deadline.reported_on is None or deadline.done_on is not None:
        raise ValidationError(gettext("Không có báo cáo hoàn thành đang chờ xác nhận."))
    if not note.strip():
        raise ValidationError({"note": gettext("Cần ghi lý do trả lại.")})
    deadline.reported_on = None
    deadline.save(update_fields=["reported_on", "updated_at"])
    record(actor, DeadlinesEvents.SENT_BACK, deadline, summary=f"Trả lại báo cáo hoàn thành: {note[:200]}")
    return deadline


@transaction.atomic
def cancel(actor: Any, deadline: Deadline, *, on: dt.date, reason: str) -> Deadline:
    """Stop the clock for good: the item was withdrawn, so nobody is reminded or counted late for it."""
    if deadline.done_on is not None:
        raise ValidationError(gettext("Đã được xác nhận hoàn thành, không hủy được."))
    if deadline.cancelled_on is not None:
        raise ValidationError(gettext("Đã hủy trước đó."))
    if not reason.strip():
        raise ValidationError({"reason": gettext("Cần ghi lý do hủy.")})
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
        raise ValidationError({"reason": gettext("Cần ghi lý do chuyển.")})
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


# --- items whose clock another record drives ------------------------------------------------------


@dataclass(frozen=True)
class Tracked:
    """The wanted state of one deadline kept in step with another app's records (an inter-agency
    dossier step): the owning app works it out, ``sync`` writes the difference."""

    object_id: str
    title: str
    url: str
    jurisdiction_id: int
    unit_id: int
    official_id: int | None
    start: dt.date
    original_due: dt.date | None
    due: dt.date | None
    limit_value: int | None = None
    paused_since: dt.date | None = None  # the clock stands still from this day (None: running)
    finished_on: dt.date | None = None  # the item is done: no more reminders
    cancelled_on: dt.date | None = None  # the item ended without being done (a withdrawn dossier)


@dataclass
class SyncCounts:
    opened: int = 0
    changed: int = 0
    closed: int = 0

    @property
    def total(self) -> int:
        return self.opened + self.changed + self.closed


_SYNCED_FIELDS = (
    "title",
    "url",
    "jurisdiction_id",
    "unit_id",
    "official_id",
    "start_date",
    "limit_value",
    "original_due",
    "due",
    "reported_on",
    "done_on",
    "cancelled_on",
)


def _wanted(item: Tracked) -> dict[str, Any]:
    return {
        "title": item.title[:500],
        "url": item.url[:300],
        "jurisdiction_id": item.jurisdiction_id,
        "unit_id": item.unit_id,
        "official_id": item.official_id,
        "start_date": item.start,
        "limit_value": item.limit_value,
        "original_due": item.original_due,
        "due": item.due,
        "reported_on": item.finished_on,
        "done_on": item.finished_on,
        "cancelled_on": item.cancelled_on,
    }


@dataclass(frozen=True)
class Closure:
    """An open item whose record has ended: done on a day, or ended without being done."""

    finished_on: dt.date | None = None
    cancelled_on: dt.date | None = None


@transaction.atomic
def sync(
    actor: Any,
    object_type: str,
    items: Iterable[Tracked],
    *,
    today: dt.date,
    closures: Mapping[str, Closure] | None = None,
) -> SyncCounts:
    """Bring the deadlines of ``object_type`` to ``items`` (items not given are left as they are):
    create the missing ones, change what differs, open or close the pause; end the open ones named in
    ``closures``; and write one audit event for the whole run, with the counts. Runs in chunks, so a
    large set costs a few queries per thousand items."""
    counts = SyncCounts()
    closing = list((closures or {}).items())
    for i in range(0, len(closing), 1000):
        _close_chunk(object_type, dict(closing[i : i + 1000]), today, counts)
    chunk: list[Tracked] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= 1000:
            _sync_chunk(object_type, chunk, today, counts)
            chunk = []
    if chunk:
        _sync_chunk(object_type, chunk, today, counts)
    if counts.total:
        record(
            actor,
            DeadlinesEvents.SYNCED,
            object_type=object_type,
            summary=(
                f"Cập nhật thời hạn theo hồ sơ: {counts.opened} mới, {counts.changed} thay đổi, "
                f"{counts.closed} kết thúc"
            ),
            data={"opened": counts.opened, "changed": counts.changed, "closed": counts.closed},
        )
    return counts


def _close_chunk(object_type: str, chunk: dict[str, Closure], today: dt.date, counts: SyncCounts) -> None:
    rows = list(
        Deadline.objects.filter(
            object_type=object_type,
            object_id__in=list(chunk),
            done_on__isnull=True,
            cancelled_on__isnull=True,
        )
    )
    now = timezone.now()
    for d in rows:
        c = chunk[d.object_id]
        d.reported_on = d.done_on = c.finished_on
        d.cancelled_on = None if c.finished_on else (c.cancelled_on or today)
        d.updated_at = now
    Deadline.objects.bulk_update(rows, ["reported_on", "done_on", "cancelled_on", "updated_at"])
    DeadlinePause.objects.filter(deadline__in=rows, end__isnull=True).update(end=today)
    counts.closed += len(rows)


def _sync_chunk(object_type: str, chunk: list[Tracked], today: dt.date, counts: SyncCounts) -> None:
    ids = [i.object_id for i in chunk]
    existing = {d.object_id: d for d in Deadline.objects.filter(object_type=object_type, object_id__in=ids)}
    open_pauses = {
        p.deadline_id: p
        for p in DeadlinePause.objects.filter(deadline__in=list(existing.values()), end__isnull=True)
    }
    new: list[Deadline] = []
    changed: list[Deadline] = []
    for item in chunk:
        wanted = _wanted(item)
        d = existing.get(item.object_id)
        if d is None:
            new.append(Deadline(object_type=object_type, object_id=item.object_id, **wanted))
            continue
        was_open = d.done_on is None and d.cancelled_on is None
        if any(getattr(d, f) != v for f, v in wanted.items()):
            for f, v in wanted.items():
                setattr(d, f, v)
            changed.append(d)
            if was_open and (item.finished_on or item.cancelled_on):
                counts.closed += 1
            else:
                counts.changed += 1
    created = Deadline.objects.bulk_create(new)
    counts.opened += len(created)
    if changed:
        now = timezone.now()
        for d in changed:
            d.updated_at = now
        Deadline.objects.bulk_update(changed, [*_SYNCED_FIELDS, "updated_at"])
    if any(i.paused_since for i in chunk):
        # bulk_create sets primary keys on PostgreSQL and SQLite alike; read them back to be sure.
        existing = {
            d.object_id: d for d in Deadline.objects.filter(object_type=object_type, object_id__in=ids)
        }
    reason = "Chờ người nộp bổ sung hồ sơ"
    new_pauses: list[DeadlinePause] = []
    for item in chunk:
        d = existing.get(item.object_id)
        if d is None:
            continue
        pause_row = open_pauses.get(d.pk)
        if item.paused_since and pause_row is None:
            new_pauses.append(DeadlinePause(deadline=d, start=item.paused_since, reason=reason))
        elif pause_row is not None and not item.paused_since:
            pause_row.end = max(today, pause_row.start)
            pause_row.save(update_fields=["end"])
    DeadlinePause.objects.bulk_create(new_pauses)
