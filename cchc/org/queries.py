"""The one place that decides which units and officials a person may read or change.

Every view, export and API endpoint that returns organisation rows goes through ``units_for`` or
``officials_for`` (architecture.md, "Rules of the house"). Scope (product.md, "Users and roles"):
leader, secretariat, office and auditor see their whole jurisdiction; everyone else sees their own
unit and the units below it. Only the reform secretariat changes the organisation; a unit head may
keep the list of officials of their own unit up to date. The auditor changes nothing.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from cchc.accounts.roles import JURISDICTION_WIDE, Role
from cchc.org.models import Jurisdiction, Official, Unit


def user_jurisdiction(user: Any) -> Jurisdiction | None:
    if getattr(user, "jurisdiction_id", None):
        return user.jurisdiction  # type: ignore[no-any-return]
    official = getattr(user, "official", None)
    if official is not None:
        return official.unit.jurisdiction  # type: ignore[no-any-return]
    return None


def user_unit(user: Any) -> Unit | None:
    official = getattr(user, "official", None)
    return official.unit if official is not None else None


def _active(user: Any) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def jurisdictions_for(user: Any) -> QuerySet[Jurisdiction]:
    if not _active(user):
        return Jurisdiction.objects.none()
    if user.is_superuser:
        return Jurisdiction.objects.all()
    area = user_jurisdiction(user)
    if area is None:
        return Jurisdiction.objects.none()
    if user.role in JURISDICTION_WIDE:
        return Jurisdiction.objects.filter(path__startswith=area.path)
    unit = user_unit(user)
    if unit is None:
        return Jurisdiction.objects.none()
    return Jurisdiction.objects.filter(pk__in=unit.subtree().values("jurisdiction_id"))


def units_for(user: Any, *, write: bool = False) -> QuerySet[Unit]:
    if not _active(user):
        return Unit.objects.none()
    if user.is_superuser:
        return Unit.objects.all()
    if write:
        if user.role != Role.SECRETARIAT:
            return Unit.objects.none()
        area = user_jurisdiction(user)
        return Unit.objects.filter(jurisdiction__path__startswith=area.path) if area else Unit.objects.none()
    if user.role in JURISDICTION_WIDE:
        area = user_jurisdiction(user)
        return Unit.objects.filter(jurisdiction__path__startswith=area.path) if area else Unit.objects.none()
    unit = user_unit(user)
    if unit is None or not user.role:
        return Unit.objects.none()
    return unit.subtree()


def officials_for(user: Any, *, write: bool = False) -> QuerySet[Official]:
    if not _active(user):
        return Official.objects.none()
    if user.is_superuser:
        return Official.objects.all()
    if write:
        if user.role == Role.SECRETARIAT:
            return Official.objects.filter(unit__in=units_for(user, write=True))
        if user.role == Role.UNIT_HEAD:
            unit = user_unit(user)
            return Official.objects.filter(unit__in=unit.subtree()) if unit else Official.objects.none()
        return Official.objects.none()
    return Official.objects.filter(unit__in=units_for(user))
