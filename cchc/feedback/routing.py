"""Which unit answers a petition.

In order: the unit handling the dossier the citizen names (routing by procedure); the ward committee
where it happened, for categories handled locally (routing by ward); the category's unit (routing by
category); else the Office, which receives and dispatches (Công văn 7190/UBND-NV, mục 1). Staff transfer with
a reason when the first choice is wrong.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet

from cchc.feedback.conf import setting
from cchc.feedback.models import Category
from cchc.org.models import Jurisdiction, JurisdictionLevel, Unit, UnitKind


def wards_of(jurisdiction: Jurisdiction) -> QuerySet[Jurisdiction]:
    return Jurisdiction.objects.filter(
        path__startswith=jurisdiction.path, level=JurisdictionLevel.COMMUNE
    ).order_by("name")


def ward_committee(ward: Jurisdiction) -> Unit | None:
    return (
        Unit.objects.current()
        .filter(jurisdiction=ward, kind=UnitKind.WARD_COMMITTEE)
        .order_by("path")
        .first()
    )


def triage_unit(jurisdiction: Jurisdiction) -> Unit:
    code = str(setting("CCHC_FEEDBACK_TRIAGE_UNIT"))
    units = Unit.objects.current().filter(jurisdiction__path__startswith=jurisdiction.path)
    found = units.filter(code=code).first() if code else None
    found = found or units.filter(jurisdiction=jurisdiction, kind=UnitKind.PEOPLES_COMMITTEE).first()
    found = found or units.order_by("path").first()
    if found is None:
        raise LookupError(f"Địa bàn {jurisdiction.name} chưa có đơn vị nào để tiếp nhận phản ánh.")
    return found


def route(
    jurisdiction: Jurisdiction, category: Category, ward: Jurisdiction | None, dossier: Any = None
) -> tuple[Unit, str]:
    """The responsible unit and why (the reason goes into the audit trail and the staff page)."""
    handling = getattr(dossier, "handling_unit", None) if dossier is not None else None
    if handling is not None:
        return handling, f"theo hồ sơ {dossier.code} do {handling.name} giải quyết"
    if category.route_to_ward and ward is not None:
        committee = ward_committee(ward)
        if committee is not None:
            return committee, f"lĩnh vực «{category.name}» do UBND {ward.name} xử lý"
    if category.unit is not None and category.unit.is_valid_on(dt.date.today()):
        return category.unit, f"lĩnh vực «{category.name}» do {category.unit.name} xử lý"
    unit = triage_unit(jurisdiction)
    return unit, f"chưa xác định đơn vị, {unit.name} tiếp nhận và phân loại"


def public_jurisdiction() -> Jurisdiction | None:
    """The area whose form the public site shows: the configured code, else the highest area that
    has feedback categories."""
    code = str(setting("CCHC_FEEDBACK_JURISDICTION"))
    if code:
        return Jurisdiction.objects.filter(code=code).first()
    ids = Category.objects.filter(is_active=True).values("jurisdiction_id")
    areas = list(Jurisdiction.objects.filter(pk__in=ids))
    if not areas:
        return None
    return min(areas, key=lambda j: (j.path.count("/"), j.path))


def served_jurisdictions() -> QuerySet[Jurisdiction]:
    return Jurisdiction.objects.filter(
        pk__in=Category.objects.filter(is_active=True).values("jurisdiction_id")
    )
