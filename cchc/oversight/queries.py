"""Who may read and do what in oversight: one helper per object type (``*_for`` for lists, ``*_access``
for one object), used by every view, export and action (docs/oversight.md, "Ai thấy gì").

- Inspections: Internal Affairs (Phòng Nội vụ, the reform secretariat) plans and conducts them; the
  leader approves the plan; the leader, the Office and the inspectorate (auditor) read the whole area;
  a unit reads the visits to itself and the units below it, except an unannounced (ad hoc) visit that
  has not taken place yet. The Front reads nothing here.
- Recommendations: the responsible unit reports progress and completion; only the inspector (the team
  lead or Internal Affairs) verifies, which is what closes it.
- Responsibility cases are private: the competent head, Internal Affairs and the person concerned, and
  nobody else (not the leader as such, not the auditor, not the public, not the site administrator).
- Outside audit conclusions: the Office records them and verifies corrections; the leader, Internal
  Affairs and the auditor read them; a unit reads the conclusions with a correction it must make.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from cchc.core.roles import JURISDICTION_WIDE, Role, is_active_user
from cchc.org.models import Jurisdiction, Unit
from cchc.org.queries import user_jurisdiction, user_unit
from cchc.oversight.models import (
    AuditConclusion,
    Correction,
    Inspection,
    InspectionPlan,
    InspectionStatus,
    Recommendation,
    ResponsibilityCase,
)

UNIT_ROLES = frozenset({Role.UNIT_HEAD, Role.UNIT_OFFICER, Role.ONE_STOP})


def _area(user: Any) -> Jurisdiction | None:
    return user_jurisdiction(user) if is_active_user(user) else None


def _in_area(user: Any, jurisdiction: Jurisdiction) -> bool:
    area = _area(user)
    return area is not None and jurisdiction.path.startswith(area.path)


def _unit_covers(user: Any, unit: Unit) -> bool:
    """The person's own unit is ``unit`` or above it (their scope reaches it)."""
    own = user_unit(user)
    return own is not None and unit.path.startswith(own.path)


def is_internal_affairs(user: Any) -> bool:
    return is_active_user(user) and user.role == Role.SECRETARIAT and _area(user) is not None


# --- plans and inspections --------------------------------------------------------------------------


def plans_for(user: Any, *, write: bool = False) -> QuerySet[InspectionPlan]:
    if not is_active_user(user):
        return InspectionPlan.objects.none()
    if user.is_superuser and not write:
        return InspectionPlan.objects.all()
    area = _area(user)
    if area is None:
        return InspectionPlan.objects.none()
    allowed = {Role.SECRETARIAT} if write else set(JURISDICTION_WIDE)
    if user.role not in allowed:
        return InspectionPlan.objects.none()
    return InspectionPlan.objects.filter(jurisdiction__path__startswith=area.path)


def may_approve_plan(user: Any, plan: InspectionPlan) -> bool:
    return is_active_user(user) and user.role == Role.LEADER and _in_area(user, plan.jurisdiction)


def inspections_for(user: Any, *, write: bool = False) -> QuerySet[Inspection]:
    """Visits a person may read, or (``write``) conduct: Internal Affairs of the area only."""
    none = Inspection.objects.none()
    if not is_active_user(user):
        return none
    if user.is_superuser:
        return Inspection.objects.all()
    if write:
        if not is_internal_affairs(user):
            return none
        return Inspection.objects.filter(jurisdiction__path__startswith=_area(user).path)  # type: ignore[union-attr]
    if user.role in JURISDICTION_WIDE:
        area = _area(user)
        return Inspection.objects.filter(jurisdiction__path__startswith=area.path) if area else none
    if user.role in UNIT_ROLES:
        own = user_unit(user)
        if own is None:
            return none
        unannounced = Q(plan__isnull=True, status=InspectionStatus.PLANNED)
        return Inspection.objects.filter(unit__path__startswith=own.path).exclude(unannounced)
    return none


@dataclass(frozen=True)
class InspectionAccess:
    read: bool = False
    conduct: bool = False  # answers, evidence, findings, recommendations
    explain: bool = False  # the inspected unit's explanation
    conclude: bool = False  # the team lead signs the conclusion
    verify: bool = False  # close the unit's follow-ups


def inspection_access(user: Any, insp: Inspection) -> InspectionAccess:
    if not inspections_for(user).filter(pk=insp.pk).exists():
        return InspectionAccess()
    inspector = (is_internal_affairs(user) and _in_area(user, insp.jurisdiction)) or (
        insp.team_lead_id is not None and insp.team_lead_id == user.pk
    )
    lead = insp.team_lead_id == user.pk if insp.team_lead_id else inspector
    open_ = insp.status in (
        InspectionStatus.PLANNED,
        InspectionStatus.IN_PROGRESS,
        InspectionStatus.EXPLANATION,
    )
    return InspectionAccess(
        read=True,
        conduct=inspector and open_,
        explain=user.role == Role.UNIT_HEAD
        and _unit_covers(user, insp.unit)
        and insp.status == InspectionStatus.EXPLANATION,
        conclude=lead and insp.status in (InspectionStatus.IN_PROGRESS, InspectionStatus.EXPLANATION),
        verify=inspector,
    )


def recommendations_for(user: Any) -> QuerySet[Recommendation]:
    """Follow-ups a person may read: those of the visits they may read, and those their unit must do."""
    if not is_active_user(user):
        return Recommendation.objects.none()
    q = Q(finding__inspection__in=inspections_for(user).values("pk"))
    own = user_unit(user)
    if user.role in UNIT_ROLES and own is not None:
        q |= Q(unit__path__startswith=own.path)
    return Recommendation.objects.filter(q)


@dataclass(frozen=True)
class FollowUpAccess:
    read: bool = False
    report: bool = False  # progress and "done" by the responsible unit
    verify: bool = False  # only the inspector closes it


def recommendation_access(user: Any, rec: Recommendation) -> FollowUpAccess:
    if not recommendations_for(user).filter(pk=rec.pk).exists():
        return FollowUpAccess()
    insp = rec.finding.inspection
    reporter = user.role in (Role.UNIT_HEAD, Role.UNIT_OFFICER) and _unit_covers(user, rec.unit)
    return FollowUpAccess(read=True, report=reporter, verify=inspection_access(user, insp).verify)


# --- responsibility cases (private) -----------------------------------------------------------------


def cases_for(user: Any) -> QuerySet[ResponsibilityCase]:
    """Private records: the person concerned, the competent head, Internal Affairs of the area."""
    if not is_active_user(user):
        return ResponsibilityCase.objects.none()
    q = Q(pk__in=[])
    official_id = getattr(user, "official_id", None)
    if official_id:
        q |= Q(official_id=official_id) | Q(competent_head_id=official_id)
    if is_internal_affairs(user):
        q |= Q(jurisdiction__path__startswith=_area(user).path)  # type: ignore[union-attr]
    return ResponsibilityCase.objects.filter(q)


@dataclass(frozen=True)
class CaseAccess:
    read: bool = False
    manage: bool = False  # gather evidence, ask for the explanation, drop (Internal Affairs)
    explain: bool = False  # the person concerned writes the explanation
    decide: bool = False  # the competent head decides


def case_access(user: Any, case: ResponsibilityCase) -> CaseAccess:
    if not cases_for(user).filter(pk=case.pk).exists():
        return CaseAccess()
    official_id = getattr(user, "official_id", None)
    return CaseAccess(
        read=True,
        manage=is_internal_affairs(user) and _in_area(user, case.jurisdiction),
        explain=official_id is not None and official_id == case.official_id,
        decide=official_id is not None and official_id == case.competent_head_id,
    )


def may_open_case(user: Any) -> bool:
    return is_internal_affairs(user)


# --- outside audit conclusions ----------------------------------------------------------------------


def conclusions_for(user: Any, *, write: bool = False) -> QuerySet[AuditConclusion]:
    none = AuditConclusion.objects.none()
    if not is_active_user(user):
        return none
    if user.is_superuser and not write:
        return AuditConclusion.objects.all()
    area = _area(user)
    if write:
        if user.role != Role.OFFICE or area is None:
            return none
        return AuditConclusion.objects.filter(jurisdiction__path__startswith=area.path)
    if user.role in JURISDICTION_WIDE:
        return AuditConclusion.objects.filter(jurisdiction__path__startswith=area.path) if area else none
    own = user_unit(user)
    if user.role in UNIT_ROLES and own is not None:
        mine = Correction.objects.filter(unit__path__startswith=own.path).values("conclusion_id")
        return AuditConclusion.objects.filter(pk__in=mine)
    return none


def may_record_conclusions(user: Any, jurisdiction: Jurisdiction) -> bool:
    return is_active_user(user) and user.role == Role.OFFICE and _in_area(user, jurisdiction)


def correction_access(user: Any, c: Correction) -> FollowUpAccess:
    if not conclusions_for(user).filter(pk=c.conclusion_id).exists():
        return FollowUpAccess()
    reporter = user.role in (Role.UNIT_HEAD, Role.UNIT_OFFICER) and _unit_covers(user, c.unit)
    return FollowUpAccess(
        read=True, report=reporter, verify=may_record_conclusions(user, c.conclusion.jurisdiction)
    )


def may_read_any(user: Any) -> bool:
    """Whether the oversight pages have anything for this person (menu and the landing page)."""
    return is_active_user(user) and (user.is_superuser or user.role in JURISDICTION_WIDE | UNIT_ROLES)


def listed_inspections(user: Any) -> list[Inspection]:
    """The visits of the landing page in its order: grouped by state (the order of the states), newest
    planned first within each. The page and its workbook read this list."""
    visits = list(
        inspections_for(user)
        .select_related("unit", "plan", "template", "team_lead")
        .prefetch_related("findings__recommendations__deadline")
        .order_by("-planned_on", "-pk")
    )
    order = {value: i for i, value in enumerate(InspectionStatus.values)}
    return sorted(visits, key=lambda v: order.get(v.status, len(order)))


def listed_conclusions(user: Any) -> QuerySet[AuditConclusion]:
    """The outside conclusions of the list with their corrections (newest issued first): the page and
    its workbook."""
    return conclusions_for(user).prefetch_related("corrections__deadline", "corrections__unit")
