"""A new petition's triage: accepted, rejected, information asked for and received, or redirected to the
body that should handle it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop

from cchc.deadlines import actions as deadlines
from cchc.feedback import clocks, documents, replies
from cchc.feedback.actions.common import (
    at_or_now,
    attach_files,
    audit,
    conclusion,
    lock_petition,
    require_status,
    save,
)
from cchc.feedback.audit_events import FeedbackEvents
from cchc.feedback.conf import setting
from cchc.feedback.models import OUT_OF_SCOPE_KINDS, ClockKind, HandledHow, Kind, Petition, Status

# --- triage -----------------------------------------------------------------------------------------


@transaction.atomic
def accept(actor: Any, petition: Petition, *, at: dt.datetime | None = None) -> Petition:
    """Take the petition up. For an accountability request this is the acceptance notice of ND 59/2019:
    within 5 working days of receipt, and the 15 days of the explanation start from it
    (docs/rules/petitions.md)."""
    at = at_or_now(at)
    petition = lock_petition(petition)
    require_status(petition, (Status.RECEIVED,), gettext_noop("tiếp nhận xử lý"))
    day = clocks.local_day(at)
    if petition.kind == Kind.ACCOUNTABILITY:
        accept_clock = clocks.current(petition, ClockKind.ACCEPT)
        on_time = (
            clocks.close_clock(actor, accept_clock, on=day, note="Thông báo tiếp nhận")
            if accept_clock
            else None
        )
        clocks.open_clock(actor, petition, ClockKind.ANSWER, start=day)
        save(petition, status=Status.PROCESSING)
        clocks.sync_due(petition)
        replies.to_citizen(
            petition,
            "accepted",
            f"Thông báo tiếp nhận yêu cầu giải trình {petition.code}",
            f"{petition.unit.name} thông báo đã tiếp nhận yêu cầu giải trình của Ông/Bà ngày {day:%d/%m/%Y}. "
            f"Thời hạn giải trình: đến ngày {petition.due_on:%d/%m/%Y} (Nghị định 59/2019/NĐ-CP)."
            + replies.signature(petition),
            short=f"Đã tiếp nhận yêu cầu giải trình {petition.code}; hạn {petition.due_on:%d/%m/%Y}.",
        )
        audit(
            actor,
            FeedbackEvents.ACCEPTED,
            petition,
            "Thông báo tiếp nhận yêu cầu giải trình",
            at,
            on_time=on_time,
        )
        # ND 59/2019: the requester is notified in writing (docs/rules/petitions.md).
        documents.issue(actor, petition, documents.ACCEPTANCE, at=at, due_on=petition.due_on)
        return petition
    if petition.kind in OUT_OF_SCOPE_KINDS:
        raise ValidationError(gettext("Khiếu nại, tố cáo không xử lý theo quy trình phản ánh, kiến nghị."))
    triage = clocks.current(petition, ClockKind.TRIAGE)
    on_time = clocks.close_clock(actor, triage, on=day, note="Tiếp nhận xử lý") if triage else None
    save(petition, status=Status.PROCESSING)
    audit(actor, FeedbackEvents.ACCEPTED, petition, "Tiếp nhận xử lý", at, on_time=on_time)
    return petition


@transaction.atomic
def reject(actor: Any, petition: Petition, *, reason: str, at: dt.datetime | None = None) -> Petition:
    """Not taken up, with the reason sent to the citizen: 766 ind. 5.2 wants it within 2 working days
    (feedback); ND 59/2019 within 5 working days (refusing an accountability request)."""
    at = at_or_now(at)
    petition = lock_petition(petition)
    require_status(petition, (Status.RECEIVED, Status.AWAITING_INFO), gettext_noop("từ chối tiếp nhận"))
    if len(reason.strip()) < 10:
        raise ValidationError(
            {
                "reason": gettext(
                    "Cần ghi rõ lý do không tiếp nhận (ít nhất 10 ký tự); lý do được gửi cho người gửi."
                )
            }
        )
    day = clocks.local_day(at)
    accountability = petition.kind == Kind.ACCOUNTABILITY
    # After an information request the triage clock is closed: the rejection then concludes processing.
    judge = (
        clocks.current(petition, ClockKind.ACCEPT)
        if accountability
        else (clocks.current(petition, ClockKind.TRIAGE) or clocks.current(petition, ClockKind.PROCESS))
    )
    on_time = clocks.close_clock(actor, judge, on=day, note="Không tiếp nhận") if judge else None
    clocks.close_all(actor, petition, on=day, note="Không tiếp nhận")
    how = HandledHow.REFUSED if accountability else HandledHow.REJECTED
    save(
        petition,
        status=Status.REJECTED,
        outcome_note=reason.strip(),
        closed_at=at,
        **conclusion(petition, how, day, on_time),
    )
    clocks.sync_due(petition)
    what = "yêu cầu giải trình" if accountability else petition.get_kind_display().lower()
    replies.to_citizen(
        petition,
        "rejected",
        f"Thông báo không tiếp nhận {what} {petition.code}",
        f"{petition.unit.name} không tiếp nhận {what} của Ông/Bà. Lý do: {reason.strip()}"
        + replies.signature(petition),
        short=f"Không tiếp nhận {what} {petition.code}. Xem lý do tại trang theo dõi.",
    )
    audit(
        actor,
        FeedbackEvents.REFUSED if accountability else FeedbackEvents.REJECTED,
        petition,
        f"Không tiếp nhận: {reason.strip()[:300]}",
        at,
        on_time=on_time,
    )
    if accountability:  # ND 59/2019: the refusal, with its reason, in writing (docs/rules/petitions.md)
        documents.issue(actor, petition, documents.REFUSAL, at=at, reason=reason.strip())
    return petition


@transaction.atomic
def request_info(actor: Any, petition: Petition, *, what: str, at: dt.datetime | None = None) -> Petition:
    """Ask the citizen for more information. 766 ind. 5.2: the first request within 5 working days of
    receipt (recorded on the petition); the processing clock stops while waiting (setting)."""
    at = at_or_now(at)
    petition = lock_petition(petition)
    require_status(petition, (Status.RECEIVED, Status.PROCESSING), gettext_noop("đề nghị bổ sung"))
    if petition.kind in OUT_OF_SCOPE_KINDS:
        raise ValidationError(gettext("Khiếu nại, tố cáo: dùng chức năng «Hướng dẫn gửi đúng cơ quan»."))
    if len(what.strip()) < 10:
        raise ValidationError({"what": gettext("Cần ghi rõ thông tin cần bổ sung (ít nhất 10 ký tự).")})
    day = clocks.local_day(at)
    fields: dict[str, Any] = {"status": Status.AWAITING_INFO}
    if petition.info_requested_at is None:
        cal = clocks.calendar(petition)
        by = cal.add_working_days(
            petition.received_on, int(setting("CCHC_FEEDBACK_INFO_REQUEST_WORKING_DAYS"))
        )
        fields.update(info_requested_at=at, info_request_on_time=day <= by)
    triage = clocks.current(petition, ClockKind.TRIAGE)
    if triage is not None:
        clocks.close_clock(actor, triage, on=day, note="Đề nghị bổ sung thông tin")
    if petition.is_pakn and setting("CCHC_FEEDBACK_PAUSE_WHILE_AWAITING_INFO"):
        process = clocks.current(petition, ClockKind.PROCESS)
        if process is not None and process.deadline is not None:
            deadlines.pause(actor, process.deadline, start=day, reason="Chờ người gửi bổ sung thông tin")
    save(petition, **fields)
    replies.to_citizen(
        petition,
        f"info:{day.isoformat()}",
        f"Đề nghị bổ sung thông tin cho phản ánh {petition.code}",
        f"Để xử lý {petition.get_kind_display().lower()} của Ông/Bà, {petition.unit.name} đề nghị bổ sung: "
        f"{what.strip()}\nÔng/Bà có thể bổ sung trên trang theo dõi phản ánh (mã {petition.code})."
        + replies.signature(petition),
        short=f"Đề nghị bổ sung thông tin cho phản ánh {petition.code}. Vui lòng xem tại trang theo dõi.",
    )
    audit(
        actor,
        FeedbackEvents.INFO_REQUESTED,
        petition,
        f"Đề nghị bổ sung: {what.strip()[:300]}",
        at,
        on_time=fields.get("info_request_on_time"),
        what=what.strip(),
    )
    return petition


@transaction.atomic
def info_received(
    actor: Any,
    petition: Petition,
    *,
    text: str,
    files: list[Any] | None = None,
    at: dt.datetime | None = None,
) -> Petition:
    """The citizen's supplement (on the tracking page, or taken by phone by staff): the text is added
    to the petition and the stopped clock runs again."""
    at = at_or_now(at)
    petition = lock_petition(petition)
    require_status(petition, (Status.AWAITING_INFO,), gettext_noop("ghi nhận thông tin bổ sung"))
    if len(text.strip()) < 5 and not files:
        raise ValidationError({"text": gettext("Vui lòng nhập nội dung bổ sung hoặc gửi kèm tệp.")})
    day = clocks.local_day(at)
    process = clocks.current(petition, ClockKind.PROCESS)
    if (
        process is not None
        and process.deadline is not None
        and process.deadline.pauses.filter(end__isnull=True).exists()
    ):
        deadlines.resume(actor, process.deadline, end=day)
    accepted = petition.kind != Kind.ACCOUNTABILITY or clocks.latest(petition, ClockKind.ANSWER) is not None
    added = f"\n\n[Bổ sung ngày {timezone.localtime(at):%d/%m/%Y}]\n{text.strip()}" if text.strip() else ""
    save(petition, status=Status.PROCESSING if accepted else Status.RECEIVED, text=petition.text + added)
    attach_files(petition, files or [])
    clocks.sync_due(petition)
    audit(actor, FeedbackEvents.INFO_RECEIVED, petition, "Nhận thông tin bổ sung", at)
    return petition


@transaction.atomic
def redirect(
    actor: Any,
    petition: Petition,
    *,
    kind: str,
    explanation: str,
    address: str,
    at: dt.datetime | None = None,
) -> Petition:
    """A complaint or denunciation is outside ND 20/2008 and ND 59/2019 (Nghị định 20/2008/NĐ-CP, Điều 1;
    docs/rules/petitions.md): staff recognise it, close it and tell the citizen the law that applies and where
    to send it."""
    at = at_or_now(at)
    petition = lock_petition(petition)
    require_status(
        petition, (Status.RECEIVED, Status.AWAITING_INFO, Status.PROCESSING), gettext_noop("hướng dẫn")
    )
    if kind not in OUT_OF_SCOPE_KINDS:
        raise ValidationError({"kind": gettext("Chọn «Khiếu nại» hoặc «Tố cáo».")})
    if len(explanation.strip()) < 20:
        raise ValidationError({"explanation": gettext("Cần nêu căn cứ pháp lý và hướng dẫn cho người gửi.")})
    if len(address.strip()) < 5:
        raise ValidationError({"address": gettext("Cần ghi cơ quan có thẩm quyền và địa chỉ gửi đơn.")})
    day = clocks.local_day(at)
    judge = next(
        (
            c
            for k in (ClockKind.TRIAGE, ClockKind.ACCEPT, ClockKind.PROCESS, ClockKind.ANSWER)
            if (c := clocks.current(petition, k)) is not None
        ),
        None,
    )
    on_time = clocks.close_clock(actor, judge, on=day, note="Hướng dẫn gửi đúng cơ quan") if judge else None
    clocks.close_all(actor, petition, on=day, note="Hướng dẫn gửi đúng cơ quan")
    note = f"{explanation.strip()}\nNơi gửi: {address.strip()}"
    save(
        petition,
        kind=kind,
        status=Status.REDIRECTED,
        outcome_note=note,
        closed_at=at,
        **conclusion(petition, HandledHow.REDIRECTED, day, on_time),
    )
    clocks.sync_due(petition)
    replies.to_citizen(
        petition,
        "redirected",
        f"Hướng dẫn về đơn {petition.code}",
        f"Nội dung Ông/Bà gửi là {Kind(kind).label.lower()}, "
        "không thuộc phạm vi tiếp nhận phản ánh, kiến nghị.\n"
        f"{note}" + replies.signature(petition),
        short=f"Đơn {petition.code} là {Kind(kind).label.lower()}; xem hướng dẫn nơi gửi tại trang theo dõi.",
    )
    audit(
        actor,
        FeedbackEvents.REDIRECTED,
        petition,
        f"{Kind(kind).label}: hướng dẫn gửi {address.strip()[:200]}",
        at,
        on_time=on_time,
    )
    return petition
