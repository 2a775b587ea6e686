"""Progress messages to a citizen who consented (``notify.Consent`` for the dossier's code): received
(with the appointment), not accepted, supplement requested (with what is missing), result ready, and
late with the apology letter's new appointment.

Called inside the change's transaction (the write path ``actions.upsert``, ``actions.apologies``, and
when consent is given): ``notify.send`` claims each message's row there and hands it to the background
worker only after the commit, so a rolled-back change sends nothing and no gateway is called while
the change's rows are locked or a person waits. The dedupe key names the dossier and the change (the
supplement request's number, the apology letter's id), so a retried import or a second worker never
sends the same message twice. No message names the applicant.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from cchc.dossiers.models import Apology, Dossier, Status
from cchc.notify.actions import send
from cchc.notify.models import Consent
from cchc.notify.queries import consent_in_force, consents_in_force

OBJECT_TYPE = "dossiers.dossier"
SHORT_LIMIT = 300


def _day(value: object) -> str:
    return timezone.localtime(value).strftime("%d/%m/%Y") if value else ""  # type: ignore[arg-type]


def _lookup_url() -> str:
    try:
        path = reverse("portal:dossier_lookup")
    except NoReverseMatch:
        path = "/"
    return settings.SITE_URL.rstrip("/") + path


def _procedure(d: Dossier) -> str:
    name = d.procedure.name.strip()
    return name if len(name) <= 80 else name[:79].rstrip() + "…"


def message_for(d: Dossier) -> tuple[str, str, str] | None:
    """(change key, subject, text) for the dossier's current status, or None when that status is not
    announced (being processed, withdrawn…)."""
    head = f"Hồ sơ {d.code} ({_procedure(d)})"
    where = d.receiving_unit.name
    if d.status == Status.RECEIVED:
        due = d.effective_appointment_at or d.appointment_at
        tail = f" Ngày hẹn trả kết quả: {_day(due)}." if due else ""
        return "received", "Đã tiếp nhận hồ sơ", f"{head} đã được tiếp nhận tại {where}.{tail}"
    if d.status == Status.REFUSED:
        return (
            "refused",
            "Hồ sơ không được tiếp nhận",
            f"{head} không được tiếp nhận. Vui lòng liên hệ {where}.",
        )
    if d.status == Status.SUPPLEMENT:
        pending = d.supplements.filter(completed_at__isnull=True).order_by("-seq").first()
        seq = pending.seq if pending else 0
        missing = (pending.content.strip().rstrip(".") if pending else "") or "liên hệ nơi tiếp nhận để biết"
        return (
            f"supplement:{seq}",
            "Hồ sơ cần bổ sung",
            f"{head} cần bổ sung: {missing}. Nộp bổ sung tại {where}.",
        )
    if d.status in (Status.PROCESSED, Status.RETURNED):
        # One "result" message whichever of the two statuses comes first.
        if d.status == Status.RETURNED and d.returned_at:
            text = f"{head} đã trả kết quả ngày {_day(d.returned_at)}."
        else:
            text = f"{head} đã có kết quả. Mời ông/bà nhận kết quả tại {where}."
        return "result", "Hồ sơ đã có kết quả", text
    return None


def _send(consent: Consent, d: Dossier, key: str, subject: str, text: str) -> None:
    text = f"{text} Tra cứu: {_lookup_url()}"
    if len(text) > SHORT_LIMIT and consent.channel != "email":
        text = text[: SHORT_LIMIT - 1] + "…"
    send(
        consent.channel,
        consent.address,
        f"{subject} — {d.code}",
        text,
        dedupe_key=f"dossier:{d.code}:{key}"[:200],
        object_type=OBJECT_TYPE,
        object_id=d.code,
        in_worker=True,
    )


def queue_for_codes(codes: Iterable[str]) -> int:
    """The message for the current status of each dossier in ``codes`` whose citizen consented.
    Returns how many were queued (messages already sent for the same change are not queued again)."""
    consents = consents_in_force(OBJECT_TYPE, codes)
    if not consents:
        return 0
    queued = 0
    dossiers = Dossier.objects.filter(code__in=list(consents)).select_related("procedure", "receiving_unit")
    for d in dossiers:
        said = message_for(d)
        if said is not None:
            _send(consents[d.code], d, *said)
            queued += 1
    return queued


def queue_for_dossier(d: Dossier) -> int:
    return queue_for_codes([d.code])


def queue_apology(d: Dossier, apology: Apology) -> bool:
    """The apology letter's message: late, sorry, and the new appointment."""
    consent = consent_in_force(OBJECT_TYPE, d.code)
    if consent is None:
        return False
    who = apology.responsible_unit_name or d.handling_unit.name
    text = (
        f"Hồ sơ {d.code} ({_procedure(d)}) bị chậm so với ngày hẹn. {who} xin lỗi ông/bà và hẹn trả kết "
        f"quả vào ngày {_day(apology.new_appointment_at)}."
    )
    _send(consent, d, f"apology:{apology.pk}", "Xin lỗi vì hồ sơ trễ hẹn", text)
    return True
