"""Who reads and changes which reform proposals, and the reads the screens share.

Scope: the leader, Internal Affairs (the secretariat), the Office and the auditor read every proposal of
their jurisdiction; a unit's head, officers and one-stop staff read the proposals their unit (or a unit
below it) makes, gives a power away or receives one. A unit's head or officer drafts and sends its
unit's proposals; Internal Affairs drafts for any unit, reviews (thẩm định) every proposal and keeps the
register of procedures reviewed; only the leader decides. The Front and the public see none of it.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from cchc.core.roles import JURISDICTION_WIDE, Role, is_active_user
from cchc.org.models import Unit
from cchc.org.queries import user_jurisdiction, user_unit
from cchc.proposals.models import Kind, ProcedureReview, Proposal, Status

UNIT_ROLES = frozenset({Role.UNIT_HEAD, Role.UNIT_OFFICER, Role.ONE_STOP})
DRAFTERS = frozenset({Role.UNIT_HEAD, Role.UNIT_OFFICER, Role.SECRETARIAT})


def can_read(user: Any) -> bool:
    return is_active_user(user) and (user.is_superuser or user.role in JURISDICTION_WIDE | UNIT_ROLES)


def proposals_for(user: Any) -> QuerySet[Proposal]:
    if not can_read(user):
        return Proposal.objects.none()
    if user.is_superuser:
        return Proposal.objects.all()
    area = user_jurisdiction(user)
    if area is None:
        return Proposal.objects.none()
    in_area = Proposal.objects.filter(jurisdiction__path__startswith=area.path)
    if user.role in JURISDICTION_WIDE:
        return in_area
    unit = user_unit(user)
    if unit is None:
        return Proposal.objects.none()
    path = unit.path
    return Proposal.objects.filter(
        Q(proposing_unit__path__startswith=path)
        | Q(from_unit__path__startswith=path)
        | Q(to_unit__path__startswith=path)
    )


def is_secretariat(user: Any) -> bool:
    return is_active_user(user) and (
        user.is_superuser or (user.role == Role.SECRETARIAT and user_jurisdiction(user) is not None)
    )


def is_leader(user: Any) -> bool:
    return is_active_user(user) and (
        user.is_superuser or (user.role == Role.LEADER and user_jurisdiction(user) is not None)
    )


def can_draft(user: Any) -> bool:
    return is_active_user(user) and (user.is_superuser or user.role in DRAFTERS)


def drafting_units(user: Any) -> QuerySet[Unit]:
    """Units a person may propose for: Internal Affairs any unit of its area, others their own unit."""
    if not can_draft(user):
        return Unit.objects.none()
    if user.is_superuser:
        return Unit.objects.all()
    area = user_jurisdiction(user)
    if user.role == Role.SECRETARIAT:
        return Unit.objects.filter(jurisdiction__path__startswith=area.path) if area else Unit.objects.none()
    unit = user_unit(user)
    return Unit.objects.filter(pk=unit.pk) if unit else Unit.objects.none()


def can_edit(user: Any, proposal: Proposal) -> bool:
    """Change or send a proposal still in draft: its own unit's drafters, or Internal Affairs."""
    if proposal.status != Status.DRAFT or not can_draft(user):
        return False
    return drafting_units(user).filter(pk=proposal.proposing_unit_id).exists() or is_secretariat(user)


def can_review(user: Any, proposal: Proposal) -> bool:
    return proposal.status == Status.SUBMITTED and is_secretariat(user) and _in_area(user, proposal)


def can_decide(user: Any, proposal: Proposal) -> bool:
    return proposal.status == Status.REVIEWED and is_leader(user) and _in_area(user, proposal)


def _in_area(user: Any, proposal: Proposal) -> bool:
    if user.is_superuser:
        return True
    area = user_jurisdiction(user)
    return area is not None and proposal.jurisdiction.path.startswith(area.path)


def reviews_for(user: Any) -> QuerySet[ProcedureReview]:
    """The register: whoever reads proposals reads the register of their area."""
    if not can_read(user):
        return ProcedureReview.objects.none()
    if user.is_superuser:
        return ProcedureReview.objects.all()
    area = user_jurisdiction(user)
    if area is None:
        return ProcedureReview.objects.none()
    root = "/" + area.path.strip("/").split("/")[0] + "/"
    return ProcedureReview.objects.filter(jurisdiction__path__startswith=root)


def review_units(user: Any) -> QuerySet[Unit]:
    """Units whose reviews a person may write in the register: Internal Affairs for any unit, a unit's
    head for their own unit."""
    if not is_active_user(user):
        return Unit.objects.none()
    if is_secretariat(user):
        return drafting_units(user)
    if user.role == Role.UNIT_HEAD:
        unit = user_unit(user)
        return Unit.objects.filter(pk=unit.pk) if unit else Unit.objects.none()
    return Unit.objects.none()


def listed_proposals(user: Any, status: str, kind: str) -> QuerySet[Proposal]:
    """The proposals the list shows under its filters (an unknown filter value is no filter), newest
    first: the page and its workbook read the same rows."""
    qs = proposals_for(user).select_related("proposing_unit", "from_unit", "to_unit", "procedure", "task")
    if status in Status.values:
        qs = qs.filter(status=status)
    if kind in Kind.values:
        qs = qs.filter(kind=kind)
    return qs.order_by("-created_at", "-pk")


def register_rows(user: Any, year: int) -> QuerySet[ProcedureReview]:
    """One year of the register of procedures reviewed, in catalogue order: the page and its workbook."""
    return (
        reviews_for(user)
        .filter(year=year)
        .select_related("procedure", "unit", "proposal")
        .order_by("procedure__national_code", "pk")
    )
