"""Who sees which risks (``risks_for``, the one permission helper of the type) and the lists built on it.

- an officer sees the items they hold (and those that fell to them as head of a unit nobody holds);
- a unit head sees every item of the unit and the units below it;
- a one-stop officer sees the dossiers received at their desk (the apology letters they will hand over)
  and the items they hold;
- leader, secretariat, office and auditor see their jurisdiction's items, read-only;
- the Front and anyone else see none.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from cchc.core.roles import JURISDICTION_WIDE, Role, is_active_user
from cchc.earlywarning.compute import threshold
from cchc.earlywarning.models import Kind, Risk
from cchc.org.queries import units_for, user_unit

LIST_ROWS = 10


def risks_for(user: Any) -> QuerySet[Risk]:
    """THE scoping helper: every risk row shown to a person comes through here."""
    if not is_active_user(user):
        return Risk.objects.none()
    if user.is_superuser:
        return Risk.objects.all()
    me = Q(official_id=user.official_id) if getattr(user, "official_id", None) else Q(pk__in=[])
    if user.role in JURISDICTION_WIDE:
        return Risk.objects.filter(unit__in=units_for(user).values("pk"))
    if user.role == Role.UNIT_OFFICER:
        return Risk.objects.filter(me)
    unit = user_unit(user)
    if unit is None:
        return Risk.objects.none()
    subtree = unit.subtree().values("pk")
    if user.role == Role.UNIT_HEAD:
        return Risk.objects.filter(Q(unit__in=subtree) | me)
    if user.role == Role.ONE_STOP:
        return Risk.objects.filter(Q(kind=Kind.DOSSIER, receiving_unit__in=subtree) | me)
    return Risk.objects.none()


def at_risk(qs: QuerySet[Risk]) -> QuerySet[Risk]:
    """Items at or above the threshold, the costliest first (risk × consequence), then the nearest due."""
    return qs.filter(risk__gte=threshold()).order_by("-priority", "due_at", "pk")


def apology_due(user: Any, horizon: Any) -> QuerySet[Risk]:
    """At-risk dossiers of the desk whose apology letter must go out by ``horizon`` (one working day
    before the appointment), the earliest first."""
    return (
        risks_for(user)
        .filter(kind=Kind.DOSSIER, risk__gte=threshold(), apology_by__lte=horizon)
        .order_by("apology_by", "-priority", "pk")
    )


def may_reassign(user: Any, risk: Risk) -> bool:
    """A unit head may hand a step of the unit (or a unit below) to another official of that unit."""
    if not is_active_user(user) or risk.step_id is None:
        return False
    if user.is_superuser:
        return True
    unit = user_unit(user)
    return bool(
        user.role == Role.UNIT_HEAD and unit is not None and unit.subtree().filter(pk=risk.unit_id).exists()
    )


def reassignable_units(user: Any) -> set[int] | None:
    """Units whose steps ``user`` may hand to someone else: None for everyone (superusers), else a set
    (a head's subtree; empty for other roles). One query for a whole list instead of one per row."""
    if not is_active_user(user):
        return set()
    if user.is_superuser:
        return None
    unit = user_unit(user)
    if user.role != Role.UNIT_HEAD or unit is None:
        return set()
    return set(unit.subtree().values_list("pk", flat=True))


def may_read_backtest(user: Any) -> bool:
    return is_active_user(user) and bool(user.is_superuser or user.role in JURISDICTION_WIDE)


@dataclass
class AtRiskPanel:
    count: int
    rows: list[Risk]
    may_reassign: bool


def at_risk_panel(user: Any, rows: int = 5) -> AtRiskPanel:
    """The home page's at-risk cards: the first few of the person's list, and whether they may hand
    steps to someone else (heads)."""
    qs = at_risk(risks_for(user)).select_related("unit", "official")
    top = list(qs[:rows])
    count = qs.count() if len(top) == rows else len(top)
    return AtRiskPanel(count, top, bool(top) and getattr(user, "role", "") == Role.UNIT_HEAD)


@dataclass
class ApologyPanel:
    count: int
    rows: list[Risk]
    horizon: dt.date


def apology_panel(user: Any, horizon: dt.date, rows: int = 10) -> ApologyPanel:
    qs = apology_due(user, horizon).select_related("unit", "official")
    top = list(qs[:rows])
    return ApologyPanel(qs.count() if len(top) == rows else len(top), top, horizon)
