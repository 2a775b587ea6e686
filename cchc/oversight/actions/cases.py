"""The handling of a person's responsibility, with due process: Internal Affairs opens the record and
gathers the evidence (from CCHC or entered), asks the person for a written explanation with a date,
the person explains, and only then does the competent head decide (a reminder, a self-criticism or a
disciplinary form in force). A decision without the explanation step is refused; when the date for
the explanation has passed without one, the head may decide and the record says so.

The record is private (``queries.case_access``); every read is written to the audit trail (``viewed``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext

from cchc.core.events import record
from cchc.deadlines.actions import calendar_for
from cchc.notify.actions import send
from cchc.org.models import Official, Unit
from cchc.oversight import conf
from cchc.oversight import queries as q
from cchc.oversight.actions.common import is_system, require, today, user_or_none
from cchc.oversight.audit_events import OversightEvents
from cchc.oversight.models import CaseEvidence, CaseStage, EvidenceKind, ResponsibilityCase


def competent_head_for(official: Official, day: dt.date | None = None) -> Official | None:
    """Who decides: the accountable head of the person's unit, or of the nearest unit above that has
    one; for the head of a unit, the head of the unit above (the city's chairman for a ward chairman)."""
    unit: Unit | None = official.unit
    while unit is not None:
        head = unit.accountable_head(day)
        if head is not None and head.pk != official.pk:
            return head
        unit = unit.parent
    return None


@transaction.atomic
def open_case(
    actor: Any,
    official: Official,
    *,
    grounds: str,
    competent_head: Official | None = None,
    as_head: bool = False,
    on: dt.date | None = None,
) -> ResponsibilityCase:
    require(
        is_system(actor) or q.may_open_case(actor), gettext("Chỉ Phòng Nội vụ lập hồ sơ xem xét trách nhiệm.")
    )
    if not grounds.strip():
        raise ValidationError({"grounds": gettext("Cần ghi nội dung vi phạm, khuyết điểm được xem xét.")})
    area = official.unit.jurisdiction
    if not is_system(actor) and not q._in_area(actor, area):
        raise ValidationError({"official": gettext("Người này không thuộc địa bàn của Phòng Nội vụ.")})
    head = competent_head or competent_head_for(official, on)
    if head is None or head.pk == official.pk:
        raise ValidationError({"competent_head": gettext("Chưa xác định được người có thẩm quyền xử lý.")})
    case = ResponsibilityCase.objects.create(
        jurisdiction=area,
        official=official,
        competent_head=head,
        as_head=as_head,
        grounds=grounds.strip(),
        opened_on=on or today(),
        opened_by=user_or_none(actor),
    )
    # The summary names no one: the audit page is read by more people than the record.
    record(actor, OversightEvents.CASE_OPENED, case, summary="Lập hồ sơ xem xét trách nhiệm")
    return case


def viewed(user: Any, case: ResponsibilityCase) -> None:
    """Every read of a private record leaves a trace (who, when)."""
    record(user, OversightEvents.CASE_VIEWED, case, summary="Xem hồ sơ xem xét trách nhiệm")


def _managing(actor: Any, case: ResponsibilityCase) -> None:
    require(
        is_system(actor) or q.case_access(actor, case).manage, gettext("Chỉ Phòng Nội vụ cập nhật hồ sơ này.")
    )


@transaction.atomic
def add_evidence(
    actor: Any, case: ResponsibilityCase, *, kind: str, summary: str, refs: list[str] | None = None
) -> CaseEvidence:
    _managing(actor, case)
    if case.stage not in (CaseStage.GATHERING, CaseStage.EXPLANATION):
        raise ValidationError(gettext("Hồ sơ đã qua bước thu thập căn cứ."))
    if kind not in EvidenceKind.values:
        raise ValidationError({"kind": gettext("Loại căn cứ không hợp lệ.")})
    if not summary.strip():
        raise ValidationError({"summary": gettext("Cần nội dung căn cứ.")})
    ev = CaseEvidence.objects.create(
        case=case,
        kind=kind,
        summary=summary.strip(),
        refs=list(refs or [])[:200],
        added_by=user_or_none(actor),
    )
    record(actor, OversightEvents.CASE_EVIDENCE_ADDED, case, summary=f"Thêm căn cứ: {ev.get_kind_display()}")
    return ev


def default_explanation_due(case: ResponsibilityCase, start: dt.date) -> dt.date:
    cal = calendar_for(case.jurisdiction)
    return cal.add_working_days(start, int(conf.setting("CCHC_OVERSIGHT_EXPLANATION_WORKING_DAYS")))


@transaction.atomic
def request_explanation(
    actor: Any, case: ResponsibilityCase, *, due: dt.date | None = None, on: dt.date | None = None
) -> ResponsibilityCase:
    _managing(actor, case)
    if case.stage != CaseStage.GATHERING:
        raise ValidationError(gettext("Đã đề nghị giải trình hoặc hồ sơ đã khép lại."))
    if not case.evidence.exists():
        raise ValidationError(gettext("Cần ít nhất một căn cứ trước khi đề nghị giải trình."))
    on = on or today()
    due = due or default_explanation_due(case, on)
    if due <= on:
        raise ValidationError({"due": gettext("Hạn giải trình phải sau ngày đề nghị.")})
    case.stage = CaseStage.EXPLANATION
    case.explanation_requested_on = on
    case.explanation_due = due
    case.save(update_fields=["stage", "explanation_requested_on", "explanation_due"])
    if case.official.email:
        send(
            "email",
            case.official.email,
            "[CCHC] Đề nghị giải trình",
            f"Ông/bà được đề nghị giải trình bằng văn bản trước ngày {due:%d/%m/%Y}. "
            "Nội dung và căn cứ xem trong mục Xem xét trách nhiệm sau khi đăng nhập.",
            dedupe_key=f"oversight-case:{case.pk}:explain:{due}",
            object_type="oversight.responsibilitycase",
            object_id=str(case.pk),
        )
    record(
        actor,
        OversightEvents.CASE_EXPLANATION_REQUESTED,
        case,
        summary=f"Đề nghị giải trình, hạn {due:%d/%m/%Y}",
    )
    return case


@transaction.atomic
def explain(
    actor: Any, case: ResponsibilityCase, *, text: str, on: dt.date | None = None
) -> ResponsibilityCase:
    require(
        is_system(actor) or q.case_access(actor, case).explain,
        gettext("Chỉ người được đề nghị giải trình viết bản giải trình."),
    )
    if case.stage != CaseStage.EXPLANATION:
        raise ValidationError(gettext("Hồ sơ không ở bước giải trình."))
    if not text.strip():
        raise ValidationError({"text": gettext("Cần nội dung giải trình.")})
    case.explanation = text.strip()
    case.explained_on = on or today()
    case.stage = CaseStage.EXPLAINED
    case.save(update_fields=["explanation", "explained_on", "stage"])
    record(actor, OversightEvents.CASE_EXPLAINED, case, summary="Đã nộp bản giải trình")
    return case


@transaction.atomic
def decide(
    actor: Any, case: ResponsibilityCase, *, decision: str, text: str, on: dt.date | None = None
) -> ResponsibilityCase:
    require(
        is_system(actor) or q.case_access(actor, case).decide,
        gettext("Chỉ người có thẩm quyền quyết định xử lý."),
    )
    on = on or today()
    lapsed = (
        case.stage == CaseStage.EXPLANATION and case.explanation_due is not None and case.explanation_due < on
    )
    if case.stage != CaseStage.EXPLAINED and not lapsed:
        raise ValidationError(
            gettext(
                "Chưa thể quyết định: người bị xem xét phải được đề nghị giải trình và đã giải trình "
                "(hoặc đã quá hạn giải trình)."
            )
        )
    if decision not in {c for c, _label, _d in conf.decisions()}:
        raise ValidationError({"decision": gettext("Hình thức xử lý không có trong danh mục.")})
    if not text.strip():
        raise ValidationError({"text": gettext("Cần nội dung, lý do của quyết định.")})
    note = "" if case.explained_on else " Người bị xem xét không giải trình trong thời hạn."
    case.decision = decision
    case.decision_text = (text.strip() + note).strip()
    case.decided_on = on
    case.decided_by = user_or_none(actor)
    case.stage = CaseStage.DECIDED
    case.save(update_fields=["decision", "decision_text", "decided_on", "decided_by", "stage"])
    record(actor, OversightEvents.CASE_DECIDED, case, summary="Quyết định xử lý", data={"decision": decision})
    return case


def _year_before(day: dt.date) -> dt.date:
    return (
        day.replace(year=day.year - 1)
        if not (day.month == 2 and day.day == 29)
        else day.replace(year=day.year - 1, day=28)
    )


@transaction.atomic
def gather_from_cchc(
    actor: Any, case: ResponsibilityCase, *, today_: dt.date | None = None
) -> list[CaseEvidence]:
    """Evidence CCHC already holds about the person, over the last twelve months, each from its owning
    app's own definition: late dossiers whose causes name them (``dossiers.rankings.official_counts``),
    tasks overdue today that their unit leads when they answer for it as head (``directives`` states),
    and findings of inspections naming them. Complaints of harassment are entered by Internal Affairs
    from the petition they read (a petition does not say whom it accuses)."""
    from cchc.directives.models import Task
    from cchc.directives.queries import overdue_tasks
    from cchc.dossiers.models import Dossier, DossierStep
    from cchc.dossiers.rankings import official_counts
    from cchc.oversight.models import Finding

    _managing(actor, case)
    if case.stage not in (CaseStage.GATHERING, CaseStage.EXPLANATION):
        raise ValidationError(gettext("Hồ sơ đã qua bước thu thập căn cứ."))
    day = today_ or today()
    first = _year_before(day)
    person = case.official
    added: list[CaseEvidence] = []
    handled = DossierStep.objects.filter(official=person).values("dossier_id")
    dossiers = Dossier.objects.filter(pk__in=handled, finished_on__gte=first, finished_on__lte=day)
    row = next((r for r in official_counts(dossiers) if r.key == f"id:{person.pk}"), None)
    if row is not None and row.late:
        added.append(
            add_evidence(
                actor,
                case,
                kind=EvidenceKind.LATE_DOSSIERS,
                summary=(
                    f"{row.late} hồ sơ trễ hạn có nguyên nhân ghi tên người này, trên {row.finished} "
                    f"hồ sơ đã giải quyết có tham gia xử lý (từ {first:%d/%m/%Y} đến {day:%d/%m/%Y})."
                ),
            )
        )
    head = person.unit.accountable_head(day)
    if case.as_head or (head is not None and head.pk == person.pk):
        led = Task.objects.filter(lead_unit__path__startswith=person.unit.path)
        overdue = overdue_tasks(led, day)
        ids = [str(pk) for pk in overdue.values_list("pk", flat=True)[:200]]
        if ids:
            added.append(
                add_evidence(
                    actor,
                    case,
                    kind=EvidenceKind.OVERDUE_TASKS,
                    summary=(
                        f"{len(ids)} nhiệm vụ do {person.unit.name} chủ trì đang quá hạn ngày {day:%d/%m/%Y}."
                    ),
                    refs=ids,
                )
            )
    found = Finding.objects.filter(official=person, inspection__visited_on__gte=first).select_related(
        "inspection"
    )
    for f in found:
        added.append(
            add_evidence(
                actor,
                case,
                kind=EvidenceKind.FINDING,
                summary=f"Kiểm tra ngày {f.inspection.visited_on:%d/%m/%Y}: {f.text}",
                refs=[str(f.pk)],
            )
        )
    if not added:
        raise ValidationError(gettext("CCHC không có căn cứ nào về người này trong 12 tháng qua."))
    return added
