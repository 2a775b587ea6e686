"""Who may write dossiers, and for which units (the write side of dossier scope): importing, the import
batches one may look at, and the push-API clients one may issue.

Only the Office (Văn phòng HĐND và UBND), the reform secretariat and one-stop officers import or push
dossiers. The Office and the secretariat write for every unit of their jurisdiction (and the
areas below it); a one-stop officer writes for the units of the area their one-stop office serves —
the ward's committee and its one-stop office, not another ward's. Scope comes from
``cchc.org.queries`` so the organisation's rules stay in one place.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from cchc.core.roles import Role, is_active_user
from cchc.dossiers.models import ApiClient, ImportBatch
from cchc.org.models import Jurisdiction, Unit
from cchc.org.queries import units_for, user_jurisdiction, user_unit

IMPORT_ROLES = frozenset({Role.OFFICE, Role.SECRETARIAT, Role.ONE_STOP})
# Who issues and revokes push-API tokens (docs/dossier-api.md).
MANAGERS = frozenset({Role.OFFICE, Role.SECRETARIAT})


def can_import(user: Any) -> bool:
    if not is_active_user(user):
        return False
    return bool(user.is_superuser or (user.role in IMPORT_ROLES and import_units_for(user).exists()))


def import_units_for(user: Any) -> QuerySet[Unit]:
    """Units whose dossiers ``user`` may create or change."""
    if not is_active_user(user):
        return Unit.objects.none()
    if user.is_superuser:
        return Unit.objects.all()
    if user.role in (Role.OFFICE, Role.SECRETARIAT):
        return units_for(user)
    if user.role == Role.ONE_STOP:
        unit = user_unit(user)
        if unit is None:
            return Unit.objects.none()
        return units_in(unit.jurisdiction)
    return Unit.objects.none()


def import_jurisdiction_for(user: Any) -> Jurisdiction | None:
    if user.role == Role.ONE_STOP:
        unit = user_unit(user)
        return unit.jurisdiction if unit is not None else None
    return user_jurisdiction(user)


def units_in(area: Jurisdiction) -> QuerySet[Unit]:
    return Unit.objects.filter(jurisdiction__path__startswith=area.path)


def batches_for(user: Any) -> QuerySet[ImportBatch]:
    """Import batches a person may look at: their own (all of them for a superuser)."""
    if not getattr(user, "is_authenticated", False):
        return ImportBatch.objects.none()
    if user.is_superuser:
        return ImportBatch.objects.all()
    return ImportBatch.objects.filter(submitted_by=user)


def can_manage_clients(user: Any) -> bool:
    if not (getattr(user, "is_authenticated", False) and user.is_active):
        return False
    return bool(user.is_superuser or (user.role in MANAGERS and user_jurisdiction(user) is not None))


def client_areas_for(user: Any) -> QuerySet[Jurisdiction]:
    """Areas ``user`` may issue API clients for."""
    if not can_manage_clients(user):
        return Jurisdiction.objects.none()
    if user.is_superuser:
        return Jurisdiction.objects.all()
    area = user_jurisdiction(user)
    assert area is not None
    return Jurisdiction.objects.filter(path__startswith=area.path)


def api_clients_for(user: Any) -> QuerySet[ApiClient]:
    return ApiClient.objects.filter(jurisdiction__in=client_areas_for(user)).select_related("jurisdiction")
