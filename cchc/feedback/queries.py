"""Who may read or change which petitions — the one place (``petitions_for``) — and the reads the
screens share.

Scope (docs/architecture.md, "Rules of the house"): a unit sees only the petitions routed to it or to a
unit below it; leader, secretariat, office and auditor see their whole jurisdiction (the auditor
changes nothing); the Front sees what it submitted; a one-stop officer also sees what they entered.
Out-of-scope petitions answer 404.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext, gettext_noop

from cchc.core.models import AuditEvent
from cchc.core.roles import JURISDICTION_WIDE, Role, is_active_user
from cchc.feedback.models import (
    OPEN_STATUSES,
    OUT_OF_SCOPE_KINDS,
    ApiKey,
    FrontMeeting,
    KeyPurpose,
    Petition,
)
from cchc.org.models import Unit
from cchc.org.queries import user_jurisdiction, user_unit

HANDLING_ROLES = frozenset({Role.UNIT_HEAD, Role.UNIT_OFFICER})
ENTRY_ROLES = frozenset(
    {Role.LEADER, Role.SECRETARIAT, Role.OFFICE, Role.UNIT_HEAD, Role.UNIT_OFFICER, Role.ONE_STOP}
)
READER_ROLES = frozenset(Role) - {Role.FRONT}


def petitions_for(user: Any, *, write: bool = False) -> QuerySet[Petition]:
    """Petitions ``user`` may read (or, with ``write``, handle)."""
    none = Petition.objects.none()
    if not is_active_user(user):
        return none
    if user.is_superuser:
        return Petition.objects.all()
    role = user.role
    if role in JURISDICTION_WIDE:
        if write and role == Role.AUDITOR:
            return none
        area = user_jurisdiction(user)
        if area is None:
            return none
        return Petition.objects.filter(
            Q(jurisdiction__path__startswith=area.path)
            | Q(ward__path__startswith=area.path)
            | Q(unit__jurisdiction__path__startswith=area.path)
        )
    unit = user_unit(user)
    if unit is None:
        return none
    if role == Role.FRONT:
        return none if write else Petition.objects.filter(submitted_by_unit__path__startswith=unit.path)
    if role in HANDLING_ROLES:
        routed = Petition.objects.filter(unit__path__startswith=unit.path)
        return (
            routed
            if write
            else Petition.objects.filter(Q(unit__path__startswith=unit.path) | Q(submitted_by=user))
        )
    if role == Role.ONE_STOP:
        return (
            none
            if write
            else Petition.objects.filter(Q(unit__path__startswith=unit.path) | Q(submitted_by=user))
        )
    return none


def meetings_for(user: Any) -> QuerySet[FrontMeeting]:
    """The Front's meeting batches ``user`` may read: the whole jurisdiction for those who see it
    whole, the Front its own unit and those below it, nobody else."""
    if user.is_superuser:
        return FrontMeeting.objects.all()
    if user.role in JURISDICTION_WIDE:
        area = user_jurisdiction(user)
        return (
            FrontMeeting.objects.filter(jurisdiction__path__startswith=area.path)
            if area
            else FrontMeeting.objects.none()
        )
    unit = user_unit(user)
    if user.role == Role.FRONT and unit is not None:
        return FrontMeeting.objects.filter(unit__path__startswith=unit.path)
    return FrontMeeting.objects.none()


def may_read(user: Any) -> bool:
    return is_active_user(user) and (user.is_superuser or user.role in READER_ROLES)


def may_enter(user: Any) -> bool:
    """Staff entry of petitions received by hotline, in person or by letter."""
    return (
        is_active_user(user)
        and (user.is_superuser or user.role in ENTRY_ROLES)
        and entry_area(user) is not None
    )


def entry_area(user: Any) -> Any:
    area = user_jurisdiction(user)
    if area is None:
        return None
    # Entry is for the area that runs the petition desk: the jurisdiction with categories above the
    # user's own (a ward officer files for the city's catalogue, ward preset).
    from cchc.feedback.routing import served_jurisdictions

    for j in served_jurisdictions():
        if area.path.startswith(j.path) or j.path.startswith(area.path):
            return j
    return None


def may_submit_for_front(user: Any) -> bool:
    return is_active_user(user) and user.role == Role.FRONT and user_unit(user) is not None


def may_write(user: Any, petition: Petition) -> bool:
    return petitions_for(user, write=True).filter(pk=petition.pk).exists()


def may_approve(user: Any, petition: Petition) -> bool:
    """The head approves the answer of their unit (or of a unit below it); the leader any answer."""
    if not may_write(user, petition):
        return False
    if user.is_superuser or user.role == Role.LEADER:
        return True
    unit = user_unit(user)
    return bool(user.role == Role.UNIT_HEAD and unit is not None and petition.unit.path.startswith(unit.path))


def may_see_contact(user: Any, petition: Petition) -> bool:
    """Citizens' contact details: for whoever handles the petition and whoever entered it."""
    if may_write(user, petition):
        return True
    if petition.submitted_by_id is not None and petition.submitted_by_id == getattr(user, "pk", None):
        return True
    unit = user_unit(user)
    return bool(
        user.role == Role.FRONT
        and unit is not None
        and petition.submitted_by_unit is not None
        and petition.submitted_by_unit.path.startswith(unit.path)
    )


def may_manage_keys(user: Any) -> bool:
    return is_active_user(user) and (user.is_superuser or user.role == Role.SECRETARIAT)


def key_area(user: Any, purpose: str) -> Any:
    """The area a new key is issued for: an Open311 key files petitions, so the area that runs the
    petition desk; an IOC key reads figures, so the secretariat's own jurisdiction."""
    return user_jurisdiction(user) if purpose == KeyPurpose.IOC else entry_area(user)


def keys_for(user: Any) -> QuerySet[ApiKey]:
    """THE keys a person may list and revoke: the secretariat's, of its areas (both purposes)."""
    if not may_manage_keys(user):
        return ApiKey.objects.none()
    if user.is_superuser:
        return ApiKey.objects.all()
    areas = [a.pk for a in (entry_area(user), user_jurisdiction(user)) if a is not None]
    return ApiKey.objects.filter(jurisdiction__in=areas)


def transfer_targets(petition: Petition) -> QuerySet[Unit]:
    return (
        Unit.objects.current()
        .filter(jurisdiction__path__startswith=petition.jurisdiction.path)
        .exclude(pk=petition.unit_id)
        .order_by("path")
    )


def assignable_officials(petition: Petition) -> Any:
    from cchc.org.models import Official

    return Official.objects.filter(unit__path__startswith=petition.unit.path, is_active=True).order_by(
        "full_name"
    )


# --- the public side -----------------------------------------------------------------------------


def public_petitions() -> QuerySet[Petition]:
    """What the public site may show: published answers not withdrawn, never complaints or
    denunciations (``Petition.is_public`` says the same of one petition)."""
    return (
        Petition.objects.filter(published_at__isnull=False, consent_publish=True, withdrawn_at__isnull=True)
        .exclude(kind__in=OUT_OF_SCOPE_KINDS)
        .select_related("category", "ward", "unit")
    )


def tracked(code: str, contact: str) -> Petition | None:
    """The petition with this code whose citizen gave this phone number (or, for e-mailed ones, this
    e-mail address). Both must match."""
    from cchc.feedback.text import normalise_phone

    code = code.strip().upper()
    contact = contact.strip()
    if not code or not contact:
        return None
    p = Petition.objects.filter(code=code).select_related("category", "ward", "unit").first()
    if p is None:
        return None
    phone = normalise_phone(contact)
    if phone and p.citizen_phone and phone == p.citizen_phone:
        return p
    if "@" in contact and p.citizen_email and contact.lower() == p.citizen_email.lower():
        return p
    return None


# --- the trail of a petition ------------------------------------------------------------------------

PUBLIC_VERBS = {
    "feedback.received": gettext_noop("Tiếp nhận"),
    "feedback.accepted": gettext_noop("Tiếp nhận xử lý"),
    "feedback.info_requested": gettext_noop("Đề nghị bổ sung thông tin"),
    "feedback.info_received": gettext_noop("Nhận thông tin bổ sung"),
    "feedback.transferred": gettext_noop("Chuyển đơn vị xử lý"),
    "feedback.rejected": gettext_noop("Không tiếp nhận"),
    "feedback.refused": gettext_noop("Từ chối yêu cầu giải trình"),
    "feedback.redirected": gettext_noop("Hướng dẫn gửi đúng cơ quan có thẩm quyền"),
    "feedback.suspended": gettext_noop("Tạm đình chỉ giải trình"),
    "feedback.resumed": gettext_noop("Tiếp tục giải trình"),
    "feedback.extended": gettext_noop("Gia hạn giải trình"),
    "feedback.answer_sent": gettext_noop("Gửi trả lời"),
    "feedback.published": gettext_noop("Công khai kết quả"),
    "feedback.publication_withdrawn": gettext_noop("Gỡ khỏi trang công khai"),
    "feedback.rated": gettext_noop("Người gửi đánh giá"),
    "feedback.reopened": gettext_noop("Người gửi đề nghị xem xét lại"),
    "feedback.closed": gettext_noop("Kết thúc"),
}
STAFF_VERBS = {
    **PUBLIC_VERBS,
    "feedback.assigned": gettext_noop("Giao cán bộ xử lý"),
    "feedback.reclassified": gettext_noop("Phân loại lại"),
    "feedback.answer_drafted": gettext_noop("Dự thảo trả lời"),
    "feedback.answer_returned": gettext_noop("Lãnh đạo trả lại dự thảo"),
    "feedback.extension_requested": gettext_noop("Đề nghị gia hạn"),
    "feedback.extension_refused": gettext_noop("Không đồng ý gia hạn"),
    "feedback.duplicate_linked": gettext_noop("Gắn là phản ánh trùng"),
    "feedback.duplicate_unlinked": gettext_noop("Bỏ gắn phản ánh trùng"),
    "feedback.document_issued": gettext_noop("Phát hành văn bản"),
}


@dataclass(frozen=True)
class Step:
    at: Any
    label: str
    actor: str
    summary: str


def timeline(petition: Petition, *, public: bool) -> list[Step]:
    """The petition's history. The public version names no official and quotes no summary (a summary
    may carry personal data): only what happened and when."""
    verbs = PUBLIC_VERBS if public else STAFF_VERBS
    rows = AuditEvent.objects.filter(object_type="feedback.petition", object_id=str(petition.pk)).order_by(
        "at", "id"
    )
    out = []
    for e in rows:
        label = verbs.get(e.verb)
        if label is None:
            continue
        at = e.at
        raw = (e.data or {}).get("at")
        if raw:
            with contextlib.suppress(ValueError):
                at = dt.datetime.fromisoformat(raw)
        out.append(Step(at, gettext(label), "" if public else e.actor_name, "" if public else e.summary))
    out.sort(key=lambda s: s.at)
    return out


def overdue_petitions(petitions: QuerySet[Petition], today: dt.date) -> QuerySet[Petition]:
    """THE overdue petitions (every home page, the petition list's "Chỉ quá hạn" filter, the operations
    centre): still open, past their due date. The scope is applied as a subquery: its OR-ed joins must
    not multiply rows in the counts."""
    return Petition.objects.filter(pk__in=petitions.values("pk"), status__in=OPEN_STATUSES, due_on__lt=today)
