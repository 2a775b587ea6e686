"""Findings → recommendations → follow-up on the deadline machine.

A recommendation opens a ``Deadline`` for its unit (``cchc.deadlines``): the same reminders before the
due date and escalation to the unit's accountable head, the Office and the leader after it as every
task. The unit reports progress and completion; only the inspector verifies, and the verification is
what closes it (``Deadline.done_on``). A finding on the same unit and checklist item as a finding of
an earlier visit is flagged as recurring (``Finding.recurs``)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext

from cchc.core.events import record
from cchc.deadlines import actions as clock
from cchc.org.models import Official, Unit
from cchc.org.queries import user_unit
from cchc.oversight import queries as q
from cchc.oversight.actions.common import check_file, is_system, require, today, user_or_none
from cchc.oversight.actions.inspections import item_of
from cchc.oversight.audit_events import OversightEvents
from cchc.oversight.models import (
    EvidenceFile,
    Finding,
    Inspection,
    InspectionStatus,
    ProgressNote,
    Recommendation,
    Severity,
)


def earlier_finding(insp: Inspection, code: str) -> Finding | None:
    """The latest finding on the same unit and checklist item at an earlier visit."""
    return (
        Finding.objects.filter(
            inspection__unit=insp.unit_id,
            item__code=code,
            inspection__planned_on__lte=insp.planned_on,
        )
        .exclude(inspection=insp)
        .order_by("-inspection__planned_on", "-pk")
        .first()
    )


@transaction.atomic
def add_finding(
    actor: Any,
    insp: Inspection,
    *,
    text: str,
    severity: str,
    code: str = "",
    unit: Unit | None = None,
    official: Official | None = None,
) -> Finding:
    require(
        is_system(actor) or q.inspection_access(actor, insp).conduct,
        gettext("Chỉ đoàn kiểm tra ghi tồn tại, hạn chế."),
    )
    if insp.status not in (InspectionStatus.IN_PROGRESS, InspectionStatus.EXPLANATION):
        raise ValidationError(gettext("Chỉ ghi tồn tại khi cuộc kiểm tra đang diễn ra."))
    if severity not in Severity.values:
        raise ValidationError({"severity": gettext("Mức độ không hợp lệ.")})
    if not text.strip():
        raise ValidationError({"text": gettext("Cần nội dung tồn tại, hạn chế.")})
    item = item_of(insp, code) if code else None
    unit = unit or insp.unit
    if not unit.path.startswith(insp.unit.path):
        raise ValidationError(
            {"unit": gettext("Đơn vị '%(unit)s' không thuộc đơn vị được kiểm tra.") % {"unit": unit.name}}
        )
    if official is not None and not official.unit.path.startswith(insp.unit.path):
        raise ValidationError(
            {
                "official": gettext("'%(name)s' không thuộc đơn vị được kiểm tra.")
                % {"name": official.full_name}
            }
        )
    finding = Finding.objects.create(
        inspection=insp,
        item=item,
        text=text.strip(),
        severity=severity,
        unit=unit,
        official=official,
        recurs=earlier_finding(insp, item.code) if item else None,
        created_by=user_or_none(actor),
    )
    record(
        actor,
        OversightEvents.FINDING_ADDED,
        finding,
        summary=f"{insp.unit.name}: {text[:200]}" + (" (lặp lại)" if finding.recurs_id else ""),
        data={"inspection": insp.pk, "item": item.code if item else None, "recurs": finding.recurs_id},
    )
    return finding


def _url(rec: Recommendation) -> str:
    try:
        return reverse("oversight:recommendation", args=[rec.pk])
    except NoReverseMatch:
        return ""


@transaction.atomic
def add_recommendation(
    actor: Any,
    finding: Finding,
    *,
    text: str,
    due: dt.date | None,
    unit: Unit | None = None,
    on: dt.date | None = None,
) -> Recommendation:
    insp = finding.inspection
    require(
        is_system(actor) or q.inspection_access(actor, insp).conduct,
        gettext("Chỉ đoàn kiểm tra ghi kiến nghị."),
    )
    if not text.strip():
        raise ValidationError({"text": gettext("Cần nội dung kiến nghị.")})
    if due is None:
        raise ValidationError({"due": gettext("Kiến nghị khắc phục phải có thời hạn.")})
    start = on or today()
    if due < start:
        raise ValidationError(
            {
                "due": gettext("Thời hạn khắc phục không được trước ngày %(day)s.")
                % {"day": f"{start:%d/%m/%Y}"}
            }
        )
    unit = unit or finding.unit
    if not unit.path.startswith(insp.unit.path):
        raise ValidationError(
            {"unit": gettext("Đơn vị '%(unit)s' không thuộc đơn vị được kiểm tra.") % {"unit": unit.name}}
        )
    rec = Recommendation.objects.create(finding=finding, text=text.strip(), unit=unit)
    assigner = user_unit(actor) if not is_system(actor) else None
    rec.deadline = clock.open_deadline(
        actor,
        rec,
        title=f"Khắc phục sau kiểm tra {insp.unit.name}: {text.strip()}"[:500],
        jurisdiction=unit.jurisdiction,
        unit=unit,
        start=start,
        due=due,
        official=finding.official,
        assigner_unit=assigner,
        url=_url(rec),
    )
    rec.save(update_fields=["deadline"])
    record(
        actor,
        OversightEvents.RECOMMENDATION_ADDED,
        rec,
        summary=f"{unit.name}: {text[:200]}",
        data={"due": str(due)},
    )
    return rec


def _attach(actor: Any, rec: Recommendation, uploaded: UploadedFile | None) -> None:
    if uploaded is None:
        return
    clean = check_file(uploaded)
    ev = EvidenceFile(
        recommendation=rec, name=clean, size=uploaded.size or 0, uploaded_by=user_or_none(actor)
    )
    ev.file.save(clean, uploaded, save=False)
    ev.save()


def is_closed(rec: Recommendation) -> bool:
    return rec.verified_on is not None


@transaction.atomic
def report_progress(
    actor: Any,
    rec: Recommendation,
    *,
    text: str,
    percent: int | None = None,
    uploaded: UploadedFile | None = None,
) -> ProgressNote:
    require(
        is_system(actor) or q.recommendation_access(actor, rec).report,
        gettext("Chỉ đơn vị thực hiện báo cáo tiến độ."),
    )
    if is_closed(rec):
        raise ValidationError(gettext("Kiến nghị đã được xác nhận hoàn thành."))
    if not text.strip():
        raise ValidationError({"text": gettext("Cần nội dung báo cáo.")})
    if percent is not None and not 0 <= percent <= 100:
        raise ValidationError({"percent": gettext("Tiến độ là số phần trăm từ 0 đến 100.")})
    _attach(actor, rec, uploaded)
    note = ProgressNote.objects.create(
        recommendation=rec, percent=percent, text=text.strip(), author=user_or_none(actor)
    )
    record(actor, OversightEvents.FOLLOWUP_PROGRESS, rec, summary=text[:300])
    return note


@transaction.atomic
def report_done(
    actor: Any,
    rec: Recommendation,
    *,
    text: str,
    uploaded: UploadedFile | None = None,
    on: dt.date | None = None,
) -> Recommendation:
    """The unit says it has fixed it. This does not close the follow-up: the inspector verifies."""
    require(
        is_system(actor) or q.recommendation_access(actor, rec).report,
        gettext("Chỉ đơn vị thực hiện báo cáo kết quả."),
    )
    if is_closed(rec):
        raise ValidationError(gettext("Kiến nghị đã được xác nhận hoàn thành."))
    if not text.strip():
        raise ValidationError({"text": gettext("Cần nêu kết quả khắc phục.")})
    assert rec.deadline is not None
    if rec.deadline.reported_on is not None:
        raise ValidationError(gettext("Đơn vị đã báo cáo hoàn thành, đang chờ đoàn kiểm tra xác nhận."))
    _attach(actor, rec, uploaded)
    clock.report_done(actor, rec.deadline, on=on or today())
    rec.report = text.strip()
    rec.save(update_fields=["report"])
    ProgressNote.objects.create(
        recommendation=rec, percent=100, text=text.strip(), author=user_or_none(actor)
    )
    record(actor, OversightEvents.FOLLOWUP_REPORTED, rec, summary=f"Báo cáo đã khắc phục: {text[:250]}")
    return rec


@transaction.atomic
def verify(actor: Any, rec: Recommendation, *, note: str = "", on: dt.date | None = None) -> Recommendation:
    """The inspector checks the fix: only now is the follow-up closed (``Deadline.done_on``)."""
    require(
        is_system(actor) or q.recommendation_access(actor, rec).verify,
        gettext("Chỉ đoàn kiểm tra xác nhận đã khắc phục."),
    )
    assert rec.deadline is not None
    if is_closed(rec):
        raise ValidationError(gettext("Kiến nghị đã được xác nhận trước đó."))
    if rec.deadline.reported_on is None:
        raise ValidationError(gettext("Đơn vị chưa báo cáo kết quả khắc phục."))
    on = on or today()
    if on < rec.deadline.reported_on:
        raise ValidationError({"on": gettext("Ngày xác nhận không được trước ngày đơn vị báo cáo.")})
    clock.confirm_done(actor, rec.deadline, on=on)
    rec.verified_on = on
    rec.verified_by = user_or_none(actor)
    rec.verification_note = note.strip()
    rec.save(update_fields=["verified_on", "verified_by", "verification_note"])
    record(actor, OversightEvents.FOLLOWUP_VERIFIED, rec, summary=f"Xác nhận đã khắc phục. {note[:250]}")
    return rec


@transaction.atomic
def send_back(actor: Any, rec: Recommendation, *, note: str) -> Recommendation:
    """The fix does not hold: the clock keeps running from the same due date."""
    require(
        is_system(actor) or q.recommendation_access(actor, rec).verify,
        gettext("Chỉ đoàn kiểm tra trả lại báo cáo."),
    )
    assert rec.deadline is not None
    if is_closed(rec):
        raise ValidationError(gettext("Kiến nghị đã được xác nhận hoàn thành."))
    if not note.strip():
        raise ValidationError({"note": gettext("Cần ghi lý do chưa đạt.")})
    clock.send_back(actor, rec.deadline, note=note)
    record(actor, OversightEvents.FOLLOWUP_SENT_BACK, rec, summary=f"Chưa đạt, trả lại: {note[:250]}")
    return rec
