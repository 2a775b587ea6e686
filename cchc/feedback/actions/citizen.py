"""What the citizen does after an answer (rate it, reopen once with a reason), the daily closing of
answered petitions, and Open311 keys. Audit events name the citizen only as "Người gửi"."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from cchc.core.events import AuditVerb, record
from cchc.feedback import clocks
from cchc.feedback.audit_events import FeedbackEvents
from cchc.feedback.conf import setting
from cchc.feedback.models import ApiKey, ClockKind, KeyPurpose, Kind, Petition, Status
from cchc.org.models import Jurisdiction

CITIZEN = "Người gửi"


def _event(
    verb: AuditVerb, petition: Petition, summary: str, at: dt.datetime, actor: Any = CITIZEN, **data: Any
) -> None:
    record(actor, verb, petition, summary=summary, data={"at": at.isoformat(), **data})


def may_rate(petition: Petition) -> bool:
    return (
        petition.status in (Status.ANSWERED, Status.CLOSED)
        and petition.rated_at is None
        and petition.answered_at is not None
    )


def may_reopen(petition: Petition, now: dt.datetime | None = None) -> bool:
    now = now or timezone.now()
    if petition.reopened_at is not None or petition.answered_at is None:
        return False
    if petition.status not in (Status.ANSWERED, Status.CLOSED):
        return False
    if petition.rated_at is not None and petition.satisfied:
        return False
    return now - petition.answered_at <= dt.timedelta(days=int(setting("CCHC_FEEDBACK_REOPEN_DAYS")))


@transaction.atomic
def rate(
    petition: Petition, *, satisfied: bool, comment: str = "", at: dt.datetime | None = None
) -> Petition:
    """The citizen's verdict on the answer (766 ind. 5.3). Given once; "satisfied" closes the petition."""
    at = at or timezone.now()
    petition = Petition.objects.select_for_update().get(pk=petition.pk)
    if not may_rate(petition):
        raise ValidationError(gettext("Phản ánh này chưa có trả lời hoặc đã được đánh giá."))
    fields: dict[str, Any] = {
        "satisfied": satisfied,
        "rated_at": at,
        "rating_comment": comment.strip()[:2000],
    }
    if satisfied and petition.status == Status.ANSWERED:
        fields.update(status=Status.CLOSED, closed_at=at)
    for k, v in fields.items():
        setattr(petition, k, v)
    petition.save(update_fields=[*fields, "updated_at"])
    _event(
        FeedbackEvents.RATED, petition, "Hài lòng" if satisfied else "Không hài lòng", at, satisfied=satisfied
    )
    return petition


@transaction.atomic
def reopen(petition: Petition, *, reason: str, at: dt.datetime | None = None) -> Petition:
    """Once, with a reason, within the reopening window. A new round of the processing limit starts from
    today; the first answer's timeliness stays on record."""
    at = at or timezone.now()
    petition = Petition.objects.select_for_update().select_related("unit", "jurisdiction").get(pk=petition.pk)
    if not may_reopen(petition, at):
        raise ValidationError(
            gettext("Phản ánh này không thể đề nghị xem xét lại (chỉ một lần, trong thời hạn cho phép).")
        )
    if len(reason.strip()) < 10:
        raise ValidationError(
            {"reason": gettext("Vui lòng nêu lý do đề nghị xem xét lại (ít nhất 10 ký tự).")}
        )
    fields: dict[str, Any] = {
        "reopened_at": at,
        "reopen_reason": reason.strip()[:4000],
        "status": Status.PROCESSING,
        "closed_at": None,
    }
    if petition.satisfied is None:
        fields.update(satisfied=False, rated_at=at)
    for k, v in fields.items():
        setattr(petition, k, v)
    petition.save(update_fields=[*fields, "updated_at"])
    kind = ClockKind.ANSWER if petition.kind == Kind.ACCOUNTABILITY else ClockKind.PROCESS
    clocks.open_clock(CITIZEN, petition, kind, start=clocks.received_day(petition.jurisdiction, at), round=2)
    clocks.sync_due(petition)
    _event(FeedbackEvents.REOPENED, petition, "Đề nghị xem xét lại", at, reason=reason.strip())
    return petition


def close_answered(now: dt.datetime | None = None) -> int:
    """Answered petitions nobody reopened within the window close by themselves (daily job)."""
    now = now or timezone.now()
    cutoff = now - dt.timedelta(days=int(setting("CCHC_FEEDBACK_CLOSE_AFTER_DAYS")))
    closed = 0
    for pk in Petition.objects.filter(status=Status.ANSWERED, answered_at__lt=cutoff).values_list(
        "pk", flat=True
    ):
        if Petition.objects.filter(pk=pk, status=Status.ANSWERED).update(status=Status.CLOSED, closed_at=now):
            record(
                "cchc",
                FeedbackEvents.CLOSED,
                object_type="feedback.petition",
                object_id=str(pk),
                summary="Tự động kết thúc sau thời hạn đề nghị xem xét lại",
                data={"at": now.isoformat()},
            )
            closed += 1
    return closed


# --- Open311 keys --------------------------------------------------------------------------------


def hash_key(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


KEY_PREFIXES = {KeyPurpose.OPEN311: "o311_", KeyPurpose.IOC: "ioc_"}


def key_label(purpose: str) -> str:
    return "IOC" if purpose == KeyPurpose.IOC else "Open311"


@transaction.atomic
def create_key(
    actor: Any, *, name: str, jurisdiction: Jurisdiction, purpose: str = KeyPurpose.OPEN311
) -> tuple[ApiKey, str]:
    """A new key for one app or system; the raw key is returned once and only its hash is stored."""
    name = " ".join(name.split())
    if purpose not in KEY_PREFIXES:
        raise ValidationError({"purpose": gettext("Loại khoá phải là Open311 hoặc IOC.")})
    if len(name) < 3:
        raise ValidationError({"name": gettext("Tên ứng dụng cần ít nhất 3 ký tự.")})
    active = ApiKey.objects.filter(jurisdiction=jurisdiction, purpose=purpose, revoked_at__isnull=True)
    if active.filter(name__iexact=name).exists():
        raise ValidationError(
            {
                "name": gettext("Đã có khoá đang dùng cho ứng dụng «%(name)s»; thu hồi khoá cũ trước.")
                % {"name": name}
            }
        )
    raw = KEY_PREFIXES[KeyPurpose(purpose)] + secrets.token_urlsafe(30)
    key = ApiKey.objects.create(
        name=name,
        purpose=purpose,
        jurisdiction=jurisdiction,
        prefix=raw[:12],
        key_hash=hash_key(raw),
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    summary = f"Cấp khoá {key_label(purpose)} cho «{name}»"
    record(actor, FeedbackEvents.API_KEY_CREATED, key, summary=summary, data={"purpose": purpose})
    return key, raw


@transaction.atomic
def revoke_key(actor: Any, key: ApiKey) -> ApiKey:
    if key.revoked_at is not None:
        raise ValidationError(gettext("Khoá này đã bị thu hồi."))
    key.revoked_at = timezone.now()
    key.save(update_fields=["revoked_at"])
    summary = f"Thu hồi khoá {key_label(key.purpose)} của «{key.name}»"
    record(actor, FeedbackEvents.API_KEY_REVOKED, key, summary=summary)
    return key


def key_for(raw: str, purpose: str = KeyPurpose.OPEN311) -> ApiKey | None:
    """The active key of this purpose, else None (an IOC key opens no Open311 write, and back)."""
    if not raw:
        return None
    key = (
        ApiKey.objects.filter(key_hash=hash_key(raw.strip()), purpose=purpose, revoked_at__isnull=True)
        .select_related("jurisdiction")
        .first()
    )
    if key is not None:
        ApiKey.objects.filter(pk=key.pk).update(last_used_at=timezone.now())
    return key
