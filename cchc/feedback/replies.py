"""Messages to the citizen, by the way they chose (or the channel they came by): e-mail built in,
SMS and Zalo through ``cchc.notify``'s pluggable channels, a printed letter for letters and walk-ins
without an address online, and the Front for opinions it forwarded.

Each message has a dedupe key, so an action retried by a worker never messages a citizen twice.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.urls import NoReverseMatch, reverse

from cchc.feedback.models import Channel, Petition, ReplyVia
from cchc.notify.actions import send

SMS_LIMIT = 300


@dataclass(frozen=True)
class Delivery:
    via: str
    recipients: list[str]

    @property
    def label(self) -> str:
        if not self.recipients:
            return "Cần gửi văn bản qua bưu điện hoặc trả trực tiếp (không có địa chỉ điện tử)."
        return f"Đã gửi qua {ReplyVia(self.via).label}."


def default_reply_via(channel: str, email: str, phone: str) -> str:
    if channel == Channel.FRONT:
        return ReplyVia.FRONT
    if channel == Channel.EMAIL and email:
        return ReplyVia.EMAIL
    if channel in (Channel.WEB, Channel.OPEN311) and email:
        return ReplyVia.EMAIL
    if channel == Channel.LETTER:
        return ReplyVia.POST
    if phone:
        return ReplyVia.SMS
    if email:
        return ReplyVia.EMAIL
    return ReplyVia.POST


def tracking_url() -> str:
    try:
        path = reverse("feedback_public:track")
    except NoReverseMatch:
        path = "/"
    return settings.SITE_URL.rstrip("/") + path


def _targets(petition: Petition) -> list[tuple[str, str]]:
    via = petition.reply_via
    if via == ReplyVia.EMAIL and petition.citizen_email:
        return [("email", petition.citizen_email)]
    if via in (ReplyVia.SMS, ReplyVia.ZALO) and petition.citizen_phone:
        return [(via, petition.citizen_phone)]
    if via == ReplyVia.FRONT:
        unit = petition.submitted_by_unit
        if unit is not None:
            head = unit.accountable_head()
            address = unit.email or (head.email if head else "")
            if address:
                return [("email", address)]
        return []
    if via == ReplyVia.POST and petition.citizen_email:
        return [("email", petition.citizen_email)]  # a copy by e-mail when we have one
    return []


def to_citizen(petition: Petition, key: str, subject: str, body: str, short: str = "") -> Delivery:
    """Send ``body`` (``short`` for SMS/Zalo, which then point to the tracking page)."""
    sent_to: list[str] = []
    for channel, recipient in _targets(petition):
        text = body
        if channel in ("sms", "zalo"):
            text = (short or body)[:SMS_LIMIT]
        # None: an earlier run already sent this very message (dedupe key); it still reached them.
        send(
            channel,
            recipient,
            subject,
            text,
            dedupe_key=f"feedback:{petition.code}:{key}:{channel}"[:200],
            object_type="feedback.petition",
            object_id=str(petition.pk),
        )
        sent_to.append(recipient)
    return Delivery(petition.reply_via, sent_to)


def signature(petition: Petition) -> str:
    return f"\n\n{petition.unit.name}\nTheo dõi phản ánh: {tracking_url()} (mã {petition.code})"
