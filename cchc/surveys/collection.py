"""Receiving answers: from a dossier's link or QR code, a kiosk, or a paper form (after double entry).

- One response per dossier: the database refuses a second one (``survey_one_response_per_dossier``,
  and the rating's one-to-one key), so two submits of the same token at the same moment store one;
  the other gets "already answered". A retried submit from the same browser carries the same
  ``client_key`` and is recognised as already received.
- Suspicious responses (identical answers given in seconds, repeats from one device or address, bursts)
  are stored with a flag for the secretariat to review; nothing is dropped.
- No identity is stored: the address becomes a salted hash used only to spot repeats, and contact
  details are kept only when the respondent ticks the box.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.utils.translation import gettext

from cchc.lib.questionnaires import Questionnaire
from cchc.org.models import Unit
from cchc.surveys.conf import setting
from cchc.surveys.models import (
    Campaign,
    CampaignStatus,
    CampaignUnit,
    DossierRating,
    DossierToken,
    Kiosk,
    RatingLevel,
    RespondentType,
    Response,
)

STAMP_SALT = "cchc.surveys.form-started"
MAX_COMMENT = 2000
PHONE = re.compile(r"^\+?[0-9 .-]{8,15}$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
CLIENT_KEY = re.compile(r"^[A-Za-z0-9-]{8,64}$")


class SubmissionError(ValueError):
    """Bad answers; ``errors`` maps a field name to a Vietnamese message."""

    def __init__(self, errors: dict[str, str]) -> None:
        self.errors = errors
        super().__init__("; ".join(errors.values()))


@dataclass
class Answers:
    answers: dict[str, int] = field(default_factory=dict)
    expectations: list[str] | None = None
    rating: int | None = None
    respondent_type: str = ""
    comment: str = ""
    contact_consent: bool = False
    contact_name: str = ""
    contact_phone: str = ""
    contact_email: str = ""
    client_key: str | None = None
    duration_seconds: int | None = None

    @property
    def empty(self) -> bool:
        return not self.answers and not self.expectations and not self.comment.strip()


# --- campaign lookup -----------------------------------------------------------------------------


def campaign_for(unit: Unit, day: dt.date) -> CampaignUnit | None:
    """The open campaign covering ``unit`` on ``day``: the campaign unit that is the unit itself or the
    nearest unit above it (the one-stop office of a ward counts for the ward's committee)."""
    chain = [int(pk) for pk in unit.path.strip("/").split("/") if pk] or [unit.pk]
    rows = list(
        CampaignUnit.objects.filter(
            unit_id__in=chain,
            campaign__status=CampaignStatus.OPEN,
            campaign__starts_on__lte=day,
            campaign__ends_on__gte=day,
        ).select_related("campaign", "campaign__questionnaire", "unit")
    )
    if not rows:
        return None
    depth = {pk: n for n, pk in enumerate(chain)}
    rows.sort(
        key=lambda cu: (-depth.get(cu.unit_id, -1), -cu.campaign.starts_on.toordinal(), -cu.campaign_id)
    )
    return rows[0]


def campaign_for_dossier(dossier: Any, day: dt.date) -> CampaignUnit | None:
    return campaign_for(dossier.receiving_unit, day) or campaign_for(dossier.handling_unit, day)


# --- parsing -------------------------------------------------------------------------------------


def form_stamp() -> str:
    return signing.dumps(time.time(), salt=STAMP_SALT)


def _stamp_seconds(stamp: str) -> int | None:
    try:
        started = float(signing.loads(stamp, salt=STAMP_SALT))
    except (signing.BadSignature, TypeError, ValueError):
        return None
    return max(0, int(time.time() - started))


def parse(
    q: Questionnaire | None, data: Mapping[str, Any], *, with_rating: bool = False, with_contact: bool = True
) -> Answers:
    """Read a submitted form (``q_<item>``, ``m_<option>``, ``rating``, …); all-or-nothing."""
    errors: dict[str, str] = {}
    out = Answers()
    if q is not None:
        scale = {str(v): v for v in q.scale.values}
        for item in q.items:
            raw = str(data.get(f"q_{item.code}", "") or "").strip()
            if not raw:
                continue
            if raw not in scale:
                errors[f"q_{item.code}"] = gettext("Câu %(code)s: mức trả lời “%(value)s” không hợp lệ.") % {
                    "code": item.code,
                    "value": raw,
                }
                continue
            out.answers[item.code] = scale[raw]
        if q.options:
            getlist = getattr(data, "getlist", None)
            seen = str(data.get("expectations_shown", "")) == "1"
            chosen = [
                o.code for o in q.options if (getlist(f"m_{o.code}") if getlist else data.get(f"m_{o.code}"))
            ]
            out.expectations = chosen if (seen or chosen) else None
    if with_rating:
        raw = str(data.get("rating", "") or "").strip()
        if raw not in {str(level.value) for level in RatingLevel}:
            errors["rating"] = gettext(
                "Vui lòng chọn mức độ hài lòng: Rất hài lòng, Hài lòng hoặc Không hài lòng."
            )
        else:
            out.rating = int(raw)
    kind = str(data.get("respondent_type", "") or "")
    if kind and kind not in RespondentType.values:
        errors["respondent_type"] = gettext("Loại người trả lời không hợp lệ.")
    out.respondent_type = kind
    comment = str(data.get("comment", "") or "").strip()
    if len(comment) > MAX_COMMENT:
        errors["comment"] = gettext("Góp ý dài quá %(limit)s ký tự.") % {"limit": MAX_COMMENT}
    out.comment = comment
    if with_contact and str(data.get("contact_consent", "")) in {"1", "on", "true"}:
        out.contact_consent = True
        out.contact_name = str(data.get("contact_name", "") or "").strip()[:200]
        out.contact_phone = str(data.get("contact_phone", "") or "").strip()
        out.contact_email = str(data.get("contact_email", "") or "").strip()
        if not (out.contact_phone or out.contact_email):
            errors["contact_phone"] = gettext(
                "Bạn đã chọn để lại thông tin liên hệ: vui lòng ghi số điện thoại hoặc thư điện tử."
            )
        if out.contact_phone and not PHONE.match(out.contact_phone):
            errors["contact_phone"] = gettext("Số điện thoại không hợp lệ.")
        if out.contact_email and not EMAIL.match(out.contact_email):
            errors["contact_email"] = gettext("Địa chỉ thư điện tử không hợp lệ.")
    key = str(data.get("client_key", "") or "").strip()
    out.client_key = key if CLIENT_KEY.match(key) else None
    duration = _client_duration(data.get("duration_ms"))
    stamp = _stamp_seconds(str(data.get("started", "") or ""))
    # The browser's own count (first touch to submit) is better on a kiosk, whose page stays open all
    # day; it can only shorten, never lengthen, what the server saw since the page was sent.
    if duration is not None and stamp is not None:
        duration = min(duration, stamp)
    out.duration_seconds = duration if duration is not None else stamp
    if errors:
        raise SubmissionError(errors)
    return out


def _client_duration(raw: Any) -> int | None:
    try:
        value = int(str(raw))
    except (TypeError, ValueError):
        return None
    return value // 1000 if 0 <= value < 7 * 24 * 3600 * 1000 else None


# --- suspicious responses ------------------------------------------------------------------------


def hash_address(ip: str) -> str:
    return hashlib.sha256(f"{settings.SECRET_KEY}:survey:{ip}".encode()).hexdigest()[:32]


def flags_for(
    campaign: Campaign,
    answers: Answers,
    *,
    now: dt.datetime,
    ip_hash: str = "",
    kiosk: Kiosk | None = None,
    items: int,
) -> tuple[list[str], Response | None]:
    reasons: list[str] = []
    values = list(answers.answers.values())
    threshold = float(setting("CCHC_SURVEY_FAST_SECONDS_PER_ITEM")) * max(len(values), 1)
    if answers.duration_seconds is not None and len(values) >= 3:
        if len(set(values)) == 1 and answers.duration_seconds < threshold:
            reasons.append("same_fast")
        elif answers.duration_seconds < threshold / 2:
            reasons.append("too_fast")
    window = now - dt.timedelta(minutes=int(setting("CCHC_SURVEY_DUPLICATE_WINDOW_MINUTES")))
    same_source = Response.objects.filter(campaign=campaign, submitted_at__gte=window)
    if kiosk is not None:
        same_source = same_source.filter(kiosk=kiosk)
    elif ip_hash:
        same_source = same_source.filter(ip_hash=ip_hash)
    else:
        same_source = Response.objects.none()
    twin = None
    if values:
        for other in same_source.order_by("-submitted_at")[:200]:
            if (
                other.answers == answers.answers
                and (other.expectations or []) == (answers.expectations or [])
                and other.comment == answers.comment
            ):
                twin = other
                reasons.append("duplicate")
                break
    if ip_hash and kiosk is None:
        hour = Response.objects.filter(ip_hash=ip_hash, submitted_at__gte=now - dt.timedelta(hours=1)).count()
        if hour >= int(setting("CCHC_SURVEY_BURST_PER_ADDRESS_HOUR")):
            reasons.append("burst")
    return reasons, twin


def already_answered(dossier: Any) -> bool:
    return (
        DossierRating.objects.filter(dossier=dossier).exists()
        or Response.objects.filter(dossier=dossier).exists()
    )


def new_token() -> str:
    import secrets

    alphabet = "23456789abcdefghjkmnpqrstuvwxyz"  # no 0/o, 1/l/i: people type it from paper
    return "".join(secrets.choice(alphabet) for _ in range(12))


def token_for(dossier: Any) -> DossierToken:
    """The dossier's survey key, made on first print; stable afterwards."""
    existing = DossierToken.objects.filter(dossier=dossier).first()
    if existing is not None:
        return existing
    for _ in range(5):
        try:
            with transaction.atomic():
                return DossierToken.objects.create(dossier=dossier, token=new_token())
        except IntegrityError:
            existing = DossierToken.objects.filter(dossier=dossier).first()
            if existing is not None:
                return existing
    raise RuntimeError("could not allocate a survey token")
