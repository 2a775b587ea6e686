"""Reading what a person typed into an oversight form: dates, numbers and ids, each refused with a
Vietnamese message that names the field (never a server error), through the same plausible-date window
as every other date entering CCHC (``core.plausible``)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Model, QuerySet

from cchc.core import plausible
from cchc.core.params import id_param


def date_field(data: Any, name: str, label: str, *, required: bool = True) -> dt.date | None:
    raw = (data.get(name) or "").strip()
    if not raw:
        if required:
            raise ValidationError({name: f"Cần nhập {label}."})
        return None
    try:
        day = dt.date.fromisoformat(raw[:10])
    except ValueError:
        raise ValidationError({name: f"{label[:1].upper()}{label[1:]} không phải là ngày hợp lệ."}) from None
    reason = plausible.problem(day, deadline=True)
    if reason:
        raise ValidationError({name: f"{label[:1].upper()}{label[1:]}: {reason}"})
    return day


def int_field(data: Any, name: str, label: str, *, low: int, high: int, required: bool = True) -> int | None:
    raw = (data.get(name) or "").strip()
    if not raw:
        if required:
            raise ValidationError({name: f"Cần nhập {label}."})
        return None
    if not raw.isascii() or not raw.isdigit() or not low <= int(raw) <= high:
        raise ValidationError({name: f"{label[:1].upper()}{label[1:]} phải là số từ {low} đến {high}."})
    return int(raw)


def money_field(data: Any, name: str, label: str) -> Decimal | None:
    raw = (data.get(name) or "").replace(".", "").replace(" ", "").strip()
    if not raw:
        return None
    try:
        value = Decimal(raw)
    except InvalidOperation:
        raise ValidationError({name: f"{label[:1].upper()}{label[1:]} phải là số tiền (đồng)."}) from None
    if not value.is_finite() or value < 0 or value >= Decimal(10) ** 17:
        raise ValidationError({name: f"{label[:1].upper()}{label[1:]} không hợp lệ."})
    return value


def pick[M: Model](qs: QuerySet[M], data: Any, name: str, label: str, *, required: bool = True) -> M | None:
    """A row chosen in a select, among those the person may choose; anything else names the field."""
    pk = id_param(data.get(name))
    if pk is None:
        if required:
            raise ValidationError({name: f"Cần chọn {label}."})
        return None
    row = qs.filter(pk=pk).first()
    if row is None:
        raise ValidationError({name: f"{label[:1].upper()}{label[1:]} đã chọn không hợp lệ."})
    return row


def text(data: Any, name: str, limit: int = 4000) -> str:
    return str(data.get(name) or "").strip()[:limit]


def messages_of(exc: ValidationError) -> str:
    return " ".join(exc.messages)
