"""Who may read and write which report (one helper per object type, tested for every role).

- The dossier-results and petition-results reports: the dossiers and petitions a person may read
  anyway, counted by handling unit — a unit sees its own subtree, the city (leader, secretariat, office,
  auditor) its whole jurisdiction; the Front none (``results_units_for``).
- Periodic reports (``reports_for``): a unit's head and officers read and draft their own unit's report,
  the head approves it; the city's leader, secretariat, office and auditor read every report of the
  jurisdiction; the secretariat and the office draft the city's own report, and its leader approves it.
  Out-of-scope reports answer 404.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db.models import QuerySet

from cchc.core.roles import JURISDICTION_WIDE, Role, is_active_user
from cchc.dossiers.models import Dossier
from cchc.dossiers.queries import dossier_units_for
from cchc.org.models import Jurisdiction, Unit, UnitKind
from cchc.org.queries import units_for, user_jurisdiction, user_unit
from cchc.reports.models import PeriodicReport

UNIT_WRITERS = frozenset({Role.UNIT_HEAD, Role.UNIT_OFFICER})
CITY_WRITERS = frozenset({Role.SECRETARIAT, Role.OFFICE})
ROUND_OPENERS = CITY_WRITERS


# --- results reports ---------------------------------------------------------------------------


def results_units_for(user: Any) -> QuerySet[Unit]:
    """Handling units whose figures a person may read (the dossiers' own scope)."""
    return dossier_units_for(user)


def may_read_results(user: Any) -> bool:
    return is_active_user(user) and (
        user.is_superuser or user.role in JURISDICTION_WIDE | UNIT_WRITERS | {Role.ONE_STOP}
    )


def results_dossiers_for(user: Any) -> QuerySet[Dossier]:
    """The dossiers a person's results report counts: those handled by a unit in their scope."""
    if not may_read_results(user):
        return Dossier.objects.none()
    return Dossier.objects.filter(handling_unit__in=results_units_for(user).values("pk"))


# --- periodic reports ----------------------------------------------------------------------------


def city_unit(area: Jurisdiction) -> Unit | None:
    """The People's Committee of the area: the unit that sends the city's report."""
    return (
        Unit.objects.filter(jurisdiction=area, kind=UnitKind.PEOPLES_COMMITTEE, parent__isnull=True)
        .order_by("pk")
        .first()
    )


def form_parties(user: Any) -> tuple[str, str]:
    """(reporting unit, receiving unit) printed on a results form a person downloads: the city's
    committee for the city's roles, reporting to the committee above its area; a unit's own name,
    reporting to the committee it answers to."""
    if user.role in JURISDICTION_WIDE:
        area = user_jurisdiction(user)
        own = city_unit(area) if area is not None else None
        above = city_unit(area.parent) if area is not None and area.parent is not None else None
        return (own.name if own else ""), (above.name if above else "")
    unit = user_unit(user)
    if unit is None:
        return "", ""
    above = city_unit(reporting_area(unit)) if reporting_area(unit) != unit.jurisdiction else None
    return unit.name, (above.name if above else "")


def reporting_area(unit: Unit) -> Jurisdiction:
    """The area whose committee receives the unit's report: that of the nearest People's Committee
    above the unit (a ward reports to the city), or the unit's own area for the committee itself."""
    above = unit.parent
    while above is not None:
        if above.kind == UnitKind.PEOPLES_COMMITTEE:
            return above.jurisdiction
        above = above.parent
    return unit.jurisdiction


def reporting_units(area: Jurisdiction, day: dt.date) -> QuerySet[Unit]:
    """The units that send periodic reports to the area's committee (``CCHC_REPORT_UNIT_KINDS``),
    those in existence on ``day``."""
    kinds = list(getattr(settings, "CCHC_REPORT_UNIT_KINDS", ["ward", "agency"]))
    return (
        Unit.objects.filter(jurisdiction__path__startswith=area.path, kind__in=kinds)
        .valid_on(day)
        .order_by("code")
    )


def reports_for(user: Any, *, write: bool = False) -> QuerySet[PeriodicReport]:
    """THE scoping helper for periodic reports (read, or with ``write`` edit the draft and send)."""
    if not is_active_user(user):
        return PeriodicReport.objects.none()
    if user.is_superuser:
        return PeriodicReport.objects.all()
    if user.role in UNIT_WRITERS:
        unit = user_unit(user)
        if unit is None:
            return PeriodicReport.objects.none()
        return PeriodicReport.objects.filter(unit=unit, is_city=False)
    if user.role in JURISDICTION_WIDE:
        area = user_jurisdiction(user)
        if area is None:
            return PeriodicReport.objects.none()
        in_area = PeriodicReport.objects.filter(unit__in=units_for(user).values("pk"))
        if not write:
            return in_area
        if user.role in CITY_WRITERS:
            return in_area.filter(is_city=True, jurisdiction=area)
    return PeriodicReport.objects.none()


def may_approve(user: Any, report: PeriodicReport) -> bool:
    """A unit's head approves its report; the leader approves the city's."""
    if not is_active_user(user):
        return False
    if user.is_superuser:
        return True
    if report.is_city:
        return user.role == Role.LEADER and reports_for(user).filter(pk=report.pk).exists()
    return user.role == Role.UNIT_HEAD and user_unit(user) == report.unit


def may_open_round(user: Any) -> bool:
    """The secretariat and the office ask the units for a period's reports and follow who has not sent."""
    return is_active_user(user) and (
        user.is_superuser or (user.role in ROUND_OPENERS and user_jurisdiction(user) is not None)
    )


def may_follow_rounds(user: Any) -> bool:
    """Who sees which units have not reported: the city's roles."""
    return is_active_user(user) and (user.is_superuser or user.role in JURISDICTION_WIDE)
