"""Plans and visits: Internal Affairs drafts the year's plan (units, topics, months) and sends it to the
leader, who approves it; a visit (planned or ad hoc) is answered item by item against its checklist
version, with photos, then the inspected unit explains and the team lead signs the conclusion."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext

from cchc.core.events import record
from cchc.org.models import Jurisdiction, Unit
from cchc.oversight import queries as q
from cchc.oversight.actions.common import check_file, is_system, require, today, user_or_none
from cchc.oversight.audit_events import OversightEvents
from cchc.oversight.models import (
    Answer,
    AnswerResult,
    ChecklistItem,
    ChecklistTemplate,
    EvidenceFile,
    Inspection,
    InspectionPlan,
    InspectionStatus,
    PlanStatus,
)


def _inspector(actor: Any, jurisdiction: Jurisdiction) -> bool:
    return is_system(actor) or (q.is_internal_affairs(actor) and q._in_area(actor, jurisdiction))


@transaction.atomic
def create_plan(actor: Any, jurisdiction: Jurisdiction, *, year: int, title: str = "") -> InspectionPlan:
    require(_inspector(actor, jurisdiction), gettext("Chỉ Phòng Nội vụ lập kế hoạch kiểm tra."))
    if not 2000 <= year <= today().year + 1:
        raise ValidationError({"year": gettext("Năm kế hoạch %(year)s không hợp lệ.") % {"year": year}})
    if InspectionPlan.objects.filter(jurisdiction=jurisdiction, year=year).exists():
        raise ValidationError({"year": gettext("Năm %(year)s đã có kế hoạch kiểm tra.") % {"year": year}})
    plan = InspectionPlan.objects.create(
        jurisdiction=jurisdiction,
        year=year,
        title=(title.strip() or f"Kế hoạch kiểm tra cải cách hành chính năm {year}")[:300],
        created_by=user_or_none(actor),
    )
    record(actor, OversightEvents.PLAN_CREATED, plan, summary=plan.title)
    return plan


def _check_unit(unit: Unit, jurisdiction: Jurisdiction) -> None:
    if not unit.jurisdiction.path.startswith(jurisdiction.path):
        raise ValidationError(
            {"unit": gettext("Đơn vị '%(unit)s' không thuộc địa bàn của kế hoạch.") % {"unit": unit.name}}
        )


@transaction.atomic
def add_inspection(
    actor: Any,
    *,
    jurisdiction: Jurisdiction,
    unit: Unit,
    template: ChecklistTemplate,
    planned_on: dt.date,
    topic: str,
    plan: InspectionPlan | None = None,
    reason: str = "",
    team_lead: Any = None,
    figures: dict[str, Any] | None = None,
) -> Inspection:
    """A visit in a plan (while the plan is a draft) or an ad hoc one (``plan`` None, with a reason)."""
    require(
        _inspector(actor, jurisdiction),
        gettext("Chỉ Phòng Nội vụ đưa đơn vị vào kế hoạch hoặc tổ chức kiểm tra."),
    )
    _check_unit(unit, jurisdiction)
    if plan is not None:
        if plan.jurisdiction_id != jurisdiction.pk:
            raise ValidationError({"plan": gettext("Kế hoạch không thuộc địa bàn này.")})
        if plan.status != PlanStatus.DRAFT:
            raise ValidationError(
                {"plan": gettext("Kế hoạch đã gửi lãnh đạo; muốn thêm đơn vị hãy kiểm tra đột xuất.")}
            )
        if planned_on.year != plan.year:
            raise ValidationError(
                {"planned_on": gettext("Thời gian kiểm tra phải trong năm %(year)s.") % {"year": plan.year}}
            )
    elif not reason.strip():
        raise ValidationError({"reason": gettext("Kiểm tra đột xuất cần ghi lý do.")})
    if not topic.strip():
        raise ValidationError({"topic": gettext("Cần ghi nội dung kiểm tra.")})
    if not template.is_current:
        raise ValidationError(
            {"template": gettext("Phiếu kiểm tra này đã có phiên bản mới; hãy chọn phiên bản đang dùng.")}
        )
    insp = Inspection.objects.create(
        plan=plan,
        jurisdiction=jurisdiction,
        unit=unit,
        topic=topic.strip()[:300],
        template=template,
        planned_on=planned_on,
        reason=reason.strip(),
        figures=figures or {},
        team_lead=team_lead,
        created_by=user_or_none(actor),
    )
    verb = OversightEvents.INSPECTION_PLANNED if plan else OversightEvents.INSPECTION_AD_HOC
    record(actor, verb, insp, summary=f"{unit.name}: {insp.topic} ({planned_on:%d/%m/%Y})")
    return insp


@transaction.atomic
def submit_plan(actor: Any, plan: InspectionPlan) -> InspectionPlan:
    require(_inspector(actor, plan.jurisdiction), gettext("Chỉ Phòng Nội vụ trình kế hoạch kiểm tra."))
    if plan.status != PlanStatus.DRAFT:
        raise ValidationError(gettext("Kế hoạch không còn là dự thảo."))
    if not plan.inspections.exists():
        raise ValidationError(gettext("Kế hoạch chưa có đơn vị nào được kiểm tra."))
    plan.status = PlanStatus.SUBMITTED
    plan.save(update_fields=["status"])
    record(actor, OversightEvents.PLAN_SUBMITTED, plan, summary=f"Trình lãnh đạo: {plan.title}")
    return plan


@transaction.atomic
def approve_plan(actor: Any, plan: InspectionPlan, *, on: dt.date | None = None) -> InspectionPlan:
    require(
        is_system(actor) or q.may_approve_plan(actor, plan),
        gettext("Chỉ lãnh đạo UBND phê duyệt kế hoạch kiểm tra."),
    )
    if plan.status != PlanStatus.SUBMITTED:
        raise ValidationError(gettext("Chỉ phê duyệt kế hoạch đã được trình."))
    plan.status = PlanStatus.APPROVED
    plan.approved_by = user_or_none(actor)
    plan.approved_on = on or today()
    plan.save(update_fields=["status", "approved_by", "approved_on"])
    record(actor, OversightEvents.PLAN_APPROVED, plan, summary=f"Phê duyệt: {plan.title}")
    return plan


@transaction.atomic
def return_plan(actor: Any, plan: InspectionPlan, *, note: str) -> InspectionPlan:
    require(
        is_system(actor) or q.may_approve_plan(actor, plan), gettext("Chỉ lãnh đạo UBND trả lại kế hoạch.")
    )
    if plan.status != PlanStatus.SUBMITTED:
        raise ValidationError(gettext("Chỉ trả lại kế hoạch đang chờ phê duyệt."))
    if not note.strip():
        raise ValidationError({"note": gettext("Cần ghi ý kiến khi trả lại kế hoạch.")})
    plan.status = PlanStatus.DRAFT
    plan.save(update_fields=["status"])
    record(actor, OversightEvents.PLAN_RETURNED, plan, summary=f"Trả lại kế hoạch: {note[:300]}")
    return plan


def _conducting(actor: Any, insp: Inspection) -> None:
    require(
        is_system(actor) or q.inspection_access(actor, insp).conduct,
        gettext("Chỉ đoàn kiểm tra ghi kết quả kiểm tra."),
    )
    if insp.plan is not None and insp.plan.status != PlanStatus.APPROVED:
        raise ValidationError(gettext("Kế hoạch kiểm tra chưa được lãnh đạo phê duyệt."))


@transaction.atomic
def start_visit(actor: Any, insp: Inspection, *, on: dt.date | None = None) -> Inspection:
    _conducting(actor, insp)
    if insp.status != InspectionStatus.PLANNED:
        raise ValidationError(gettext("Cuộc kiểm tra đã bắt đầu hoặc đã kết thúc."))
    insp.status = InspectionStatus.IN_PROGRESS
    insp.visited_on = on or today()
    if insp.team_lead_id is None and not is_system(actor):
        insp.team_lead = actor
    insp.save(update_fields=["status", "visited_on", "team_lead"])
    record(actor, OversightEvents.VISIT_STARTED, insp, summary=f"Bắt đầu kiểm tra {insp.unit.name}")
    return insp


def _in_progress(insp: Inspection) -> None:
    if insp.status != InspectionStatus.IN_PROGRESS:
        raise ValidationError(gettext("Chỉ ghi kết quả khi cuộc kiểm tra đang diễn ra."))


def item_of(insp: Inspection, code: str) -> ChecklistItem:
    """The checklist item of the visit's template version, or a Vietnamese refusal naming the code."""
    item = ChecklistItem.objects.filter(template=insp.template_id, code=code).first()
    if item is None:
        raise ValidationError(
            {
                "item": gettext("Nội dung '%(code)s' không có trong phiếu kiểm tra của cuộc kiểm tra này.")
                % {"code": code[:40]}
            }
        )
    return item


@transaction.atomic
def answer(actor: Any, insp: Inspection, *, code: str, result: str, note: str = "") -> Answer:
    _conducting(actor, insp)
    _in_progress(insp)
    item = item_of(insp, code)
    if result not in AnswerResult.values:
        raise ValidationError(
            {"result": gettext("Kết quả của nội dung %(code)s không hợp lệ.") % {"code": code}}
        )
    if result in (AnswerResult.NOT_MET, AnswerResult.PARTLY) and not note.strip():
        raise ValidationError(
            {"note": gettext("Nội dung %(code)s không đạt: cần ghi rõ thực tế kiểm tra.") % {"code": code}}
        )
    row, _ = Answer.objects.update_or_create(
        inspection=insp,
        item=item,
        defaults={"result": result, "note": note.strip(), "answered_by": user_or_none(actor)},
    )
    record(
        actor,
        OversightEvents.ANSWERED,
        insp,
        summary=f"{item.code}: {row.get_result_display()}",
        data={"item": item.code, "result": result},
    )
    return row


@transaction.atomic
def add_evidence(
    actor: Any, insp: Inspection, *, uploaded: UploadedFile, code: str = "", name: str = ""
) -> EvidenceFile:
    _conducting(actor, insp)
    if insp.status not in (InspectionStatus.IN_PROGRESS, InspectionStatus.EXPLANATION):
        raise ValidationError(gettext("Chỉ thêm hình ảnh, tài liệu khi cuộc kiểm tra đang diễn ra."))
    item = item_of(insp, code) if code else None
    clean = check_file(uploaded)
    ev = EvidenceFile(
        inspection=insp,
        item=item,
        name=(name.strip() or clean)[:255],
        size=uploaded.size or 0,
        uploaded_by=user_or_none(actor),
    )
    ev.file.save(clean, uploaded, save=False)
    ev.save()
    record(
        actor,
        OversightEvents.EVIDENCE_ADDED,
        insp,
        summary=f"Thêm {ev.name}" + (f" ({item.code})" if item else ""),
    )
    return ev


@transaction.atomic
def ask_explanation(actor: Any, insp: Inspection) -> Inspection:
    """The team has finished on site: the unit is asked to explain the findings before the conclusion."""
    _conducting(actor, insp)
    _in_progress(insp)
    missing = insp.template.items.exclude(pk__in=insp.answers.values("item_id")).values_list(
        "code", flat=True
    )
    if missing:
        raise ValidationError(
            gettext("Chưa ghi kết quả các nội dung: %(codes)s.") % {"codes": ", ".join(missing)}
        )
    insp.status = InspectionStatus.EXPLANATION
    insp.save(update_fields=["status"])
    record(actor, OversightEvents.EXPLANATION_ASKED, insp, summary=f"Đề nghị {insp.unit.name} giải trình")
    return insp


@transaction.atomic
def explain(actor: Any, insp: Inspection, *, text: str, on: dt.date | None = None) -> Inspection:
    require(
        is_system(actor) or q.inspection_access(actor, insp).explain,
        gettext("Chỉ thủ trưởng đơn vị được kiểm tra giải trình."),
    )
    if insp.status != InspectionStatus.EXPLANATION:
        raise ValidationError(gettext("Cuộc kiểm tra không ở bước giải trình."))
    if not text.strip():
        raise ValidationError({"text": gettext("Cần nội dung giải trình.")})
    insp.explanation = text.strip()
    insp.explained_on = on or today()
    insp.save(update_fields=["explanation", "explained_on"])
    record(actor, OversightEvents.EXPLAINED, insp, summary=f"{insp.unit.name} giải trình: {text[:200]}")
    return insp


@transaction.atomic
def conclude(actor: Any, insp: Inspection, *, text: str, on: dt.date | None = None) -> Inspection:
    """The team lead signs the conclusion. The unit's explanation comes first when findings were asked
    about; a visit with nothing to explain may be concluded straight from the site."""
    require(
        is_system(actor) or q.inspection_access(actor, insp).conclude,
        gettext("Chỉ trưởng đoàn ký kết luận kiểm tra."),
    )
    if insp.status not in (InspectionStatus.IN_PROGRESS, InspectionStatus.EXPLANATION):
        raise ValidationError(gettext("Cuộc kiểm tra chưa diễn ra hoặc đã kết luận."))
    if insp.status == InspectionStatus.IN_PROGRESS and insp.findings.exists():
        raise ValidationError(
            gettext("Có tồn tại, hạn chế: cần đề nghị đơn vị giải trình trước khi kết luận.")
        )
    if insp.status == InspectionStatus.EXPLANATION and not insp.explained_on:
        raise ValidationError(gettext("Đơn vị chưa giải trình."))
    if not text.strip():
        raise ValidationError({"text": gettext("Cần nội dung kết luận.")})
    insp.conclusion = text.strip()
    insp.concluded_on = on or today()
    insp.concluded_by = user_or_none(actor)
    insp.status = InspectionStatus.CONCLUDED
    insp.save(update_fields=["conclusion", "concluded_on", "concluded_by", "status"])
    record(actor, OversightEvents.CONCLUDED, insp, summary=f"Kết luận kiểm tra {insp.unit.name}")
    return insp


@transaction.atomic
def cancel(actor: Any, insp: Inspection, *, reason: str) -> Inspection:
    require(
        is_system(actor) or q.inspection_access(actor, insp).conduct,
        gettext("Chỉ Phòng Nội vụ hủy cuộc kiểm tra."),
    )
    if insp.status != InspectionStatus.PLANNED:
        raise ValidationError(gettext("Chỉ hủy cuộc kiểm tra chưa diễn ra."))
    if not reason.strip():
        raise ValidationError({"reason": gettext("Cần ghi lý do hủy.")})
    insp.status = InspectionStatus.CANCELLED
    insp.cancel_reason = reason.strip()[:300]
    insp.save(update_fields=["status", "cancel_reason"])
    record(actor, OversightEvents.INSPECTION_CANCELLED, insp, summary=f"Hủy: {reason[:200]}")
    return insp
