"""ND 59/2019 on a petition's time limit: suspension and resumption, and the one extension (asked, then
decided)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext, gettext_noop

from cchc.deadlines import actions as deadlines
from cchc.deadlines.models import ExtensionStatus
from cchc.feedback import clocks, replies
from cchc.feedback.actions.common import at_or_now, audit, lock_petition, require_status, save
from cchc.feedback.audit_events import FeedbackEvents
from cchc.feedback.conf import setting
from cchc.feedback.models import ClockKind, Kind, Petition, Status

# --- ND 59/2019: suspension and the one extension -------------------------------------------------


def _answer_deadline(petition: Petition) -> Any:
    clock = clocks.current(petition, ClockKind.ANSWER)
    if petition.kind != Kind.ACCOUNTABILITY or clock is None or clock.deadline is None:
        raise ValidationError(gettext("Chỉ áp dụng cho yêu cầu giải trình đang trong thời hạn giải trình."))
    return clock.deadline


@transaction.atomic
def suspend(actor: Any, petition: Petition, *, reason: str, at: dt.datetime | None = None) -> Petition:
    """ND 59/2019 Art. 14(1): the explanation is suspended; that time does not count
    (docs/rules/petitions.md)."""
    at = at_or_now(at)
    petition = lock_petition(petition)
    require_status(petition, (Status.PROCESSING,), gettext_noop("tạm đình chỉ"))
    deadline = _answer_deadline(petition)
    if len(reason.strip()) < 10:
        raise ValidationError({"reason": gettext("Cần ghi căn cứ tạm đình chỉ việc giải trình.")})
    day = clocks.local_day(at)
    deadlines.pause(actor, deadline, start=day, reason=reason.strip())
    save(petition, status=Status.SUSPENDED)
    replies.to_citizen(
        petition,
        f"suspended:{day.isoformat()}",
        f"Tạm đình chỉ giải trình {petition.code}",
        f"Việc giải trình theo yêu cầu của Ông/Bà tạm đình chỉ từ ngày {day:%d/%m/%Y}. "
        f"Lý do: {reason.strip()}\n"
        "Thời gian tạm đình chỉ không tính vào thời hạn giải trình." + replies.signature(petition),
        short=f"Tạm đình chỉ giải trình {petition.code} từ {day:%d/%m/%Y}.",
    )
    audit(actor, FeedbackEvents.SUSPENDED, petition, f"Tạm đình chỉ: {reason.strip()[:300]}", at)
    return petition


@transaction.atomic
def resume(actor: Any, petition: Petition, *, at: dt.datetime | None = None) -> Petition:
    at = at_or_now(at)
    petition = lock_petition(petition)
    require_status(petition, (Status.SUSPENDED,), gettext_noop("tiếp tục giải trình"))
    deadline = _answer_deadline(petition)
    day = clocks.local_day(at)
    deadlines.resume(actor, deadline, end=day)
    save(petition, status=Status.PROCESSING)
    clocks.sync_due(petition)
    replies.to_citizen(
        petition,
        f"resumed:{day.isoformat()}",
        f"Tiếp tục giải trình {petition.code}",
        f"Việc giải trình được tiếp tục từ ngày {day:%d/%m/%Y}; "
        f"hạn giải trình mới: {petition.due_on:%d/%m/%Y}." + replies.signature(petition),
        short=f"Tiếp tục giải trình {petition.code}; hạn mới {petition.due_on:%d/%m/%Y}.",
    )
    audit(
        actor,
        FeedbackEvents.RESUMED,
        petition,
        f"Tiếp tục giải trình, hạn mới {petition.due_on:%d/%m/%Y}",
        at,
    )
    return petition


@transaction.atomic
def request_extension(
    actor: Any, petition: Petition, *, days: int, reason: str, at: dt.datetime | None = None
) -> Any:
    """ND 59/2019 Art. 13 (docs/rules/petitions.md, CONFIRMED): complex matters may be extended once, by
    at most 15 days. "Once" means one approved extension; a refused request may be followed by another."""
    at = at_or_now(at)
    petition = lock_petition(petition)
    require_status(petition, (Status.PROCESSING, Status.SUSPENDED), gettext_noop("đề nghị gia hạn"))
    deadline = _answer_deadline(petition)
    cap = int(setting("CCHC_ACCOUNTABILITY_EXTENSION_MAX_DAYS"))
    if deadline.extensions.filter(status=ExtensionStatus.APPROVED).exists():
        raise ValidationError(
            gettext("Yêu cầu giải trình chỉ được gia hạn một lần (Nghị định 59/2019, Điều 13).")
        )
    if not 1 <= days <= cap:
        raise ValidationError(
            {
                "days": gettext("Thời gian gia hạn từ 1 đến %(cap)s ngày (Nghị định 59/2019, Điều 13).")
                % {"cap": cap}
            }
        )
    cal = clocks.calendar(petition)
    # Counted from the original limit: the deadline machine adds the suspended time on top.
    proposed = cal.add_calendar_days(deadline.original_due, days)
    try:
        ext = deadlines.request_extension(actor, deadline, proposed_due=proposed, reason=reason)
    except ValidationError as exc:
        if "proposed_due" in getattr(exc, "message_dict", {}):
            raise ValidationError(
                {
                    "days": gettext(
                        "Thời gian tạm đình chỉ đã vượt số ngày gia hạn đề nghị; hãy đề nghị dài hơn."
                    )
                }
            ) from exc
        raise
    audit(
        actor,
        FeedbackEvents.EXTENSION_REQUESTED,
        petition,
        f"Đề nghị gia hạn {days} ngày: {reason.strip()[:300]}",
        at,
        days=days,
    )
    return ext


@transaction.atomic
def decide_extension(
    actor: Any, petition: Petition, *, approve: bool, note: str = "", at: dt.datetime | None = None
) -> Any:
    at = at_or_now(at)
    petition = lock_petition(petition)
    deadline = _answer_deadline(petition)
    ext = deadline.extensions.filter(status=ExtensionStatus.PENDING).first()
    if ext is None:
        raise ValidationError(gettext("Không có đề nghị gia hạn đang chờ quyết định."))
    deadlines.decide_extension(actor, ext, approve=approve, note=note)
    clocks.sync_due(petition)
    if approve:
        replies.to_citizen(
            petition,
            f"extended:{ext.pk}",
            f"Thông báo gia hạn giải trình {petition.code}",
            f"Do nội dung phức tạp, thời hạn giải trình được gia hạn đến ngày {petition.due_on:%d/%m/%Y} "
            f"(Nghị định 59/2019/NĐ-CP, Điều 13). {note}".strip()
            + replies.signature(petition),
            short=f"Gia hạn giải trình {petition.code} đến {petition.due_on:%d/%m/%Y}.",
        )
        audit(actor, FeedbackEvents.EXTENDED, petition, f"Gia hạn đến {petition.due_on:%d/%m/%Y}", at)
    else:
        audit(actor, FeedbackEvents.EXTENSION_REFUSED, petition, f"Không đồng ý gia hạn. {note}".strip(), at)
    return ext
