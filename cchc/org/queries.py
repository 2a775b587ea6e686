"""The one place that decides which units and officials a person may read or change.

Every view, export and API endpoint that returns organisation rows goes through ``units_for`` or
``officials_for`` (architecture.md, "Rules of the house"). Scope (docs/architecture.md, "Rules of the house"):
leader, secretariat, office and auditor see their whole jurisdiction; everyone else sees their own
unit and the units below it. Only the reform secretariat changes the organisation; a unit head may
keep the list of officials of their own unit up to date. The auditor changes nothing.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import F, Q, QuerySet

from cchc.core.roles import JURISDICTION_WIDE, Role, is_active_user
from cchc.org.models import HeadKind, Jurisdiction, Official, Unit, UnitHead, UnitQuerySet


def user_jurisdiction(user: Any) -> Jurisdiction | None:
    if getattr(user, "jurisdiction_id", None):
        return user.jurisdiction
    official = getattr(user, "official", None)
    if official is not None:
        return official.unit.jurisdiction
    return None


def user_unit(user: Any) -> Unit | None:
    official = getattr(user, "official", None)
    return official.unit if official is not None else None


def jurisdictions_for(user: Any, *, write: bool = False) -> QuerySet[Jurisdiction]:
    """Areas a person may read (or, with ``write``, create units in)."""
    if not is_active_user(user):
        return Jurisdiction.objects.none()
    if user.is_superuser:
        return Jurisdiction.objects.all()
    area = user_jurisdiction(user)
    if area is None:
        return Jurisdiction.objects.none()
    if write:
        if user.role != Role.SECRETARIAT:
            return Jurisdiction.objects.none()
        return Jurisdiction.objects.filter(path__startswith=area.path)
    if user.role in JURISDICTION_WIDE:
        return Jurisdiction.objects.filter(path__startswith=area.path)
    unit = user_unit(user)
    if unit is None:
        return Jurisdiction.objects.none()
    return Jurisdiction.objects.filter(pk__in=unit.subtree().values("jurisdiction_id"))


def units_for(user: Any, *, write: bool = False) -> UnitQuerySet:
    if not is_active_user(user):
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
    if not is_active_user(user):
        return Official.objects.none()
    if user.is_superuser:
        return Official.objects.all()
    if write:
        return Official.objects.filter(unit__in=official_units_for(user))
    return Official.objects.filter(unit__in=units_for(user))


def officials_in(unit: Unit) -> QuerySet[Official]:
    """The officials of ``unit`` and of the units below it (whom a task or a finding there may name)."""
    return Official.objects.filter(unit__path__startswith=unit.path)


def official_units_for(user: Any) -> UnitQuerySet:
    """Units in which a person may add, edit or deactivate officials (the write side of officials_for)."""
    if not is_active_user(user):
        return Unit.objects.none()
    if user.is_superuser or user.role == Role.SECRETARIAT:
        return units_for(user, write=True)
    if user.role == Role.UNIT_HEAD:
        unit = user_unit(user)
        return unit.subtree() if unit else Unit.objects.none()
    return Unit.objects.none()


def heads_for(user: Any) -> QuerySet[UnitHead]:
    """Headship rows a person may read: those of the units they may read."""
    return UnitHead.objects.filter(unit__in=units_for(user))


def can_write_units(user: Any) -> bool:
    """May this person change the organisation at all (before any unit exists, too)?"""
    if not is_active_user(user):
        return False
    return bool(user.is_superuser or (user.role == Role.SECRETARIAT and user_jurisdiction(user)))


def can_write_officials(user: Any) -> bool:
    return can_write_units(user) or official_units_for(user).exists()


def search_units(qs: UnitQuerySet, text: str) -> UnitQuerySet:
    text = text.strip()
    if not text:
        return qs
    return qs.filter(
        Q(name__icontains=text)
        | Q(short_name__icontains=text)
        | Q(abbreviation__icontains=text)
        | Q(code__icontains=text)
    )


def search_officials(qs: QuerySet[Official], text: str) -> QuerySet[Official]:
    text = text.strip()
    if not text:
        return qs
    return qs.filter(
        Q(full_name__icontains=text)
        | Q(code__icontains=text)
        | Q(position__icontains=text)
        | Q(email__icontains=text)
        | Q(phone__icontains=text)
    )


def heads_on(unit_ids: Any, day: dt.date) -> dict[int, dict[str, Official]]:
    """{unit id: {"head": official, "acting": official}} on ``day``, in one query (for lists)."""
    rows = (
        UnitHead.objects.filter(unit_id__in=unit_ids)
        .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=day))
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))
        .select_related("official")
        .order_by("valid_from")
    )
    result: dict[int, dict[str, Official]] = {}
    for row in rows:
        result.setdefault(row.unit_id, {})[row.kind] = row.official
    return result


def accountable(heads: dict[str, Official]) -> Official | None:
    """Same rule as ``Unit.accountable_head``: the acting head when there is one, else the head."""
    return heads.get(HeadKind.ACTING) or heads.get(HeadKind.HEAD)


def own_unit_head_kinds(official_ids: list[int], day: dt.date) -> dict[int, str]:
    """official id → "head"/"acting" for officials heading their own unit on ``day`` (the import's
    "người đứng đầu" column)."""
    rows = (
        UnitHead.objects.filter(official_id__in=official_ids, unit_id=F("official__unit_id"))
        .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=day))
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))
        .values_list("official_id", "kind")
    )
    result: dict[int, str] = {}
    for official_id, kind in rows:
        if result.get(official_id) != HeadKind.HEAD:
            result[official_id] = kind
    return result
