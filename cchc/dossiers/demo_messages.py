"""The demo's messages to citizens: a few citizens of the one-stop desk's dossiers agreed to progress
messages (at the desk, or on the public look-up page; one later stopped them), so the dossier's page
"Thông báo cho công dân" shows the consent and the messages it sent. Messages are recorded, never sent:
the demo's citizens are fictitious. Idempotent: nothing is added when consents exist."""

from __future__ import annotations

from cchc.dossiers.actions.consents import consent, withdraw
from cchc.dossiers.models import Status
from cchc.dossiers.queries import dossiers_for
from cchc.notify.channels import messages_recorded
from cchc.notify.models import Consent, ConsentPlace

# (status, channel, where): a dossier of each kind that is announced, and one being processed (nothing
# to announce yet) whose citizen later stops the messages.
PLAN = [
    (Status.RECEIVED, "zalo", ConsentPlace.DESK),
    (Status.PROCESSING, "sms", ConsentPlace.LOOKUP),
    (Status.SUPPLEMENT, "zalo", ConsentPlace.DESK),
    (Status.PROCESSED, "zalo", ConsentPlace.LOOKUP),
    (Status.RETURNED, "sms", ConsentPlace.DESK),
]


def load_message_demo() -> str:
    from cchc.accounts.models import User

    if Consent.objects.exists():
        return f"đã có {Consent.objects.count()} đăng ký nhận thông báo, không thêm"
    desk = User.objects.filter(username="motcua").first()
    if desk is None:
        return "(chưa có tài khoản Bộ phận một cửa: bỏ qua thông báo cho công dân)"
    codes: list[str] = []
    with messages_recorded():
        mine = dossiers_for(desk, write=True).exclude(applicant_phone="").select_related("procedure")
        for status, channel, where in PLAN:
            d = mine.filter(status=status).exclude(code__in=codes).order_by("-received_at", "code").first()
            if d is None:
                continue
            consent(
                desk if where == ConsentPlace.DESK else None,
                d,
                channel=channel,
                address=d.applicant_phone,
                where=where,
            )
            codes.append(d.code)
        # One citizen stopped the messages from the look-up page (the one being processed, else the last).
        stopping = mine.filter(status=Status.PROCESSING, code__in=codes).first()
        if stopping is None and len(codes) > 1:
            stopping = mine.get(code=codes[-1])
        if stopping is not None:
            withdraw(None, stopping, where=ConsentPlace.LOOKUP)
    return f"{len(codes)} công dân đăng ký nhận thông báo (hồ sơ {', '.join(codes)})"
