"""State changes of a petition by staff: triage, routing, the accountability procedure, answers and
publication. Each writes an audit event; the views decide who may call which (``queries``).

Every function takes ``at`` (default: now) so the demo can replay a year; the day an action counts on
is its local date. Time limits are judged by the clocks (``clocks``), i.e. by ``cchc.deadlines``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from cchc.core.events import record
from cchc.deadlines import actions as deadlines
from cchc.deadlines.models import ExtensionStatus
from cchc.feedback import clocks, documents, replies
from cchc.feedback.conf import setting
from cchc.feedback.models import (
    OPEN_STATUSES,
    OUT_OF_SCOPE_KINDS,
    Answer,
    AnswerStatus,
    ClockKind,
    HandledHow,
    Kind,
    Petition,
    Status,
)
from cchc.feedback.publication import check_public_texts
from cchc.feedback.queries import transfer_targets
from cchc.org.models import Official, Unit


def _now(at: dt.datetime | None) -> dt.datetime:
    return at or timezone.now()


def _event(actor: Any, verb: str, petition: Petition, summary: str, at: dt.datetime, **data: Any) -> None:
    record(actor, verb, petition, summary=summary, data={"at": at.isoformat(), **data})


def _save(petition: Petition, **fields: Any) -> None:
    for name, value in fields.items():
        setattr(petition, name, value)
    petition.save(update_fields=[*fields, "updated_at"])


def _lock(petition: Petition) -> Petition:
    """Re-read the row under a lock: two officers clicking at once must not both act."""
    return Petition.objects.select_for_update().select_related("unit", "jurisdiction").get(pk=petition.pk)


def _require_status(petition: Petition, allowed: tuple[str, ...], doing: str) -> None:
    if petition.status not in allowed:
        raise ValidationError(
            f"Không thể {doing}: phản ánh {petition.code} đang ở trạng thái "
            f"«{petition.get_status_display()}»."
        )


def _conclude(petition: Petition, how: str, on: dt.date, on_time: bool | None) -> dict[str, Any]:
    """The first conclusion sent to the citizen is what the figures judge (766 ind. 5.2); a reopened
    round does not rewrite it (ind. 5.3 counts the reopening as dissatisfaction instead)."""
    if petition.handled_on is not None:
        return {}
    return {"handled_on": on, "handled_on_time": on_time, "handled_how": how}


# --- routing ---------------------------------------------------------------------------------------


@transaction.atomic
def assign(actor: Any, petition: Petition, official: Official, *, at: dt.datetime | None = None) -> Petition:
    at = _now(at)
    petition = _lock(petition)
    _require_status(petition, OPEN_STATUSES, "giao cán bộ")
    if not official.unit.path.startswith(petition.unit.path):
        raise ValidationError({"official": f"{official.full_name} không thuộc {petition.unit.name}."})
    _save(petition, official=official)
    clocks.set_official(petition)
    _event(actor, "feedback.assigned", petition, f"Giao {official.full_name} xử lý", at)
    return petition


@transaction.atomic
def transfer(
    actor: Any, petition: Petition, unit: Unit, *, reason: str, at: dt.datetime | None = None
) -> Petition:
    """Send the petition to the competent unit. ND 20/2008 Art. 9(1)(d) (rules-vn-texts §e, CONFIRMED
    FROM TEXT): within 5 working days of receipt; a later transfer is recorded as late."""
    at = _now(at)
    petition = _lock(petition)
    _require_status(petition, (Status.RECEIVED, Status.AWAITING_INFO, Status.PROCESSING), "chuyển đơn vị")
    if not reason.strip():
        raise ValidationError({"reason": "Cần ghi lý do chuyển để đơn vị nhận hiểu vì sao."})
    if not transfer_targets(petition).filter(pk=unit.pk).exists():
        raise ValidationError({"unit": "Đơn vị nhận không thuộc địa bàn hoặc chính là đơn vị hiện tại."})
    cal = clocks.calendar(petition)
    limit_day = cal.add_working_days(
        petition.received_on, int(setting("CCHC_FEEDBACK_TRANSFER_WORKING_DAYS"))
    )
    day = clocks.local_day(at)
    old = petition.unit
    _save(petition, unit=unit, official=None)
    clocks.move_to_unit(actor, petition, unit)
    _event(
        actor,
        "feedback.transferred",
        petition,
        f"Chuyển từ {old.name} sang {unit.name}: {reason.strip()[:300]}",
        at,
        **{"from": old.code, "to": unit.code, "reason": reason.strip(), "on_time": day <= limit_day},
    )
    return petition


@transaction.atomic
def reclassify(actor: Any, petition: Petition, kind: str, *, at: dt.datetime | None = None) -> Petition:
    """Correct the kind before handling starts (a citizen who picked "phản ánh" for an accountability
    request). The new kind's clocks count from the original receipt; the old ones are closed."""
    at = _now(at)
    petition = _lock(petition)
    _require_status(petition, (Status.RECEIVED, Status.AWAITING_INFO), "phân loại lại")
    if kind in OUT_OF_SCOPE_KINDS:
        raise ValidationError({"kind": "Khiếu nại, tố cáo: dùng chức năng «Hướng dẫn gửi đúng cơ quan»."})
    if kind not in (Kind.FEEDBACK, Kind.PETITION, Kind.ACCOUNTABILITY) or kind == petition.kind:
        raise ValidationError({"kind": "Chọn một loại khác với loại hiện tại."})
    old = petition.get_kind_display()
    needs_new_clocks = (kind == Kind.ACCOUNTABILITY) != (petition.kind == Kind.ACCOUNTABILITY)
    day = clocks.local_day(at)
    if needs_new_clocks:
        clocks.close_all(actor, petition, on=day, note="Đóng do phân loại lại")
    _save(petition, kind=kind, status=Status.RECEIVED)
    if needs_new_clocks:
        round_ = (
            1
            + petition.clocks.filter(
                kind=ClockKind.TRIAGE if kind != Kind.ACCOUNTABILITY else ClockKind.ACCEPT
            ).count()
        )
        if kind == Kind.ACCOUNTABILITY:
            clocks.open_clock(actor, petition, ClockKind.ACCEPT, start=petition.received_on, round=round_)
        else:
            clocks.open_clock(actor, petition, ClockKind.TRIAGE, start=petition.received_on, round=round_)
            clocks.open_clock(actor, petition, ClockKind.PROCESS, start=petition.received_on, round=round_)
    clocks.sync_due(petition)
    _event(
        actor, "feedback.reclassified", petition, f"Phân loại lại: {old} → {petition.get_kind_display()}", at
    )
    return petition


# --- triage -----------------------------------------------------------------------------------------


@transaction.atomic
def accept(actor: Any, petition: Petition, *, at: dt.datetime | None = None) -> Petition:
    """Take the petition up. For an accountability request this is the acceptance notice of ND 59/2019:
    within 5 working days of receipt, and the 15 days of the explanation start from it (rules-vn §6)."""
    at = _now(at)
    petition = _lock(petition)
    _require_status(petition, (Status.RECEIVED,), "tiếp nhận xử lý")
    day = clocks.local_day(at)
    if petition.kind == Kind.ACCOUNTABILITY:
        accept_clock = clocks.current(petition, ClockKind.ACCEPT)
        on_time = (
            clocks.close_clock(actor, accept_clock, on=day, note="Thông báo tiếp nhận")
            if accept_clock
            else None
        )
        clocks.open_clock(actor, petition, ClockKind.ANSWER, start=day)
        _save(petition, status=Status.PROCESSING)
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
        _event(
            actor,
            "feedback.accepted",
            petition,
            "Thông báo tiếp nhận yêu cầu giải trình",
            at,
            on_time=on_time,
        )
        # ND 59/2019: the requester is notified in writing (rules-vn §6).
        documents.issue(actor, petition, documents.ACCEPTANCE, at=at, due_on=petition.due_on)
        return petition
    if petition.kind in OUT_OF_SCOPE_KINDS:
        raise ValidationError("Khiếu nại, tố cáo không xử lý theo quy trình phản ánh, kiến nghị.")
    triage = clocks.current(petition, ClockKind.TRIAGE)
    on_time = clocks.close_clock(actor, triage, on=day, note="Tiếp nhận xử lý") if triage else None
    _save(petition, status=Status.PROCESSING)
    _event(actor, "feedback.accepted", petition, "Tiếp nhận xử lý", at, on_time=on_time)
    return petition


@transaction.atomic
def reject(actor: Any, petition: Petition, *, reason: str, at: dt.datetime | None = None) -> Petition:
    """Not taken up, with the reason sent to the citizen: 766 ind. 5.2 wants it within 2 working days
    (feedback); ND 59/2019 within 5 working days (refusing an accountability request)."""
    at = _now(at)
    petition = _lock(petition)
    _require_status(petition, (Status.RECEIVED, Status.AWAITING_INFO), "từ chối tiếp nhận")
    if len(reason.strip()) < 10:
        raise ValidationError(
            {"reason": "Cần ghi rõ lý do không tiếp nhận (ít nhất 10 ký tự); lý do được gửi cho người gửi."}
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
    _save(
        petition,
        status=Status.REJECTED,
        outcome_note=reason.strip(),
        closed_at=at,
        **_conclude(petition, how, day, on_time),
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
    _event(
        actor,
        "feedback.refused" if accountability else "feedback.rejected",
        petition,
        f"Không tiếp nhận: {reason.strip()[:300]}",
        at,
        on_time=on_time,
    )
    if accountability:  # ND 59/2019: the refusal, with its reason, in writing (rules-vn §6)
        documents.issue(actor, petition, documents.REFUSAL, at=at, reason=reason.strip())
    return petition


@transaction.atomic
def request_info(actor: Any, petition: Petition, *, what: str, at: dt.datetime | None = None) -> Petition:
    """Ask the citizen for more information. 766 ind. 5.2: the first request within 5 working days of
    receipt (recorded on the petition); the processing clock stops while waiting (setting)."""
    at = _now(at)
    petition = _lock(petition)
    _require_status(petition, (Status.RECEIVED, Status.PROCESSING), "đề nghị bổ sung")
    if petition.kind in OUT_OF_SCOPE_KINDS:
        raise ValidationError("Khiếu nại, tố cáo: dùng chức năng «Hướng dẫn gửi đúng cơ quan».")
    if len(what.strip()) < 10:
        raise ValidationError({"what": "Cần ghi rõ thông tin cần bổ sung (ít nhất 10 ký tự)."})
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
    _save(petition, **fields)
    replies.to_citizen(
        petition,
        f"info:{day.isoformat()}",
        f"Đề nghị bổ sung thông tin cho phản ánh {petition.code}",
        f"Để xử lý {petition.get_kind_display().lower()} của Ông/Bà, {petition.unit.name} đề nghị bổ sung: "
        f"{what.strip()}\nÔng/Bà có thể bổ sung trên trang theo dõi phản ánh (mã {petition.code})."
        + replies.signature(petition),
        short=f"Đề nghị bổ sung thông tin cho phản ánh {petition.code}. Vui lòng xem tại trang theo dõi.",
    )
    _event(
        actor,
        "feedback.info_requested",
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
    from cchc.feedback.models import Attachment

    at = _now(at)
    petition = _lock(petition)
    _require_status(petition, (Status.AWAITING_INFO,), "ghi nhận thông tin bổ sung")
    if len(text.strip()) < 5 and not files:
        raise ValidationError({"text": "Vui lòng nhập nội dung bổ sung hoặc gửi kèm tệp."})
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
    _save(petition, status=Status.PROCESSING if accepted else Status.RECEIVED, text=petition.text + added)
    for f in files or []:
        import secrets

        Attachment.objects.create(
            petition=petition,
            token=secrets.token_hex(8),
            file=f.as_content(),
            original_name=f.name,
            content_type=f.content_type,
            size=f.size,
        )
    clocks.sync_due(petition)
    _event(actor, "feedback.info_received", petition, "Nhận thông tin bổ sung", at)
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
    """A complaint or denunciation is outside ND 20/2008 and ND 59/2019 (rules-vn §6, CONFIRMED — P3
    Art. 1): staff recognise it, close it and tell the citizen the law that applies and where to send it."""
    at = _now(at)
    petition = _lock(petition)
    _require_status(petition, (Status.RECEIVED, Status.AWAITING_INFO, Status.PROCESSING), "hướng dẫn")
    if kind not in OUT_OF_SCOPE_KINDS:
        raise ValidationError({"kind": "Chọn «Khiếu nại» hoặc «Tố cáo»."})
    if len(explanation.strip()) < 20:
        raise ValidationError({"explanation": "Cần nêu căn cứ pháp lý và hướng dẫn cho người gửi."})
    if len(address.strip()) < 5:
        raise ValidationError({"address": "Cần ghi cơ quan có thẩm quyền và địa chỉ gửi đơn."})
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
    _save(
        petition,
        kind=kind,
        status=Status.REDIRECTED,
        outcome_note=note,
        closed_at=at,
        **_conclude(petition, HandledHow.REDIRECTED, day, on_time),
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
    _event(
        actor,
        "feedback.redirected",
        petition,
        f"{Kind(kind).label}: hướng dẫn gửi {address.strip()[:200]}",
        at,
        on_time=on_time,
    )
    return petition


# --- answers ------------------------------------------------------------------------------------------


def current_round(petition: Petition) -> int:
    return 2 if petition.reopened_at is not None else 1


@transaction.atomic
def draft_answer(
    actor: Any,
    petition: Petition,
    *,
    text: str,
    legal_basis: str = "",
    meeting_results: str = "",
    at: dt.datetime | None = None,
) -> Answer:
    """The unit's draft. For an accountability request it becomes the explanation document, which
    must state the legal basis and the results of any meetings (ND 59/2019, rules-vn §6)."""
    at = _now(at)
    petition = _lock(petition)
    _require_status(petition, (Status.RECEIVED, Status.PROCESSING), "dự thảo trả lời")
    if petition.kind in OUT_OF_SCOPE_KINDS:
        raise ValidationError("Khiếu nại, tố cáo: dùng chức năng «Hướng dẫn gửi đúng cơ quan».")
    if petition.kind == Kind.ACCOUNTABILITY and petition.status == Status.RECEIVED:
        raise ValidationError("Cần thông báo tiếp nhận yêu cầu giải trình trước khi dự thảo giải trình.")
    if len(text.strip()) < 20:
        raise ValidationError({"text": "Nội dung trả lời quá ngắn (ít nhất 20 ký tự)."})
    if petition.kind == Kind.ACCOUNTABILITY and len(legal_basis.strip()) < 5:
        raise ValidationError(
            {"legal_basis": "Văn bản giải trình phải nêu căn cứ pháp lý (Nghị định 59/2019/NĐ-CP)."}
        )
    day = clocks.local_day(at)
    triage = clocks.current(petition, ClockKind.TRIAGE)
    if triage is not None:  # drafting an answer is taking the petition up
        clocks.close_clock(actor, triage, on=day, note="Dự thảo trả lời")
    answer = Answer.objects.create(
        petition=petition,
        round=current_round(petition),
        text=text.strip(),
        legal_basis=legal_basis.strip(),
        meeting_results=meeting_results.strip() if petition.kind == Kind.ACCOUNTABILITY else "",
        drafted_by=actor if getattr(actor, "pk", None) else None,
        drafted_at=at,
    )
    _save(petition, status=Status.AWAITING_APPROVAL)
    _event(
        actor,
        "feedback.answer_drafted",
        petition,
        "Dự thảo trả lời, trình lãnh đạo duyệt",
        at,
        answer=answer.pk,
    )
    return answer


def pending_answer(petition: Petition) -> Answer | None:
    return petition.answers.filter(status=AnswerStatus.DRAFT).order_by("-drafted_at", "-pk").first()


@transaction.atomic
def return_answer(actor: Any, answer: Answer, *, note: str, at: dt.datetime | None = None) -> Answer:
    at = _now(at)
    petition = _lock(answer.petition)
    if answer.status != AnswerStatus.DRAFT:
        raise ValidationError("Dự thảo này đã được xử lý.")
    if len(note.strip()) < 5:
        raise ValidationError({"note": "Cần ghi ý kiến để đơn vị sửa dự thảo."})
    answer.status = AnswerStatus.RETURNED
    answer.decided_by = actor if getattr(actor, "pk", None) else None
    answer.decided_at = at
    answer.return_note = note.strip()
    answer.save()
    _save(petition, status=Status.PROCESSING)
    _event(actor, "feedback.answer_returned", petition, f"Trả lại dự thảo: {note.strip()[:300]}", at)
    return answer


@transaction.atomic
def approve_answer(
    actor: Any,
    answer: Answer,
    *,
    publish_now: bool = False,
    public_title: str = "",
    public_text: str = "",
    public_answer: str = "",
    at: dt.datetime | None = None,
) -> Answer:
    """The head approves; the answer goes to the citizen by their channel at once. With consent it is
    published now or the publication clock starts (766 ind. 5.2: within 2 working days)."""
    at = _now(at)
    petition = _lock(answer.petition)
    if answer.status != AnswerStatus.DRAFT or petition.status != Status.AWAITING_APPROVAL:
        raise ValidationError("Dự thảo này không còn chờ duyệt.")
    if publish_now:
        if not petition.consent_publish:
            raise ValidationError("Người gửi không đồng ý công khai; không thể công khai.")
        check_public_texts(petition, public_title, public_text, public_answer)
    day = clocks.local_day(at)
    main = clocks.current(
        petition, ClockKind.ANSWER if petition.kind == Kind.ACCOUNTABILITY else ClockKind.PROCESS
    )
    on_time = clocks.close_clock(actor, main, on=day, note="Gửi trả lời") if main else None
    delivery = replies.to_citizen(
        petition,
        f"answer:{answer.pk}",
        f"Trả lời {petition.get_kind_display().lower()} {petition.code}",
        f"Về nội dung: {petition.title}\n\n{answer.text}"
        + (f"\n\nCăn cứ: {answer.legal_basis}" if answer.legal_basis else "")
        + "\n\nÔng/Bà vui lòng đánh giá mức độ hài lòng trên trang theo dõi phản ánh."
        + replies.signature(petition),
        short=(
            f"{petition.unit.name} đã trả lời phản ánh {petition.code}. "
            f"Xem và đánh giá tại {replies.tracking_url()}"
        ),
    )
    answer.status = AnswerStatus.SENT
    answer.decided_by = actor if getattr(actor, "pk", None) else None
    answer.decided_at = at
    answer.sent_via = petition.reply_via
    answer.save()
    _save(
        petition,
        status=Status.ANSWERED,
        answered_at=at,
        **_conclude(petition, HandledHow.ANSWERED, day, on_time),
    )
    clocks.sync_due(petition)
    _event(
        actor,
        "feedback.answer_sent",
        petition,
        f"Duyệt và gửi trả lời. {delivery.label}",
        at,
        on_time=on_time,
    )
    if petition.kind == Kind.ACCOUNTABILITY:  # ND 59/2019: the explanation document (rules-vn §6)
        documents.issue(actor, petition, documents.EXPLANATION, at=at, answer=answer)
    if petition.consent_publish:
        publish_clock = clocks.open_clock(actor, petition, ClockKind.PUBLISH, start=day, round=answer.round)
        if publish_now:
            _publish(actor, petition, publish_clock, public_title, public_text, public_answer, at)
    return answer


def _publish(
    actor: Any, petition: Petition, clock: Any, title: str, text: str, answer: str, at: dt.datetime
) -> None:
    """Publish, or publish again after a withdrawal. ``published_at`` keeps the first publication: the
    publication clock closed then and judged it (766 ind. 5.2); publishing again after a correction
    neither re-opens nor re-judges it."""
    on_time = clocks.close_clock(actor, clock, on=clocks.local_day(at), note="Công khai") if clock else None
    again = petition.withdrawn_at is not None
    _save(
        petition,
        published_at=petition.published_at or at,
        withdrawn_at=None,
        withdrawal_reason="",
        public_title=title.strip(),
        public_text=text.strip(),
        public_answer=answer.strip(),
    )
    _event(
        actor,
        "feedback.published",
        petition,
        "Công khai lại kết quả trả lời sau khi chỉnh sửa" if again else "Công khai kết quả trả lời",
        at,
        on_time=on_time,
        again=again,
    )


@transaction.atomic
def publish(
    actor: Any,
    petition: Petition,
    *,
    public_title: str,
    public_text: str,
    public_answer: str,
    at: dt.datetime | None = None,
) -> Petition:
    at = _now(at)
    petition = _lock(petition)
    if not petition.consent_publish:
        raise ValidationError("Người gửi không đồng ý công khai; không thể công khai.")
    _require_status(petition, (Status.ANSWERED, Status.CLOSED), "công khai")
    check_public_texts(petition, public_title, public_text, public_answer)
    clock = clocks.current(petition, ClockKind.PUBLISH)
    _publish(actor, petition, clock, public_title, public_text, public_answer, at)
    return petition


@transaction.atomic
def withdraw_publication(
    actor: Any, petition: Petition, *, reason: str, at: dt.datetime | None = None
) -> Petition:
    """Take a published answer off the public site (personal data slipped through, an error to
    correct). The public list, the public page (410) and Open311 stop showing it at once; the texts
    stay for correction and publication again (``publish``). The screen lets only the head do it."""
    at = _now(at)
    petition = _lock(petition)
    if petition.published_at is None or petition.withdrawn_at is not None:
        raise ValidationError("Phản ánh này không đang được công khai.")
    if len(reason.strip()) < 10:
        raise ValidationError({"reason": "Cần ghi rõ lý do gỡ khỏi trang công khai (ít nhất 10 ký tự)."})
    _save(petition, withdrawn_at=at, withdrawal_reason=reason.strip())
    _event(
        actor,
        "feedback.publication_withdrawn",
        petition,
        f"Gỡ khỏi trang công khai: {reason.strip()[:300]}",
        at,
        reason=reason.strip(),
    )
    return petition


# --- ND 59/2019: suspension and the one extension -------------------------------------------------


def _answer_deadline(petition: Petition) -> Any:
    clock = clocks.current(petition, ClockKind.ANSWER)
    if petition.kind != Kind.ACCOUNTABILITY or clock is None or clock.deadline is None:
        raise ValidationError("Chỉ áp dụng cho yêu cầu giải trình đang trong thời hạn giải trình.")
    return clock.deadline


@transaction.atomic
def suspend(actor: Any, petition: Petition, *, reason: str, at: dt.datetime | None = None) -> Petition:
    """ND 59/2019 Art. 14(1): the explanation is suspended; that time does not count (rules-vn §6)."""
    at = _now(at)
    petition = _lock(petition)
    _require_status(petition, (Status.PROCESSING,), "tạm đình chỉ")
    deadline = _answer_deadline(petition)
    if len(reason.strip()) < 10:
        raise ValidationError({"reason": "Cần ghi căn cứ tạm đình chỉ việc giải trình."})
    day = clocks.local_day(at)
    deadlines.pause(actor, deadline, start=day, reason=reason.strip())
    _save(petition, status=Status.SUSPENDED)
    replies.to_citizen(
        petition,
        f"suspended:{day.isoformat()}",
        f"Tạm đình chỉ giải trình {petition.code}",
        f"Việc giải trình theo yêu cầu của Ông/Bà tạm đình chỉ từ ngày {day:%d/%m/%Y}. "
        f"Lý do: {reason.strip()}\n"
        "Thời gian tạm đình chỉ không tính vào thời hạn giải trình." + replies.signature(petition),
        short=f"Tạm đình chỉ giải trình {petition.code} từ {day:%d/%m/%Y}.",
    )
    _event(actor, "feedback.suspended", petition, f"Tạm đình chỉ: {reason.strip()[:300]}", at)
    return petition


@transaction.atomic
def resume(actor: Any, petition: Petition, *, at: dt.datetime | None = None) -> Petition:
    at = _now(at)
    petition = _lock(petition)
    _require_status(petition, (Status.SUSPENDED,), "tiếp tục giải trình")
    deadline = _answer_deadline(petition)
    day = clocks.local_day(at)
    deadlines.resume(actor, deadline, end=day)
    _save(petition, status=Status.PROCESSING)
    clocks.sync_due(petition)
    replies.to_citizen(
        petition,
        f"resumed:{day.isoformat()}",
        f"Tiếp tục giải trình {petition.code}",
        f"Việc giải trình được tiếp tục từ ngày {day:%d/%m/%Y}; "
        f"hạn giải trình mới: {petition.due_on:%d/%m/%Y}." + replies.signature(petition),
        short=f"Tiếp tục giải trình {petition.code}; hạn mới {petition.due_on:%d/%m/%Y}.",
    )
    _event(
        actor, "feedback.resumed", petition, f"Tiếp tục giải trình, hạn mới {petition.due_on:%d/%m/%Y}", at
    )
    return petition


@transaction.atomic
def request_extension(
    actor: Any, petition: Petition, *, days: int, reason: str, at: dt.datetime | None = None
) -> Any:
    """ND 59/2019 Art. 13 (rules-vn §6, CONFIRMED — P1, P2): complex matters may be extended once, by
    at most 15 days. "Once" means one approved extension; a refused request may be followed by another."""
    at = _now(at)
    petition = _lock(petition)
    _require_status(petition, (Status.PROCESSING, Status.SUSPENDED), "đề nghị gia hạn")
    deadline = _answer_deadline(petition)
    cap = int(setting("CCHC_ACCOUNTABILITY_EXTENSION_MAX_DAYS"))
    if deadline.extensions.filter(status=ExtensionStatus.APPROVED).exists():
        raise ValidationError("Yêu cầu giải trình chỉ được gia hạn một lần (Nghị định 59/2019, Điều 13).")
    if not 1 <= days <= cap:
        raise ValidationError(
            {"days": f"Thời gian gia hạn từ 1 đến {cap} ngày (Nghị định 59/2019, Điều 13)."}
        )
    cal = clocks.calendar(petition)
    # Counted from the original limit: the deadline machine adds the suspended time on top.
    proposed = cal.add_calendar_days(deadline.original_due, days)
    try:
        ext = deadlines.request_extension(actor, deadline, proposed_due=proposed, reason=reason)
    except ValidationError as exc:
        if "proposed_due" in getattr(exc, "message_dict", {}):
            raise ValidationError(
                {"days": "Thời gian tạm đình chỉ đã vượt số ngày gia hạn đề nghị; hãy đề nghị dài hơn."}
            ) from exc
        raise
    _event(
        actor,
        "feedback.extension_requested",
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
    at = _now(at)
    petition = _lock(petition)
    deadline = _answer_deadline(petition)
    ext = deadline.extensions.filter(status=ExtensionStatus.PENDING).first()
    if ext is None:
        raise ValidationError("Không có đề nghị gia hạn đang chờ quyết định.")
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
        _event(actor, "feedback.extended", petition, f"Gia hạn đến {petition.due_on:%d/%m/%Y}", at)
    else:
        _event(actor, "feedback.extension_refused", petition, f"Không đồng ý gia hạn. {note}".strip(), at)
    return ext


# --- duplicates ----------------------------------------------------------------------------------------


@transaction.atomic
def link_duplicate(
    actor: Any, petition: Petition, original: Petition, *, at: dt.datetime | None = None
) -> Petition:
    at = _now(at)
    if original.pk == petition.pk or original.duplicate_of_id == petition.pk:
        raise ValidationError({"original": "Không thể gắn phản ánh trùng với chính nó."})
    root = original.duplicate_of or original
    _save(petition, duplicate_of=root, similarity=None)
    _event(actor, "feedback.duplicate_linked", petition, f"Trùng nội dung với {root.code}", at)
    return petition


@transaction.atomic
def unlink_duplicate(actor: Any, petition: Petition, *, at: dt.datetime | None = None) -> Petition:
    at = _now(at)
    if petition.duplicate_of_id is None:
        raise ValidationError("Phản ánh này không được gắn là trùng.")
    _save(petition, duplicate_of=None, similarity=None)
    _event(actor, "feedback.duplicate_unlinked", petition, "Bỏ gắn phản ánh trùng", at)
    return petition
