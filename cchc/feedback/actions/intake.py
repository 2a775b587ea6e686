"""Receiving a petition, whatever the channel: the public form, staff entry (hotline, walk-in, letters),
the e-mail mailbox, the Front's meeting batches and Open311 all end in ``receive``.

``receive`` validates everything first (a Vietnamese message naming the field; nothing is written on
error), gives the item its tracking code, routes it, links it to an earlier report of the same matter,
starts its legal clocks, records the audit event and acknowledges receipt to the citizen.
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext

from cchc.core.events import record
from cchc.feedback import clocks, replies
from cchc.feedback.actions.common import attach_files
from cchc.feedback.attachments import CheckedFile
from cchc.feedback.audit_events import FeedbackEvents
from cchc.feedback.conf import setting
from cchc.feedback.models import (
    ApiKey,
    Category,
    Channel,
    ClockKind,
    FrontMeeting,
    Kind,
    Petition,
    ReplyVia,
)
from cchc.feedback.routing import route, wards_of
from cchc.feedback.text import best_match, is_valid_phone, normalise, normalise_phone
from cchc.org.models import Jurisdiction, Unit

CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O, 1/I: codes are read out on the phone
RESUBMIT_WINDOW = dt.timedelta(minutes=10)


@dataclass
class Intake:
    jurisdiction: Jurisdiction
    kind: str
    channel: str
    category: Category
    text: str
    citizen_name: str
    title: str = ""
    ward: Jurisdiction | None = None
    location: str = ""
    latitude: Decimal | None = None
    longitude: Decimal | None = None
    dossier_code: str = ""
    citizen_phone: str = ""
    citizen_email: str = ""
    citizen_address: str = ""
    citizen_id_number: str = ""
    reply_via: str = ""
    consent_publish: bool = False
    received_at: dt.datetime | None = None
    submitted_by: Any = None
    submitted_by_unit: Unit | None = None
    meeting: FrontMeeting | None = None
    ip_hash: str = ""
    message_id: str | None = None
    api_key: ApiKey | None = None
    open311_account_id: str = ""
    media_url: str = ""
    files: list[CheckedFile] = field(default_factory=list)
    is_demo: bool = False
    send_ack: bool = True
    # ND 20/2008 Art. 7 (docs/rules/petitions.md, CONFIRMED FROM TEXT): name, address and phone are required
    # of written feedback; channels that cannot always collect them (e-mail, Open311, the Front's
    # collective opinions) relax this and staff ask for what is missing.
    require_contact: bool = True


def new_code(year: int) -> str:
    return f"PA{year % 100:02d}-" + "".join(secrets.choice(CODE_ALPHABET) for _ in range(6))


def _title_from(text: str) -> str:
    first = " ".join(text.split())
    return first if len(first) <= 120 else first[:117].rsplit(" ", 1)[0] + "…"


def validate(intake: Intake) -> dict[str, str]:
    """Field → Vietnamese message for everything wrong with ``intake`` (empty when all is well)."""
    errors: dict[str, str] = {}
    if intake.kind not in Kind.values:
        errors["kind"] = gettext("Loại phản ánh không hợp lệ.")
    if intake.channel not in Channel.values:
        errors["channel"] = gettext("Kênh tiếp nhận không hợp lệ.")
    if intake.category.jurisdiction_id != intake.jurisdiction.pk or not intake.category.is_active:
        errors["category"] = gettext("Lĩnh vực không thuộc địa bàn này hoặc đã ngừng sử dụng.")
    if intake.ward is not None and not wards_of(intake.jurisdiction).filter(pk=intake.ward.pk).exists():
        errors["ward"] = gettext("Phường, xã không thuộc địa bàn này.")
    if intake.category.route_to_ward and intake.ward is None and intake.require_contact:
        errors["ward"] = f"Lĩnh vực «{intake.category.name}» cần chọn phường, xã nơi xảy ra."
    text = intake.text.strip()
    if len(text) < 10:
        errors["text"] = gettext("Nội dung cần ít nhất 10 ký tự để cơ quan hiểu và xử lý được.")
    elif len(text) > 8000:
        errors["text"] = gettext("Nội dung dài quá 8.000 ký tự; vui lòng rút gọn hoặc gửi kèm tệp PDF.")
    if not intake.citizen_name.strip():
        errors["citizen_name"] = gettext("Vui lòng nhập họ và tên người gửi.")
    phone = normalise_phone(intake.citizen_phone)
    if intake.citizen_phone.strip() and not is_valid_phone(phone):
        errors["citizen_phone"] = gettext("Số điện thoại không hợp lệ (10 chữ số, bắt đầu bằng 0).")
    if intake.require_contact:
        if not phone:
            errors.setdefault("citizen_phone", "Vui lòng nhập số điện thoại để nhận kết quả và theo dõi.")
        if not intake.citizen_address.strip():
            errors["citizen_address"] = gettext("Vui lòng nhập địa chỉ liên hệ.")
    if intake.citizen_email.strip():
        try:
            validate_email(intake.citizen_email.strip())
        except ValidationError:
            errors["citizen_email"] = gettext("Địa chỉ thư điện tử không hợp lệ.")
    if intake.reply_via and intake.reply_via not in ReplyVia.values:
        errors["reply_via"] = gettext("Cách nhận trả lời không hợp lệ.")
    if intake.reply_via == ReplyVia.EMAIL and not intake.citizen_email.strip():
        errors["citizen_email"] = gettext("Vui lòng nhập thư điện tử để nhận trả lời qua thư điện tử.")
    if intake.reply_via in (ReplyVia.SMS, ReplyVia.ZALO) and not phone:
        errors["citizen_phone"] = gettext("Vui lòng nhập số điện thoại để nhận trả lời qua tin nhắn.")
    if intake.kind == Kind.ACCOUNTABILITY and intake.require_contact and not intake.citizen_address.strip():
        # ND 59/2019 Art. 10 (docs/rules/petitions.md, CONFIRMED): name, address and phone are required.
        errors["citizen_address"] = gettext(
            "Yêu cầu giải trình phải ghi địa chỉ của người yêu cầu (Nghị định 59/2019)."
        )
    if intake.received_at is not None and intake.received_at > timezone.now() + dt.timedelta(minutes=5):
        errors["received_at"] = gettext("Thời điểm tiếp nhận không được ở tương lai.")
    if (intake.latitude is None) != (intake.longitude is None):
        errors["latitude"] = gettext("Cần cả vĩ độ và kinh độ.")
    return errors


def find_duplicate(intake: Intake, norm: str, at: dt.datetime) -> tuple[Petition, float] | None:
    """An earlier petition about the same matter: same category and ward, within the window, with
    similar text. Repeats are linked to the first report of the matter, not to each other."""
    window = dt.timedelta(days=int(setting("CCHC_FEEDBACK_DUPLICATE_WINDOW_DAYS")))
    candidates = Petition.objects.filter(
        jurisdiction=intake.jurisdiction,
        category=intake.category,
        ward=intake.ward,
        received_at__gte=at - window,
        received_at__lte=at,
    ).order_by("-received_at")[:300]
    rows = list(candidates.values_list("pk", "norm_text", "duplicate_of_id"))
    found = best_match(
        norm, [(pk, text) for pk, text, _ in rows], float(setting("CCHC_FEEDBACK_DUPLICATE_THRESHOLD"))
    )
    if found is None:
        return None
    pk, score = found
    root = next(root or pk for p, _, root in rows if p == pk)
    return Petition.objects.get(pk=root), round(score, 3)


def receive(actor: Any, intake: Intake) -> Petition:
    """Create and start a petition. Raises ``ValidationError`` (a dict of field → message) and writes
    nothing when the input is wrong. A double submission (same phone, same text, within minutes)
    returns the first petition instead of a second one."""
    errors = validate(intake)
    if errors:
        raise ValidationError(errors)
    at = intake.received_at or timezone.now()
    phone = normalise_phone(intake.citizen_phone)
    text = intake.text.strip()
    title = (intake.title.strip() or _title_from(text))[:200]
    norm = normalise(f"{title} {text}")
    if phone:
        earlier = Petition.objects.filter(
            citizen_phone=phone, norm_text=norm, received_at__gte=at - RESUBMIT_WINDOW, received_at__lte=at
        ).first()
        if earlier is not None:
            return earlier
    if intake.message_id:
        already = Petition.objects.filter(message_id=intake.message_id).first()
        if already is not None:
            return already
    dossier = None
    dossier_code = intake.dossier_code.strip()[:64]
    if dossier_code:
        from cchc.dossiers.models import Dossier

        dossier = Dossier.objects.filter(code=dossier_code).select_related("handling_unit").first()
    unit, reason = route(intake.jurisdiction, intake.category, intake.ward, dossier)
    reply_via = intake.reply_via or replies.default_reply_via(intake.channel, intake.citizen_email, phone)
    duplicate = find_duplicate(intake, norm, at)
    with transaction.atomic():
        petition = _create(
            intake,
            at=at,
            phone=phone,
            title=title,
            text=text,
            norm=norm,
            unit=unit,
            dossier=dossier,
            dossier_code=dossier_code,
            reply_via=reply_via,
            duplicate=duplicate,
        )
        attach_files(petition, intake.files)
        summary = (
            f"Tiếp nhận {petition.get_kind_display().lower()} qua {petition.get_channel_display().lower()}"
        )
        record(
            actor,
            FeedbackEvents.RECEIVED,
            petition,
            summary=summary,
            data={
                "at": at.isoformat(),
                "channel": intake.channel,
                "unit": unit.code,
                "route": reason,
                "duplicate_of": duplicate[0].code if duplicate else None,
            },
        )
        _start_clocks(actor, petition)
    if intake.send_ack:
        acknowledge(petition)
    return petition


def _create(
    intake: Intake,
    *,
    at: dt.datetime,
    phone: str,
    title: str,
    text: str,
    norm: str,
    unit: Unit,
    dossier: Any,
    dossier_code: str,
    reply_via: str,
    duplicate: tuple[Petition, float] | None,
) -> Petition:
    fields = dict(
        jurisdiction=intake.jurisdiction,
        kind=intake.kind,
        channel=intake.channel,
        category=intake.category,
        ward=intake.ward,
        location=intake.location.strip()[:255],
        latitude=intake.latitude,
        longitude=intake.longitude,
        dossier=dossier,
        dossier_code=dossier_code,
        title=title,
        text=text,
        norm_text=norm,
        citizen_name=" ".join(intake.citizen_name.split())[:200],
        citizen_phone=phone,
        citizen_email=intake.citizen_email.strip()[:254],
        citizen_address=intake.citizen_address.strip()[:255],
        citizen_id_number=intake.citizen_id_number.strip()[:20],
        reply_via=reply_via,
        consent_publish=intake.consent_publish,
        unit=unit,
        submitted_by=intake.submitted_by if getattr(intake.submitted_by, "pk", None) else None,
        submitted_by_unit=intake.submitted_by_unit,
        meeting=intake.meeting,
        duplicate_of=duplicate[0] if duplicate else None,
        similarity=duplicate[1] if duplicate else None,
        received_at=at,
        received_on=clocks.received_day(intake.jurisdiction, at),
        ip_hash=intake.ip_hash,
        message_id=intake.message_id or None,
        api_key=intake.api_key,
        open311_token=secrets.token_hex(10) if intake.channel == Channel.OPEN311 else None,
        open311_account_id=intake.open311_account_id[:100],
        media_url=intake.media_url[:500],
        is_demo=intake.is_demo,
    )
    for _ in range(8):
        try:
            with transaction.atomic():
                return Petition.objects.create(code=new_code(at.year), **fields)
        except IntegrityError:
            if intake.message_id and Petition.objects.filter(message_id=intake.message_id).exists():
                raise
            continue  # a code collision (one in a billion): draw again
    raise IntegrityError("could not draw a free tracking code")


def _start_clocks(actor: Any, petition: Petition) -> None:
    start = petition.received_on
    if petition.kind == Kind.ACCOUNTABILITY:
        clocks.open_clock(actor, petition, ClockKind.ACCEPT, start=start)
    else:
        clocks.open_clock(actor, petition, ClockKind.TRIAGE, start=start)
        if petition.is_pakn:
            clocks.open_clock(actor, petition, ClockKind.PROCESS, start=start)
    clocks.sync_due(petition)


def acknowledge(petition: Petition) -> None:
    subject = f"Đã tiếp nhận {petition.get_kind_display().lower()} mã {petition.code}"
    due = f" Hạn trả lời dự kiến: {petition.due_on:%d/%m/%Y}." if petition.due_on else ""
    body = (
        f"{petition.unit.name} đã tiếp nhận {petition.get_kind_display().lower()} của Ông/Bà "
        f"ngày {timezone.localtime(petition.received_at):%d/%m/%Y}, mã theo dõi {petition.code}.{due}\n"
        f"Nội dung: {petition.title}" + replies.signature(petition)
    )
    short = f"Đã tiếp nhận phản ánh mã {petition.code}.{due} Theo dõi: {replies.tracking_url()}"
    replies.to_citizen(petition, "ack", subject, body, short=short)


def refuse_mail(uid: str, messages: list[str], *, actor: str) -> None:
    """An e-mail from which no petition could be made: recorded for a person to look at."""
    record(
        actor,
        FeedbackEvents.MAIL_REFUSED,
        object_type="feedback.mailbox",
        object_id=uid,
        summary="Thư không tạo được phản ánh: " + " ".join(messages)[:400],
    )
