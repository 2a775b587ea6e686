"""Who handles a petition: assigned to an official, transferred to another unit, reclassified, linked to
the petition it repeats."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext, gettext_noop

from cchc.feedback import clocks
from cchc.feedback.actions.common import at_or_now, audit, lock_petition, require_status, save
from cchc.feedback.audit_events import FeedbackEvents
from cchc.feedback.conf import setting
from cchc.feedback.models import OPEN_STATUSES, OUT_OF_SCOPE_KINDS, ClockKind, Kind, Petition, Status
from cchc.feedback.queries import transfer_targets
from cchc.org.models import Official, Unit

# --- routing ---------------------------------------------------------------------------------------


@transaction.atomic
def assign(actor: Any, petition: Petition, official: Official, *, at: dt.datetime | None = None) -> Petition:
    at = at_or_now(at)
    petition = lock_petition(petition)
    require_status(petition, OPEN_STATUSES, gettext_noop("giao cán bộ"))
    if not official.unit.path.startswith(petition.unit.path):
        raise ValidationError(
            {
                "official": gettext("«%(official)s» không thuộc «%(unit)s».")
                % {"official": official.full_name, "unit": petition.unit.name}
            }
        )
    save(petition, official=official)
    clocks.set_official(petition)
    audit(actor, FeedbackEvents.ASSIGNED, petition, f"Giao {official.full_name} xử lý", at)
    return petition


@transaction.atomic
def transfer(
    actor: Any, petition: Petition, unit: Unit, *, reason: str, at: dt.datetime | None = None
) -> Petition:
    """Send the petition to the competent unit. ND 20/2008 Art. 9(1)(d) (docs/rules/petitions.md, CONFIRMED
    FROM TEXT): within 5 working days of receipt; a later transfer is recorded as late."""
    at = at_or_now(at)
    petition = lock_petition(petition)
    require_status(
        petition, (Status.RECEIVED, Status.AWAITING_INFO, Status.PROCESSING), gettext_noop("chuyển đơn vị")
    )
    if not reason.strip():
        raise ValidationError({"reason": gettext("Cần ghi lý do chuyển để đơn vị nhận hiểu vì sao.")})
    if not transfer_targets(petition).filter(pk=unit.pk).exists():
        raise ValidationError(
            {"unit": gettext("Đơn vị nhận không thuộc địa bàn hoặc chính là đơn vị hiện tại.")}
        )
    cal = clocks.calendar(petition)
    limit_day = cal.add_working_days(
        petition.received_on, int(setting("CCHC_FEEDBACK_TRANSFER_WORKING_DAYS"))
    )
    day = clocks.local_day(at)
    old = petition.unit
    save(petition, unit=unit, official=None)
    clocks.move_to_unit(actor, petition, unit)
    audit(
        actor,
        FeedbackEvents.TRANSFERRED,
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
    at = at_or_now(at)
    petition = lock_petition(petition)
    require_status(petition, (Status.RECEIVED, Status.AWAITING_INFO), gettext_noop("phân loại lại"))
    if kind in OUT_OF_SCOPE_KINDS:
        raise ValidationError(
            {"kind": gettext("Khiếu nại, tố cáo: dùng chức năng «Hướng dẫn gửi đúng cơ quan».")}
        )
    if kind not in (Kind.FEEDBACK, Kind.PETITION, Kind.ACCOUNTABILITY) or kind == petition.kind:
        raise ValidationError({"kind": gettext("Chọn một loại khác với loại hiện tại.")})
    old = petition.get_kind_display()
    needs_new_clocks = (kind == Kind.ACCOUNTABILITY) != (petition.kind == Kind.ACCOUNTABILITY)
    day = clocks.local_day(at)
    if needs_new_clocks:
        clocks.close_all(actor, petition, on=day, note="Đóng do phân loại lại")
    save(petition, kind=kind, status=Status.RECEIVED)
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
    audit(
        actor,
        FeedbackEvents.RECLASSIFIED,
        petition,
        f"Phân loại lại: {old} → {petition.get_kind_display()}",
        at,
    )
    return petition


# --- duplicates ----------------------------------------------------------------------------------------


@transaction.atomic
def link_duplicate(
    actor: Any, petition: Petition, original: Petition, *, at: dt.datetime | None = None
) -> Petition:
    at = at_or_now(at)
    if original.pk == petition.pk or original.duplicate_of_id == petition.pk:
        raise ValidationError({"original": gettext("Không thể gắn phản ánh trùng với chính nó.")})
    root = original.duplicate_of or original
    save(petition, duplicate_of=root, similarity=None)
    audit(actor, FeedbackEvents.DUPLICATE_LINKED, petition, f"Trùng nội dung với {root.code}", at)
    return petition


@transaction.atomic
def unlink_duplicate(actor: Any, petition: Petition, *, at: dt.datetime | None = None) -> Petition:
    at = at_or_now(at)
    if petition.duplicate_of_id is None:
        raise ValidationError(gettext("Phản ánh này không được gắn là trùng."))
    save(petition, duplicate_of=None, similarity=None)
    audit(actor, FeedbackEvents.DUPLICATE_UNLINKED, petition, "Bỏ gắn phản ánh trùng", at)
    return petition
