"""What the organisation actions share: the editable fields, dates as the forms show them, collected field
errors, and the snapshots the audit diff compares."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone

from cchc.org.models import Official, Unit, UnitHead

UNIT_FIELDS = (
    "code",
    "name",
    "short_name",
    "abbreviation",
    "kind",
    "jurisdiction",
    "parent",
    "email",
    "phone",
    "address",
    "valid_from",
    "valid_to",
)
OFFICIAL_FIELDS = ("code", "full_name", "position", "unit", "email", "phone", "is_active")

ONE_DAY = dt.timedelta(days=1)


def today() -> dt.date:
    return timezone.localdate()


def fmt_date(day: dt.date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


def is_user(actor: Any) -> bool:
    return bool(getattr(actor, "is_authenticated", False))


class FieldErrors:
    """Collects field errors so one call reports every problem, not just the first."""

    def __init__(self) -> None:
        self.by_field: dict[str, list[str]] = {}

    def add(self, field: str, message: str) -> None:
        self.by_field.setdefault(field, []).append(message)

    def raise_if_any(self) -> None:
        if self.by_field:
            raise ValidationError(self.by_field)


# --- snapshots for the audit diff ----------------------------------------------------------------


def unit_snapshot(unit: Unit) -> dict[str, Any]:
    return {
        "code": unit.code,
        "name": unit.name,
        "short_name": unit.short_name,
        "abbreviation": unit.abbreviation,
        "kind": unit.kind,
        "jurisdiction": unit.jurisdiction.code if unit.jurisdiction_id else None,
        "parent": unit.parent.code if unit.parent_id and unit.parent else None,
        "email": unit.email,
        "phone": unit.phone,
        "address": unit.address,
        "valid_from": unit.valid_from.isoformat() if unit.valid_from else None,
        "valid_to": unit.valid_to.isoformat() if unit.valid_to else None,
        "replaced_by": unit.replaced_by.code if unit.replaced_by_id and unit.replaced_by else None,
    }


def official_snapshot(official: Official) -> dict[str, Any]:
    return {
        "code": official.code,
        "full_name": official.full_name,
        "position": official.position,
        "unit": official.unit.code if official.unit_id else None,
        "email": official.email,
        "phone": official.phone,
        "is_active": official.is_active,
    }


def head_snapshot(row: UnitHead) -> dict[str, Any]:
    return {
        "unit": row.unit.code,
        "official": row.official.code,
        "kind": row.kind,
        "valid_from": row.valid_from.isoformat() if row.valid_from else None,
        "valid_to": row.valid_to.isoformat() if row.valid_to else None,
    }
