"""Conclusions of outside audits and inspections (finance: the State Audit, the provincial
inspectorate): the Office records the conclusion and each correction it requires, with its unit and
deadline on the deadline machine; the unit reports progress with evidence; the Office verifies."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext, pgettext

from cchc.core.events import record
from cchc.deadlines import actions as clock
from cchc.org.models import Jurisdiction, Unit
from cchc.org.queries import user_unit
from cchc.oversight import queries as q
from cchc.oversight.actions.common import check_file, is_system, require, today, user_or_none
from cchc.oversight.audit_events import OversightEvents
from cchc.oversight.models import AuditConclusion, Correction, EvidenceFile, ProgressNote


def _writer(actor: Any, jurisdiction: Jurisdiction) -> bool:
    return is_system(actor) or q.may_record_conclusions(actor, jurisdiction)


@transaction.atomic
def record_conclusion(
    actor: Any,
    jurisdiction: Jurisdiction,
    *,
    issuer: str,
    number: str,
    issued_on: dt.date,
    subject: str,
    summary: str = "",
) -> AuditConclusion:
    require(
        _writer(actor, jurisdiction),
        gettext("Chỉ Văn phòng HĐND và UBND ghi nhận kết luận thanh tra, kiểm toán."),
    )
    for field, value, label in (
        ("issuer", issuer, pgettext("field", "cơ quan kết luận")),
        ("number", number, pgettext("field", "số văn bản")),
        ("subject", subject, pgettext("field", "nội dung")),
    ):
        if not value.strip():
            raise ValidationError({field: gettext("Cần ghi %(label)s.") % {"label": label}})
    if issued_on > today():
        raise ValidationError({"issued_on": gettext("Ngày ban hành không được sau hôm nay.")})
    c = AuditConclusion.objects.create(
        jurisdiction=jurisdiction,
        issuer=issuer.strip()[:255],
        number=number.strip()[:80],
        issued_on=issued_on,
        subject=subject.strip()[:500],
        summary=summary.strip(),
        created_by=user_or_none(actor),
    )
    record(
        actor, OversightEvents.CONCLUSION_RECORDED, c, summary=f"{c.number} — {c.issuer}: {c.subject[:200]}"
    )
    return c


def _url(c: Correction) -> str:
    try:
        return reverse("oversight:correction", args=[c.pk])
    except NoReverseMatch:
        return ""


@transaction.atomic
def add_correction(
    actor: Any,
    conclusion: AuditConclusion,
    *,
    text: str,
    unit: Unit,
    due: dt.date | None,
    amount: Decimal | None = None,
) -> Correction:
    require(
        _writer(actor, conclusion.jurisdiction), gettext("Chỉ Văn phòng HĐND và UBND ghi yêu cầu khắc phục.")
    )
    if not text.strip():
        raise ValidationError({"text": gettext("Cần nội dung yêu cầu khắc phục.")})
    if due is None:
        raise ValidationError({"due": gettext("Yêu cầu khắc phục phải có thời hạn.")})
    if due < conclusion.issued_on:
        raise ValidationError({"due": gettext("Thời hạn không được trước ngày ban hành kết luận.")})
    if not unit.jurisdiction.path.startswith(conclusion.jurisdiction.path):
        raise ValidationError(
            {"unit": gettext("Đơn vị '%(unit)s' không thuộc địa bàn của kết luận.") % {"unit": unit.name}}
        )
    if amount is not None and amount < 0:
        raise ValidationError({"amount": gettext("Số tiền không được âm.")})
    c = Correction.objects.create(conclusion=conclusion, text=text.strip(), unit=unit, amount=amount)
    c.deadline = clock.open_deadline(
        actor,
        c,
        title=f"Khắc phục theo {conclusion.number}: {text.strip()}"[:500],
        jurisdiction=unit.jurisdiction,
        unit=unit,
        start=max(conclusion.issued_on, min(today(), due)),
        due=due,
        assigner_unit=user_unit(actor) if not is_system(actor) else None,
        url=_url(c),
    )
    c.save(update_fields=["deadline"])
    record(
        actor,
        OversightEvents.CORRECTION_ADDED,
        c,
        summary=f"{unit.name}: {text[:200]}",
        data={"due": str(due)},
    )
    return c


@transaction.atomic
def report_progress(
    actor: Any,
    c: Correction,
    *,
    text: str,
    percent: int,
    uploaded: UploadedFile | None = None,
    on: dt.date | None = None,
) -> ProgressNote:
    """Progress with evidence; 100 % reports it done, which waits for the Office's verification."""
    require(
        is_system(actor) or q.correction_access(actor, c).report,
        gettext("Chỉ đơn vị thực hiện báo cáo tiến độ khắc phục."),
    )
    if c.verified_on is not None:
        raise ValidationError(gettext("Yêu cầu đã được xác nhận hoàn thành."))
    if not 0 <= percent <= 100:
        raise ValidationError({"percent": gettext("Tiến độ là số phần trăm từ 0 đến 100.")})
    if not text.strip():
        raise ValidationError({"text": gettext("Cần nội dung báo cáo.")})
    if uploaded is not None:
        clean = check_file(uploaded)
        ev = EvidenceFile(correction=c, name=clean, size=uploaded.size or 0, uploaded_by=user_or_none(actor))
        ev.file.save(clean, uploaded, save=False)
        ev.save()
    note = ProgressNote.objects.create(
        correction=c, percent=percent, text=text.strip(), author=user_or_none(actor)
    )
    c.progress = percent
    c.save(update_fields=["progress"])
    assert c.deadline is not None
    if percent == 100 and c.deadline.reported_on is None:
        clock.report_done(actor, c.deadline, on=on or today())
    record(actor, OversightEvents.CORRECTION_PROGRESS, c, summary=f"{percent}%: {text[:250]}")
    return note


@transaction.atomic
def verify(actor: Any, c: Correction, *, on: dt.date | None = None) -> Correction:
    require(
        is_system(actor) or q.correction_access(actor, c).verify,
        gettext("Chỉ Văn phòng HĐND và UBND xác nhận hoàn thành."),
    )
    assert c.deadline is not None
    if c.verified_on is not None:
        raise ValidationError(gettext("Đã xác nhận trước đó."))
    if c.deadline.reported_on is None:
        raise ValidationError(gettext("Đơn vị chưa báo cáo hoàn thành."))
    on = on or today()
    clock.confirm_done(actor, c.deadline, on=on)
    c.verified_on = on
    c.verified_by = user_or_none(actor)
    c.save(update_fields=["verified_on", "verified_by"])
    record(actor, OversightEvents.CORRECTION_VERIFIED, c, summary="Xác nhận đã khắc phục")
    return c
