"""The city ranking on its way to the public page, as the monthly late list goes: Internal Affairs
drafts it from the scored cards, the leader approves it, and only an approved ranking is published;
the leader may withdraw a published one. The rows are copied when drafted, so the public page shows
exactly what the leader approved."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from cchc.core.events import record
from cchc.core.roles import Role
from cchc.scorecards.actions import ScorecardError
from cchc.scorecards.audit_events import ScorecardsEvents
from cchc.scorecards.models import IndexVersion, RankingRelease, ReleaseStatus, Stage
from cchc.scorecards.queries import ranking


def _role(actor: Any, role: Role, message: str) -> None:
    if not (getattr(actor, "is_superuser", False) or getattr(actor, "role", "") == role):
        raise PermissionDenied(message)


@transaction.atomic
def draft(actor: Any, version: IndexVersion) -> RankingRelease:
    _role(actor, Role.SECRETARIAT, "Chỉ Phòng Nội vụ lập dự thảo bảng xếp hạng.")
    rows = [
        {
            "rank": r.rank,
            "unit": r.card.unit.name,
            "kind": r.card.unit.get_kind_display(),
            "total": r.result.total,
            "max": r.result.max_scored,
            "percent": r.result.percent,
            "band": r.result.band,
        }
        for r in ranking(actor, version)
        if r.card.stage == Stage.SCORED
    ]
    if not rows:
        raise ScorecardError(gettext("Chưa có đơn vị nào được chốt điểm; chưa lập được bảng xếp hạng."))
    release, _ = RankingRelease.objects.select_for_update().get_or_create(version=version)
    if release.status != ReleaseStatus.DRAFT:
        raise ScorecardError(gettext("Bảng xếp hạng đã được phê duyệt; thu hồi trước khi lập lại."))
    release.rows, release.drafted_by, release.drafted_at = rows, actor, timezone.now()
    release.save()
    record(
        actor,
        ScorecardsEvents.RANKING_DRAFTED,
        release,
        summary=f"Dự thảo xếp hạng {version}: {len(rows)} đơn vị",
    )
    return release


@transaction.atomic
def approve(actor: Any, release: RankingRelease, *, publish: bool = True) -> RankingRelease:
    _role(actor, Role.LEADER, "Chỉ lãnh đạo UBND phê duyệt bảng xếp hạng.")
    if release.status != ReleaseStatus.DRAFT:
        raise ScorecardError(gettext("Chỉ phê duyệt bảng xếp hạng đang ở dạng dự thảo."))
    now = timezone.now()
    release.status = ReleaseStatus.PUBLISHED if publish else ReleaseStatus.APPROVED
    release.approved_by, release.approved_at = actor, now
    release.published_at = now if publish else None
    release.save()
    record(actor, ScorecardsEvents.RANKING_APPROVED, release, summary=f"Phê duyệt xếp hạng {release.version}")
    return release


@transaction.atomic
def withdraw(actor: Any, release: RankingRelease) -> RankingRelease:
    _role(actor, Role.LEADER, "Chỉ lãnh đạo UBND thu hồi bảng xếp hạng.")
    release.status, release.published_at = ReleaseStatus.DRAFT, None
    release.save(update_fields=["status", "published_at"])
    record(actor, ScorecardsEvents.RANKING_WITHDRAWN, release, summary=f"Thu hồi xếp hạng {release.version}")
    return release
