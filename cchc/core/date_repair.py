"""Stored dates outside the plausible window (core.plausible): find them, and repair what can be.

Rows written before the window was enforced may hold year 1 or 9999; PostgreSQL then fails on every
read of the row ("timestamp too small"), so both the search and the repair work inside the database
(filters and UPDATE) and never read the faulty value into Python. A nullable field is emptied (the
source system sends the right value again, which the API and imports accept); a required one is
listed for a person to correct.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from typing import Any

from django.apps import apps
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone

from cchc.core import events, plausible
from cchc.core.audit_events import CoreEvents

LISTED = 20  # ids shown per field


@dataclass
class Finding:
    model: type[models.Model]
    field: models.Field[Any, Any]
    count: int
    pks: list[Any] = dataclass_field(default_factory=list)

    @property
    def where(self) -> str:
        meta = self.model._meta
        return f"{meta.verbose_name} ({meta.label_lower}) · {self.field.verbose_name} ({self.field.name})"

    @property
    def repairable(self) -> bool:
        return bool(self.field.null)


def _window(model: type[models.Model], f: models.Field[Any, Any]) -> tuple[Any, Any]:
    # Organisation history may be older than the dossiers' window (units founded before 1990).
    low_day = plausible.HISTORY_FROM if model._meta.app_label == "org" else plausible.earliest()
    high_day = plausible.latest(deadline=True) + dt.timedelta(days=1)
    if isinstance(f, models.DateTimeField):
        tz = timezone.get_current_timezone()
        return (
            dt.datetime.combine(low_day, dt.time(), tzinfo=tz),
            dt.datetime.combine(high_day, dt.time(), tzinfo=tz),
        )
    return low_day, high_day


def _outside(model: type[models.Model], f: models.Field[Any, Any]) -> Q:
    low, high = _window(model, f)
    return Q(**{f"{f.name}__lt": low}) | Q(**{f"{f.name}__gte": high})


def implausible_dates() -> list[Finding]:
    """Every date field of every project model, with the rows whose value lies outside the window."""
    found: list[Finding] = []
    for model in apps.get_models():
        if not model.__module__.startswith("cchc.") or model._meta.proxy or not model._meta.managed:
            continue
        for f in model._meta.concrete_fields:
            if not isinstance(f, models.DateField):  # DateTimeField is a DateField
                continue
            rows = model._default_manager.filter(_outside(model, f))
            count = rows.count()
            if count:
                pks = list(rows.order_by("pk").values_list("pk", flat=True)[:LISTED])
                found.append(Finding(model, f, count, pks))
    return found


def repair(findings: list[Finding], actor: str) -> int:
    """Empty every repairable faulty value, one audit event per field; returns the rows changed."""
    changed = 0
    for finding in findings:
        if not finding.repairable:
            continue
        with transaction.atomic():
            rows = finding.model._default_manager.filter(_outside(finding.model, finding.field))
            pks = list(rows.values_list("pk", flat=True))
            count = rows.update(**{finding.field.name: None})
            events.record(
                actor,
                CoreEvents.REPAIRED,
                object_type=finding.model._meta.label_lower,
                summary=f"Xoá {count} giá trị «{finding.field.verbose_name}» ngoài khoảng hợp lý",
                data={"field": finding.field.name, "ids": [str(pk) for pk in pks[:1000]], "count": count},
            )
        changed += count
    return changed
