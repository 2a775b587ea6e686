"""Every change to a reform proposal and to the register of procedures reviewed: validated, audited
(``proposal.*`` events), in the order draft → sent → reviewed (thẩm định) → decided. An approval opens
its follow-up as a task on the directives' machinery, so its deadline, reminders, escalation to the
head and confirmation are those of every other task.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from cchc.core.events import diff, record
from cchc.directives import actions as directive_actions
from cchc.directives.models import Directive, Task
from cchc.dossiers.models import Procedure
from cchc.notify.actions import send
from cchc.org.models import Jurisdiction, Unit, UnitKind
from cchc.org.queries import user_jurisdiction, user_unit
from cchc.proposals.audit_events import ProposalsEvents
from cchc.proposals.models import Conclusion, Kind, Opinion, ProcedureReview, Proposal, Status
from cchc.proposals.queries import can_decide, can_edit, can_review, drafting_units, review_units

FIELDS = (
    "kind",
    "title",
    "content",
    "procedure",
    "power",
    "proposing_unit",
    "from_unit",
    "to_unit",
    "days_saved",
    "cost_saved",
    "legal_basis",
)


def _system(actor: Any) -> bool:
    return isinstance(actor, str)


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "pk", None) else None


def _validate(data: dict[str, Any], area: Jurisdiction) -> None:
    errors: dict[str, str] = {}
    kind = data.get("kind")
    if kind not in Kind.values:
        errors["kind"] = gettext("Chọn loại đề xuất: phân cấp, ủy quyền hoặc đơn giản hóa thủ tục.")
    if not str(data.get("title") or "").strip():
        errors["title"] = gettext("Cần tên đề xuất.")
    if not str(data.get("content") or "").strip():
        errors["content"] = gettext("Cần nội dung đề xuất.")
    if not str(data.get("legal_basis") or "").strip():
        errors["legal_basis"] = gettext("Cần căn cứ pháp lý.")
    if kind == Kind.SIMPLIFY and data.get("procedure") is None:
        errors["procedure"] = gettext("Đề xuất đơn giản hóa cần chọn thủ tục hành chính.")
    if kind in (Kind.DECENTRALISE, Kind.DELEGATE):
        if data.get("from_unit") is None or data.get("to_unit") is None:
            errors["to_unit"] = gettext("Cần ghi thẩm quyền chuyển từ cơ quan nào sang cơ quan nào.")
        elif data["from_unit"] == data["to_unit"]:
            errors["to_unit"] = gettext("Cơ quan nhận phải khác cơ quan đang có thẩm quyền.")
        if not str(data.get("power") or "").strip() and data.get("procedure") is None:
            errors["power"] = gettext("Cần ghi thẩm quyền, nhiệm vụ (hoặc chọn thủ tục hành chính).")
    days, cost = data.get("days_saved"), data.get("cost_saved")
    if days is None and cost is None:
        errors["days_saved"] = gettext("Cần ước tính thời gian hoặc chi phí tiết kiệm được.")
    if days is not None and (Decimal(days) < 0 or Decimal(days) > 3650):
        errors["days_saved"] = gettext("Số ngày tiết kiệm phải từ 0 đến 3650.")
    if cost is not None and int(cost) < 0:
        errors["cost_saved"] = gettext("Chi phí tiết kiệm không được âm.")
    root = "/" + area.path.strip("/").split("/")[0] + "/"
    for name in ("proposing_unit", "from_unit", "to_unit"):
        unit = data.get(name)
        if unit is not None and not unit.jurisdiction.path.startswith(root):
            errors[name] = gettext("Đơn vị '%(unit)s' không thuộc địa bàn.") % {"unit": unit.name}
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def create_proposal(actor: Any, area: Jurisdiction, data: dict[str, Any]) -> Proposal:
    if not _system(actor) and not drafting_units(actor).filter(pk=data["proposing_unit"].pk).exists():
        raise PermissionDenied(gettext("Chỉ đề xuất cho đơn vị của mình."))
    _validate(data, area)
    values = {k: data.get(k) for k in FIELDS}
    for text in ("title", "power", "content", "legal_basis"):
        values[text] = str(values[text] or "").strip()
    proposal = Proposal.objects.create(jurisdiction=area, created_by=_user(actor), **values)
    record(
        actor,
        ProposalsEvents.CREATED,
        proposal,
        summary=f"{proposal.get_kind_display()}: {proposal.title[:200]}",
    )
    return proposal


@transaction.atomic
def update_proposal(actor: Any, proposal: Proposal, data: dict[str, Any]) -> Proposal:
    if not _system(actor) and not can_edit(actor, proposal):
        raise PermissionDenied(gettext("Chỉ sửa được đề xuất đang soạn của đơn vị mình."))
    _validate(data, proposal.jurisdiction)
    before = {k: getattr(proposal, k) for k in FIELDS}
    for k in FIELDS:
        setattr(proposal, k, data.get(k))
    proposal.save()
    record(actor, ProposalsEvents.UPDATED, proposal, summary=proposal.title[:200], data=diff(before, data))
    return proposal


@transaction.atomic
def submit(actor: Any, proposal: Proposal) -> Proposal:
    if not _system(actor) and not can_edit(actor, proposal):
        raise PermissionDenied(gettext("Chỉ đơn vị đề xuất gửi được đề xuất đang soạn."))
    if proposal.status != Status.DRAFT:
        raise ValidationError(gettext("Đề xuất đã được gửi."))
    proposal.status = Status.SUBMITTED
    proposal.submitted_at = timezone.now()
    proposal.save(update_fields=["status", "submitted_at"])
    record(actor, ProposalsEvents.SUBMITTED, proposal, summary=f"Gửi thẩm định: {proposal.title[:200]}")
    return proposal


@transaction.atomic
def review(actor: Any, proposal: Proposal, *, opinion: str, note: str) -> Proposal:
    """Internal Affairs' appraisal: an opinion for the leader, or ``return`` to the unit for more work."""
    if not _system(actor) and not can_review(actor, proposal):
        raise PermissionDenied(gettext("Chỉ Phòng Nội vụ thẩm định đề xuất đã gửi."))
    if proposal.status != Status.SUBMITTED:
        raise ValidationError(gettext("Đề xuất không ở bước chờ thẩm định."))
    if not note.strip():
        raise ValidationError({"note": gettext("Cần nội dung thẩm định.")})
    if opinion == "return":
        proposal.status = Status.DRAFT
        proposal.review_note = note.strip()
        proposal.save(update_fields=["status", "review_note"])
        record(actor, ProposalsEvents.RETURNED, proposal, summary=f"Trả lại để bổ sung: {note[:200]}")
        return proposal
    if opinion not in Opinion.values:
        raise ValidationError({"opinion": gettext("Chọn ý kiến thẩm định.")})
    proposal.status = Status.REVIEWED
    proposal.opinion = opinion
    proposal.review_note = note.strip()
    proposal.reviewed_by = _user(actor)
    proposal.reviewed_at = timezone.now()
    proposal.save(update_fields=["status", "opinion", "review_note", "reviewed_by", "reviewed_at"])
    record(
        actor,
        ProposalsEvents.REVIEWED,
        proposal,
        summary=f"{proposal.get_opinion_display()}: {note[:200]}",
        data={"opinion": opinion},
    )
    return proposal


def default_lead_unit(proposal: Proposal) -> Unit:
    """Who carries out an approved proposal: the unit receiving the power, else the proposing unit."""
    return proposal.to_unit or proposal.proposing_unit


def directives_for_follow_up(area: Jurisdiction) -> Any:
    """The documents a follow-up task may hang on: the area's own, newest first."""
    root = "/" + area.path.strip("/").split("/")[0] + "/"
    return Directive.objects.filter(jurisdiction__path__startswith=root).order_by("-date", "-pk")


@transaction.atomic
def decide(
    actor: Any,
    proposal: Proposal,
    *,
    approve: bool,
    decision_number: str,
    note: str,
    on: dt.date | None = None,
    directive: Directive | None = None,
    due: dt.date | None = None,
    lead_unit: Unit | None = None,
) -> Proposal:
    """The leader's decision. Only after the review; an approval needs the follow-up task's document and
    deadline, and the task is opened in the same transaction (nothing is decided if it is refused)."""
    if not _system(actor) and not is_leader_of(actor, proposal):
        raise PermissionDenied(gettext("Chỉ lãnh đạo UBND quyết định đề xuất."))
    if proposal.status != Status.REVIEWED:
        raise ValidationError(gettext("Đề xuất chưa được thẩm định, chưa quyết định được."))
    on = on or timezone.localdate()
    errors: dict[str, str] = {}
    if not decision_number.strip():
        errors["decision_number"] = gettext("Cần số văn bản quyết định (hoặc thông báo kết luận).")
    if not approve and not note.strip():
        errors["note"] = gettext("Cần ghi lý do không chấp thuận.")
    if approve:
        if (
            directive is None
            or not directives_for_follow_up(proposal.jurisdiction).filter(pk=directive.pk).exists()
        ):
            errors["directive"] = gettext("Chọn văn bản chỉ đạo để giao nhiệm vụ triển khai.")
        if due is None:
            errors["due"] = gettext("Nhiệm vụ triển khai cần hạn hoàn thành.")
        elif due < on:
            errors["due"] = gettext("Hạn hoàn thành không được trước ngày quyết định.")
    if errors:
        raise ValidationError(errors)
    proposal.status = Status.APPROVED if approve else Status.REJECTED
    proposal.decision_number = decision_number.strip()[:60]
    proposal.decision_note = note.strip()
    proposal.decided_by = _user(actor)
    proposal.decided_on = on
    if approve:
        assert directive is not None and due is not None
        lead = lead_unit or default_lead_unit(proposal)
        name = actor if _system(actor) else (actor.get_full_name() or actor.get_username())
        assigner = (None if _system(actor) else user_unit(actor)) or _committee(proposal) or lead
        try:
            # Given as the proposals module (the register-keeping check of a person does not apply: the
            # leader gives this task with the decision); the audit event below names who decided.
            task: Task = directive_actions.create_task(
                f"Đề xuất CCHC — {name}",
                directive,
                text=(
                    f"Triển khai {proposal.get_kind_display().lower()} đã được chấp thuận "
                    f"({proposal.decision_number}): {proposal.title}"
                ),
                lead_unit=lead,
                assigner_unit=assigner,
                due=due,
                start=on,
            )
        except ValidationError as exc:
            raise ValidationError({"due": "; ".join(exc.messages)}) from None
        proposal.task = task
    proposal.save()
    record(
        actor,
        ProposalsEvents.APPROVED if approve else ProposalsEvents.REJECTED,
        proposal,
        summary=f"{'Chấp thuận' if approve else 'Không chấp thuận'} ({proposal.decision_number}): "
        f"{proposal.title[:180]}",
        data={"task": proposal.task_id},
    )
    head = proposal.proposing_unit.accountable_head(on)
    if head is not None and head.email:
        send(
            "email",
            head.email,
            f"[CCHC] Kết quả đề xuất: {proposal.title[:150]}",
            f"Lãnh đạo UBND đã {'chấp thuận' if approve else 'không chấp thuận'} đề xuất "
            f"\u201c{proposal.title}\u201d ({proposal.decision_number}). {proposal.decision_note}",
            dedupe_key=f"proposal:decided:{proposal.pk}",
            object_type="proposals.proposal",
            object_id=str(proposal.pk),
        )
    return proposal


def _committee(proposal: Proposal) -> Unit | None:
    """The people's committee of the proposal's area: who gives a follow-up task the leader decided."""
    return (
        Unit.objects.current()
        .filter(
            jurisdiction=proposal.jurisdiction, kind__in=[UnitKind.PEOPLES_COMMITTEE, UnitKind.WARD_COMMITTEE]
        )
        .order_by("path")
        .first()
    )


def is_leader_of(actor: Any, proposal: Proposal) -> bool:
    return can_decide(actor, proposal)


# --- the register of procedures reviewed ---------------------------------------------------------------


@transaction.atomic
def add_review(
    actor: Any,
    area: Jurisdiction,
    *,
    year: int,
    procedure: Procedure,
    unit: Unit,
    reviewed_on: dt.date,
    conclusion: str,
    note: str = "",
    proposal: Proposal | None = None,
) -> ProcedureReview:
    if not _system(actor) and not review_units(actor).filter(pk=unit.pk).exists():
        raise PermissionDenied(gettext("Chỉ Phòng Nội vụ hoặc thủ trưởng đơn vị ghi sổ rà soát thủ tục."))
    errors: dict[str, str] = {}
    if conclusion not in Conclusion.values:
        errors["conclusion"] = gettext("Chọn kết quả rà soát.")
    if reviewed_on.year != year:
        errors["reviewed_on"] = gettext("Ngày rà soát phải trong năm %(year)s.") % {"year": year}
    if conclusion in (Conclusion.SIMPLIFY, Conclusion.ABOLISH) and proposal is None and not note.strip():
        errors["note"] = gettext("Đề nghị đơn giản hóa hoặc bãi bỏ cần ghi nội dung hoặc gắn đề xuất.")
    if ProcedureReview.objects.filter(jurisdiction=area, year=year, procedure=procedure).exists():
        errors["procedure"] = gettext("Thủ tục %(code)s đã có trong sổ rà soát năm %(year)s.") % {
            "code": procedure.national_code,
            "year": year,
        }
    if errors:
        raise ValidationError(errors)
    row = ProcedureReview.objects.create(
        jurisdiction=area,
        year=year,
        procedure=procedure,
        unit=unit,
        reviewed_on=reviewed_on,
        conclusion=conclusion,
        note=note.strip(),
        proposal=proposal,
        created_by=_user(actor),
    )
    record(
        actor,
        ProposalsEvents.PROCEDURE_REVIEWED,
        row,
        summary=f"Rà soát năm {year}: {procedure.national_code} — {row.get_conclusion_display()}",
    )
    return row


def user_area(user: Any) -> Jurisdiction | None:
    return user_jurisdiction(user)
