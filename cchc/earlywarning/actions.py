"""State changes of early warning: handing an at-risk step to another official, the morning refresh and
the digest (each writes an audit event)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext

from cchc.core.events import record
from cchc.dossiers.models import DossierEvent, DossierStep
from cchc.earlywarning.audit_events import EarlyWarningEvents
from cchc.earlywarning.models import Risk
from cchc.earlywarning.queries import may_reassign
from cchc.earlywarning.refresh import RefreshResult, refresh
from cchc.org.models import Official

ACTOR = "cchc early-warning"


@transaction.atomic
def reassign_step(user: Any, risk: Risk, official: Official) -> DossierStep:
    """The head hands the step of an at-risk item to ``official`` of the step's unit; the stored risks of
    that step follow, so the new holder sees it on their page at once."""
    if not may_reassign(user, risk):
        raise PermissionDenied
    assert risk.step_id is not None  # may_reassign refuses risks without a step
    step = DossierStep.objects.select_for_update().get(pk=risk.step_id)
    if step.finished_at is not None:
        raise ValidationError(gettext("Bước này đã xử lý xong, không giao lại được."))
    if official.unit_id != step.unit_id or not official.is_active:
        raise ValidationError(
            {"official": gettext("Chỉ giao cho cán bộ đang công tác ở đơn vị xử lý bước này.")}
        )
    before = step.official_name
    step.official = official
    step.official_name = official.full_name
    step.save(update_fields=["official", "official_name"])
    Risk.objects.filter(step_id=step.pk).update(official=official)
    DossierEvent.objects.create(
        dossier_id=step.dossier_id,
        actor=user,
        actor_name=user.get_full_name() or user.get_username(),
        kind="step_reassigned",
        data={"seq": step.seq, "from": before, "to": official.full_name},
    )
    record(
        user,
        EarlyWarningEvents.STEP_REASSIGNED,
        step,
        summary=f"Giao lại bước {step.seq} của hồ sơ có nguy cơ trễ hạn: {before or '—'} → "
        f"{official.full_name}",
        data={"dossier": step.dossier_id, "seq": step.seq, "from": before, "to": official.full_name},
    )
    return step


def refresh_risks(
    today: dt.date | None = None, *, now: dt.datetime | None = None, actor: Any = ACTOR
) -> RefreshResult:
    result = refresh(today, now)
    record(actor, EarlyWarningEvents.REFRESHED, object_type="earlywarning.risk", summary=result.summary())
    return result
