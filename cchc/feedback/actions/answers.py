"""A petition's answer: drafted, returned or approved by the head (sent to the citizen), published and
withdrawn from the public site."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext, gettext_noop

from cchc.feedback import clocks, documents, replies
from cchc.feedback.actions.common import (
    at_or_now,
    audit,
    conclusion,
    lock_petition,
    require_status,
    save,
)
from cchc.feedback.audit_events import FeedbackEvents
from cchc.feedback.models import (
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
    must state the legal basis and the results of any meetings (ND 59/2019, docs/rules/petitions.md)."""
    at = at_or_now(at)
    petition = lock_petition(petition)
    require_status(petition, (Status.RECEIVED, Status.PROCESSING), gettext_noop("dự thảo trả lời"))
    if petition.kind in OUT_OF_SCOPE_KINDS:
        raise ValidationError(gettext("Khiếu nại, tố cáo: dùng chức năng «Hướng dẫn gửi đúng cơ quan»."))
    if petition.kind == Kind.ACCOUNTABILITY and petition.status == Status.RECEIVED:
        raise ValidationError(
            gettext("Cần thông báo tiếp nhận yêu cầu giải trình trước khi dự thảo giải trình.")
        )
    if len(text.strip()) < 20:
        raise ValidationError({"text": gettext("Nội dung trả lời quá ngắn (ít nhất 20 ký tự).")})
    if petition.kind == Kind.ACCOUNTABILITY and len(legal_basis.strip()) < 5:
        raise ValidationError(
            {"legal_basis": gettext("Văn bản giải trình phải nêu căn cứ pháp lý (Nghị định 59/2019/NĐ-CP).")}
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
    save(petition, status=Status.AWAITING_APPROVAL)
    audit(
        actor,
        FeedbackEvents.ANSWER_DRAFTED,
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
    at = at_or_now(at)
    petition = lock_petition(answer.petition)
    if answer.status != AnswerStatus.DRAFT:
        raise ValidationError(gettext("Dự thảo này đã được xử lý."))
    if len(note.strip()) < 5:
        raise ValidationError({"note": gettext("Cần ghi ý kiến để đơn vị sửa dự thảo.")})
    answer.status = AnswerStatus.RETURNED
    answer.decided_by = actor if getattr(actor, "pk", None) else None
    answer.decided_at = at
    answer.return_note = note.strip()
    answer.save()
    save(petition, status=Status.PROCESSING)
    audit(actor, FeedbackEvents.ANSWER_RETURNED, petition, f"Trả lại dự thảo: {note.strip()[:300]}", at)
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
    at = at_or_now(at)
    petition = lock_petition(answer.petition)
    if answer.status != AnswerStatus.DRAFT or petition.status != Status.AWAITING_APPROVAL:
        raise ValidationError(gettext("Dự thảo này không còn chờ duyệt."))
    if publish_now:
        if not petition.consent_publish:
            raise ValidationError(gettext("Người gửi không đồng ý công khai; không thể công khai."))
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
    save(
        petition,
        status=Status.ANSWERED,
        answered_at=at,
        **conclusion(petition, HandledHow.ANSWERED, day, on_time),
    )
    clocks.sync_due(petition)
    audit(
        actor,
        FeedbackEvents.ANSWER_SENT,
        petition,
        f"Duyệt và gửi trả lời. {delivery.label}",
        at,
        on_time=on_time,
    )
    if petition.kind == Kind.ACCOUNTABILITY:  # ND 59/2019: the explanation document (docs/rules/petitions.md)
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
    save(
        petition,
        published_at=petition.published_at or at,
        withdrawn_at=None,
        withdrawal_reason="",
        public_title=title.strip(),
        public_text=text.strip(),
        public_answer=answer.strip(),
    )
    audit(
        actor,
        FeedbackEvents.PUBLISHED,
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
    at = at_or_now(at)
    petition = lock_petition(petition)
    if not petition.consent_publish:
        raise ValidationError(gettext("Người gửi không đồng ý công khai; không thể công khai."))
    require_status(petition, (Status.ANSWERED, Status.CLOSED), gettext_noop("công khai"))
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
    at = at_or_now(at)
    petition = lock_petition(petition)
    if petition.published_at is None or petition.withdrawn_at is not None:
        raise ValidationError(gettext("Phản ánh này không đang được công khai."))
    if len(reason.strip()) < 10:
        raise ValidationError(
            {"reason": gettext("Cần ghi rõ lý do gỡ khỏi trang công khai (ít nhất 10 ký tự).")}
        )
    save(petition, withdrawn_at=at, withdrawal_reason=reason.strip())
    audit(
        actor,
        FeedbackEvents.PUBLICATION_WITHDRAWN,
        petition,
        f"Gỡ khỏi trang công khai: {reason.strip()[:300]}",
        at,
        reason=reason.strip(),
    )
    return petition
