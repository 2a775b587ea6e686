"""Storing what a respondent sent: a citizen's answers from a dossier's link, a kiosk's form, a paper form
whose two entries agree, and the three-level dossier rating. Reading and checking the answers is
``cchc.surveys.collection``; each stored answer writes its audit row here."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop

from cchc.core.events import record
from cchc.surveys.audit_events import SurveysEvents
from cchc.surveys.collection import (
    Answers,
    SubmissionError,
    campaign_for,
    campaign_for_dossier,
    flags_for,
)
from cchc.surveys.models import (
    CampaignUnit,
    DossierRating,
    DossierToken,
    FlagStatus,
    Kiosk,
    RatedOfficial,
    Response,
    ResponseChannel,
)


@dataclass
class Received:
    created: bool
    message: str
    response: Response | None = None
    rating: DossierRating | None = None


# What a submission answers, in Vietnamese (the page shows it translated: ``gettext(received.message)``).
ALREADY = gettext_noop("Hồ sơ này đã được đánh giá. Mỗi hồ sơ chỉ đánh giá một lần. Cảm ơn ông/bà!")
THANKS = gettext_noop("Cảm ơn ông/bà đã dành thời gian đánh giá. Ý kiến đã được ghi nhận.")


def _already_received(key: str | None) -> Response | DossierRating | None:
    if not key:
        return None
    return (
        Response.objects.filter(client_key=key).first()
        or DossierRating.objects.filter(client_key=key).first()
    )


def _new_response(
    cu: CampaignUnit,
    answers: Answers,
    *,
    channel: str,
    now: dt.datetime,
    dossier: Any = None,
    kiosk: Kiosk | None = None,
    ip_hash: str = "",
    entered_by: Any = None,
) -> Response:
    items = len(cu.campaign.questionnaire.questionnaire.items)
    reasons: list[str] = []
    twin = None
    if channel != ResponseChannel.PAPER:
        reasons, twin = flags_for(cu.campaign, answers, now=now, ip_hash=ip_hash, kiosk=kiosk, items=items)
    return Response.objects.create(
        campaign=cu.campaign,
        unit=cu.unit,
        channel=channel,
        dossier=dossier,
        kiosk=kiosk,
        client_key=answers.client_key,
        submitted_at=now,
        duration_seconds=answers.duration_seconds,
        answers=answers.answers,
        expectations=answers.expectations,
        respondent_type=answers.respondent_type,
        comment=answers.comment,
        contact_consent=answers.contact_consent,
        contact_name=answers.contact_name if answers.contact_consent else "",
        contact_phone=answers.contact_phone if answers.contact_consent else "",
        contact_email=answers.contact_email if answers.contact_consent else "",
        ip_hash=ip_hash,
        entered_by=entered_by if getattr(entered_by, "pk", None) else None,
        flag_status=FlagStatus.PENDING if reasons else FlagStatus.NONE,
        flag_reasons=reasons,
        duplicate_of=twin,
    )


def rate_dossier(
    dossier: Any,
    level: int,
    *,
    channel: str,
    at: dt.datetime,
    entered_by: Any = None,
    client_key: str | None = None,
) -> DossierRating:
    """The three-level rating, counted for the dossier's handling unit and every official on its steps."""
    rating = DossierRating.objects.create(
        dossier=dossier,
        level=level,
        channel=channel,
        rated_at=at,
        unit_id=dossier.handling_unit_id,
        entered_by=entered_by if getattr(entered_by, "pk", None) else None,
        client_key=client_key,
    )
    seen: dict[int, int | None] = {}
    for official_id, unit_id in dossier.steps.filter(official__isnull=False).values_list(
        "official_id", "unit_id"
    ):
        seen.setdefault(official_id, unit_id)
    RatedOfficial.objects.bulk_create(
        [RatedOfficial(rating=rating, official_id=o, unit_id=u, level=level) for o, u in seen.items()]
    )
    return rating


def submit_for_dossier(token: DossierToken, answers: Answers, *, ip_hash: str = "") -> Received:
    """A citizen's answers from the link or QR code on a dossier's slip (no login)."""
    previous = _already_received(answers.client_key)
    if previous is not None:
        return Received(False, THANKS)
    dossier = token.dossier
    now = timezone.now()
    cu = campaign_for_dossier(dossier, timezone.localdate(now))
    try:
        with transaction.atomic():
            rating = None
            if answers.rating is not None:
                rating = rate_dossier(
                    dossier,
                    answers.rating,
                    channel=ResponseChannel.LINK,
                    at=now,
                    client_key=answers.client_key,
                )
            response = None
            if cu is not None and not answers.empty:
                response = _new_response(
                    cu, answers, channel=ResponseChannel.LINK, now=now, dossier=dossier, ip_hash=ip_hash
                )
            if rating is None and response is None:
                raise SubmissionError({"rating": gettext("Vui lòng chọn mức độ hài lòng.")})
    except IntegrityError:
        # The other submit of this token (or of this browser) won: one response per dossier.
        previous = _already_received(answers.client_key)
        if previous is not None:
            return Received(False, THANKS)
        return Received(False, ALREADY)
    record(
        "người dân (đường dẫn khảo sát)",
        SurveysEvents.ANSWERED,
        response or rating,
        summary="Nhận đánh giá qua đường dẫn trên phiếu hồ sơ",
        data={"campaign": cu.campaign_id if cu else None, "flags": response.flag_reasons if response else []},
    )
    return Received(True, THANKS, response, rating)


def submit_from_kiosk(kiosk: Kiosk, answers: Answers, *, ip_hash: str = "") -> Received:
    previous = _already_received(answers.client_key)
    if previous is not None:
        return Received(False, THANKS)
    now = timezone.now()
    cu = campaign_for(kiosk.unit, timezone.localdate(now))
    if cu is None:
        raise SubmissionError(
            {"campaign": gettext("Hiện không có đợt khảo sát nào đang mở cho nơi đặt máy này.")}
        )
    if not answers.answers:
        raise SubmissionError({"answers": gettext("Vui lòng trả lời ít nhất một câu hỏi.")})
    try:
        with transaction.atomic():
            response = _new_response(
                cu, answers, channel=ResponseChannel.KIOSK, now=now, kiosk=kiosk, ip_hash=ip_hash
            )
    except IntegrityError:
        previous = _already_received(answers.client_key)
        return Received(False, THANKS)
    Kiosk.objects.filter(pk=kiosk.pk).update(last_seen_at=now)
    record(
        f"ki-ốt {kiosk.name}",
        SurveysEvents.ANSWERED,
        response,
        summary=f"Nhận phiếu tại ki-ốt {kiosk.name}",
        data={"campaign": cu.campaign_id, "flags": response.flag_reasons},
    )
    return Received(True, THANKS, response)


def store_paper(cu: CampaignUnit, answers: Answers, *, filled_on: dt.date, entered_by: Any) -> Response:
    """A paper form whose two entries agree (or were reconciled): dated on the day written on it."""
    at = timezone.make_aware(dt.datetime.combine(filled_on, dt.time(12, 0)))
    return _new_response(cu, answers, channel=ResponseChannel.PAPER, now=at, entered_by=entered_by)
