"""Every change to a task: validated, audited, and through the one deadline machine.

The register's changes (entries, files, links, reading and confirming a document) are in
``actions_register``. Who may do what is decided in ``queries`` and checked here as well as in the
views, so a script or a future API gets the same answer as the screens. The deadline arithmetic (due
dates through the working-day calendar, extensions keeping the original due date, on time vs late)
belongs to ``cchc.deadlines``; nothing here computes a due date except the period of a recurring task.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext

from cchc.core.events import record
from cchc.deadlines import actions as clock
from cchc.deadlines.models import DeadlineExtension
from cchc.directives.audit_events import DirectivesEvents
from cchc.directives.models import (
    PERIODIC,
    Directive,
    ProgressReport,
    Recurrence,
    Task,
    TaskStatus,
)
from cchc.directives.queries import (
    can_assign,
    can_keep_register,
    can_lead,
    can_update,
)
from cchc.lib import deadlines as dl
from cchc.lib import recurrence as rec
from cchc.org.models import Jurisdiction, Official, Unit
from cchc.org.queries import user_jurisdiction, user_unit

# Mount point the lead gives the app in cchc/urls.py; used only if the URLconf is not loaded (a
# reminder link must never break task creation).
MOUNT = "/chi-dao/"


def today() -> dt.date:
    return timezone.localdate()


def max_upload_bytes() -> int:
    return int(getattr(settings, "CCHC_DIRECTIVE_MAX_UPLOAD_MB", 20)) * 1024 * 1024


def occurrence_due_day() -> int:
    # docs/rules/directive-tasks.md: regular reports by the 25th of the period's last month (ND 09/2019 Art.
    # 13, [CONFIRMED]); applying it to every recurring task is a choice, hence a setting.
    return int(getattr(settings, "CCHC_OCCURRENCE_DUE_DAY", 25))


TASK_RULE_DEFAULTS: dict[str, Any] = {
    # docs/rules/directive-tasks.md [UNCONFIRMED]: some provincial follow-up rules give tasks without a
    # deadline a default one; none is assumed unless configured.
    "default_working_days": None,
    # docs/rules/directive-tasks.md [INFERRED]: the lead asks before the deadline; whether a late request is
    # still accepted is the assigner's rule (default: accepted, and the task stays late against the original).
    "extension_after_due": True,
}


def task_rules(assigner: Unit) -> dict[str, Any]:
    """The assigning authority's follow-up rules: ``CCHC_TASK_RULES = {"default": {...}, "<unit code>":
    {...}}`` over ``TASK_RULE_DEFAULTS`` (docs/rules/directive-tasks.md: configurable for each assigning
    authority)."""
    configured = getattr(settings, "CCHC_TASK_RULES", {}) or {}
    return {**TASK_RULE_DEFAULTS, **configured.get("default", {}), **configured.get(assigner.code, {})}


def continuous_report_every() -> str:
    """How often a "thường xuyên" task (no deadline of its own) reports: "" for never."""
    return str(getattr(settings, "CCHC_CONTINUOUS_REPORT_EVERY", "quarterly"))


def task_url(task: Task) -> str:
    try:
        return reverse("directives:task_detail", args=[task.pk])
    except NoReverseMatch:
        return f"{MOUNT}nhiem-vu/{task.pk}/"


# --- shared --------------------------------------------------------------------------------------------


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "pk", None) else None


def _require_register(actor: Any, jurisdiction: Jurisdiction) -> None:
    if not can_keep_register(actor):
        raise PermissionDenied(gettext("Chỉ Văn phòng HĐND và UBND được cập nhật sổ văn bản chỉ đạo."))
    area = user_jurisdiction(actor)
    if not actor.is_superuser and (area is None or not jurisdiction.path.startswith(area.path)):
        raise PermissionDenied(gettext("Văn bản thuộc địa bàn khác."))


def _root_path(area: Jurisdiction) -> str:
    # Documents from above (the province's 9228/UBND-SNV) are registered in the city's own register:
    # look for targets within the whole tree the source belongs to.
    parts = [p for p in area.path.strip("/").split("/") if p]
    return f"/{parts[0]}/" if parts else area.path


# --- tasks ----------------------------------------------------------------------------------------------


def _title(directive: Directive, text: str, period_label: str = "") -> str:
    head = f"{directive.reference}"
    if period_label:
        head += f" ({period_label})"
    return f"{head}: {' '.join(text.split())}"[:500]


@transaction.atomic
def create_task(
    actor: Any,
    directive: Directive,
    *,
    text: str,
    lead_unit: Unit,
    assigner_unit: Unit,
    section: str = "",
    coordinating: Sequence[Unit] = (),
    officer: Official | None = None,
    due: dt.date | None = None,
    recurrence: str = "",
    repeat_until: dt.date | None = None,
    deadline_text: str = "",
    start: dt.date | None = None,
    parent: Task | None = None,
    period: rec.Period | None = None,
    spawn: bool = True,
) -> Task:
    """A task and its clock. A due date on a non-working day moves to the next working day (in
    ``open_deadline``: BLDS 2015 Art. 148, docs/rules/working-days.md); the date asked for is kept too."""
    if parent is None and not isinstance(actor, str):
        _require_register(actor, directive.jurisdiction)
    if not text.strip():
        raise ValidationError({"text": gettext("Cần nội dung nhiệm vụ.")})
    root = _root_path(directive.jurisdiction)
    for unit in (lead_unit, assigner_unit, *coordinating):
        if not unit.jurisdiction.path.startswith(root):
            raise ValidationError(
                {
                    "lead_unit": gettext("Đơn vị «%(unit)s» không thuộc địa bàn của văn bản.")
                    % {"unit": unit.name}
                }
            )
    if recurrence and recurrence not in Recurrence.values:
        raise ValidationError({"recurrence": gettext("Định kỳ không hợp lệ.")})
    if recurrence in PERIODIC and due is not None:
        raise ValidationError(
            {"due": gettext("Nhiệm vụ định kỳ không có hạn chung; hạn được tính cho từng kỳ.")}
        )
    start = start or directive.date
    limit = None
    if due is None and not recurrence and parent is None:
        days = task_rules(assigner_unit)["default_working_days"]
        limit = dl.Limit(int(days)) if days else None
    task = Task.objects.create(
        directive=directive,
        section=section[:20],
        text=text.strip(),
        lead_unit=lead_unit,
        officer=officer,
        assigner_unit=assigner_unit,
        deadline_text=deadline_text[:200],
        requested_due=due,
        recurrence=recurrence,
        repeat_until=repeat_until,
        parent=parent,
        period_start=period.start if period else None,
        period_label=period.label if period else "",
        created_by=_user(actor),
    )
    if coordinating:
        task.coordinating_units.set([u for u in coordinating if u.pk != lead_unit.pk])
    task.deadline = clock.open_deadline(
        actor,
        task,
        title=_title(directive, text, task.period_label),
        jurisdiction=lead_unit.jurisdiction,
        unit=lead_unit,
        start=start,
        due=due,
        limit=limit,
        official=officer,
        assigner_unit=assigner_unit,
        url=task_url(task),
    )
    task.save(update_fields=["deadline"])
    record(
        actor,
        DirectivesEvents.TASK_CREATED,
        task,
        summary=f"Giao {lead_unit.name}: {text[:150]}",
        data={"directive": directive.pk, "due": str(task.deadline.due) if task.deadline.due else None},
    )
    if spawn and recurrence and parent is None:
        spawn_for(task, today())
    return task


def _system(actor: Any) -> bool:
    """A string actor is a server-side job (the worker, the demo loader), never a request: it acts for
    the lead unit or the assigner, and the audit trail names it."""
    return isinstance(actor, str)


def _require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


def _clock(task: Task) -> Any:
    if task.deadline is None:
        raise ValidationError(gettext("Nhiệm vụ chưa có thời hạn theo dõi."))
    return task.deadline


@transaction.atomic
def add_progress(
    actor: Any, task: Task, *, percent: int, note: str, attachment: UploadedFile | None = None
) -> ProgressReport:
    _require(
        _system(actor) or can_update(actor, task), "Chỉ đơn vị chủ trì hoặc phối hợp được báo cáo tiến độ."
    )
    if task.status in (TaskStatus.DONE, TaskStatus.CANCELLED):
        raise ValidationError(gettext("Nhiệm vụ đã kết thúc, không nhận thêm báo cáo tiến độ."))
    if task.is_series:
        raise ValidationError(gettext("Báo cáo tiến độ theo từng kỳ của nhiệm vụ định kỳ."))
    if not 0 <= percent <= 100:
        raise ValidationError({"percent": gettext("Tiến độ là số phần trăm từ 0 đến 100.")})
    if percent == 100 and not _system(actor) and can_lead(actor, task):
        raise ValidationError({"percent": gettext("Đã xong 100%: hãy dùng nút 'Báo cáo hoàn thành'.")})
    if not note.strip():
        raise ValidationError({"note": gettext("Cần ghi nội dung báo cáo.")})
    report = _report(actor, task, percent=percent, note=note, attachment=attachment)
    if _system(actor) or actor.is_superuser or task.lead_unit.path.startswith(_unit_path(actor)):
        task.progress = percent
        task.save(update_fields=["progress"])
    record(actor, DirectivesEvents.TASK_PROGRESS, task, summary=f"Báo cáo tiến độ {percent}%: {note[:150]}")
    return report


def _unit_path(actor: Any) -> str:
    unit = user_unit(actor)
    return unit.path if unit else "\x00"


def _report(
    actor: Any,
    task: Task,
    *,
    percent: int,
    note: str,
    attachment: UploadedFile | None,
    completion: bool = False,
    at: dt.datetime | None = None,
) -> ProgressReport:
    report = ProgressReport(
        task=task,
        author=_user(actor),
        # A system job (the demo loader) reports for the lead unit.
        unit=user_unit(actor) if _user(actor) else task.lead_unit,
        percent=percent,
        note=note.strip(),
        is_completion=completion,
        at=at or timezone.now(),
    )
    if attachment is not None:
        name = os.path.basename(attachment.name or "tep-dinh-kem")
        if (attachment.size or 0) > max_upload_bytes():
            raise ValidationError({"attachment": gettext("Tệp «%(name)s» quá lớn.") % {"name": name}})
        report.attachment_name = name[:255]
        report.attachment.save(name, attachment, save=False)
    report.save()
    return report


@transaction.atomic
def report_completion(
    actor: Any,
    task: Task,
    *,
    note: str,
    attachment: UploadedFile | None = None,
    on: dt.date | None = None,
) -> Task:
    """The lead unit reports the task done; it waits for the assigner's confirmation."""
    _require(_system(actor) or can_lead(actor, task), "Chỉ đơn vị chủ trì được báo cáo hoàn thành.")
    if task.status != TaskStatus.OPEN:
        raise ValidationError(gettext("Chỉ báo cáo hoàn thành nhiệm vụ đang thực hiện."))
    if task.is_series:
        raise ValidationError(gettext("Nhiệm vụ định kỳ được báo cáo hoàn thành theo từng kỳ."))
    if not note.strip():
        raise ValidationError({"note": gettext("Cần ghi kết quả thực hiện.")})
    on = on or today()
    clock.report_done(actor, _clock(task), on=on)
    _report(actor, task, percent=100, note=note, attachment=attachment, completion=True, at=_noon(on))
    task.status = TaskStatus.AWAITING
    task.progress = 100
    task.save(update_fields=["status", "progress"])
    record(actor, DirectivesEvents.TASK_REPORTED_DONE, task, summary=f"Báo cáo hoàn thành ngày {on:%d/%m/%Y}")
    return task


def _noon(day: dt.date) -> dt.datetime:
    if day == today():
        return timezone.now()
    return timezone.make_aware(dt.datetime.combine(day, dt.time(10, 0)))


@transaction.atomic
def confirm_completion(actor: Any, task: Task, *, on: dt.date | None = None, note: str = "") -> Task:
    _require(_system(actor) or can_assign(actor, task), "Chỉ đơn vị giao nhiệm vụ được xác nhận hoàn thành.")
    if task.status != TaskStatus.AWAITING:
        raise ValidationError(gettext("Nhiệm vụ không ở trạng thái chờ xác nhận."))
    on = on or today()
    deadline = _clock(task)
    if deadline.reported_on and on < deadline.reported_on:
        raise ValidationError({"on": gettext("Ngày xác nhận không được trước ngày báo cáo hoàn thành.")})
    clock.confirm_done(actor, deadline, on=on)
    task.status = TaskStatus.DONE
    task.save(update_fields=["status"])
    record(
        actor,
        DirectivesEvents.TASK_CONFIRMED,
        task,
        summary=f"Xác nhận hoàn thành ngày {on:%d/%m/%Y}. {note}"[:500],
    )
    return task


@transaction.atomic
def send_back(actor: Any, task: Task, *, note: str) -> Task:
    """The assigner does not accept the reported completion: the task is open again, same deadline."""
    _require(
        _system(actor) or can_assign(actor, task), "Chỉ đơn vị giao nhiệm vụ được trả lại báo cáo hoàn thành."
    )
    if task.status != TaskStatus.AWAITING:
        raise ValidationError(gettext("Nhiệm vụ không ở trạng thái chờ xác nhận."))
    clock.send_back(actor, _clock(task), note=note)
    last = task.reports.filter(is_completion=False).order_by("-at", "-id").first()
    task.status = TaskStatus.OPEN
    task.progress = last.percent if last else 0
    task.save(update_fields=["status", "progress"])
    record(actor, DirectivesEvents.TASK_SENT_BACK, task, summary=f"Trả lại báo cáo hoàn thành: {note[:200]}")
    return task


@transaction.atomic
def request_extension(actor: Any, task: Task, *, proposed_due: dt.date, reason: str) -> DeadlineExtension:
    """docs/rules/directive-tasks.md [INFERRED]: the lead asks in writing before the deadline with reasons and
    a new date; whether a request after the deadline is accepted is a setting (default: yes, marked late)."""
    _require(_system(actor) or can_lead(actor, task), "Chỉ đơn vị chủ trì được đề nghị gia hạn.")
    if task.status != TaskStatus.OPEN:
        raise ValidationError(gettext("Chỉ đề nghị gia hạn nhiệm vụ đang thực hiện."))
    deadline = _clock(task)
    if deadline.due is None:
        raise ValidationError(gettext("Nhiệm vụ không có thời hạn, không cần gia hạn."))
    if today() > deadline.due and not task_rules(task.assigner_unit)["extension_after_due"]:
        raise ValidationError(gettext("Đã quá hạn: không nhận đề nghị gia hạn sau thời hạn."))
    ext = clock.request_extension(actor, deadline, proposed_due=proposed_due, reason=reason)
    record(
        actor,
        DirectivesEvents.TASK_EXTENSION_REQUESTED,
        task,
        summary=f"Đề nghị gia hạn đến {proposed_due:%d/%m/%Y}: {reason[:200]}",
        data={"extension": ext.pk},
    )
    return ext


@transaction.atomic
def decide_extension(
    actor: Any, ext: DeadlineExtension, *, approve: bool, note: str = ""
) -> DeadlineExtension:
    """Only the assigner decides; a refusal keeps the deadline, an approval moves it and leaves the
    original due date on record (docs/rules/directive-tasks.md [INFERRED])."""
    task = Task.objects.select_related("deadline").get(deadline=ext.deadline_id)
    _require(_system(actor) or can_assign(actor, task), "Chỉ đơn vị giao nhiệm vụ được quyết định gia hạn.")
    if not approve and not note.strip():
        raise ValidationError({"note": gettext("Cần ghi lý do không đồng ý gia hạn.")})
    clock.decide_extension(actor, ext, approve=approve, note=note)
    record(
        actor,
        DirectivesEvents.TASK_EXTENSION_APPROVED if approve else DirectivesEvents.TASK_EXTENSION_REFUSED,
        task,
        summary=("Đồng ý" if approve else "Không đồng ý") + f" gia hạn đến {ext.proposed_due:%d/%m/%Y}",
    )
    return ext


@transaction.atomic
def assign_officer(actor: Any, task: Task, official: Official | None) -> Task:
    """The lead unit names the officer who follows the task (and hears the first reminder)."""
    _require(_system(actor) or can_lead(actor, task), "Chỉ đơn vị chủ trì được phân công cán bộ theo dõi.")
    if official is not None and not official.unit.path.startswith(task.lead_unit.path):
        raise ValidationError({"officer": gettext("Cán bộ phải thuộc đơn vị chủ trì.")})
    task.officer = official
    task.save(update_fields=["officer"])
    deadline = _clock(task)
    deadline.official = official
    deadline.save(update_fields=["official", "updated_at"])
    record(
        actor,
        DirectivesEvents.TASK_OFFICER_ASSIGNED,
        task,
        summary=f"Phân công {official.full_name if official else '(bỏ phân công)'} theo dõi",
    )
    return task


@transaction.atomic
def delete_task(actor: Any, task: Task, *, reason: str) -> None:
    """The assigner removes a task given by mistake (a wrong unit picked at confirmation). Only while
    nothing has happened on it: once a unit has reported, the record stays."""
    _require(
        _system(actor) or can_assign(actor, task), "Chỉ đơn vị giao nhiệm vụ được xóa nhiệm vụ giao nhầm."
    )
    if not reason.strip():
        raise ValidationError({"reason": gettext("Cần ghi lý do xóa nhiệm vụ.")})
    family = [task, *task.occurrences.all()]
    if task.status != TaskStatus.OPEN or any(
        t.reports.exists() or (t.deadline and t.deadline.extensions.exists()) for t in family
    ):
        raise ValidationError(gettext("Nhiệm vụ đã có báo cáo hoặc đề nghị gia hạn, không xóa được."))
    record(
        actor,
        DirectivesEvents.TASK_DELETED,
        task,
        summary=f"Xóa nhiệm vụ giao nhầm cho {task.lead_unit.name}: {reason[:200]}",
        data={"text": task.text[:300], "directive": task.directive_id},
    )
    for t in [*family[1:], task]:
        deadline = t.deadline
        t.delete()
        if deadline is not None:
            deadline.delete()


@transaction.atomic
def cancel_task(actor: Any, task: Task, *, reason: str, on: dt.date | None = None) -> Task:
    """The assigner withdraws a task that is no longer needed (superseded by a later directive, the
    matter settled otherwise). Unlike ``delete_task`` the record stays, with its reports and reason; the
    clock stops, so nobody is reminded and the task leaves every count (``Task.objects.countable``).
    docs/rules/directive-tasks.md lists cancellation only as provincial practice, so the assigner alone
    decides it, as for extensions. Cancelling a periodic series cancels its open periods and spawns no more;
    finished periods keep their result."""
    _require(_system(actor) or can_assign(actor, task), "Chỉ đơn vị giao nhiệm vụ được hủy nhiệm vụ.")
    if task.status not in (TaskStatus.OPEN, TaskStatus.AWAITING):
        raise ValidationError(gettext("Chỉ hủy được nhiệm vụ đang thực hiện hoặc chờ xác nhận."))
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": gettext("Cần ghi lý do hủy nhiệm vụ.")})
    on = on or today()
    family = [task]
    if task.is_series:
        family += list(task.occurrences.filter(status__in=(TaskStatus.OPEN, TaskStatus.AWAITING)))
    for t in family:
        if t.deadline is not None and t.deadline.done_on is None and t.deadline.cancelled_on is None:
            clock.cancel(actor, t.deadline, on=on, reason=reason)
        t.status = TaskStatus.CANCELLED
        t.cancelled_on = on
        t.cancel_reason = reason[:300]
        t.save(update_fields=["status", "cancelled_on", "cancel_reason"])
        record(
            actor,
            DirectivesEvents.TASK_CANCELLED,
            t,
            summary=f"Hủy nhiệm vụ ngày {on:%d/%m/%Y}: {reason[:200]}",
            data={"series": task.pk} if t is not task else {},
        )
    return task


# --- recurrence -------------------------------------------------------------------------------------------


def every_of(task: Task) -> rec.Every | None:
    if task.recurrence in PERIODIC:
        return rec.Every(task.recurrence)
    if task.recurrence == Recurrence.CONTINUOUS:
        every = continuous_report_every()
        return rec.Every(every) if every else None
    return None


def spawn_for(series: Task, on: dt.date) -> int:
    """Create the missing occurrences of one series up to ``on``. Safe to run twice or on two workers
    at once: one occurrence per period is enforced by the database."""
    every = every_of(series)
    if every is None or series.status == TaskStatus.CANCELLED or series.deadline is None:
        return 0
    start = series.deadline.start_date
    # A series entered after the fact owes no report for periods already due when it was entered.
    entered = timezone.localdate(series.created_at) if series.created_at else start
    periods = rec.periods_to_spawn(
        start, on, every, due_day=occurrence_due_day(), until=series.repeat_until, not_due_before=entered
    )
    have = set(series.occurrences.values_list("period_start", flat=True))
    coordinating = list(series.coordinating_units.all())
    made = 0
    for period in periods:
        if period.start in have:
            continue
        try:
            with transaction.atomic():
                create_task(
                    "spawn-occurrences",
                    series.directive,
                    text=series.text,
                    section=series.section,
                    lead_unit=series.lead_unit,
                    coordinating=coordinating,
                    officer=series.officer,
                    assigner_unit=series.assigner_unit,
                    due=period.due(occurrence_due_day()),
                    deadline_text=f"{period.label}, hạn ngày {period.due(occurrence_due_day()):%d/%m/%Y}",
                    start=max(period.start, start),
                    parent=series,
                    period=period,
                )
            made += 1
        except IntegrityError:
            continue  # another worker made it first
    return made


def spawn_occurrences(on: dt.date | None = None) -> int:
    on = on or today()
    made = 0
    series = (
        Task.objects.filter(parent__isnull=True)
        .exclude(recurrence="")
        .exclude(status=TaskStatus.CANCELLED)
        .select_related("directive", "deadline", "lead_unit", "assigner_unit", "officer")
    )
    for task in series.iterator(chunk_size=200):
        made += spawn_for(task, on)
    return made
